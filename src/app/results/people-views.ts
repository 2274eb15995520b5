// Names for the account ids on a page of stored results, resolved with Jira's user/bulk as the app when the page
// is read (storage holds account ids only, never names). Whether a person covers their slot comes from the
// stored results (the scan's roster check); Jira's answer only says why not: unknown, not a person, inactive,
// else not in the role. A short in-memory cache spares the next page of the same people within one warm
// function instance; names are never written anywhere.
import type { IneligibleReason, PersonView } from '../../contract/views';
import type { JiraClient, JiraUser } from '../../jira/types';

const NAME_CACHE_MS = 60_000;
const cache = new Map<string, { user: JiraUser | null; at: number }>();

export type People = ReadonlyMap<string, JiraUser | null>;

export async function lookUpPeople(
  jira: JiraClient,
  accountIds: Iterable<string>,
  now = Date.now(),
): Promise<People> {
  const found = new Map<string, JiraUser | null>();
  const missing: string[] = [];
  for (const id of new Set(accountIds)) {
    const hit = cache.get(id);
    if (hit && now - hit.at < NAME_CACHE_MS) found.set(id, hit.user);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const users = await jira.getUsers(missing);
    const byId = new Map(users.map((u) => [u.accountId, u]));
    for (const id of missing) {
      const user = byId.get(id) ?? null;
      found.set(id, user);
      cache.set(id, { user, at: now });
    }
  }
  return found;
}

/** Forgets cached names (tests). */
export function clearPeopleCache(): void {
  cache.clear();
}

function accountProblem(user: JiraUser | null | undefined): IneligibleReason | null {
  if (!user) return 'unknown-account';
  if (user.accountType !== 'atlassian') return 'not-a-person';
  if (!user.active) return 'inactive';
  return null;
}

/** A slot holder: `covers` is what the scan found (eligible for the slot's role). */
export function holderView(people: People, accountId: string, covers: boolean): PersonView {
  const user = people.get(accountId);
  const reason = covers ? null : (accountProblem(user) ?? 'not-in-role');
  return {
    accountId,
    displayName: user?.displayName ?? null,
    eligible: reason === null,
    reason,
    avatarUrl: user?.avatarUrl ?? null,
  };
}

/** Someone who acted (a waiver's author): no role to hold, only whether the account is a usable person. */
export function actorView(people: People, accountId: string): PersonView {
  const user = people.get(accountId);
  const reason = accountProblem(user);
  return {
    accountId,
    displayName: user?.displayName ?? null,
    eligible: reason === null,
    reason,
    avatarUrl: user?.avatarUrl ?? null,
  };
}
