// The settings form's rules apart from the browser: the draft from a stored policy, what the page refuses before
// sending (each field, in page order), the payload it sends, and when it counts as changed.
import { describe, expect, it } from '@jest/globals';
import { policyInputSchema } from '../../../src/contract/settings';
import {
  draftFromPolicy,
  executionTypeChoices,
  firstError,
  initialDraft,
  isDirty,
  policyFromDraft,
  toggleListed,
  unknownExecutionTypes,
  validateDraft,
  withGroup,
  withoutGroup,
  type SettingsDraft,
} from '../../../static/src/settings-page/form-state';
import { policyInput as policy } from './settings.fixtures';

const CHOICES = ['Story', 'Bug', 'Task'];
const ROLES = ['Product Manager', 'Product Owner', 'Developers'];
const edit = (draft: SettingsDraft, change: Partial<SettingsDraft>): SettingsDraft => ({
  ...draft,
  ...change,
});

describe('the settings draft', () => {
  it('round-trips a stored policy into the payload the contract accepts', () => {
    const stored = policy({ graceDays: 7, includeDone: true, executionTypes: ['Story', 'Bug'] });
    const draft = draftFromPolicy(stored);
    expect(draft.graceDays).toBe('7');
    expect(validateDraft(draft, CHOICES, ROLES)).toEqual({});
    const sent = policyFromDraft(draft);
    expect(sent).toEqual(stored);
    expect(policyInputSchema.safeParse(sent).success).toBe(true);
  });

  it('copies the policy, so editing the draft never changes what is stored', () => {
    const stored = policy();
    const draft = draftFromPolicy(stored);
    draft.roles.pm.projectRoles.push('Developers');
    draft.rules.STORY_WITHOUT_EPIC.enabled = false;
    expect(stored.roles.pm.projectRoles).toEqual(['Product Manager']);
    expect(stored.rules.STORY_WITHOUT_EPIC.enabled).toBe(true);
  });

  it('offers only the project’s level-0 types, once each', () => {
    const view = {
      issueTypes: [
        { id: '1', name: 'Epic', hierarchyLevel: 1 },
        { id: '2', name: 'Story', hierarchyLevel: 0 },
        { id: '3', name: 'Bug', hierarchyLevel: 0 },
        { id: '4', name: 'Sub-task', hierarchyLevel: -1 },
        { id: '5', name: 'Bug', hierarchyLevel: 0 },
      ],
    };
    expect(executionTypeChoices(view)).toEqual(['Story', 'Bug']);
  });
});

describe('roles this project does not have', () => {
  const TEAM = ['Administrator', 'Member', 'Viewer'];
  const missing = [
    { role: 'pm' as const, name: 'Product Manager' },
    { role: 'po' as const, name: 'Product Owner' },
  ];

  it('count for nothing: a role whose only source is missing is refused, naming it and what to do', () => {
    const rolesOnly = policy({
      roles: {
        pm: { projectRoles: ['Product Manager'], groups: [], accountIds: [] },
        po: { projectRoles: ['Product Owner'], groups: [], accountIds: [] },
      },
    });
    const errors = validateDraft(draftFromPolicy(rolesOnly), CHOICES, TEAM);
    expect(errors['pm-sources']).toBe(
      '“Product Manager” does not exist in this project: add a group or people for the Product Manager role.',
    );
    expect(errors['po-sources']).toContain('“Product Owner” does not exist in this project');
    const withGroups = draftFromPolicy(
      policy({
        roles: {
          pm: { projectRoles: ['Product Manager'], groups: [{ name: 'pms' }], accountIds: [] },
          po: { projectRoles: ['member'], groups: [], accountIds: [] },
        },
      }),
    );
    expect(validateDraft(withGroups, CHOICES, TEAM)).toEqual({});
  });

  it('start unticked where roles cannot be added and nothing is stored; kept as stored otherwise', () => {
    const stored = policy();
    const unavailable = {
      policy: stored,
      source: 'default' as const,
      onboarding: { kind: 'roles-unavailable' as const, reason: 'team-managed' as const, missing },
    };
    const draft = initialDraft(unavailable);
    expect(draft.roles.pm.projectRoles).toEqual([]);
    expect(draft.roles.po.projectRoles).toEqual([]);
    expect(initialDraft({ ...unavailable, source: 'stored' }).roles.pm.projectRoles).toEqual([
      'Product Manager',
    ]);
    expect(
      initialDraft({ ...unavailable, onboarding: { kind: 'create-roles', missing } }).roles.po.projectRoles,
    ).toEqual(['Product Owner']);
  });
});

