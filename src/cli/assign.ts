// The `role-split assign` use case: rows (from the owners file or a custom field) in, one result per row out.
//   1. check the credentials once (`/myself`, whose account is every written slot's `setBy`);
//   2. refuse rows that cannot be meant (INVALID_ROW: no issue key, a role other than pm/po, a malformed
//      account id, two rows naming the same issue and role — all of them, since neither can be preferred);
//   3. resolve emails with Jira's user search, once per email (AMBIGUOUS_USER / NOT_ELIGIBLE);
//   4. per project (the key's prefix): its policy (the `role-split-policy` property with the flags over it),
//      then the shared bulk core (src/app/bulk/assign-rows.ts): read the issues, check Edit Issues as the
//      caller, plan each row, write 100 at a time and read them back.
// A Jira failure that stops the run (after the client's retries) leaves every row not reached NOT_ATTEMPTED and
// exit status 2; the report still lists every row.
import { assignRows, type AssignRow, type RowResult } from '../app/bulk/assign-rows';
import { AppError } from '../app/errors';
import type { Clock } from '../app/ports';
import type { Role } from '../domain/model';
import { JiraError, describeJiraError, isJiraError } from '../jira/errors';
import type { JiraClient } from '../jira/types';
import type { AssignOptions } from './args';
import { EXIT_GAPS, EXIT_OK, EXIT_TROUBLE, describeStartFailure, type ExitCode } from './audit';
import { buildAssignReport, type AssignRefusal, type AssignReport, type AssignResult } from './assign-report';
import { eligibilityChecker, memoryStore } from './eligibility';
import { recordHolders, type HolderLog } from './holders';
import { projectPolicy } from './policy';
import type { RosterFile } from './roster-file';

export interface AssignContext {
  jira: JiraClient;
  clock: Clock;
  /** What the report's `site` says: the site's origin, or `demo`. */
  site: string;
  roster: RosterFile | null;
  /** Waits between task polls (tests shorten them). */
  sleep?: (ms: number) => Promise<void>;
}

/** A row as read, before any check. */
export interface CandidateRow {
  line: number | null;
  issueKey: string;
  role: string;
  /** null: none given (then `email`, or a clear when that is null too). */
  accountId: string | null;
  email: string | null;
  /** Set when the source already knows the row is unusable (a multi-user field value). */
  invalid?: string;
}

export interface AssignRun {
  report: AssignReport;
  exitCode: ExitCode;
  /** One line each for stderr: why the run stopped and what to do, or how many rows were refused. */
  messages: string[];
  /** One line each for stderr that do not change the exit status (a stored policy that does not parse). */
  warnings: string[];
}

const ACCOUNT_ID = /^[A-Za-z0-9:_-]{1,128}$/;
const ISSUE_KEY = /^([A-Z][A-Z0-9_]*)-[1-9]\d*$/;
/** Results asked of the user search per email: enough to tell one match from several. */
const EMAIL_SEARCH_MAX = 10;

function refusedRow(
  row: CandidateRow,
  role: Role | null,
  accountId: string | null,
  reason: AssignRefusal,
  message: string,
): AssignResult {
  return { line: row.line, issueKey: row.issueKey, role, accountId, outcome: 'refused', reason, message };
}

function roleOf(raw: string): Role | null {
  const role = raw.trim().toLowerCase();
  return role === 'pm' || role === 'po' ? role : null;
}

interface CheckedRow {
  index: number;
  row: CandidateRow;
  key: string;
  project: string;
  role: Role;
}

