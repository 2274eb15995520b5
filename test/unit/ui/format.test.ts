import { describe, expect, it } from '@jest/globals';
import type { PersonView } from '../../../src/contract';
import {
  eligibilityLabel,
  initials,
  issueSortKey,
  percent,
  personName,
  relativeTime,
} from '../../../static/src/format';
import { readContext } from '../../../static/src/forge-context';

const person = (over: Partial<PersonView>): PersonView => ({
  accountId: 'acc-1',
  displayName: 'Ana Lima',
  eligible: true,
  reason: null,
  ...over,
});

describe('percent', () => {
  it('rounds down, so 99.9 % never shows as complete', () => {
    expect(percent(61, 78)).toBe(78);
    expect(percent(999, 1000)).toBe(99);
    expect(percent(10, 10)).toBe(100);
    expect(percent(12, 17)).toBe(70);
  });

  it('is exact where floating point would land just under a whole number', () => {
    // 29 / 100 * 100 is 28.999… in floating point; the floor must still give 29.
    for (let whole = 1; whole <= 200; whole++) {
      for (let part = 0; part <= whole; part++) {
        const exact = (part * 100 - ((part * 100) % whole)) / whole;
        expect(percent(part, whole)).toBe(exact);
      }
    }
  });

  it('has no value when there is nothing to cover', () => {
    expect(percent(0, 0)).toBeNull();
  });
});

describe('relativeTime', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  it.each([
    ['2025-06-01T11:59:30Z', 'just now'],
    ['2025-06-01T11:53:00Z', '7 minutes ago'],
    ['2025-06-01T09:00:00Z', '3 hours ago'],
    ['2025-05-31T12:00:00Z', 'yesterday'],
    ['2025-05-18T12:00:00Z', '2 weeks ago'],
  ])('%s reads as "%s"', (iso, expected) => {
    expect(relativeTime(iso, now, 'en')).toBe(expected);
  });

  it('gives nothing for an unreadable time rather than "Invalid Date"', () => {
    expect(relativeTime('not a date', now, 'en')).toBeNull();
  });
});

describe('people', () => {
  it('takes the first and last initials', () => {
    expect(initials('Ana María Lima')).toBe('AL');
    expect(initials('cher')).toBe('C');
    expect(initials('  ')).toBe('?');
    expect(initials(null)).toBe('?');
  });

  it('names an account Jira does not know', () => {
    expect(personName({ displayName: null })).toBe('Unknown account');
  });

  it.each([
    [person({}), 'pm', 'Eligible'],
    [person({ eligible: false, reason: 'not-in-role' }), 'pm', 'Not in PM role'],
    [person({ eligible: false, reason: 'not-in-role' }), 'po', 'Not in PO role'],
    [person({ eligible: false, reason: 'inactive' }), 'po', 'Deactivated'],
    [person({ eligible: false, reason: 'unknown-account', displayName: null }), 'pm', 'Unknown account'],
  ] as const)('eligibility lozenge %#: %s', (who, role, label) => {
    expect(eligibilityLabel(who, role)).toBe(label);
  });
});

describe('issueSortKey', () => {
  it('orders by project, then by issue number', () => {
    const keys = ['SHOP-10', 'APP-3', 'SHOP-9', 'SHOP-100'];
    expect([...keys].sort((a, b) => issueSortKey(a).localeCompare(issueSortKey(b)))).toEqual([
      'APP-3',
      'SHOP-9',
      'SHOP-10',
      'SHOP-100',
    ]);
  });
});

describe('readContext', () => {
  it('routes on the extension type', () => {
    expect(readContext({ extension: { type: 'jira:issuePanel' } }).module).toBe('issue-panel');
    expect(readContext({ extension: { type: 'jira:projectPage' } }).module).toBe('alignment-page');
  });

  it('falls back to the manifest module key', () => {
    expect(readContext({ moduleKey: 'role-split-alignment-page', extension: {} }).module).toBe(
      'alignment-page',
    );
  });

  it('knows nothing about other modules or a malformed context', () => {
    expect(readContext({ extension: { type: 'jira:dashboardGadget' } }).module).toBeNull();
    expect(readContext(undefined).module).toBeNull();
    expect(readContext('nonsense').locale).toBe('en');
  });

  it('cleans what presentation needs: locale, site URL, colour mode', () => {
    const context = readContext({
      locale: 'de_DE',
      siteUrl: 'https://acme.atlassian.net/',
      timezone: 'Not/AZone',
      theme: { colorMode: 'dark' },
    });
    expect(context.locale).toBe('de-DE');
    expect(context.siteUrl).toBe('https://acme.atlassian.net');
    expect(context.timeZone).toBeUndefined();
    expect(context.colorMode).toBe('dark');
  });
});
