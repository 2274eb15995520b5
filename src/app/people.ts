// Who may hold one role in one project, person by person, for the issue context, the writes and the picker.
// The same sources and rules as the scan's roster (resolve-roster.ts, domain/eligibility.ts), read for the
// slot's role only; role sources and group memberships go through the five-minute cache (account ids and
// group names only, never display names), so a warm issue context reads just the accounts.
import type { IneligibleReason, PersonView } from '../contract/views';
import { holdsRole, type PersonGroup, type ResolvedRoleSources } from '../domain/eligibility';
import type { Role } from '../domain/model';
import type { JiraUser } from '../jira/types';
import type { Policy } from '../domain/policy';
import { JiraError } from '../jira/errors';
import { AppError } from './errors';
import { FreshCache } from './fresh-cache';
import { mapLimit } from './map-limit';
import type { OwnershipPorts } from './ports';
import { hasGroupSources, readRoleSources } from './resolve-roster';

export interface RoleQuestion {
  projectKey: string;
  policy: Policy;
  role: Role;
}

/** A person checked for a role: the panel's PersonView plus how they hold it. */
export interface PersonCheck extends PersonView {
  via: 'direct' | 'group' | null;
}

interface StoredSources {
  userIds: string[];
  groupIds: string[];
  groupNames: string[];
}

export interface PersonAccount {
  accountId: string;
  displayName: string;
  active: boolean;
  accountType: string;
  avatarUrl: string | null;
}

const GROUP_LOOKUP_CONCURRENCY = 5;

export function cacheOf(ports: OwnershipPorts): FreshCache {
  return new FreshCache(ports.store, ports.clock);
}

function sourcesCacheKey(q: RoleQuestion): { key: string; tag: string } {
  // The policy's role sources are part of the entry's meaning: a changed policy is a miss.
  return { key: `sources:${q.projectKey}:${q.role}`, tag: JSON.stringify(q.policy.roles[q.role]) };
}

function resolved(stored: StoredSources): ResolvedRoleSources {
  return {
    userIds: new Set(stored.userIds),
    groupIds: new Set(stored.groupIds),
    groupNames: new Set(stored.groupNames),
  };
}

/** The role's sources if the cache has them fresh, without asking Jira (the header's lozenge). */
export async function cachedRoleSources(
  ports: OwnershipPorts,
  q: RoleQuestion,
): Promise<ResolvedRoleSources | undefined> {
  const { key, tag } = sourcesCacheKey(q);
  const stored = await cacheOf(ports).get<StoredSources>(key, tag);
  return stored && resolved(stored);
}

/** A person's groups if the cache has them fresh (undefined: not cached; null: Jira does not know them). */
export function cachedGroups(
  ports: OwnershipPorts,
  accountId: string,
): Promise<PersonGroup[] | null | undefined> {
  return cacheOf(ports).get<PersonGroup[] | null>(`groups:${accountId}`);
}

/** The role's sources (cached five minutes); an unreadable source is ROSTER_UNAVAILABLE, never "nobody". */
export async function roleSourcesFor(ports: OwnershipPorts, q: RoleQuestion): Promise<ResolvedRoleSources> {
  const cached = await cachedRoleSources(ports, q);
  if (cached) return cached;
  const read = await readRoleSources(ports.jira, q.projectKey, q.policy, q.role);
  if (!read.ok) throw new AppError('ROSTER_UNAVAILABLE', read.message);
  const stored: StoredSources = {
    userIds: [...read.sources.userIds],
    groupIds: [...read.sources.groupIds],
    groupNames: [...read.sources.groupNames],
  };
  const { key, tag } = sourcesCacheKey(q);
  await cacheOf(ports).put(key, stored, tag);
  return resolved(stored);
}

/**
 * Accounts by id, always read fresh (one `user/bulk` request): status decides eligibility and names are
 * shown, and display names are never stored, so there is nothing worth caching. Unknown ids map to null.
 */
