// The named helpers around the rules: scope, the grace period, waivers in force, and coverage percentages.
import { describe, expect, it } from '@jest/globals';
import { coveragePercent } from '../../../src/domain/coverage';
import { inGracePeriod, isOpen, policyScopeOf } from '../../../src/domain/scope';
import { activeWaivers } from '../../../src/domain/waivers';
import { aPolicy, aStory, aWaiver, anEpic, anIssue, TEST_NOW } from '../../support/builders';

const DAY = 86_400_000;
const ago = (days: number) => new Date(TEST_NOW.getTime() - days * DAY).toISOString();

describe('policyScopeOf', () => {
  it('puts sub-tasks, other level-0 types and done issues out of scope, in that order of reasons', () => {
    const policy = aPolicy();
    expect(policyScopeOf(anIssue({ type: 'Sub-task', statusCategory: 'done' }), policy)).toBe('subtask');
    expect(policyScopeOf(anIssue({ type: 'Bug', statusCategory: 'done' }), policy)).toBe('type-not-in-scope');
    expect(policyScopeOf(aStory('ALPHA-1', { statusCategory: 'done' }), policy)).toBe('done');
    expect(policyScopeOf(anEpic('ALPHA-1', { statusCategory: 'indeterminate' }), policy)).toBe('in-scope');
    expect(policyScopeOf(aStory('ALPHA-1', { statusCategory: 'done' }), aPolicy({ includeDone: true }))).toBe(
      'in-scope',
    );
  });

  it('treats a type without a usable level as not in scope', () => {
    const odd = anIssue({ type: { id: '1', name: 'Story', hierarchyLevel: Number.NaN } });
    expect(policyScopeOf(odd, aPolicy())).toBe('type-not-in-scope');
  });

  it('counts any status category but done as open', () => {
    expect(isOpen(aStory('ALPHA-1', { statusCategory: 'weird' }))).toBe(true);
    expect(isOpen(aStory('ALPHA-1', { statusCategory: 'done' }))).toBe(false);
  });
});

describe('inGracePeriod', () => {
  const policy = aPolicy({ graceDays: 3 });

  it('lasts graceDays after creation, and no longer', () => {
    expect(inGracePeriod(aStory('ALPHA-1', { created: ago(2.9) }), policy, TEST_NOW)).toBe(true);
    expect(inGracePeriod(aStory('ALPHA-1', { created: ago(3) }), policy, TEST_NOW)).toBe(false);
  });

  it('never graces with graceDays 0, an unreadable date or an unreadable now', () => {
    expect(inGracePeriod(aStory('ALPHA-1', { created: ago(0) }), aPolicy(), TEST_NOW)).toBe(false);
    expect(inGracePeriod(aStory('ALPHA-1', { created: 'soon' }), policy, TEST_NOW)).toBe(false);
    expect(inGracePeriod(aStory('ALPHA-1', { created: ago(1) }), policy, new Date(Number.NaN))).toBe(false);
  });
});

describe('activeWaivers', () => {
  it('keeps waivers that expire after now, the later of two for one gap', () => {
    const short = aWaiver('ALPHA-1', 'STORY_WITHOUT_EPIC', { expiresAt: '2025-07-01T00:00:00.000Z' });
    const long = aWaiver('ALPHA-1', 'STORY_WITHOUT_EPIC', { expiresAt: '2025-09-01T00:00:00.000Z' });
    const expired = aWaiver('ALPHA-2', 'STORY_WITHOUT_PO', { expiresAt: TEST_NOW.toISOString() });
    const garbage = aWaiver('ALPHA-3', 'STORY_WITHOUT_PO', { expiresAt: 'never' });
    const active = activeWaivers([long, short, expired, garbage], TEST_NOW);
    expect(active.get('ALPHA-1')?.get('STORY_WITHOUT_EPIC')).toBe(long);
    expect([...active.keys()]).toEqual(['ALPHA-1']);
  });
});

describe('coveragePercent', () => {
  it('rounds down, exactly, and has no figure for nothing', () => {
    expect(coveragePercent(12, 17)).toBe(70);
    expect(coveragePercent(999, 1000)).toBe(99);
    expect(coveragePercent(29, 100)).toBe(29);
    expect(coveragePercent(10, 10)).toBe(100);
    expect(coveragePercent(0, 0)).toBeNull();
  });
});
