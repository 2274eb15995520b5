// `role-split assign`'s core (the CLI in src/cli/ parses the file, resolves emails and prints): rows in, one
// result per row out, through the same plan and batch writes as the Alignment page's job.
//
//   assignRows(ports, rows, options) -> Promise<{ results: RowResult[]; error: JiraError | null }>
//     ports    { jira, clock, sleep?, checkEligibility(role, accountIds) }: `jira` is the caller (the token's
//              user) for every request — reads, the Edit Issues check, writes, task polls, re-reads;
//              `peopleChecker(ownershipPorts, projectKey, policy)` below gives the usual checkEligibility;
//     rows     [{ line, issue: key or id, role: 'pm' | 'po', accountId: string | null (null clears) }], each
//              (issue, role) once (the CLI refuses duplicates as INVALID_ROW before calling);
//     options  { policy, setBy, dryRun, fillOnly? (only fill empty slots: --from-field without --overwrite) }.
//   `results` has one entry per row, in the rows' order. `error` is the Jira error that stopped the run, if one
//   did (a 403, a 429 after retries, a 5xx): rows already written keep their outcome, the rows of the batch it
//   hit are WRITE_FAILED (or NOT_ATTEMPTED when it hit before the write), later rows NOT_ATTEMPTED. The
//   eligibility checker's own errors (e.g. ROSTER_UNAVAILABLE) are thrown before anything is read or written.
//
// Requests for n rows: ceil(n/100) reads + ceil(n/1,000) permission checks + per 100 one write, 1–3 task polls
// and one re-read (a dry run: reads and checks only).
import type { BulkRefusal } from '../../contract/bulk';
import type { Role } from '../../domain/model';
import type { Policy } from '../../domain/policy';
import { JiraError, describeJiraError } from '../../jira/errors';
import type { JiraClient } from '../../jira/types';
import { chunks } from '../issue-facts';
import { checkPeople } from '../people';
import type { OwnershipPorts } from '../ports';
import type { EligibilityVerdict } from './plan-writes';
import { BATCH_SIZE, readIssues, writeBatch, type ItemResult, type WritePorts } from './write-batch';

/** Issues per `POST /rest/api/3/permissions/check` (Jira's limit). */
export const PERMISSION_CHECK_SIZE = 1_000;

export interface AssignRow {
  /** The CSV line (header = 1); null for rows that come from a field (`--from-field`). */
  line: number | null;
  /** An issue key or id. */
  issue: string;
  role: Role;
  /** Who gets the slot; null clears it. */
  accountId: string | null;
}

export interface AssignPorts extends WritePorts {
  /** Whether each person may hold the role (src/app/people.ts `checkPeople`, or the `--roster` file's answer). */
  checkEligibility(
    role: Role,
    accountIds: readonly string[],
  ): Promise<ReadonlyMap<string, EligibilityVerdict>>;
}

export interface AssignOptions {
  policy: Policy;
  /** Recorded as `setBy` on each slot written: the token's user. */
  setBy: string;
  dryRun: boolean;
  fillOnly?: boolean;
}

export type AssignRefusal = BulkRefusal | 'INVALID_ROW';

/**
 * The eligibility checker from the policy's role sources, as everywhere else (src/app/people.ts `checkPeople`:
 * role actors and named people, groups through `user/groups`, deactivated and app accounts refused). Throws
 * AppError ROSTER_UNAVAILABLE when a role source cannot be read. `ports.store` may be a MemoryStore (the CLI).
 */
export function peopleChecker(
  ports: OwnershipPorts,
  projectKey: string,
  policy: Policy,
): AssignPorts['checkEligibility'] {
  return (role, accountIds) => checkPeople(ports, { projectKey, policy, role }, accountIds);
}

export interface RowResult {
  line: number | null;
  issue: string;
  /** The issue's key as Jira answers it (null when it was not found or not reached). */
  issueKey: string | null;
  role: Role;
  accountId: string | null;
  outcome: 'assigned' | 'cleared' | 'unchanged' | 'refused';
  reason: AssignRefusal | null;
  message: string | null;
}

function toRow(row: AssignRow, result: ItemResult): RowResult {
  return {
    line: row.line,
    issue: row.issue,
    issueKey: result.issueKey,
    role: row.role,
    accountId: row.accountId,
    outcome: result.outcome,
    reason: result.reason,
    message: result.message,
  };
}

function notAttempted(row: AssignRow, message: string): RowResult {
  return {
    line: row.line,
    issue: row.issue,
    issueKey: null,
    role: row.role,
    accountId: row.accountId,
    outcome: 'refused',
    reason: 'NOT_ATTEMPTED',
    message,
  };
}

