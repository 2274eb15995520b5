// The panel's words around checks: skipped rules are never passes, never problems, and always say why.
import { describe, expect, it } from '@jest/globals';
import type { CheckView } from '../../../src/contract';
import { checksSummary, orderChecks, skipText, type SkipReason } from '../../../static/src/check-text';
import { check } from './views.fixtures';

const REASONS: SkipReason[] = ['ownership-invalid', 'slot-empty', 'no-epic-pm', 'grace-period'];

describe('skipText', () => {
  it.each(REASONS)('%s says the rule was not checked, and why', (reason) => {
    const text = skipText(reason, 'po');
    expect(text).toMatch(/^Not checked/);
    expect(text.length).toBeGreaterThan('Not checked'.length + 5);
  });

  it('gives each reason its own words', () => {
    expect(new Set(REASONS.map((reason) => skipText(reason, 'po'))).size).toBe(REASONS.length);
  });

  it('names the issue’s own slot when it is empty', () => {
    expect(skipText('slot-empty', 'po')).toBe('Not checked: no PO set yet.');
    expect(skipText('slot-empty', 'pm')).toBe('Not checked: no PM set yet.');
  });
});

describe('orderChecks', () => {
  it('puts failures, then waived, then passes, then skipped, keeping rule order within a group', () => {
    const checks: CheckView[] = [
      check('EPIC_WITHOUT_PM', 'skipped', 'grace-period'),
      check('PM_NOT_ELIGIBLE', 'pass'),
      check('ROLE_MISPLACED', 'fail'),
      check('EPIC_WITHOUT_STORIES', 'skipped', 'grace-period'),
      check('OWNERSHIP_INVALID', 'waived'),
      check('SAME_PERSON_PM_AND_PO', 'pass'),
    ];
    expect(orderChecks(checks).map((c) => c.code)).toEqual([
      'ROLE_MISPLACED',
      'OWNERSHIP_INVALID',
      'PM_NOT_ELIGIBLE',
      'SAME_PERSON_PM_AND_PO',
      'EPIC_WITHOUT_PM',
      'EPIC_WITHOUT_STORIES',
    ]);
  });
});

describe('checksSummary', () => {
  it('counts only failures as needing attention', () => {
    expect(
      checksSummary([
        check('STORY_WITHOUT_PO', 'fail'),
        check('PO_NOT_ELIGIBLE', 'skipped', 'slot-empty'),
        check('ROLE_MISPLACED', 'pass'),
      ]),
    ).toBe('1 of 3 needs attention');
  });

  it('never says "All pass" when a rule was skipped', () => {
    expect(
      checksSummary([
        check('STORY_WITHOUT_PO', 'pass'),
        check('STORY_WITHOUT_EPIC', 'skipped', 'grace-period'),
      ]),
    ).toBe('1 pass, 1 not checked');
    expect(
      checksSummary([
        check('STORY_WITHOUT_PO', 'pass'),
        check('STORY_WITHOUT_EPIC', 'waived'),
        check('PO_NOT_ELIGIBLE', 'skipped', 'slot-empty'),
      ]),
    ).toBe('1 pass, 1 waived, 1 not checked');
  });

  it('says all pass only when every rule passed', () => {
    expect(checksSummary([check('STORY_WITHOUT_PO', 'pass'), check('ROLE_MISPLACED', 'pass')])).toBe(
      'All 2 pass',
    );
    expect(checksSummary([])).toBeNull();
  });
});