export async function accountsFor(
  ports: OwnershipPorts,
  accountIds: readonly string[],
): Promise<Map<string, PersonAccount | null>> {
  const ids = [...new Set(accountIds)];
  const found = new Map<string, PersonAccount | null>();
  if (ids.length === 0) return found;
  const users = await ports.jira.getUsers(ids);
  for (const id of ids) {
    const user = users.find((u) => u.accountId === id);
    found.set(id, user ? toPersonAccount(user) : null);
  }
  return found;
}

function toPersonAccount(user: JiraUser): PersonAccount {
  return {
    accountId: user.accountId,
    displayName: user.displayName,
    active: user.active,
    accountType: user.accountType,
    avatarUrl: user.avatarUrl ?? null,
  };
}

function accountsFrom(ids: readonly string[], users: readonly JiraUser[]): Map<string, PersonAccount | null> {
  const byId = new Map(users.map((u) => [u.accountId, u]));
  return new Map(ids.map((id) => [id, byId.has(id) ? toPersonAccount(byId.get(id) as JiraUser) : null]));
}

/** A person's groups (cached five minutes); null when Jira does not know the account. */
async function groupsOf(ports: OwnershipPorts, accountId: string): Promise<PersonGroup[] | null> {
  return cacheOf(ports).through(`groups:${accountId}`, async () => {
    try {
      return (await ports.jira.getUserGroups(accountId)).map((g) =>
        g.groupId === undefined ? { name: g.name } : { name: g.name, groupId: g.groupId },
      );
    } catch (error) {
      if (error instanceof JiraError && error.kind === 'not-found') return null;
      throw error;
    }
  });
}

function ineligible(account: PersonAccount | null | undefined): IneligibleReason | null {
  if (!account) return 'unknown-account';
  if (account.accountType !== 'atlassian') return 'not-a-person';
  if (!account.active) return 'inactive';
  return null;
}

/**
 * Check people for the role: account status first (an inactive or app account is never in a role, and needs
 * no group lookup), then direct actors and named people, then group membership when the role has group
 * sources. At most one `user/bulk` request for uncached accounts and one `user/groups` per uncached person.
 */
export async function checkPeople(
  ports: OwnershipPorts,
  q: RoleQuestion,
  accountIds: readonly string[],
  /** Accounts the caller has just read (the people search returns them): not read again. */
  known?: readonly JiraUser[],
): Promise<Map<string, PersonCheck>> {
  const ids = [...new Set(accountIds)];
  const result = new Map<string, PersonCheck>();
  if (ids.length === 0) return result;
  const sources = await roleSourcesFor(ports, q);
  const accounts = known ? accountsFrom(ids, known) : await accountsFor(ports, ids);
  const byGroup: string[] = [];
  for (const id of ids) {
    const account = accounts.get(id);
    const base = {
      accountId: id,
      displayName: account?.displayName ?? null,
      avatarUrl: account?.avatarUrl ?? null,
    };
    const reason = ineligible(account);
    if (reason) result.set(id, { ...base, eligible: false, reason, via: null });
    else if (sources.userIds.has(id))
      result.set(id, { ...base, eligible: true, reason: null, via: 'direct' });
    else if (hasGroupSources(sources)) byGroup.push(id);
    else result.set(id, { ...base, eligible: false, reason: 'not-in-role', via: null });
  }
  await mapLimit(byGroup, GROUP_LOOKUP_CONCURRENCY, async (id) => {
    const account = accounts.get(id);
    const groups = await groupsOf(ports, id);
    const base = {
      accountId: id,
      displayName: account?.displayName ?? null,
      avatarUrl: account?.avatarUrl ?? null,
    };
    if (groups === null) result.set(id, { ...base, eligible: false, reason: 'unknown-account', via: null });
    else if (holdsRole(id, groups, sources))
      result.set(id, { ...base, eligible: true, reason: null, via: 'group' });
    else result.set(id, { ...base, eligible: false, reason: 'not-in-role', via: null });
  });
  return result;
}

/** Display names for account ids (history, waivers): resolved when read, never stored. */
export async function namesFor(
  ports: OwnershipPorts,
  accountIds: readonly string[],
): Promise<(id: string) => { accountId: string; displayName: string | null }> {
  const accounts = await accountsFor(ports, accountIds);
  return (id) => ({ accountId: id, displayName: accounts.get(id)?.displayName ?? null });
}
