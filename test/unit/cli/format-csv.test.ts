import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import { CSV_HEADER, csvField, formatCsv, neutraliseFormula } from '../../../src/cli/format-csv';
import { parseCsv } from './rfc4180';
import { gap, projectWith, reportOf } from './sample-report';

describe('formatCsv', () => {
  it('writes the header and one row per gap, with every field in order', () => {
    const report = reportOf([
      projectWith('ABC', [
        gap({
          issueKey: 'ABC-2',
          epicKey: 'ABC-1',
          owner: { accountId: 'acc-1', displayName: 'Ada Lovelace' },
        }),
        gap({ code: 'STORY_WITHOUT_EPIC', severity: 'warning', issueKey: 'ABC-3', owner: null }),
      ]),
      projectWith('DEF', [gap({ issueKey: 'DEF-9', owner: { accountId: 'acc-9', displayName: null } })]),
    ]);
    expect(parseCsv(formatCsv(report))).toEqual([
      [...CSV_HEADER],
      ['ABC', 'STORY_WITHOUT_PO', 'error', 'ABC-2', 'Story', 'A story', 'ABC-1', 'acc-1', 'Ada Lovelace'],
      ['ABC', 'STORY_WITHOUT_EPIC', 'warning', 'ABC-3', 'Story', 'A story', '', '', ''],
      ['DEF', 'STORY_WITHOUT_PO', 'error', 'DEF-9', 'Story', 'A story', '', 'acc-9', ''],
    ]);
  });

  it('writes only the header when there are no gaps, and skips projects that could not be read', () => {
    const report = reportOf([{ key: 'ABC', ok: false, error: 'nope' }, projectWith('DEF', [])]);
    expect(formatCsv(report)).toBe(`${CSV_HEADER.join(',')}\r\n`);
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://evil","x")'])(
    'neutralises the formula %j',
    (cell) => {
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    },
  );

  it('leaves harmless cells alone', () => {
    for (const cell of ['', 'Story', 'a=b', 'x-1', "'quoted"]) expect(neutraliseFormula(cell)).toBe(cell);
  });

  it('round-trips any summary, and no parsed cell starts a formula', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (summary) => {
        const rows = parseCsv(formatCsv(reportOf([projectWith('ABC', [gap({ summary })])])));
        expect(rows).toHaveLength(2);
        const cell = rows[1]?.[5] ?? '';
        expect(cell === summary || cell === `'${summary}`).toBe(true);
        expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
      }),
    );
  });
});