/** Step 2: the rows that can be meant, and a refusal for each of the others. */
function checkRows(rows: readonly CandidateRow[], results: AssignResult[]): CheckedRow[] {
  const checked: CheckedRow[] = [];
  rows.forEach((row, index) => {
    const key = row.issueKey.trim().toUpperCase();
    const role = roleOf(row.role);
    const accountId = row.accountId?.trim() || null;
    const fail = (message: string) => {
      results[index] = refusedRow({ ...row, issueKey: key }, role, accountId, 'INVALID_ROW', message);
    };
    const project = ISSUE_KEY.exec(key)?.[1];
    if (row.invalid !== undefined) fail(row.invalid);
    else if (key === '') fail('The row names no issue: fill in issueKey (e.g. ABC-123).');
    else if (project === undefined) fail(`"${row.issueKey}" is not an issue key (e.g. ABC-123).`);
    else if (role === null) fail(`The role "${row.role}" is neither pm nor po.`);
    else if (accountId !== null && !ACCOUNT_ID.test(accountId))
      fail(`"${accountId}" is not an Atlassian account id (letters, digits, ":", "_" and "-").`);
    else checked.push({ index, row: { ...row, issueKey: key, accountId }, key, project, role });
  });
  // The same issue and role twice: which one is meant cannot be known, so neither is applied.
  const byTarget = new Map<string, CheckedRow[]>();
  for (const c of checked)
    byTarget.set(`${c.key}:${c.role}`, [...(byTarget.get(`${c.key}:${c.role}`) ?? []), c]);
  const duplicates = new Set<number>();
  for (const same of byTarget.values()) {
    if (same.length < 2) continue;
    const lines = same.map((c) => (c.row.line === null ? c.key : `line ${c.row.line}`)).join(', ');
    for (const c of same) {
      duplicates.add(c.index);
      results[c.index] = refusedRow(
        c.row,
        c.role,
        c.row.accountId,
        'INVALID_ROW',
        `${c.key} has more than one ${c.role.toUpperCase()} row (${lines}): keep one of them and run again.`,
      );
    }
  }
  return checked.filter((c) => !duplicates.has(c.index));
}

type EmailAnswer = { ok: true; accountId: string } | { ok: false; reason: AssignRefusal; message: string };

/** Step 3: one user search per email. An exact email match among the results wins over prefix matches. */
async function resolveEmail(jira: JiraClient, email: string): Promise<EmailAnswer> {
  const found = await jira.searchUsers(email, EMAIL_SEARCH_MAX);
  const people = found.filter((u) => u.accountType === 'atlassian');
  const exact = people.filter((u) => u.emailAddress?.toLowerCase() === email.toLowerCase());
  const candidates = exact.length > 0 ? exact : people;
  const [only, ...others] = candidates;
  if (only !== undefined && others.length === 0) {
    if (!only.active) {
      return { ok: false, reason: 'NOT_ELIGIBLE', message: `The account of ${email} is deactivated.` };
    }
    return { ok: true, accountId: only.accountId };
  }
  if (only === undefined) {
    return {
      ok: false,
      reason: 'NOT_ELIGIBLE',
      message: `No active Jira account the token's user can see has the email ${email}: check it, or give the accountId instead.`,
    };
  }
  return {
    ok: false,
    reason: 'AMBIGUOUS_USER',
    message: `${candidates.length} accounts match ${email}: give the person's accountId instead.`,
  };
}

/** The stderr line for a Jira failure that stopped the run. */
export function describeStop(error: unknown, site: string): string {
  const after =
    'Rows already applied stay applied; run the same input again to finish (they will be unchanged).';
  if (!isJiraError(error)) return `The run stopped: ${String(error)}. ${after}`;
  switch (error.kind) {
    case 'rate-limited':
      return `Jira kept limiting the rate of requests (HTTP 429): wait a few minutes. ${after}`;
    case 'forbidden':
      return `Jira refused a request (HTTP 403) on ${error.endpoint}: the account in JIRA_EMAIL needs Browse Projects and Edit Issues in these projects. ${after}`;
    case 'unauthorized':
      return `Jira stopped accepting the credentials (HTTP 401): check JIRA_EMAIL and JIRA_API_TOKEN. ${after}`;
    case 'network':
    case 'timeout':
      return `Lost the connection to ${site}: check the network. ${after}`;
    default:
      return `Jira failed (${describeJiraError(error)}). ${after}`;
  }
}

