// The `jira:workflowValidator` module: a Jira expression Jira evaluates on its own, with no call to the app
// that could time out or fail, refusing a transition while the Role Split slot is empty. Built here,
// from the same constants the app reads and writes (property keys, the default execution types), and copied
// into manifest.yml: a unit test checks that the manifest carries exactly this text, and the sandbox's
// transitions evaluate the manifest's copy. docs/design/workflow-validator.md explains each field it reads.
import { defaultPolicy } from '../../domain/policy';
import { OWNERSHIP_PROPERTY_KEY } from '../../domain/ownership';
import type { Role } from '../../domain/model';
import { POLICY_PROPERTY_KEY } from '../enablement';

export const WORKFLOW_VALIDATOR_KEY = 'role-split-owner-required';

export const WORKFLOW_VALIDATOR_NAME = 'Role Split: owner required';

export const WORKFLOW_VALIDATOR_DESCRIPTION =
  'Refuses the transition while the issue has no owner in its Role Split slot: a Product Manager on epics ' +
  'and other strategy issues, a Product Owner on the story types the project tracks. Sub-tasks, other types ' +
  'and projects where Role Split is off pass. Do not add it to the Create transition.';

export const ROLE_TITLES: Record<Role, string> = { pm: 'Product Manager', po: 'Product Owner' };

const FIX = 'set one in the Role Split section of the issue, then try again.';

/** The refusal the expression returns, for an issue of `typeName` whose `role` slot is empty. */
export function missingOwnerMessage(role: Role, typeName: string): string {
  return `This ${typeName} has no ${ROLE_TITLES[role]} (${role.toUpperCase()}): ${FIX}`;
}

/**
 * Shown by Jira when the expression does not return `true` or a message: it failed to evaluate (a property
 * another tool damaged, say) or returned something else. Says who can look and where.
 */
export const WORKFLOW_VALIDATOR_ERROR_MESSAGE =
  'Role Split could not check the owner of this issue. Open the Role Split section of the issue and fix what ' +
  'it reports, or ask a project admin to check the Role Split settings, then try again.';

/** A Jira expression string literal (double quotes; the texts here hold no quote or backslash). */
function str(text: string): string {
  if (/["\\\n]/.test(text)) throw new Error(`not a plain expression string: ${text}`);
  return `"${text}"`;
}

/**
 * The message as the expression builds it: the issue type's name is read at run time, so an initiative says
 * "This Initiative ...". Split around the type name.
 */
function messageExpression(role: Role): string {
  const marker = '\u0000';
  const [before = '', after = ''] = missingOwnerMessage(role, marker).split(marker);
  return `${str(before)} + issue.issueType.name + ${str(after)}`;
}

function buildExpression(): string {
  const policy = `project.properties[${str(POLICY_PROPERTY_KEY)}]`;
  const ownership = `issue.properties[${str(OWNERSHIP_PROPERTY_KEY)}]`;
  const level = 'issue.issueType.hierarchyLevel';
  const defaults = `[${defaultPolicy().executionTypes.map(str).join(', ')}]`;
  const types = `(${policy}?.executionTypes != null ? ${policy}.executionTypes : ${defaults})`;
  return [
    // Passes: the create transition (no issue id yet, so no property either), a project where Role Split is
    // off (the same loose read as the app: schema 1 and enabled: true), sub-tasks.
    `issue.id == null || ${policy}?.schema != 1 || ${policy}.enabled != true || ${level} < 0`,
    `? true`,
    // Strategy (level >= 1): needs a PM.
    `: ${level} > 0`,
    `? (${ownership}?.pm?.accountId != null ? true : ${messageExpression('pm')})`,
    // Level 0: only the project's execution types (default Story) need a PO.
    `: !${types}.includes(issue.issueType.name) || ${ownership}?.po?.accountId != null`,
    `? true`,
    `: ${messageExpression('po')}`,
  ].join('\n');
}

/** The expression: `true` to allow the transition, or the refusal message. */
export const WORKFLOW_VALIDATOR_EXPRESSION = buildExpression();

/** The module as manifest.yml declares it (`modules['jira:workflowValidator']`). */
export const WORKFLOW_VALIDATOR_MODULE = {
  key: WORKFLOW_VALIDATOR_KEY,
  name: WORKFLOW_VALIDATOR_NAME,
  description: WORKFLOW_VALIDATOR_DESCRIPTION,
  expression: WORKFLOW_VALIDATOR_EXPRESSION,
  errorMessage: WORKFLOW_VALIDATOR_ERROR_MESSAGE,
  projectTypes: ['company-managed', 'team-managed'],
} as const;
