import { describe, expect, it } from '@jest/globals';
import { holdsRole, isEligible, type ResolvedRoleSources } from '../../../src/domain/eligibility';
import { accountsOf, anAccount, aRoster } from '../../support/builders';

const sources = (s: Partial<Record<keyof ResolvedRoleSources, string[]>>): ResolvedRoleSources => ({
  userIds: new Set(s.userIds ?? []),
  groupIds: new Set(s.groupIds ?? []),
  groupNames: new Set(s.groupNames ?? []),
});

describe('holdsRole', () => {
  it('holds the role when named directly', () => {
    expect(holdsRole('ann', [], sources({ userIds: ['ann'] }))).toBe(true);
    expect(holdsRole('bob', [], sources({ userIds: ['ann'] }))).toBe(false);
  });

  it('holds the role through a group, by id', () => {
    const pm = sources({ groupIds: ['g-1'] });
    expect(holdsRole('ann', [{ groupId: 'g-1', name: 'product' }], pm)).toBe(true);
    expect(holdsRole('ann', [{ groupId: 'g-2', name: 'product' }], pm)).toBe(false);
  });

  it('holds the role through a group, by name, case-insensitively', () => {
    const pm = sources({ groupNames: ['Product-Managers'] });
    expect(holdsRole('ann', [{ name: 'product-managers' }], pm)).toBe(true);
    expect(holdsRole('ann', [{ groupId: 'g-9', name: 'Product-Managers' }], pm)).toBe(true);
    expect(holdsRole('ann', [{ name: 'product-owners' }], pm)).toBe(false);
  });

  it('holds nothing with no sources or no groups', () => {
    expect(holdsRole('ann', [{ groupId: 'g-1', name: 'x' }], sources({}))).toBe(false);
    expect(holdsRole('ann', [], sources({ groupIds: ['g-1'], groupNames: ['x'] }))).toBe(false);
  });
});

describe('isEligible', () => {
  const roster = aRoster({ pm: ['ann', 'dan', 'bot', 'fay', 'ghost'], po: ['bob'] });
  const accounts = accountsOf(
    anAccount('ann'),
    anAccount('bob'),
    anAccount('dan', { active: false }),
    anAccount('bot', { accountType: 'app' }),
    anAccount('fay', { accountType: 'customer' }),
    anAccount('eve'),
  );

  it('accepts an active Atlassian account in the role', () => {
    expect(isEligible('ann', 'pm', roster, accounts)).toBe(true);
    expect(isEligible('bob', 'po', roster, accounts)).toBe(true);
  });

  it.each([
    ['not in the role', 'eve', 'pm'],
    ['in the other role only', 'bob', 'pm'],
    ['in the other role only (PO slot)', 'ann', 'po'],
    ['deactivated', 'dan', 'pm'],
    ['an app account', 'bot', 'pm'],
    ['a customer account', 'fay', 'pm'],
    ['unknown to Jira', 'ghost', 'pm'],
  ] as const)('refuses someone %s', (_label, accountId, role) => {
    expect(isEligible(accountId, role, roster, accounts)).toBe(false);
  });
});
