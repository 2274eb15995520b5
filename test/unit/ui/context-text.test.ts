// The issue context's words for fixing a gap, and the waiver form's dates: pure functions, every case.
import { describe, expect, it } from '@jest/globals';
import type { FixHow, FixWho } from '../../../src/contract';
import { fixText } from '../../../static/src/context-text';
import { describeError } from '../../../static/src/errors';
import { waiverDateBounds, waiverExpiry, WAIVER_MAX_DAYS } from '../../../static/src/waiver-dates';

const WHO: FixWho[] = ['you', 'issue-editor', 'epic-editor', 'project-admin'];
const HOW: FixHow[] = [
  'assign-owner',
  'change-owner',
  'add-owner-to-role',
  'reset-ownership',
  'move-misplaced',
  'pick-different-people',
  'set-parent-epic',
  'assign-epic-pm',
  'add-story',
];

describe('fixText', () => {
  it('tells the viewer what to do, as an instruction', () => {
    expect(fixText({ who: 'you', how: 'assign-owner' }, { slot: 'po', ownerName: null })).toBe(
      'Assign a PO.',
    );
    expect(fixText({ who: 'you', how: 'assign-owner' }, { slot: 'pm', ownerName: null })).toBe(
      'Assign a PM.',
    );
  });

  it('names who else can do it, and the person and role when a role is missing', () => {
    expect(
      fixText({ who: 'project-admin', how: 'add-owner-to-role' }, { slot: 'po', ownerName: 'Yuki' }),
    ).toBe('Ask a project admin to add Yuki to the Product Owner role, or choose another PO.');
    expect(fixText({ who: 'issue-editor', how: 'set-parent-epic' }, { slot: 'po', ownerName: null })).toBe(
      'Ask someone who can edit this issue to put this story under an epic.',
    );
    expect(fixText({ who: 'epic-editor', how: 'assign-epic-pm' }, { slot: 'po', ownerName: null })).toBe(
      'Ask someone who can edit the epic to assign a PM on the epic.',
    );
  });

  it.each(WHO.flatMap((who) => HOW.map((how) => [who, how] as const)))(
    'words %s / %s as one sentence that never says what is not so',
    (who, how) => {
      const text = fixText({ who, how }, { slot: 'po', ownerName: 'Yuki' });
      expect(text).toMatch(/^[A-Z].*\.$/);
      expect(text).not.toMatch(/\b(not|no|missing|undefined|null)\b/i);
    },
  );
});

describe('refusal wording', () => {
  it('says who owns the slot now on a conflict, or that it is empty', () => {
    const conflict = (current: unknown) =>
      describeError(
        { code: 'CONFLICT', message: 'x', details: { current } as never },
        { slot: 'po', personName: null },
      ).body;
    expect(conflict({ accountId: 'a', setAt: 's', displayName: 'Ana Lima' })).toContain(
      'The PO is now Ana Lima.',
    );
    expect(conflict(null)).toContain('The PO slot is now empty.');
  });

  it('offers "clear and start again" on invalid ownership data only to editors', () => {
    const body = (canReset: boolean) =>
      describeError({ code: 'OWNERSHIP_INVALID', message: 'x', details: { canReset } }).body;
    expect(body(true)).toContain('Clear it and start again');
    expect(body(false)).toContain('Ask someone who can edit this issue to clear it and start again');
  });

  it('names the person and the role on NOT_ELIGIBLE, with the reason', () => {
    const text = (reason: 'not-in-role' | 'inactive') =>
      describeError(
        { code: 'NOT_ELIGIBLE', message: 'x', details: { reason } },
        { slot: 'pm', personName: 'Helen Okafor' },
      );
    expect(text('not-in-role').body).toBe(
      'Helen Okafor is not in this project’s Product Manager role. Ask a project admin to add Helen Okafor to the Product Manager role, or choose another PM.',
    );
    expect(text('inactive').body).toContain('deactivated');
    expect(text('inactive').title).toBe("Helen Okafor can't be the PM");
  });
});

describe('waiver dates', () => {
  const now = new Date(2026, 10, 30, 13, 0, 0);

  it('offers tomorrow up to 180 days out, 30 days by default', () => {
    expect(waiverDateBounds(now)).toEqual({ min: '2026-12-01', max: '2027-05-29', initial: '2026-12-30' });
  });

  it('ends a waiver at the end of the day picked', () => {
    expect(waiverExpiry('2026-12-30', now)).toBe(new Date(2026, 11, 30, 23, 59, 59).toISOString());
  });

  it('keeps the last allowed day under the 180-day limit', () => {
    const expiry = waiverExpiry(waiverDateBounds(now).max, now);
    expect(expiry).not.toBeNull();
    expect(Date.parse(expiry ?? '') - now.getTime()).toBeLessThanOrEqual(WAIVER_MAX_DAYS * 86_400_000);
  });

  it('refuses today, the past, days beyond the limit and text that is not a date', () => {
    expect(waiverExpiry('2026-11-29', now)).toBeNull();
    expect(waiverExpiry('2027-06-30', now)).toBeNull();
    expect(waiverExpiry('soon', now)).toBeNull();
  });
});
