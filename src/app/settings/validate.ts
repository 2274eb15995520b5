// Checks a policy from the settings page against the project before it is saved: execution types must be the
// project's own level-0 types (spelled as the project spells them), each role needs a source that exists here,
// and named people must be people Jira knows. A project role named but missing is allowed beside a usable
// source (the page's onboarding says how to create it, or why it cannot be), never as a role's only source:
// nobody would hold the role, and every owner would count as not eligible.
import type { PolicyInput, RoleSourcesInput } from '../../contract/settings';
import type { JiraIssueType, JiraUser } from '../../jira/types';
import { AppError } from '../errors';

const ROLE_NAMES = { pm: 'PM', po: 'PO' } as const;

const ROLE_FULL_NAMES = { pm: 'Product Manager', po: 'Product Owner' } as const;

function hasSource(sources: RoleSourcesInput): boolean {
  return sources.projectRoles.length > 0 || sources.groups.length > 0 || sources.accountIds.length > 0;
}

/**
 * The input with execution types in the project's spelling, duplicates dropped; BAD_REQUEST when invalid.
 * `projectRoles` are the roles that exist in the project (Jira's names).
 */
export function validatePolicyInput(
  input: PolicyInput,
  issueTypes: readonly JiraIssueType[],
  projectRoles: ReadonlyArray<{ name: string }>,
): PolicyInput {
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
  const existing = new Set(projectRoles.map((r) => r.name.toLowerCase()));
  for (const role of ['pm', 'po'] as const) {
    const sources = input.roles[role];
    if (sources.groups.length > 0 || sources.accountIds.length > 0) continue;
    if (sources.projectRoles.some((name) => existing.has(name.trim().toLowerCase()))) continue;
    const names = sources.projectRoles.map((name) => `"${name.trim()}"`).join(', ');
    throw new AppError(
      'BAD_REQUEST',
      `${names} ${sources.projectRoles.length === 1 ? 'does' : 'do'} not exist in this project, so nobody would be a ${ROLE_NAMES[role]}: add a group or people for the ${ROLE_FULL_NAMES[role]} role (or have a Jira admin create the project role first, where project roles can be added).`,
    );
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
