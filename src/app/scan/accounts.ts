// The people a scan meets: the owners its issues name, and their accounts as Jira reports them (for display,
// and whether each is active).
import type { Account, IssueFacts } from '../../domain/model';
import { readOwnership } from '../../domain/ownership';
import type { JiraClient } from '../../jira/types';

/** Every account named in a slot of a readable ownership property. */
export function ownersNamed(issues: Iterable<IssueFacts>): Set<string> {
  const owners = new Set<string>();
  for (const issue of issues) {
    const reading = readOwnership(issue.ownership);
    if (reading.kind !== 'valid') continue;
    if (reading.ownership.pm) owners.add(reading.ownership.pm.accountId);
    if (reading.ownership.po) owners.add(reading.ownership.po.accountId);
  }
  return owners;
}

export async function readAccounts(
  jira: Pick<JiraClient, 'getUsers'>,
  accountIds: Iterable<string>,
): Promise<Map<string, Account>> {
  const ids = [...new Set(accountIds)];
  const accounts = new Map<string, Account>();
  if (ids.length === 0) return accounts;
  for (const user of await jira.getUsers(ids)) {
    accounts.set(user.accountId, {
      accountId: user.accountId,
      displayName: user.displayName,
      active: user.active,
      accountType: user.accountType,
    });
  }
  return accounts;
}
