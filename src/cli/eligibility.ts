// Who may hold a role in one project, for `role-split assign`: the app's own check (src/app/people.ts
// `checkPeople`: the policy's role sources, group actors included, and the account's status), or, with
// `--roster FILE`, the file's people (still only active people accounts). The app's check caches role sources
// and group memberships in its key-value store; the CLI gives it one in memory, for the run.
import type { EligibilityVerdict } from '../app/bulk/plan-writes';
import { accountsFor, checkPeople } from '../app/people';
import type { Clock, KeyValueStore, OwnershipPorts } from '../app/ports';
import type { Role } from '../domain/model';
import type { Policy } from '../domain/policy';
import type { JiraClient } from '../jira/types';
import type { RosterFile } from './roster-file';

/** A KeyValueStore in a Map, for one run (never persisted). */
export function memoryStore(): KeyValueStore {
  const values = new Map<string, unknown>();
  return {
    get: <T>(key: string) => Promise.resolve(values.get(key) as T | undefined),
    set: (key, value) => {
      values.set(key, structuredClone(value));
      return Promise.resolve();
    },
    create: (key, value) => {
      if (values.has(key)) return Promise.resolve(false);
      values.set(key, structuredClone(value));
      return Promise.resolve(true);
    },
    swap: <T>(key: string, value: unknown) => {
      const before = values.get(key) as T | undefined;
      values.set(key, structuredClone(value));
      return Promise.resolve(before);
    },
    delete: (key) => {
      values.delete(key);
      return Promise.resolve();
    },
    list: <T>(prefix: string) =>
      Promise.resolve(
        [...values.entries()]
          .filter(([key]) => key.startsWith(prefix))
          .map(([key, value]) => ({ key, value: value as T })),
      ),
  };
}

export type EligibilityChecker = (
  role: Role,
  accountIds: readonly string[],
) => Promise<ReadonlyMap<string, EligibilityVerdict>>;

/**
 * The checker for one project. Without a roster it throws AppError ROSTER_UNAVAILABLE when a role source
 * cannot be read (reading project role members needs Administer Projects): never "nobody is eligible".
 */
export function eligibilityChecker(args: {
  jira: JiraClient;
  clock: Clock;
  store: KeyValueStore;
  projectKey: string;
  policy: Policy;
  roster: RosterFile | null;
}): EligibilityChecker {
  const ports: OwnershipPorts = {
    jira: args.jira,
    userJira: args.jira,
    clock: args.clock,
    store: args.store,
  };
  const { roster } = args;
  if (roster === null) {
    return async (role, accountIds) =>
      checkPeople(ports, { projectKey: args.projectKey, policy: args.policy, role }, accountIds);
  }
  return async (role, accountIds) => {
    const accounts = await accountsFor(ports, accountIds);
    const listed = new Set(roster[role]);
    const verdicts = new Map<string, EligibilityVerdict>();
    for (const id of accountIds) {
      const account = accounts.get(id);
      if (!account) verdicts.set(id, { eligible: false, reason: 'unknown-account' });
      else if (account.accountType !== 'atlassian')
        verdicts.set(id, { eligible: false, reason: 'not-a-person' });
      else if (!account.active) verdicts.set(id, { eligible: false, reason: 'inactive' });
      else if (!listed.has(id)) verdicts.set(id, { eligible: false, reason: 'not-in-role' });
      else verdicts.set(id, { eligible: true, reason: null });
    }
    return verdicts;
  };
}
