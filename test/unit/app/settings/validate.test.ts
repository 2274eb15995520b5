// Checking a policy from the settings page against the project's issue types and Jira's accounts.
import { describe, expect, it } from '@jest/globals';
import type { PolicyInput } from '../../../../src/contract/settings';
import { defaultPolicy } from '../../../../src/domain/policy';
import { toPolicyInput } from '../../../../src/app/policy-store';
import {
  namedAccountIds,
  validateNamedPeople,
  validatePolicyInput,
} from '../../../../src/app/settings/validate';
import type { JiraIssueType, JiraUser } from '../../../../src/jira/types';

const TYPES: JiraIssueType[] = [
  { id: '1', name: 'Initiative', hierarchyLevel: 2, subtask: false },
  { id: '2', name: 'Epic', hierarchyLevel: 1, subtask: false },
  { id: '3', name: 'Story', hierarchyLevel: 0, subtask: false },
  { id: '4', name: 'Task', hierarchyLevel: 0, subtask: false },
  { id: '5', name: 'Bug', hierarchyLevel: 0, subtask: false },
  { id: '6', name: 'Sub-task', hierarchyLevel: -1, subtask: true },
];

const ROLES = [{ name: 'Product Manager' }, { name: 'Product Owner' }, { name: 'Developers' }];

function input(change: (p: PolicyInput) => void = () => undefined): PolicyInput {
  const p = toPolicyInput(defaultPolicy());
  change(p);
  return p;
}

describe('validatePolicyInput', () => {
  it("spells execution types the project's way and drops duplicates", () => {
    const checked = validatePolicyInput(
      input((p) => (p.executionTypes = ['story', 'BUG', 'Story'])),
      TYPES,
      ROLES,
    );
    expect(checked.executionTypes).toEqual(['Story', 'Bug']);
  });

  it.each([['Epic'], ['Sub-task'], ['Feature']])(
    'refuses %s with BAD_REQUEST naming it and listing the level-0 types',
    (name) => {
      expect(() =>
        validatePolicyInput(
          input((p) => (p.executionTypes = [name])),
          TYPES,
          ROLES,
        ),
      ).toThrow(
        expect.objectContaining({
          code: 'BAD_REQUEST',
          message: expect.stringContaining(`"${name}"`) as unknown,
        }),
      );
      expect(() =>
        validatePolicyInput(
          input((p) => (p.executionTypes = [name])),
          TYPES,
          ROLES,
        ),
      ).toThrow('Choose from: Bug, Story, Task.');
    },
  );

  it('refuses a role with no source at all, and accepts one with only a group or only a person', () => {
    const none = { projectRoles: [], groups: [], accountIds: [] };
    expect(() =>
      validatePolicyInput(
        input((p) => (p.roles.pm = none)),
        TYPES,
        ROLES,
      ),
    ).toThrow('The PM role needs at least one source');
    expect(() =>
      validatePolicyInput(
        input((p) => (p.roles.po = { ...none, groups: [{ name: 'pos' }] })),
        TYPES,
        ROLES,
      ),
    ).not.toThrow();
    expect(() =>
      validatePolicyInput(
        input((p) => (p.roles.po = { ...none, accountIds: ['acc-1'] })),
        TYPES,
        ROLES,
      ),
    ).not.toThrow();
  });
});

describe('role sources that exist', () => {
  const TEAM_ROLES = [{ name: 'Administrator' }, { name: 'Member' }, { name: 'Viewer' }];

  it('refuses a role whose only sources are project roles this project does not have, naming it', () => {
    expect(() => validatePolicyInput(input(), TYPES, TEAM_ROLES)).toThrow(
      expect.objectContaining({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(
          /^"Product Manager" does not exist in this project, so nobody would be a PM: add a group or people/,
        ) as unknown,
      }),
    );
    expect(() =>
      validatePolicyInput(
        input((p) => (p.roles.pm = { projectRoles: ['Member'], groups: [], accountIds: [] })),
        TYPES,
        TEAM_ROLES,
      ),
    ).toThrow(/"Product Owner" does not exist in this project, so nobody would be a PO/);
  });

  it('accepts a missing role beside one that exists, a group or a person (the roles named case-insensitively)', () => {
    const none = { projectRoles: ['Product Manager'], groups: [], accountIds: [] };
    const ok = (change: (p: PolicyInput) => void) =>
      expect(() => validatePolicyInput(input(change), TYPES, TEAM_ROLES)).not.toThrow();
    ok((p) => {
      p.roles.pm = { ...none, projectRoles: ['Product Manager', 'member'] };
      p.roles.po = { ...none, groups: [{ name: 'pos' }] };
    });
    ok((p) => {
      p.roles.pm = { ...none, accountIds: ['acc-1'] };
      p.roles.po = { ...none, projectRoles: ['Administrator'] };
    });
  });
});

describe('validateNamedPeople', () => {
  const person = (accountId: string, accountType = 'atlassian', active = true): JiraUser => ({
    accountId,
    displayName: `Name of ${accountId}`,
    active,
    accountType,
  });

  it('accepts known people, deactivated ones included (they simply never hold the role)', () => {
    const p = input((q) => (q.roles.pm.accountIds = ['acc-1', 'acc-2']));
    expect(namedAccountIds(p)).toEqual(['acc-1', 'acc-2']);
    expect(() =>
      validateNamedPeople(p, [person('acc-1'), person('acc-2', 'atlassian', false)]),
    ).not.toThrow();
  });

  it('refuses an unknown account and an app account', () => {
    const p = input((q) => (q.roles.po.accountIds = ['acc-1']));
    expect(() => validateNamedPeople(p, [])).toThrow('Jira does not know the account acc-1 named as a PO');
    expect(() => validateNamedPeople(p, [person('acc-1', 'app')])).toThrow('is not a person');
  });
});