describe('validation before saving', () => {
  it('asks for at least one source per role, naming the role', () => {
    const draft = draftFromPolicy(policy());
    const empty = edit(draft, {
      roles: { pm: { projectRoles: [], groups: [], accountIds: [] }, po: draft.roles.po },
    });
    const errors = validateDraft(empty, CHOICES, ROLES);
    expect(errors['pm-sources']).toBe(
      'Choose at least one source for the Product Manager role: a project role, a group or a person.',
    );
    expect(errors['po-sources']).toBeUndefined();
    // A group alone, or a person alone, is a source.
    const withGroupOnly = edit(draft, {
      roles: { pm: { projectRoles: [], groups: [{ name: 'pms' }], accountIds: [] }, po: draft.roles.po },
    });
    expect(validateDraft(withGroupOnly, CHOICES, ROLES)).toEqual({});
  });

  it('refuses more sources than the contract takes', () => {
    const draft = draftFromPolicy(policy());
    const many = edit(draft, {
      roles: {
        pm: draft.roles.pm,
        po: { ...draft.roles.po, accountIds: Array.from({ length: 51 }, (_, i) => `acc-${i}`) },
      },
    });
    expect(validateDraft(many, CHOICES, ROLES)['po-sources']).toContain('At most 50 named people');
  });

  it('needs at least one issue type, and only types this project has', () => {
    const draft = draftFromPolicy(policy());
    expect(validateDraft(edit(draft, { executionTypes: [] }), CHOICES, ROLES)['execution-types']).toBe(
      'Choose at least one issue type for Product Owners to own.',
    );
    const stale = edit(draft, { executionTypes: ['Story', 'Feature'] });
    expect(unknownExecutionTypes(stale, CHOICES)).toEqual(['Feature']);
    expect(validateDraft(stale, CHOICES, ROLES)['execution-types']).toBe(
      '“Feature” is not an issue type of this project that a PO can own: clear it.',
    );
    // Jira's type names are matched without regard to case, as the engine does.
    expect(validateDraft(edit(draft, { executionTypes: ['story'] }), CHOICES, ROLES)).toEqual({});
  });

  it.each([
    ['', false],
    ['-1', false],
    ['1.5', false],
    ['366', false],
    ['abc', false],
    ['0', true],
    [' 14 ', true],
    ['365', true],
  ])('grace days “%s” valid: %s', (typed, valid) => {
    const errors = validateDraft(edit(draftFromPolicy(policy()), { graceDays: typed }), CHOICES, ROLES);
    expect(errors['grace-days'] === undefined).toBe(valid);
    if (!valid) expect(errors['grace-days']).toBe('Enter a whole number of days from 0 to 365.');
  });

  it('points at the first field in page order', () => {
    const draft = draftFromPolicy(policy());
    const errors = validateDraft(
      edit(draft, {
        graceDays: 'x',
        executionTypes: [],
        roles: { pm: draft.roles.pm, po: { projectRoles: [], groups: [], accountIds: [] } },
      }),
      CHOICES,
      ROLES,
    );
    expect(Object.keys(errors).sort()).toEqual(['execution-types', 'grace-days', 'po-sources']);
    expect(firstError(errors)).toBe('po-sources');
    expect(firstError({})).toBeNull();
  });

  it('sends grace days as a number and trimmed names', () => {
    const draft = edit(draftFromPolicy(policy()), { graceDays: ' 30 ', executionTypes: [' Bug '] });
    const sent = policyFromDraft(draft);
    expect(sent.graceDays).toBe(30);
    expect(sent.executionTypes).toEqual(['Bug']);
  });
});

describe('unsaved changes', () => {
  it('counts a change, and not a change of order', () => {
    const stored = policy({ executionTypes: ['Story', 'Bug'] });
    const draft = draftFromPolicy(stored);
    expect(isDirty(draft, stored)).toBe(false);
    expect(isDirty(edit(draft, { executionTypes: ['Bug', 'Story'] }), stored)).toBe(false);
    expect(isDirty(edit(draft, { executionTypes: ['Story'] }), stored)).toBe(true);
    expect(isDirty(edit(draft, { graceDays: '1' }), stored)).toBe(true);
    expect(isDirty(edit(draft, { includeDone: true }), stored)).toBe(true);
    const rules = { ...draft.rules, SAME_PERSON_PM_AND_PO: { enabled: true, severity: 'error' as const } };
    expect(isDirty(edit(draft, { rules }), stored)).toBe(true);
    const roles = { ...draft.roles, po: { ...draft.roles.po, accountIds: [] } };
    expect(isDirty(edit(draft, { roles }), stored)).toBe(true);
  });
});

describe('list edits', () => {
  it('toggles a name without duplicates, whatever its case', () => {
    expect(toggleListed(['Story'], 'Bug', true)).toEqual(['Story', 'Bug']);
    expect(toggleListed(['Story', 'Bug'], 'bug', true)).toEqual(['Story', 'bug']);
    expect(toggleListed(['Story', 'Bug'], 'BUG', false)).toEqual(['Story']);
  });

  it('adds a group once, by id when both have one, else by name', () => {
    const groups = [{ groupId: 'g-1', name: 'po-leads' }];
    expect(withGroup(groups, { groupId: 'g-1', name: 'po-leads (renamed)' })).toEqual(groups);
    expect(withGroup(groups, { groupId: 'g-2', name: 'po-leads' })).toHaveLength(2);
    expect(withGroup([{ name: 'pms' }], { name: 'pms' })).toEqual([{ name: 'pms' }]);
    expect(withoutGroup(groups, { groupId: 'g-1', name: 'x' })).toEqual([]);
  });
});
