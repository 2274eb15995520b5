// The bulk people picker's search, debounced like the issue picker's (static/src/picker/search.ts): typing
// "sam" asks once, after the last key. With two roles (replacing someone who may hold PM and PO slots) both
// are asked and the answers merged, each person once, with the roles they are eligible for. A search
// overtaken by a newer one resolves to null, which the picker ignores.
import type { PersonView, Role } from '../../../src/contract';
import { call, type UiEnvelope } from '../api';
import { PEOPLE_SEARCH_DEBOUNCE_MS } from './bulk-limits';

export interface FoundPerson {
  person: PersonView;
  /** The roles (of those searched) this person is eligible for. */
  roles: Role[];
}

/** Merges per-role answers, in the order Jira returned them, first role first. */
export function mergeFound(byRole: ReadonlyArray<[Role, readonly PersonView[]]>): FoundPerson[] {
  const found = new Map<string, FoundPerson>();
  for (const [role, people] of byRole)
    for (const person of people) {
      const seen = found.get(person.accountId);
      if (seen) {
        if (!seen.roles.includes(role)) seen.roles.push(role);
      } else found.set(person.accountId, { person, roles: [role] });
    }
  return [...found.values()];
}

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
