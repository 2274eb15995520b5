import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import { formatTable, TABLE_WIDTH } from '../../../src/cli/format-table';
import { displayWidth, truncate, wrap } from '../../../src/cli/text-width';
import type { GapCode } from '../../../src/domain/model';
import { GAP_CODES } from '../../../src/domain/model';
import { gap, projectWith, reportOf } from './sample-report';

function widest(text: string): number {
  return Math.max(...text.split('\n').map(displayWidth));
}

describe('formatTable', () => {
  it('shows coverage, counts and each gap', () => {
    const table = formatTable(
      reportOf([
        projectWith('ABC', [
          gap({ code: 'EPIC_WITHOUT_PM', issueKey: 'ABC-1', issueType: 'Epic', summary: 'Checkout' }),
          gap({
            code: 'SAME_PERSON_PM_AND_PO',
            severity: 'warning',
            issueKey: 'ABC-7',
            summary: 'Pay by card',
            owner: { accountId: 'a1', displayName: 'Grace Hopper' },
          }),
        ]),
      ]),
    );
    expect(table).toMatch(/Epics & initiatives with a PM\s+3 of 4 \(75%\)/);
    expect(table).toMatch(/Stories with a PO\s+7 of 10 \(70%\)/);
    expect(table).toMatch(/Gaps\s+1 error, 1 warning/);
    expect(table).toMatch(/EPIC_WITHOUT_PM 1, SAME_PERSON_PM_AND_PO 1/);
    expect(table).toMatch(/Errors\n.*\n\s+EPIC_WITHOUT_PM\s+ABC-1\s+-\s+Checkout/);
    expect(table).toMatch(/Warnings\n.*\n\s+SAME_PERSON_PM_AND_PO\s+ABC-7\s+Grace Hopper\s+Pay by card/);
    expect(table).toContain('https://acme.atlassian.net at 2026-01-02T03:04:05Z');
  });

  it('aligns the summary values in one column', () => {
    const lines = formatTable(reportOf([projectWith('ABC', [gap()])])).split('\n');
    const valueColumn = (label: string): number => {
      const line = lines.find((l) => l.trimStart().startsWith(label)) ?? '';
      const afterLabel = line.indexOf(label) + label.length;
      return afterLabel + line.slice(afterLabel).search(/\S/);
    };
    const columns = ['Epics & initiatives with a PM', 'Stories with a PO', 'Gaps'].map(valueColumn);
    expect(columns[0]).toBeGreaterThan('  Epics & initiatives with a PM'.length);
    expect(columns).toEqual([columns[0], columns[0], columns[0]]);
  });

  it.each([
    [12, 17, 70],
    [2, 3, 66],
    [199, 200, 99],
    [1, 200, 0],
    [5, 5, 100],
    // (29 / 100) * 100 is 28.999… in floating point: the percentage must still be 29.
    [29, 100, 29],
    [57, 100, 57],
  ])('rounds coverage down, as the UI does: %i of %i is %i%%', (part, whole, percent) => {
    const table = formatTable(
      reportOf([
        projectWith('ABC', [], { strategyIssues: whole, withPm: part, executionIssues: whole, withPo: part }),
      ]),
    );
    expect(table).toMatch(new RegExp(`with a PM\\s+${part} of ${whole} \\(${percent}%\\)`));
    expect(table).toMatch(new RegExp(`with a PO\\s+${part} of ${whole} \\(${percent}%\\)`));
  });

  it('gives no percentage for 0 of 0', () => {
    const table = formatTable(
      reportOf([projectWith('ABC', [], { strategyIssues: 0, withPm: 0, executionIssues: 0, withPo: 0 })]),
    );
    expect(table).toMatch(/with a PM\s+0 of 0\n/);
  });

  it('says when a project has no gaps, and why a project could not be read', () => {
    const table = formatTable(
      reportOf([projectWith('ABC', []), { key: 'NOPE', ok: false, error: 'Project NOPE does not exist.' }]),
    );
    expect(table).toContain('No gaps.');
    expect(table).toMatch(/NOPE: could not be read\n\s+Project NOPE does not exist\./);
  });

  it('shows an unknown owner by account id', () => {
    const table = formatTable(
      reportOf([projectWith('ABC', [gap({ owner: { accountId: 'gone-1', displayName: null } })])]),
    );
    expect(table).toContain('unknown gone-1');
  });

  it('keeps every line within 80 columns, whatever the summaries, names and keys', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 200 });
    const gapArb = fc.record({
      code: fc.constantFrom<GapCode>(...GAP_CODES),
      severity: fc.constantFrom('error' as const, 'warning' as const),
      issueKey: fc.stringMatching(/^[A-Z]{1,20}-[1-9][0-9]{0,8}$/),
      issueType: text,
      summary: text,
      epicKey: fc.constant(null),
      owner: fc.option(fc.record({ accountId: text, displayName: fc.option(text) })),
    });
    fc.assert(
      fc.property(fc.array(gapArb, { maxLength: 8 }), (gaps) => {
        const table = formatTable(reportOf([projectWith('ABCDEFGHIJ', gaps)]));
        expect(widest(table)).toBeLessThanOrEqual(TABLE_WIDTH);
      }),
    );
  });

  it('cuts long summaries with an ellipsis', () => {
    const table = formatTable(reportOf([projectWith('ABC', [gap({ summary: 'word '.repeat(40) })])]));
    expect(table).toMatch(/ wo?r?d?…\n/);
  });

  it('never lets a summary drive the terminal', () => {
    const table = formatTable(
      reportOf([projectWith('ABC', [gap({ summary: 'evil \u001b[2J\u202e text' })])]),
    );
    expect(table).not.toContain('\u001b');
    expect(table).not.toContain('\u202e');
    expect(table).toContain('evil');
  });
});

describe('text width', () => {
  it('counts wide characters as two columns and combining marks as none', () => {
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(truncate('日本語のテキスト', 7)).toBe('日本語…');
  });

  it('wraps at the width with an indent', () => {
    expect(wrap('one two three four', 10, '  ')).toEqual(['  one two', '  three', '  four']);
  });
});
