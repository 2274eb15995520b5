// Checks a policy from the settings page against the project before it is saved: execution types must be the
// project's own level-0 types (spelled as the project spells them), each role needs a source, and named
// people must be people Jira knows. Project roles named but missing are allowed: the page's onboarding says how
// to create them (or why they cannot be), and the scan reports them until then.
import type { PolicyInput, RoleSourcesInput } from '../../contract/settings';
import type { JiraIssueType, JiraUser } from '../../jira/types';
import { AppError } from '../errors';

const ROLE_NAMES = { pm: 'PM', po: 'PO' } as const;

function hasSource(sources: RoleSourcesInput): boolean {
  return sources.projectRoles.length > 0 || sources.groups.length > 0 || sources.accountIds.length > 0;
}

/** The input with execution types in the project's spelling, duplicates dropped; BAD_REQUEST when invalid. */
export function validatePolicyInput(input: PolicyInput, issueTypes: readonly JiraIssueType[]): PolicyInput {
  const storyLevel = issueTypes.filter((t) => t.hierarchyLevel === 0 && t.subtask !== true);
  const byName = new Map(storyLevel.map((t) => [t.name.toLowerCase(), t.name]));
  const valid = [...new Set(storyLevel.map((t) => t.name))].sort((a, b) => a.localeCompare(b));
  const executionTypes: string[] = [];
  for (const name of input.executionTypes) {
    const own = byName.get(name.toLowerCase());
    if (own === undefined) {
      throw new AppError(
        'BAD_REQUEST',
        `"${name}" is not a story-level (level 0) issue type of this project, so it cannot be in scope. ` +
          `Choose from: ${valid.join(', ') || 'none (the project has no level-0 types)'}.`,
      );
    }
    if (!executionTypes.includes(own)) executionTypes.push(own);
  }
  for (const role of ['pm', 'po'] as const) {
    if (!hasSource(input.roles[role])) {
      throw new AppError(
        'BAD_REQUEST',
        `The ${ROLE_NAMES[role]} role needs at least one source: a project role, a group or a named person.`,
      );
    }
  }
  return { ...input, executionTypes };
}

/** BAD_REQUEST when a named person is unknown to Jira or is not a person (an app or a customer account). */
export function validateNamedPeople(input: PolicyInput, found: readonly JiraUser[]): void {
  const accounts = new Map(found.map((u) => [u.accountId, u]));
  for (const role of ['pm', 'po'] as const) {
    for (const accountId of input.roles[role].accountIds) {
      const account = accounts.get(accountId);
      if (!account) {
        throw new AppError(
          'BAD_REQUEST',
          `Jira does not know the account ${accountId} named as a ${ROLE_NAMES[role]}: remove it, or pick the person again.`,
        );
      }
      if (account.accountType !== 'atlassian') {
        throw new AppError(
          'BAD_REQUEST',
          `${account.displayName || accountId} is not a person (an app or a customer account), so cannot be a ${ROLE_NAMES[role]}: remove them.`,
        );
      }
    }
  }
}

export function namedAccountIds(input: Pick<PolicyInput, 'roles'>): string[] {
  return [...new Set([...input.roles.pm.accountIds, ...input.roles.po.accountIds])];
}
