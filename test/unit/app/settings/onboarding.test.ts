// The site's plan from Jira's license answer, and which onboarding the settings page offers.
import { describe, expect, it } from '@jest/globals';
import { defaultPolicy } from '../../../../src/domain/policy';
import { onboardingFor, planOf, readPlan } from '../../../../src/app/settings/onboarding';
import { FakeJira, fakeJiraError } from '../../../support/fake-jira';

describe('planOf', () => {
  it("reads Jira's own applications: Free only when neither Jira application is paid", () => {
    expect(planOf({ applications: [{ id: 'jira-software', plan: 'FREE' }] })).toBe('FREE');
    expect(planOf({ applications: [{ id: 'jira-software', plan: 'PAID' }] })).toBe('PAID');
    // Atlassian's own example: Jira paid, Product Discovery and Service Management free.
    expect(
      planOf({
        applications: [
          { id: 'jira-core', plan: 'PAID' },
          { id: 'jira-product-discovery', plan: 'FREE' },
          { id: 'jira-servicedesk', plan: 'FREE' },
          { id: 'jira-software', plan: 'PAID' },
        ],
      }),
    ).toBe('PAID');
    expect(
      planOf({
        applications: [
          { id: 'jira-software', plan: 'FREE' },
          { id: 'jira-servicedesk', plan: 'PAID' },
        ],
      }),
    ).toBe('FREE');
  });

  it('falls back to any application when no Jira one is listed, and to unknown when nothing is', () => {
    expect(planOf({ applications: [{ id: 'jira-servicedesk', plan: 'FREE' }] })).toBe('FREE');
    expect(planOf({ applications: [{ id: 'jira-software', plan: 'UNLICENSED' }] })).toBe('UNLICENSED');
    expect(planOf({ applications: [{ id: 'jira-software', plan: 'ENTERPRISE_TRIAL' }] })).toBe('unknown');
    expect(planOf({ applications: [] })).toBe('unknown');
  });
});

describe('readPlan', () => {
  it.each(['forbidden', 'unauthorized', 'server', 'timeout'] as const)(
    "answers 'unknown' when Jira's answer is %s, never an error",
    async (kind) => {
      const jira = new FakeJira();
      const refused = { ...jira.app, getLicense: () => Promise.reject(fakeJiraError('getLicense', kind)) };
      expect(await readPlan(refused)).toBe('unknown');
    },
  );

  it('lets anything that is not a Jira answer through (a bug is not a plan)', async () => {
    const jira = new FakeJira();
    await expect(
      readPlan({ ...jira.app, getLicense: () => Promise.reject(new TypeError('boom')) }),
    ).rejects.toThrow('boom');
  });
});

describe('onboardingFor', () => {
  const roles = [{ name: 'Administrators' }, { name: 'product manager' }];
  const policy = defaultPolicy();

  it('is ok when every named role exists (names compared case-insensitively)', () => {
    const onlyPm = { ...policy, roles: { ...policy.roles, po: { ...policy.roles.po, projectRoles: [] } } };
    expect(onboardingFor({ policy: onlyPm, projectRoles: roles, plan: 'PAID', teamManaged: false })).toEqual({
      kind: 'ok',
    });
  });

  it('asks for the missing roles to be created on a paid site', () => {
    expect(onboardingFor({ policy, projectRoles: roles, plan: 'PAID', teamManaged: false })).toEqual({
      kind: 'create-roles',
      missing: [{ role: 'po', name: 'Product Owner' }],
    });
    expect(onboardingFor({ policy, projectRoles: roles, plan: 'unknown', teamManaged: false }).kind).toBe(
      'create-roles',
    );
  });

  it('says roles cannot be added on Jira Free (first) or in a team-managed project', () => {
    expect(onboardingFor({ policy, projectRoles: [], plan: 'FREE', teamManaged: true })).toEqual({
      kind: 'roles-unavailable',
      reason: 'free-plan',
      missing: [
        { role: 'pm', name: 'Product Manager' },
        { role: 'po', name: 'Product Owner' },
      ],
    });
    expect(onboardingFor({ policy, projectRoles: [], plan: 'PAID', teamManaged: true })).toMatchObject({
      kind: 'roles-unavailable',
      reason: 'team-managed',
    });
  });
});
