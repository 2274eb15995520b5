// Who may fill a slot. Role membership is decided from sources the app layer has already read from Jira
// (project role actors, configured groups, named people); this module only combines them, so a source that
// could not be read never reaches here as "nobody" (the app reports ROSTER_UNAVAILABLE instead).
import type { Account, Role, Roster } from './model';

/** One role's sources, resolved: user actors and named people, group actors and configured groups. */
export interface ResolvedRoleSources {
  userIds: ReadonlySet<string>;
  groupIds: ReadonlySet<string>;
  /** Compared case-insensitively, as Jira treats group names. */
  groupNames: ReadonlySet<string>;
}

/** A group a person belongs to, as `GET /rest/api/3/user/groups` reports it (`groupId` may be missing). */
export interface PersonGroup {
  groupId?: string;
  name: string;
}

/** Is the person in the role: named directly, or a member of one of the role's groups (by id or by name)? */
export function holdsRole(
  accountId: string,
  groups: readonly PersonGroup[],
  sources: ResolvedRoleSources,
): boolean {
  if (sources.userIds.has(accountId)) return true;
  for (const group of groups) {
    if (group.groupId !== undefined && sources.groupIds.has(group.groupId)) return true;
    if (sources.groupNames.has(group.name)) return true;
  }
  if (sources.groupNames.size === 0) return false;
  // Group names are few; a case-insensitive pass over them costs nothing and matches Jira's own rule.
  const wanted = new Set(groups.map((g) => g.name.toLowerCase()));
  for (const name of sources.groupNames) if (wanted.has(name.toLowerCase())) return true;
  return false;
}

/** Only active Atlassian accounts can hold a role; app and customer accounts never do. */
export function isUsableAccount(account: Account | undefined): account is Account {
  return account !== undefined && account.active && account.accountType === 'atlassian';
}

/**
 * Eligible for a slot: a known account, active, of type `atlassian`, and in the role. An unknown account is
 * not eligible: Jira did not return it, so it is deleted or was never real.
 */
export function isEligible(
  accountId: string,
  role: Role,
  roster: Extract<Roster, { ok: true }>,
  accounts: ReadonlyMap<string, Account>,
): boolean {
  return isUsableAccount(accounts.get(accountId)) && roster[role].has(accountId);
}