function notAttempted(
  row: CandidateRow,
  role: Role | null,
  accountId: string | null,
  why: string,
): AssignResult {
  return refusedRow(row, role, accountId, 'NOT_ATTEMPTED', `Not attempted: ${why}`);
}

/** Every row as NOT_ATTEMPTED: a run that stopped before reaching Jira (a bad --roster, no credentials). */
export function notAttemptedRows(rows: readonly CandidateRow[], why: string): AssignResult[] {
  return rows.map((row) => notAttempted(row, roleOf(row.role), row.accountId?.trim() || null, why));
}

/**
 * A fill-only row (`--from-field` without `--overwrite`) left `unchanged` because someone else holds the slot:
 * the row shows the holder, since that is who the slot has, and the message names the field's person.
 */
function keptHolder(
  c: CheckedRow,
  issueKey: string,
  fieldPerson: string | null,
  holder: string | null | undefined,
): { accountId: string | null; message: string | null } {
  if (holder === fieldPerson) return { accountId: holder, message: null };
  const slot = `The ${c.role.toUpperCase()} of ${issueKey}`;
  const replaces = `--overwrite replaces it with ${fieldPerson ?? 'nobody'}, the field's person`;
  if (holder === undefined || holder === null) {
    return { accountId: null, message: `${slot} is already set, so it is left as it is (${replaces}).` };
  }
  return {
    accountId: holder,
    message: `${slot} is already set to ${holder}, so it is left as it is (${replaces}).`,
  };
}

function fromCore(
  c: CheckedRow,
  accountId: string | null,
  result: RowResult,
  fillOnly: boolean,
  holders: HolderLog,
): AssignResult {
  const issueKey = result.issueKey ?? c.key;
  const kept =
    fillOnly && result.outcome === 'unchanged'
      ? keptHolder(c, issueKey, accountId, holders.holderOf(issueKey, c.role))
      : { accountId, message: null };
  return {
    line: c.row.line,
    issueKey,
    role: c.role,
    accountId: kept.accountId,
    outcome: result.outcome,
    reason: result.reason === 'CONFLICT' ? 'WRITE_FAILED' : result.reason,
    message: result.message ?? kept.message,
  };
}

async function projectExists(jira: JiraClient, projectKey: string): Promise<boolean> {
  try {
    await jira.getProject(projectKey);
    return true;
  } catch (error) {
    if (isJiraError(error, 'not-found')) return false;
    throw error;
  }
}

/** The stderr line of a run that went through with refusals: how many, and what happened to the others. */
export function refusedLine(refused: number, total: number, dryRun: boolean): string {
  const others = total - refused;
  if (others === 0) {
    const nothing = `nothing ${dryRun ? 'would be' : 'was'} applied.`;
    return total === 1
      ? `The row was refused (see its reason): ${nothing}`
      : `All ${total} rows were refused (see each row's reason): ${nothing}`;
  }
  const verb = dryRun ? 'would be applied' : others === 1 ? 'was applied' : 'were applied';
  const rest = others === 1 ? `the other row ${verb}` : `the other ${others} ${verb}`;
  return `${refused} of ${total} rows refused (see each row's reason); ${rest}.`;
}

