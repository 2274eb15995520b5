import { describe, expect, it } from '@jest/globals';
import { findField, rowOfValue } from '../../../src/cli/field-rows';
import { applyPolicyFlags } from '../../../src/cli/policy';
import { parsePolicy } from '../../../src/domain/policy';
import type { JiraField } from '../../../src/jira/types';

const picker: JiraField = {
  id: 'customfield_10100',
  name: 'Product Owner (legacy)',
  custom: true,
  schema: { type: 'user', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:userpicker' },
};
const multi: JiraField = {
  id: 'customfield_10101',
  name: 'Stakeholders',
  custom: true,
  schema: { type: 'array', items: 'user' },
};
const text: JiraField = { id: 'customfield_10102', name: 'Team', custom: true, schema: { type: 'string' } };
const twin: JiraField = { ...picker, id: 'customfield_10103' };

describe('--from-field', () => {
  it('finds a user picker by id or by name, in any case', () => {
    expect(findField([picker, multi, text], 'CUSTOMFIELD_10100')).toEqual({ ok: true, field: picker });
    expect(findField([picker, multi, text], ' product owner (LEGACY) ')).toEqual({ ok: true, field: picker });
    expect(findField([picker, multi, text], 'Stakeholders')).toEqual({ ok: true, field: multi });
  });

  it('refuses a field that is not a user picker, a name two fields share, and an unknown one (naming the pickers)', () => {
    expect(findField([text], 'Team')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not a user picker/),
    });
    expect(findField([picker, twin], picker.name)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/\(customfield_10100, customfield_10103\): give the id/),
    });
    expect(findField([picker, text], 'Nope')).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /User pickers on this site: "Product Owner \(legacy\)" \(customfield_10100\)\.$/,
      ),
    });
  });

  it('turns a value into a row: one person, none (no row), or several (INVALID_ROW)', () => {
    expect(rowOfValue('ABC-1', picker, 'po', { accountId: 'a1', displayName: 'A' })).toEqual({
      line: null,
      issueKey: 'ABC-1',
      role: 'po',
      email: null,
      accountId: 'a1',
    });
    expect(rowOfValue('ABC-1', picker, 'po', null)).toBeNull();
    expect(rowOfValue('ABC-1', multi, 'po', [])).toBeNull();
    expect(rowOfValue('ABC-1', multi, 'pm', [{ accountId: 'a1' }])).toMatchObject({
      accountId: 'a1',
      role: 'pm',
    });
    expect(rowOfValue('ABC-1', multi, 'po', [{ accountId: 'a1' }, { accountId: 'a2' }])).toMatchObject({
      accountId: null,
      invalid: expect.stringMatching(/Stakeholders holds 2 people on ABC-1/),
    });
  });
});

describe('the policy flags over a stored policy', () => {
  const stored = parsePolicy({
    roles: {
      pm: { projectRoles: [], groups: [{ name: 'pms' }], accountIds: ['x'] },
      po: { projectRoles: ['Owners'] },
    },
    executionTypes: ['Story', 'Task'],
    includeDone: true,
    graceDays: 7,
  });

  it('changes nothing when no flag is given', () => {
    expect(
      applyPolicyFlags(stored, { pmRole: null, poRole: null, executionTypes: null, includeDone: null }),
    ).toEqual(stored);
  });

  it('replaces only what a flag names: a role flag replaces every source of that role', () => {
    const applied = applyPolicyFlags(stored, {
      pmRole: 'Heads',
      poRole: null,
      executionTypes: ['Bug'],
      includeDone: null,
    });
    expect(applied.roles.pm).toEqual({ projectRoles: ['Heads'], groups: [], accountIds: [] });
    expect(applied.roles.po).toEqual(stored.roles.po);
    expect(applied).toMatchObject({ executionTypes: ['Bug'], includeDone: true, graceDays: 7 });
  });
});
