// The settings form's state, apart from React: the draft an admin edits, the checks the page makes before it
// sends anything (the backend checks again, against the project as it is then), and whether anything changed.
// Pure, so every rule is tested in Node. The draft keeps what was typed as typed (grace days as text), so a
// refused save loses nothing.
import type { GapCode } from '../../../src/contract';
import type { PolicyInput, RoleSourcesInput, SettingsView } from '../../../src/contract/settings';
import { GAP_CODES } from '../../../src/domain/model';
import { ROLE_NAME } from '../format';

export type RoleKey = 'pm' | 'po';
export const ROLE_KEYS: readonly RoleKey[] = ['pm', 'po'];

export type GroupSource = RoleSourcesInput['groups'][number];

export interface SettingsDraft {
  roles: Record<RoleKey, RoleSourcesInput>;
  executionTypes: string[];
  includeDone: boolean;
  /** As typed: validated to a whole number of days only when saving. */
  graceDays: string;
  rules: PolicyInput['rules'];
}

/** The contract's limits (src/contract/settings.ts), so the page says so before the backend refuses. */
export const LIMITS = { projectRoles: 20, groups: 20, accountIds: 50, executionTypes: 20, graceDays: 365 };

/** Fields that can be wrong, in the order they appear on the page (the first one wrong gets the focus). */
export const FIELD_ORDER = ['pm-sources', 'po-sources', 'execution-types', 'grace-days'] as const;
export type FieldId = (typeof FIELD_ORDER)[number];
export type FieldErrors = Partial<Record<FieldId, string>>;

/**
 * The draft the page starts from. Where project roles cannot be added (Jira Free, a team-managed project) and
 * nothing is stored yet, the default roles the project lacks start unticked, so the admin names groups or people
 * instead of saving sources that hold nobody; they stay listed, so ticking one again undoes a misclick.
 */
export function initialDraft(view: Pick<SettingsView, 'policy' | 'onboarding' | 'source'>): SettingsDraft {
  const draft = draftFromPolicy(view.policy);
  if (view.onboarding.kind !== 'roles-unavailable' || view.source !== 'default') return draft;
  for (const { role, name } of view.onboarding.missing)
    draft.roles[role].projectRoles = toggleListed(draft.roles[role].projectRoles, name, false);
  return draft;
}

export function draftFromPolicy(policy: PolicyInput): SettingsDraft {
  const copy = (sources: RoleSourcesInput): RoleSourcesInput => ({
    projectRoles: [...sources.projectRoles],
    groups: sources.groups.map((group) => ({ ...group })),
    accountIds: [...sources.accountIds],
  });
  return {
    roles: { pm: copy(policy.roles.pm), po: copy(policy.roles.po) },
    executionTypes: [...policy.executionTypes],
    includeDone: policy.includeDone,
    graceDays: String(policy.graceDays),
    rules: Object.fromEntries(
      GAP_CODES.map((code) => [code, { ...policy.rules[code] }]),
    ) as PolicyInput['rules'],
  };
}

