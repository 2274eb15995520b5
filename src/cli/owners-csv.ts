// The owners file of `role-split assign --file` and `role-split export-owners`: RFC 4180 CSV (CRLF or LF line
// ends, quoted fields with commas, quotes and line breaks; a UTF-8 byte order mark, as spreadsheets write, is
// tolerated). A header row names the columns: `issueKey`, `role` and `accountId` or `email` are read (any
// order, any case); every other column is ignored, so the export's displayName and summary can ride along.
// Rows keep their line number (the header is line 1; a row starts on the line its first field starts on) so
// the report can point at the row a spreadsheet shows.
import { csvRow } from '../contract/csv';

export const OWNERS_HEADER = ['issueKey', 'role', 'accountId', 'displayName', 'email', 'summary'] as const;

export interface OwnersRow {
  /** The physical line the row starts on (header = 1). */
  line: number;
  issueKey: string;
  /** As written (checked later: pm or po). */
  role: string;
  /** Empty when the row names no account id. */
  accountId: string;
  /** Empty when the row names no email (or the file has no email column). */
  email: string;
}

export type OwnersFile = { ok: true; rows: OwnersRow[] } | { ok: false; message: string };

interface Record_ {
  line: number;
  fields: string[];
}

/** Splits CSV text into records, or says where it is malformed. */
export function parseCsvRecords(
  text: string,
): { ok: true; records: Record_[] } | { ok: false; message: string } {
  const records: Record_[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) {
            return { ok: false, message: `line ${start}: a quoted field is not closed (a " is missing).` };
          }
          const char = text[i] as string;
          if (char === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (char === '\n') line++;
          field += char;
          i++;
        }
        if (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
          return { ok: false, message: `line ${line}: text after a closing quote (quote the whole field).` };
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
          if (text[i] === '"') {
            return {
              ok: false,
              message: `line ${line}: a " inside an unquoted field (quote the field, double the ").`,
            };
          }
          field += text[i];
          i++;
        }
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    // A blank line (one empty field) is no record; spreadsheets add them at the end.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
  }
  return { ok: true, records };
}

/** The export prefixes formula-like cells with an apostrophe (src/contract/csv.ts); reading undoes it. */
function unneutralise(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

export function parseOwnersCsv(text: string, fileName: string): OwnersFile {
  const parsed = parseCsvRecords(text);
  if (!parsed.ok) return { ok: false, message: `${fileName}: ${parsed.message}` };
  const [header, ...records] = parsed.records;
  if (header === undefined) {
    return {
      ok: false,
      message: `${fileName} is empty: expected a header row issueKey,role,accountId (or email).`,
    };
  }
  const columns = header.fields.map((name) => name.trim().toLowerCase());
  const index = (name: string): number => columns.indexOf(name.toLowerCase());
  const key = index('issueKey');
  const role = index('role');
  const accountId = index('accountId');
  const email = index('email');
  // Each missing column named on its own ("a role column"), so none is lost in a list of alternatives.
  const lacking = [
    key < 0 ? 'an issueKey column' : null,
    role < 0 ? 'a role column' : null,
    accountId < 0 && email < 0 ? 'an accountId or email column' : null,
  ].filter((c): c is string => c !== null);
  if (lacking.length > 0) {
    const last = lacking.pop() as string;
    const list = lacking.length > 0 ? `${lacking.join(', ')} and ${last}` : last;
    const has = header.fields.map((name) => name.trim()).join(', ');
    return {
      ok: false,
      message: `${fileName}: the header row lacks ${list} (it has: ${has}). Expected a header such as issueKey,role,accountId (or email).`,
    };
  }
  const cell = (fields: string[], at: number): string =>
    at < 0 ? '' : unneutralise((fields[at] ?? '').trim());
  return {
    ok: true,
    rows: records.map((r) => ({
      line: r.line,
      issueKey: cell(r.fields, key),
      role: cell(r.fields, role),
      accountId: cell(r.fields, accountId),
      email: cell(r.fields, email),
    })),
  };
}

export interface ExportRow {
  issueKey: string;
  role: 'pm' | 'po';
  accountId: string;
  displayName: string;
  email: string;
  summary: string;
}

/** The export: the same columns `assign --file` reads, plus who the person is and what the issue is. */
export function formatOwnersCsv(rows: readonly ExportRow[]): string {
  let out = csvRow(OWNERS_HEADER);
  for (const r of rows) out += csvRow([r.issueKey, r.role, r.accountId, r.displayName, r.email, r.summary]);
  return out;
}
