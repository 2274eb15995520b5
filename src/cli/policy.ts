// The policy a CLI run applies to one project: the project's `role-split-policy` property (the same value the
// app and Jira expressions read, src/app/policy-store.ts), with the policy flags laid over it only where they
// were given. A role flag replaces every source of that role (its groups and named people too): the flag says
// "the members of this project role", nothing else.
import { readPolicy, type PolicyRead } from '../app/policy-store';
import type { Policy } from '../domain/policy';
import type { JiraClient } from '../jira/types';
import type { PolicyFlags } from './args';

export type { PolicyRead };

export function applyPolicyFlags(policy: Policy, flags: Omit<PolicyFlags, 'rosterFile'>): Policy {
  const roles = { ...policy.roles };
  if (flags.pmRole !== null) roles.pm = { projectRoles: [flags.pmRole], groups: [], accountIds: [] };
  if (flags.poRole !== null) roles.po = { projectRoles: [flags.poRole], groups: [], accountIds: [] };
  return {
    ...policy,
    roles,
    executionTypes: flags.executionTypes === null ? policy.executionTypes : [...flags.executionTypes],
    includeDone: flags.includeDone ?? policy.includeDone,
  };
}

export interface ProjectPolicy {
  policy: Policy;
  /** One line for stderr when the stored value could not be used (the defaults applied instead). */
  warning: string | null;
}

/** Reads the project's stored policy (one request) and applies the flags. Jira errors propagate. */
export async function projectPolicy(
  jira: JiraClient,
  projectKey: string,
  flags: Omit<PolicyFlags, 'rosterFile'>,
): Promise<ProjectPolicy> {
  const read = await readPolicy(jira, projectKey);
  return {
    policy: applyPolicyFlags(read.policy, flags),
    warning:
      read.source === 'unreadable'
        ? `warning: ${projectKey}: ${read.problem ?? 'the stored policy does not parse; the defaults apply.'}`
        : null,
  };
}
