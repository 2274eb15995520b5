// The bulk people picker's search, debounced like the issue picker's (static/src/picker/search.ts): typing
// "sam" asks once, after the last key. With two roles (replacing someone who may hold PM and PO slots) both
// are asked and the answers merged, each person once, with the roles they are eligible for. A search
// overtaken by a newer one resolves to null, which the picker ignores.
import type { PersonView, Role } from '../../../src/contract';
import { call, type UiEnvelope } from '../api';
import { mergeFound, type FoundPerson } from './bulk-found';
import { PEOPLE_SEARCH_DEBOUNCE_MS } from './bulk-limits';

export async function searchPeople(
  roles: readonly Role[],
  query: string,
): Promise<UiEnvelope<FoundPerson[]>> {
  const trimmed = query.trim().slice(0, 100);
  const answers = await Promise.all(
    roles.map((role) => call('bulk/search-people', { role, query: trimmed })),
  );
  const byRole: Array<[Role, PersonView[]]> = [];
  for (const [index, envelope] of answers.entries()) {
    if (!envelope.ok) return envelope;
    byRole.push([roles[index] as Role, envelope.data.people]);
  }
  return { ok: true, data: mergeFound(byRole) };
}

export function createBulkPeopleSearch(delayMs = PEOPLE_SEARCH_DEBOUNCE_MS) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let cancelPending: (() => void) | null = null;
  return (roles: readonly Role[], query: string): Promise<UiEnvelope<FoundPerson[]> | null> => {
    if (timer) clearTimeout(timer);
    cancelPending?.();
    return new Promise((resolve) => {
      cancelPending = () => resolve(null);
      timer = setTimeout(() => {
        cancelPending = null;
        timer = null;
        void searchPeople(roles, query).then(resolve);
      }, delayMs);
    });
  };
}