/** The issues among `issueIds` the caller may edit (asked as the caller: no accountId). */
export async function editableIssues(jira: JiraClient, issueIds: readonly string[]): Promise<Set<string>> {
  const granted = new Set<string>();
  for (const batch of chunks([...new Set(issueIds)], PERMISSION_CHECK_SIZE)) {
    if (batch.length === 0) continue;
    const answer = await jira.checkPermissions({
      projectPermissions: [{ permissions: ['EDIT_ISSUES'], issues: batch.map(Number) }],
    });
    for (const grant of answer.projectPermissions) {
      if (grant.permission !== 'EDIT_ISSUES') continue;
      for (const id of grant.issues) granted.add(String(id));
    }
  }
  return granted;
}

export async function assignRows(
  ports: AssignPorts,
  rows: readonly AssignRow[],
  options: AssignOptions,
): Promise<{ results: RowResult[]; error: JiraError | null }> {
  const results: RowResult[] = new Array<RowResult>(rows.length);

  // Eligibility first, once per role for every person named: a roster that cannot be read stops the run
  // before anything is written.
  const verdicts = new Map<Role, ReadonlyMap<string, EligibilityVerdict>>();
  for (const role of ['pm', 'po'] as const) {
    const ids = [
      ...new Set(rows.filter((r) => r.role === role && r.accountId !== null).map((r) => r.accountId)),
    ];
    verdicts.set(role, ids.length > 0 ? await ports.checkEligibility(role, ids as string[]) : new Map());
  }
  const eligibility = (accountId: string, role: Role) => verdicts.get(role)?.get(accountId);

  const indexed = rows.map((row, index) => ({ row, index }));
  const stopAt = (from: number, error: JiraError) => {
    const message = `Not attempted: the run stopped when Jira failed (${describeJiraError(error)})`;
    for (let i = from; i < rows.length; i++) results[i] ??= notAttempted(rows[i] as AssignRow, message);
  };

  // Windows of 1,000 rows: read their issues (10 bulkfetches), one permission check, then write 100 at a time.
  for (const window of chunks(indexed, PERMISSION_CHECK_SIZE)) {
    const start = window[0]?.index ?? 0;
    const batches = chunks(window, BATCH_SIZE);
    const facts: Array<Awaited<ReturnType<typeof readIssues>>> = [];
    try {
      for (const batch of batches)
        facts.push(
          await readIssues(
            ports.jira,
            batch.map((b) => b.row.issue),
          ),
        );
    } catch (error) {
      if (!(error instanceof JiraError)) throw error;
      stopAt(start, error);
      return { results, error };
    }
    const ids = facts.flatMap((f) => [...f.facts.values()].filter((x) => x !== null).map((x) => x.id));
    let editable: Set<string>;
    try {
      editable = await editableIssues(ports.jira, ids);
    } catch (error) {
      if (!(error instanceof JiraError)) throw error;
      stopAt(start, error);
      return { results, error };
    }

    for (const [n, batch] of batches.entries()) {
      const read = facts[n] as Awaited<ReturnType<typeof readIssues>>;
      // The same issue named twice for the same role (by key and by id): Jira would keep one at random.
      const seen = new Map<string, number[]>();
      for (const { row, index } of batch) {
        const id = read.facts.get(row.issue)?.id;
        if (id === undefined) continue;
        const key = `${id}:${row.role}`;
        seen.set(key, [...(seen.get(key) ?? []), index]);
      }
      const duplicates = new Set([...seen.values()].filter((list) => list.length > 1).flat());
      for (const index of duplicates) {
        const row = rows[index] as AssignRow;
        results[index] = {
          ...notAttempted(row, `${row.issue} is named more than once for the ${row.role.toUpperCase()}.`),
          reason: 'INVALID_ROW',
        };
      }
      const todo = batch.filter((b) => !duplicates.has(b.index));
      const outcome = await writeBatch(
        ports,
        todo.map(({ row }) => ({
          issue: row.issue,
          role: row.role,
          to: row.accountId,
          fillOnly: options.fillOnly,
        })),
        {
          policy: options.policy,
          eligibility,
          setBy: options.setBy,
          facts: read.facts,
          unreadable: read.unreadable,
          mayEdit: (issueId) => editable.has(issueId),
          dryRun: options.dryRun,
        },
      );
      todo.forEach(({ row, index }, i) => {
        const result = outcome.results[i];
        if (result) results[index] = toRow(row, result);
      });
      // Issues Jira could not read this time are NOT_ATTEMPTED by the batch already.
      if (outcome.error) {
        stopAt(start, outcome.error);
        return { results, error: outcome.error };
      }
    }
  }
  return { results, error: null };
}
