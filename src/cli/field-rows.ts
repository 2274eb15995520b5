// `role-split assign --from-field`: the rows of a backfill from a user-picker custom field. The field is found
// by id (customfield_10050) or by name (case-insensitive; a name several fields share is refused, naming their
// ids) in `GET /rest/api/3/field`; it must be a user picker. Every issue of the project with a value becomes a
// row for the given role, without a line number. A multi-user picker's value holding several people is no
// single owner: that row is INVALID_ROW (one person in it is taken).
import type { Role } from '../domain/model';
import type { JiraClient, JiraField } from '../jira/types';
import type { CandidateRow } from './assign';

export type FieldRows = { ok: true; field: JiraField; rows: CandidateRow[] } | { ok: false; message: string };

function isUserPicker(field: JiraField): 'single' | 'multi' | null {
  if (field.schema?.type === 'user') return 'single';
  if (field.schema?.type === 'array' && field.schema.items === 'user') return 'multi';
  return null;
}

/** Finds the field by id or name, or says why it cannot be used. */
export function findField(
  fields: readonly JiraField[],
  wanted: string,
): { ok: true; field: JiraField } | { ok: false; message: string } {
  const byId = fields.find((f) => f.id.toLowerCase() === wanted.toLowerCase());
  const byName = fields.filter((f) => f.name.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (!byId && byName.length > 1) {
    return {
      ok: false,
      message: `--from-field: several fields are named "${wanted}" (${byName.map((f) => f.id).join(', ')}): give the id instead.`,
    };
  }
  const field = byId ?? byName[0];
  if (!field) {
    const pickers = fields
      .filter((f) => isUserPicker(f) !== null && f.custom)
      .map((f) => `"${f.name}" (${f.id})`);
    return {
      ok: false,
      message: `--from-field: no field named or with the id "${wanted}". User pickers on this site: ${pickers.length > 0 ? pickers.join(', ') : 'none'}.`,
    };
  }
  if (isUserPicker(field) === null) {
    return {
      ok: false,
      message: `--from-field: "${field.name}" (${field.id}) is not a user picker, so it holds no person to backfill from.`,
    };
  }
  return { ok: true, field };
}

function accountIdOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const id = (value as { accountId?: unknown }).accountId;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** The row an issue's field value gives, or null when the field is empty. */
export function rowOfValue(
  issueKey: string,
  field: JiraField,
  role: Role,
  value: unknown,
): CandidateRow | null {
  if (value === null || value === undefined) return null;
  const base = { line: null, issueKey, role, email: null };
  if (Array.isArray(value)) {
    const ids = value.map(accountIdOf).filter((id): id is string => id !== null);
    if (ids.length === 0) return null;
    if (ids.length > 1) {
      return {
        ...base,
        accountId: null,
        invalid: `${field.name} holds ${ids.length} people on ${issueKey}: a slot has one owner. Set it with a file row instead.`,
      };
    }
    return { ...base, accountId: ids[0] as string };
  }
  const id = accountIdOf(value);
  return id === null ? null : { ...base, accountId: id };
}

export async function fieldRows(
  jira: JiraClient,
  projectKey: string,
  wanted: string,
  role: Role,
): Promise<FieldRows> {
  const found = findField(await jira.getFields(), wanted);
  if (!found.ok) return found;
  const { field } = found;
  const rows: CandidateRow[] = [];
  // Every issue of the project, ordered by key so the report reads in order; empty values give no row.
  const jql = `project = "${projectKey}" ORDER BY key ASC`;
  let token: string | null = null;
  const seen = new Set<string>();
  do {
    const page = await jira.searchFieldValuesPage(jql, [field.id], token);
    for (const issue of page.issues) {
      const row = rowOfValue(issue.key, field, role, issue.fields[field.id]);
      if (row) rows.push(row);
    }
    if (page.nextPageToken !== null && seen.has(page.nextPageToken)) break;
    token = page.nextPageToken;
    if (token !== null) seen.add(token);
  } while (token !== null);
  return { ok: true, field, rows };
}
