// Bulk assignment, step two: one batch of at most 100 issues through Jira's asynchronous bulk property write.
//
//   writeBatch(ports, items, context) -> { results, error, taskFinished }
//
//   1. read   one `POST /issue/bulkfetch` (skipped when the caller passes the facts it has just read): an issue
//             already at its target is `unchanged` and is not written again, which is what makes a redelivered
//             job write each issue once;
//   2. plan   each issue with ./plan-writes.ts (refusals never reach Jira);
//   3. write  one `POST /issue/properties/multi` for the planned writes (303 + a task);
//   4. poll   `GET /task/{id}` at most 3 times, as the same identity (only the task's creator may read it);
//   5. verify one more bulkfetch of the written issues: the slot holds the target -> assigned / cleared, anything
//             else -> WRITE_FAILED. The task's result is not trusted per issue: Jira does not document its shape.
//
// A Jira error stops the batch where it happened and is returned in `error` (never thrown): before the write,
// every row is NOT_ATTEMPTED; at the write, the rows to write are WRITE_FAILED; at the check, they are
// WRITE_FAILED with `unverified` (the write may have landed: reading again settles it). Nothing is skipped
// silently: every item gets exactly one result, in the order given.
import type { BulkRefusal } from '../../contract/bulk';
import type { IssueFacts, Role } from '../../domain/model';
import { OWNERSHIP_PROPERTY_KEY, readOwnership } from '../../domain/ownership';
import type { Policy } from '../../domain/policy';
import { JiraError, describeJiraError } from '../../jira/errors';
import type { JiraClient } from '../../jira/types';
import { ISSUE_FIELDS, ISSUE_PROPERTIES, toIssueFacts } from '../issue-facts';
import type { Clock } from '../ports';
import { planWrite, ROLE_NAME, type EligibilityLookup, type PlannedWrite } from './plan-writes';

/** Jira's limit per bulk property request (and per bulkfetch). */
export const BATCH_SIZE = 100;
/** Task polls per batch at most, and the waits before each. */
export const MAX_TASK_POLLS = 3;
const POLL_WAITS_MS = [250, 750, 1_500];
const FINISHED = new Set(['COMPLETE', 'FAILED', 'CANCELLED', 'DEAD']);

export interface WritePorts {
  /** The identity that reads, writes, polls and re-reads: the page's job the app, the CLI the token's user. */
  jira: JiraClient;
  clock: Clock;
  /** Waits between task polls (tests and the bench may shorten them). */
  sleep?: (ms: number) => Promise<void>;
}

export interface BatchItem {
  /** The issue's id (digits) or key, as the caller knows it. */
  issue: string;
  to: string | null;
  role?: Role;
  expectedFrom?: string | null;
  fillOnly?: boolean;
}

export interface BatchContext {
  policy: Policy;
  eligibility: EligibilityLookup;
  /** Recorded as each written slot's `setBy`. */
  setBy: string;
  /**
   * The issues as the caller has just read them, by the item's `issue` (null: not found). Given, the batch does
   * not read them again before writing; the page's job never passes it, so every delivery reads afresh.
   */
  facts?: ReadonlyMap<string, IssueFacts | null>;
  /** With `facts`: the issues Jira could not read this time (NOT_ATTEMPTED). */
  unreadable?: ReadonlySet<string>;
  /** Issues the caller may not edit (by id): refused NO_EDIT_PERMISSION instead of written. */
  mayEdit?: (issueId: string) => boolean;
  /** Called with the planned writes just before the write request (the job saves them as `written`). */
  beforeWrite?: (planned: ReadonlyArray<PlannedWrite & { outcome: 'assign' | 'clear' }>) => Promise<void>;
  /** Plan only: report what would happen and write nothing. */
  dryRun?: boolean;
}

interface ResultBase {
  /** The item's `issue` as given. */
  issue: string;
  issueId: string | null;
  issueKey: string | null;
  slot: Role | null;
  from: string | null;
  to: string | null;
}

export type ItemResult =
  | (ResultBase & { outcome: 'assigned' | 'cleared' | 'unchanged'; reason: null; message: null })
  | (ResultBase & {
      outcome: 'refused';
      reason: BulkRefusal;
      message: string;
      /** WRITE_FAILED only: the write was sent but its outcome could not be read (read again to settle it). */
      unverified?: boolean;
    });