/** The project's types an admin may put in scope: level 0 (execution), never sub-tasks or epics. */
export function executionTypeChoices(view: Pick<SettingsView, 'issueTypes'>): string[] {
  const names = view.issueTypes.filter((type) => type.hierarchyLevel === 0).map((type) => type.name);
  return [...new Set(names)];
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/**
 * Types the draft names that are not level-0 types of this project (renamed, deleted, or an epic type typed
 * into the property by hand): shown so the admin can take them out, and refused until they do.
 */
export function unknownExecutionTypes(draft: SettingsDraft, choices: readonly string[]): string[] {
  return draft.executionTypes.filter((name) => !choices.some((choice) => sameName(choice, name)));
}

export function sourceCount(sources: RoleSourcesInput): number {
  return sources.projectRoles.length + sources.groups.length + sources.accountIds.length;
}

const GRACE = /^\d+$/;

/** The project roles a draft names that do not exist in the project (`existing`: the project's role names). */
export function missingRoles(sources: RoleSourcesInput, existing: readonly string[]): string[] {
  return sources.projectRoles.filter((name) => !existing.some((e) => sameName(e, name.trim())));
}

/** Why each field cannot be saved as it is; empty when the draft can be sent. */
export function validateDraft(
  draft: SettingsDraft,
  choices: readonly string[],
  existingRoles: readonly string[],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const role of ROLE_KEYS) {
    const sources = draft.roles[role];
    const field: FieldId = role === 'pm' ? 'pm-sources' : 'po-sources';
    const name = ROLE_NAME[role];
    const missing = missingRoles(sources, existingRoles);
    if (sourceCount(sources) === 0)
      errors[field] = `Choose at least one source for the ${name} role: a project role, a group or a person.`;
    // Only roles that exist here count: a missing one alone would leave nobody in the role.
    else if (sourceCount(sources) === missing.length)
      errors[field] =
        `${missing.map((n) => `“${n}”`).join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist in this project: add a group or people for the ${name} role.`;
    else if (sources.projectRoles.length > LIMITS.projectRoles)
      errors[field] = `At most ${LIMITS.projectRoles} project roles for the ${name} role.`;
    else if (sources.groups.length > LIMITS.groups)
      errors[field] = `At most ${LIMITS.groups} groups for the ${name} role.`;
    else if (sources.accountIds.length > LIMITS.accountIds)
      errors[field] = `At most ${LIMITS.accountIds} named people for the ${name} role; use a group for more.`;
  }
  const unknown = unknownExecutionTypes(draft, choices);
  if (draft.executionTypes.length === 0)
    errors['execution-types'] = 'Choose at least one issue type for Product Owners to own.';
  else if (unknown.length > 0)
    errors['execution-types'] =
      `${unknown.map((name) => `“${name}”`).join(', ')} ${unknown.length === 1 ? 'is not an issue type' : 'are not issue types'} of this project that a PO can own: clear ${unknown.length === 1 ? 'it' : 'them'}.`;
  else if (draft.executionTypes.length > LIMITS.executionTypes)
    errors['execution-types'] = `At most ${LIMITS.executionTypes} issue types.`;
  const grace = draft.graceDays.trim();
  if (!GRACE.test(grace) || Number(grace) > LIMITS.graceDays)
    errors['grace-days'] = `Enter a whole number of days from 0 to ${LIMITS.graceDays}.`;
  return errors;
}

export function firstError(errors: FieldErrors): FieldId | null {
  return FIELD_ORDER.find((field) => errors[field] !== undefined) ?? null;
}

/** The payload of `settings/save`; call only when `validateDraft` found nothing. */
export function policyFromDraft(draft: SettingsDraft): PolicyInput {
  return {
    roles: {
      pm: { ...draft.roles.pm, projectRoles: draft.roles.pm.projectRoles.map((name) => name.trim()) },
      po: { ...draft.roles.po, projectRoles: draft.roles.po.projectRoles.map((name) => name.trim()) },
    },
    executionTypes: draft.executionTypes.map((name) => name.trim()),
    includeDone: draft.includeDone,
    graceDays: Number(draft.graceDays.trim()),
    rules: draft.rules,
  };
}

/** Whether the draft differs from what is saved (order of the chosen sources and types does not count). */
export function isDirty(draft: SettingsDraft, saved: PolicyInput): boolean {
  return comparable(draft) !== comparable(draftFromPolicy(saved));
}

function comparable(draft: SettingsDraft): string {
  const sorted = (list: readonly string[]) => [...list].sort();
  const roles = (sources: RoleSourcesInput) => ({
    projectRoles: sorted(sources.projectRoles),
    groups: sorted(sources.groups.map((group) => group.groupId ?? `name:${group.name}`)),
    accountIds: sorted(sources.accountIds),
  });
  return JSON.stringify({
    pm: roles(draft.roles.pm),
    po: roles(draft.roles.po),
    executionTypes: sorted(draft.executionTypes.map((name) => name.toLocaleLowerCase())),
    includeDone: draft.includeDone,
    graceDays: draft.graceDays.trim(),
    rules: GAP_CODES.map((code: GapCode) => draft.rules[code]),
  });
}

// ---- edits --------------------------------------------------------------------------------------------

export function toggleListed(list: readonly string[], value: string, on: boolean): string[] {
  const without = list.filter((item) => !sameName(item, value));
  return on ? [...without, value] : without;
}

export function sameGroup(a: GroupSource, b: GroupSource): boolean {
  return a.groupId && b.groupId ? a.groupId === b.groupId : a.name === b.name;
}

export function withGroup(groups: readonly GroupSource[], group: GroupSource): GroupSource[] {
  return groups.some((g) => sameGroup(g, group)) ? [...groups] : [...groups, group];
}

export function withoutGroup(groups: readonly GroupSource[], group: GroupSource): GroupSource[] {
  return groups.filter((g) => !sameGroup(g, group));
}
