// The picker: who may hold the issue's slot, matching what the viewer types. Direct role actors and named
// people come first (known from the role's sources, no search needed); people who may hold the role through
// a group are found with Jira's people search (as the viewer) and then checked one by one with `user/groups`,
// for at most ten of them per query. Listing a group's members would need an admin scope: never done.
import type { PeopleSearchResult, PersonNotOffered, PersonOption } from '../contract/views';
import type { Policy } from '../domain/policy';
import { writableSlot, readIssueAsViewer, type IssueRef } from './change-ownership';
import { accountsFor, checkPeople, roleSourcesFor } from './people';
import type { OwnershipPorts } from './ports';
import { hasGroupSources } from './resolve-roster';

/** People checked for group membership per query (one `user/groups` request each, unless cached). */
export const MAX_GROUP_CANDIDATES = 10;
/** Direct actors listed at most. */
const MAX_DIRECT = 50;

function matches(displayName: string, query: string): boolean {
  if (query === '') return true;
  const q = query.toLowerCase();
  const name = displayName.toLowerCase();
  return name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q));
}

const byName = (a: { displayName: string }, b: { displayName: string }) =>
  a.displayName.localeCompare(b.displayName);

export async function searchPeople(
  ports: OwnershipPorts,
  request: { issue: IssueRef; policy: Policy; query: string },
): Promise<PeopleSearchResult> {
  const { policy } = request;
  const query = request.query.trim();
  const facts = await readIssueAsViewer(ports, request.issue.id);
  const slot = writableSlot(facts, policy);
  const question = { projectKey: facts.projectKey, policy, role: slot };
  const sources = await roleSourcesFor(ports, question);

  // Direct actors and named people: their accounts in one request, filtered by the query here.
  const directIds = [...sources.userIds].slice(0, MAX_DIRECT);
  const accounts = await accountsFor(ports, directIds);
  const people: PersonOption[] = [];
  const notOffered: PersonNotOffered[] = [];
  for (const id of directIds) {
    const account = accounts.get(id);
    if (!account || !matches(account.displayName, query)) continue;
    if (account.accountType !== 'atlassian' || !account.active) continue; // never offered, never named
    people.push({
      accountId: id,
      displayName: account.displayName,
      avatarUrl: account.avatarUrl,
      via: 'direct',
    });
  }
  people.sort(byName);

  let truncated = false;
  if (query !== '' && hasGroupSources(sources)) {
    const found = await ports.userJira.searchUsers(query, MAX_GROUP_CANDIDATES + 1);
    const others = found.filter((u) => !sources.userIds.has(u.accountId));
    truncated = others.length > MAX_GROUP_CANDIDATES;
    const candidates = others.slice(0, MAX_GROUP_CANDIDATES);
    // The search already returned each account: check membership without asking for the accounts again.
    const checked = await checkPeople(
      ports,
      question,
      candidates.map((u) => u.accountId),
      candidates,
    );
    const viaGroup: PersonOption[] = [];
    for (const user of candidates) {
      const person = checked.get(user.accountId);
      const avatarUrl = user.avatarUrl ?? null;
      if (person?.eligible) {
        viaGroup.push({ accountId: user.accountId, displayName: user.displayName, avatarUrl, via: 'group' });
      } else if (person?.reason && person.reason !== 'not-a-person') {
        notOffered.push({
          accountId: user.accountId,
          displayName: user.displayName,
          avatarUrl,
          reason: person.reason,
        });
      }
    }
    people.push(...viaGroup.sort(byName));
  }
  return { slot, people, notOffered: notOffered.sort(byName), truncated };
}
