// The CSV form of a gap list, shared by the CLI's audit (src/cli/format-csv.ts) and the Alignment page's
// export, so both files have the same columns and the same escaping: RFC 4180 (CRLF line ends, fields quoted
// when they hold a comma, a quote or a line break, quotes doubled). Issue summaries are written by anyone who
// can create an issue, so a cell a spreadsheet would evaluate as a formula is neutralised with a leading
// apostrophe (OWASP "CSV injection"): the text stays readable and nothing runs when the file is opened.
// Pure and dependency-free: the Custom UI imports it directly (not through the contract's index, which
// brings zod).

export const CSV_HEADER = [
  'projectKey',
  'code',
  'severity',
  'issueKey',
  'issueType',
  'summary',
  'epicKey',
  'ownerAccountId',
  'ownerDisplayName',
] as const;

/** Leading characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula. */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export function neutraliseFormula(cell: string): string {
  return cell.length > 0 && FORMULA_TRIGGERS.has(cell.charAt(0)) ? `'${cell}` : cell;
}

export function csvField(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
