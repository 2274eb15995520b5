import { describe, expect, it } from '@jest/globals';
import { formatOwnersCsv, parseOwnersCsv } from '../../../src/cli/owners-csv';
import { parseCsv } from './rfc4180';

function rows(text: string) {
  const parsed = parseOwnersCsv(text, 'owners.csv');
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rows;
}

function problem(text: string): string {
  const parsed = parseOwnersCsv(text, 'owners.csv');
  if (parsed.ok) throw new Error('expected a problem');
  return parsed.message;
}

describe('the owners file', () => {
  it('reads the columns it needs by name, in any order and case, ignoring the rest', () => {
    expect(rows('Summary,ROLE,email,IssueKey\r\nhello,po,sam@x.example,ABC-1\r\n')).toEqual([
      { line: 2, issueKey: 'ABC-1', role: 'po', accountId: '', email: 'sam@x.example' },
    ]);
  });

  it('tolerates a byte order mark, LF line ends, blank lines and a missing last line end', () => {
    expect(
      rows('\uFEFFissueKey,role,accountId\n\nABC-1,pm,a1\nABC-2,po,').map((r) => [r.line, r.issueKey]),
    ).toEqual([
      [3, 'ABC-1'],
      [4, 'ABC-2'],
    ]);
  });

  it('reads quoted fields with commas, quotes and line breaks, and counts lines across them', () => {
    const text =
      'issueKey,summary,role,accountId\r\nABC-1,"two\r\nlines, ""quoted""",po,a1\r\nABC-2,x,pm,a2\r\n';
    expect(rows(text).map((r) => [r.line, r.issueKey, r.role])).toEqual([
      [2, 'ABC-1', 'po'],
      [4, 'ABC-2', 'pm'],
    ]);
  });

  it('says what is wrong with a file it cannot read', () => {
    expect(problem('')).toMatch(/is empty/);
    expect(problem('issueKey,role\nABC-1,po\n')).toMatch(/lacks an accountId or email column \(/);
    expect(problem('key,role,accountId\n')).toMatch(/lacks an issueKey column \(/);
    expect(problem('issueKey,role,accountId\nABC-1,"po,a1\n')).toMatch(
      /line 2: a quoted field is not closed/,
    );
    expect(problem('issueKey,role,accountId\nABC-1,p"o,a1\n')).toMatch(
      /line 2: a " inside an unquoted field/,
    );
  });

  // Each missing column is named on its own, so a missing role column is never lost in a list of people columns.
  it.each([
    ['issueKey,accountId', ['a role column'], 'issueKey, accountId'],
    ['issueKey,person', ['a role column', 'an accountId or email column'], 'issueKey, person'],
    ['role,email', ['an issueKey column'], 'role, email'],
    ['key,who', ['an issueKey column', 'a role column', 'an accountId or email column'], 'key, who'],
  ])('names every column the header %s lacks, and the columns it has', (header, lacking, has) => {
    const message = problem(`${header}\nABC-1,x\n`);
    const all = ['an issueKey column', 'a role column', 'an accountId or email column'];
    const said = /lacks (.*) \(it has: ([^)]*)\)/.exec(message);
    expect(said?.[2]).toBe(has);
    const listed = said?.[1] ?? '';
    for (const column of all) expect(listed.includes(column)).toBe(lacking.includes(column));
    expect(listed.replace(/, | and /g, '|').split('|')).toEqual(lacking);
  });

  it('writes what it reads: an export parses back to the same rows, formula-looking cells included', () => {
    const exported = formatOwnersCsv([
      {
        issueKey: 'ABC-1',
        role: 'po',
        accountId: '712020:a',
        displayName: 'Sam, "W"',
        email: '',
        summary: '=1+1',
      },
      {
        issueKey: 'ABC-2',
        role: 'pm',
        accountId: '712020:b',
        displayName: 'Pat',
        email: 'p@x.example',
        summary: 'x',
      },
    ]);
    expect(parseCsv(exported)[1]).toEqual(['ABC-1', 'po', '712020:a', 'Sam, "W"', '', "'=1+1"]);
    expect(rows(exported)).toEqual([
      { line: 2, issueKey: 'ABC-1', role: 'po', accountId: '712020:a', email: '' },
      { line: 3, issueKey: 'ABC-2', role: 'pm', accountId: '712020:b', email: 'p@x.example' },
    ]);
  });
});