export async function runAssign(
  context: AssignContext,
  options: Pick<AssignOptions, 'dryRun' | 'pmRole' | 'poRole' | 'executionTypes' | 'includeDone'> & {
    fillOnly?: boolean;
  },
  rows: readonly CandidateRow[],
): Promise<AssignRun> {
  const results: AssignResult[] = new Array<AssignResult>(rows.length);
  const warnings: string[] = [];
  const finish = (exitCode: ExitCode | null, messages: string[]): AssignRun => {
    const report = buildAssignReport({
      site: context.site,
      dryRun: options.dryRun,
      generatedAt: context.clock.now(),
      results,
    });
    const refused = report.summary.refused;
    const code = exitCode ?? (refused > 0 ? EXIT_GAPS : EXIT_OK);
    const lines =
      exitCode === null && refused > 0 ? [refusedLine(refused, rows.length, options.dryRun)] : messages;
    return { report, exitCode: code, messages: lines, warnings };
  };
  const stopAll = (why: string) => {
    rows.forEach((row, i) => {
      results[i] ??= notAttempted(row, roleOf(row.role), row.accountId?.trim() || null, why);
    });
  };

  let setBy: string;
  try {
    setBy = (await context.jira.getMyself()).accountId;
  } catch (error) {
    const message = describeStartFailure(error, context.site);
    stopAll('the run could not start.');
    return finish(EXIT_TROUBLE, [message]);
  }

  const checked = checkRows(rows, results);

  // Emails, once each.
  const emails = new Map<string, EmailAnswer>();
  const ready: Array<CheckedRow & { accountId: string | null }> = [];
  for (const c of checked) {
    const email = c.row.accountId === null ? (c.row.email?.trim() ?? '') : '';
    if (email === '') {
      ready.push({ ...c, accountId: c.row.accountId });
      continue;
    }
    let answer = emails.get(email.toLowerCase());
    if (answer === undefined) {
      try {
        answer = await resolveEmail(context.jira, email);
      } catch (error) {
        if (!(error instanceof JiraError)) throw error;
        stopAll('the run stopped before this row.');
        return finish(EXIT_TROUBLE, [describeStop(error, context.site)]);
      }
      emails.set(email.toLowerCase(), answer);
    }
    if (answer.ok) ready.push({ ...c, accountId: answer.accountId });
    else results[c.index] = refusedRow(c.row, c.role, null, answer.reason, answer.message);
  }

  // Per project, in the order projects first appear.
  const projects = [...new Set(ready.map((r) => r.project))];
  const store = memoryStore();
  const holders = recordHolders(context.jira);
  for (const projectKey of projects) {
    const group = ready.filter((r) => r.project === projectKey);
    try {
      // A key naming a project that is not there (or hidden) must not stop the run at the role sources.
      if (!(await projectExists(context.jira, projectKey))) {
        for (const g of group) {
          results[g.index] = refusedRow(
            g.row,
            g.role,
            g.accountId,
            'ISSUE_NOT_FOUND',
            `There is no project ${projectKey}, or the account in JIRA_EMAIL cannot browse it: check ${g.key}.`,
          );
        }
        continue;
      }
      const read = await projectPolicy(context.jira, projectKey, options);
      if (read.warning !== null) warnings.push(read.warning);
      const checkEligibility = eligibilityChecker({
        jira: context.jira,
        clock: context.clock,
        store,
        projectKey,
        policy: read.policy,
        roster: context.roster,
      });
      const coreRows: AssignRow[] = group.map((g) => ({
        line: g.row.line,
        issue: g.key,
        role: g.role,
        accountId: g.accountId,
      }));
      const outcome = await assignRows(
        {
          jira: holders.jira,
          clock: context.clock,
          checkEligibility,
          ...(context.sleep ? { sleep: context.sleep } : {}),
        },
        coreRows,
        { policy: read.policy, setBy, dryRun: options.dryRun, fillOnly: options.fillOnly ?? false },
      );
      group.forEach((g, i) => {
        const result = outcome.results[i];
        if (result) results[g.index] = fromCore(g, g.accountId, result, options.fillOnly ?? false, holders);
      });
      if (outcome.error) {
        stopAll('the run stopped before this row.');
        return finish(EXIT_TROUBLE, [describeStop(outcome.error, context.site)]);
      }
    } catch (error) {
      if (error instanceof AppError && error.code === 'ROSTER_UNAVAILABLE') {
        stopAll('the eligible people could not be read.');
        return finish(EXIT_TROUBLE, [
          `ROSTER_UNAVAILABLE: ${error.message} Run as a project admin, or pass --roster FILE with the eligible account ids of each role.`,
        ]);
      }
      if (!(error instanceof JiraError)) throw error;
      stopAll('the run stopped before this row.');
      return finish(EXIT_TROUBLE, [describeStop(error, context.site)]);
    }
  }
  return finish(null, []);
}