export interface BatchResult {
  results: ItemResult[];
  /** The Jira error that stopped the batch, if one did. */
  error: JiraError | null;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function keyOf(ref: string): string {
  return /^\d+$/.test(ref) ? ref : ref.toUpperCase();
}

/** Reads issues by id or key with one bulkfetch: a map from each given ref to its facts, or null when missing. */
export async function readIssues(
  jira: JiraClient,
  refs: readonly string[],
): Promise<{ facts: Map<string, IssueFacts | null>; unreadable: Set<string> }> {
  const facts = new Map<string, IssueFacts | null>();
  const unreadable = new Set<string>();
  const unique = [...new Set(refs)];
  if (unique.length === 0) return { facts, unreadable };
  const read = await jira.bulkFetchIssues({
    issueIdsOrKeys: unique,
    fields: ISSUE_FIELDS,
    properties: ISSUE_PROPERTIES,
  });
  const byRef = new Map<string, IssueFacts>();
  for (const issue of read.issues) {
    const f = toIssueFacts(issue);
    byRef.set(f.id, f);
    byRef.set(f.key.toUpperCase(), f);
  }
  // Jira lists issues it could not return this time (not "missing") as errors, by the ref it was given.
  const failed = new Set(read.issueErrors.map((e) => keyOf(e.id)));
  for (const ref of unique) {
    const found = byRef.get(keyOf(ref));
    if (found) facts.set(ref, found);
    else if (failed.has(keyOf(ref))) unreadable.add(ref);
    else facts.set(ref, null);
  }
  return { facts, unreadable };
}

function refused(base: ResultBase, reason: BulkRefusal, message: string, unverified?: boolean): ItemResult {
  return { ...base, outcome: 'refused', reason, message, ...(unverified ? { unverified } : {}) };
}

function baseOf(item: BatchItem, facts: IssueFacts | null | undefined, plan?: PlannedWrite): ResultBase {
  return {
    issue: item.issue,
    issueId: facts?.id ?? null,
    issueKey: facts?.key ?? null,
    slot: plan?.slot ?? null,
    from: plan?.from ?? null,
    to: item.to,
  };
}

function fromPlan(item: BatchItem, facts: IssueFacts, plan: PlannedWrite): ItemResult {
  const base = baseOf(item, facts, plan);
  if (plan.outcome === 'refused') return refused(base, plan.reason, plan.message);
  if (plan.outcome === 'unchanged') return { ...base, outcome: 'unchanged', reason: null, message: null };
  return {
    ...base,
    outcome: plan.outcome === 'assign' ? 'assigned' : 'cleared',
    reason: null,
    message: null,
  };
}

/** Whether the slot now holds the target, read from a fresh property value. */
export function atTarget(raw: unknown, slot: Role, to: string | null): boolean {
  const reading = readOwnership(raw);
  if (reading.kind === 'invalid') return false;
  const holder = reading.kind === 'valid' ? (reading.ownership[slot]?.accountId ?? null) : null;
  return holder === to;
}

export async function writeBatch(
  ports: WritePorts,
  items: readonly BatchItem[],
  context: BatchContext,
): Promise<BatchResult> {
  if (items.length > BATCH_SIZE) throw new RangeError(`A batch takes at most ${BATCH_SIZE} issues.`);
  const results: ItemResult[] = new Array<ItemResult>(items.length);
  if (items.length === 0) return { results, error: null };

  // 1. Read (unless the caller just did).
  let facts: ReadonlyMap<string, IssueFacts | null>;
  let unreadable: ReadonlySet<string> = context.unreadable ?? new Set<string>();
  if (context.facts) {
    facts = context.facts;
  } else {
    try {
      ({ facts, unreadable } = await readIssues(
        ports.jira,
        items.map((i) => i.issue),
      ));
    } catch (error) {
      if (!(error instanceof JiraError)) throw error;
      const message = `Not written: Jira failed before the write (${describeJiraError(error)})`;
      return {
        results: items.map((item) => refused(baseOf(item, undefined), 'NOT_ATTEMPTED', message)),
        error,
      };
    }
  }

  // 2. Plan.
  const now = ports.clock.now();
  const toWrite: Array<{ index: number; plan: PlannedWrite & { outcome: 'assign' | 'clear' } }> = [];
  items.forEach((item, index) => {
    if (unreadable.has(item.issue)) {
      results[index] = refused(
        baseOf(item, undefined),
        'NOT_ATTEMPTED',
        `Jira could not read ${item.issue} this time, so it was not written. Run again.`,
      );
      return;
    }
    const issue = facts.get(item.issue);
    if (!issue) {
      results[index] = refused(
        baseOf(item, issue),
        'ISSUE_NOT_FOUND',
        `${item.issue} does not exist, or it is an issue you cannot see.`,
      );
      return;
    }
    const plan = planWrite({
      facts: issue,
      to: item.to,
      ...(item.role !== undefined ? { role: item.role } : {}),
      ...(item.expectedFrom !== undefined ? { expectedFrom: item.expectedFrom } : {}),
      ...(item.fillOnly !== undefined ? { fillOnly: item.fillOnly } : {}),
      policy: context.policy,
      eligibility: context.eligibility,
      setBy: context.setBy,
      now,
    });
    if (plan.outcome !== 'assign' && plan.outcome !== 'clear') {
      results[index] = fromPlan(item, issue, plan);
    } else if (context.mayEdit && !context.mayEdit(issue.id)) {
      results[index] = refused(
        baseOf(item, issue, plan),
        'NO_EDIT_PERMISSION',
        `You cannot edit ${issue.key}, so you cannot change its ${ROLE_NAME[plan.slot]}. A project admin can give you Edit Issues.`,
      );
    } else if (context.dryRun) {
      results[index] = fromPlan(item, issue, plan);
    } else {
      toWrite.push({ index, plan });
    }
  });
  if (toWrite.length === 0) return { results, error: null };
  const seen = new Set<string>();
  for (const { plan } of toWrite) {
    // Two values for one issue in one request: Jira would keep one of them at random.
    if (seen.has(plan.issueId)) throw new RangeError(`${plan.issueKey} appears twice in one batch.`);
    seen.add(plan.issueId);
  }

  // 3. Write.
  await context.beforeWrite?.(toWrite.map((w) => w.plan));
  const failWrites = (message: string, unverified: boolean) => {
    for (const { index, plan } of toWrite) {
      results[index] = refused(
        baseOf(items[index] as BatchItem, facts.get((items[index] as BatchItem).issue), plan),
        'WRITE_FAILED',
        message,
        unverified,
      );
    }
  };
  let taskId: string;
  try {
    ({ taskId } = await ports.jira.bulkSetIssueProperties(
      toWrite.map(({ plan }) => ({
        issueID: Number(plan.issueId),
        properties: { [OWNERSHIP_PROPERTY_KEY]: plan.next },
      })),
    ));
  } catch (error) {
    if (!(error instanceof JiraError)) throw error;
    failWrites(`Not written: ${describeJiraError(error)}`, false);
    return { results, error };
  }

  // 4. Poll the task (its result is not read per issue), 5. verify by reading the issues again.
  const sleep = ports.sleep ?? defaultSleep;
  try {
    for (let poll = 0; poll < MAX_TASK_POLLS; poll++) {
      await sleep(POLL_WAITS_MS[poll] ?? 1_000);
      const task = await ports.jira.getTask(taskId);
      if (FINISHED.has(task.status)) break;
    }
    const written = await readIssues(
      ports.jira,
      toWrite.map((w) => w.plan.issueId),
    );
    for (const { index, plan } of toWrite) {
      const item = items[index] as BatchItem;
      const after = written.facts.get(plan.issueId);
      if (after && atTarget(after.ownership, plan.slot, plan.to)) {
        results[index] = fromPlan(item, after, plan);
      } else {
        const unverified = written.unreadable.has(plan.issueId);
        results[index] = refused(
          baseOf(item, facts.get(item.issue), plan),
          'WRITE_FAILED',
          unverified
            ? `Jira could not read ${plan.issueKey} back after the write: run again to check it.`
            : `Jira did not save the new ${ROLE_NAME[plan.slot]} of ${plan.issueKey}: reading it back shows another owner.`,
          unverified,
        );
      }
    }
  } catch (error) {
    if (!(error instanceof JiraError)) throw error;
    failWrites(
      `Sent to Jira, but it could not be checked (${describeJiraError(error)}): run again to see whether it was saved.`,
      true,
    );
    return { results, error };
  }
  return { results, error: null };
}
