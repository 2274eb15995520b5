// How the UI sees a person in a slot: who they are and, if they do not cover the slot, why not.
import type { IneligibleReason, PersonView } from '../contract/views';
import type { Account, Role, Roster } from '../domain/model';

export function personView(
  accountId: string,
  role: Role,
  roster: Extract<Roster, { ok: true }>,
  accounts: ReadonlyMap<string, Account>,
): PersonView {
  const account = accounts.get(accountId);
  let reason: IneligibleReason | null = null;
  if (!account) reason = 'unknown-account';
  else if (account.accountType !== 'atlassian') reason = 'not-a-person';
  else if (!account.active) reason = 'inactive';
  else if (!roster[role].has(accountId)) reason = 'not-in-role';
  return { accountId, displayName: account?.displayName ?? null, eligible: reason === null, reason };
}
