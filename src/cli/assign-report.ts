// The assign report, version 1: what `role-split assign` did (or, with --dry-run, would do) to each row. Its
// JSON form is a public contract (schemas/assign-report.v1.schema.json): add fields only in a new
// schemaVersion, never rename or drop one. A row is applied whole or refused with one code.

export const ASSIGN_REPORT_SCHEMA_VERSION = 1;

/** Why a row was not applied. */
export const ASSIGN_REFUSALS = [
  'INVALID_ROW',
  'AMBIGUOUS_USER',
  'ISSUE_NOT_FOUND',
  'NO_EDIT_PERMISSION',
  'WRONG_ROLE_FOR_LEVEL',
  'OUT_OF_SCOPE',
  'NOT_ELIGIBLE',
  'OWNERSHIP_INVALID',
  'WRITE_FAILED',
  'NOT_ATTEMPTED',
] as const;
export type AssignRefusal = (typeof ASSIGN_REFUSALS)[number];

/** The same words in a dry run: what would happen. */
export type AssignOutcome = 'assigned' | 'cleared' | 'unchanged' | 'refused';

export interface AssignResult {
  /** The CSV line of the row (header = 1); null for rows read from a custom field. */
  line: number | null;
  /** As the row named it (upper-cased), or as Jira spells it once read. */
  issueKey: string;
  /** pm or po; null when the row's role is not one of them. */
  role: 'pm' | 'po' | null;
  /**
   * assigned: the person the slot gets; cleared: null; unchanged: who holds the slot and keeps it (with
   * --from-field and no --overwrite, the holder, not the field's person); refused: the person the row named,
   * or null when it named no resolvable person.
   */
  accountId: string | null;
  outcome: AssignOutcome;
  reason: AssignRefusal | null;
  /** What happened, or why not and what to do; null when there is nothing to add. */
  message: string | null;
}

export interface AssignReport {
  schemaVersion: typeof ASSIGN_REPORT_SCHEMA_VERSION;
  /** The site's origin, or `demo`. */
  site: string;
  dryRun: boolean;
  /** ISO-8601, UTC. */
  generatedAt: string;
  summary: { assigned: number; cleared: number; unchanged: number; refused: number };
  results: AssignResult[];
}

export function buildAssignReport(args: {
  site: string;
  dryRun: boolean;
  generatedAt: Date;
  results: readonly AssignResult[];
}): AssignReport {
  const summary = { assigned: 0, cleared: 0, unchanged: 0, refused: 0 };
  for (const r of args.results) summary[r.outcome] += 1;
  return {
    schemaVersion: ASSIGN_REPORT_SCHEMA_VERSION,
    site: args.site,
    dryRun: args.dryRun,
    generatedAt: args.generatedAt.toISOString(),
    summary,
    results: args.results.map((r) => ({ ...r })),
  };
}

export function formatAssignJson(report: AssignReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
