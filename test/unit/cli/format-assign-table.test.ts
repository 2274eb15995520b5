import { describe, expect, it } from '@jest/globals';
import { buildAssignReport, type AssignResult } from '../../../src/cli/assign-report';
import { formatAssignTable } from '../../../src/cli/format-assign-table';

const result = (over: Partial<AssignResult>): AssignResult => ({
  line: 2,
  issueKey: 'ABC-1',
  role: 'po',
  accountId: '712020:0123456789abcdef0123456789abcdef0123',
  outcome: 'assigned',
  reason: null,
  message: null,
  ...over,
});

describe('the assign table', () => {
  const report = buildAssignReport({
    site: 'https://acme.atlassian.net',
    dryRun: false,
    generatedAt: new Date('2026-01-02T03:04:05.678Z'),
    results: [
      result({}),
      result({ line: 3, issueKey: 'ABC-2', outcome: 'cleared', accountId: null }),
      result({
        line: 4,
        issueKey: 'ABC-3\u001b[31m',
        outcome: 'refused',
        reason: 'NOT_ELIGIBLE',
        message:
          'This person does not hold the PO role in this project. A project admin can add them to it, or choose someone else for this story.',
      }),
    ],
  });
  const text = formatAssignTable(report);

  it('sums up, lists refused rows with why, then the applied ones, within 80 columns', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('Role Split assign on https://acme.atlassian.net at 2026-01-02T03:04:05Z');
    expect(lines[1]).toBe('1 assigned, 1 cleared, 0 unchanged, 1 refused.');
    expect(text.indexOf('NOT_ELIGIBLE')).toBeLessThan(text.indexOf('Applied'));
    expect(text.replace(/\s+/g, ' ')).toMatch(/A project admin can add them to it, or choose someone else/);
    expect(text).toMatch(/3 +ABC-2 +po +cleared +\(cleared\)/);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    // Control characters from a key never reach the terminal.
    expect(text).not.toContain('\u001b');
  });

  it('carries the message of a row that is not refused (a held slot left as it is), as the JSON does', () => {
    const message =
      "The PO of ABC-4 is already set to 712020:holder, so it is left as it is (--overwrite replaces it with 712020:field, the field's person).";
    const kept = formatAssignTable(
      buildAssignReport({
        site: 'demo',
        dryRun: true,
        generatedAt: new Date('2026-01-02T03:04:05Z'),
        results: [
          result({
            line: null,
            issueKey: 'ABC-4',
            accountId: '712020:holder',
            outcome: 'unchanged',
            message,
          }),
        ],
      }),
    );
    const lines = kept.trimEnd().split('\n');
    const at = lines.findIndex((l) => /ABC-4 +po +unchanged +712020:holder$/.test(l));
    expect(at).toBeGreaterThan(0);
    expect(
      lines
        .slice(at + 1)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ).toBe(message);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
  });

  it('wraps a title too long for one line rather than cutting the time off', () => {
    const site = 'https://a-rather-long-company-name-for-jira.atlassian.net';
    const long = formatAssignTable({ ...report, site, dryRun: true });
    const lines = long.split('\n');
    expect(long).not.toContain('…');
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    const summaryAt = lines.findIndex((l) => l.startsWith('1 would be assigned'));
    expect(summaryAt).toBeGreaterThan(1);
    expect(lines.slice(0, summaryAt).join(' ')).toBe(
      `Role Split assign (dry run: nothing written) on ${site} at 2026-01-02T03:04:05Z`,
    );
  });

  it('says "would be" in a dry run', () => {
    const dry = formatAssignTable({ ...report, dryRun: true });
    expect(dry).toMatch(/^Role Split assign \(dry run: nothing written\)/);
    expect(dry).toMatch(/1 would be assigned, 1 would be cleared/);
    expect(dry).toMatch(/Would apply/);
  });
});
