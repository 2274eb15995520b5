// The bulk queue's work: one delivery takes a job up where its stored items say it is, chunk by chunk, writing as
// the app through the shared core (./write-batch.ts). Each item goes pending → written → verified | refused and
// is saved at each step:
//   - `written` is saved just before the write request (the intent): a delivery killed after it re-reads the
//     issue, finds it at its target and verifies it without writing again — and knows the job wrote it, so the
//     history gets its entry (once: appendJobHistoryOnce);
//   - a pending issue already at its target is verified as unchanged and nothing is written;
// so a redelivered, duplicated or continued message writes each issue at most once. The message only names the
// job: a first delivery, a continue and a duplicate are the same message, and a finished job skips it.
// After each batch: history entries, the written issues marked dirty and an incremental rescan requested (the
// Alignment page catches up in ~30 s), then the chunk is saved. No batch starts after the soft deadline: the job
// pushes a continue. A passing Jira failure (429 after retries, 5xx, time-out) is retried by a delayed continue a
// few times; anything else, or too many, fails the job with why, and every issue not reached is NOT_ATTEMPTED.
import { JiraError, describeJiraError } from '../../jira/errors';
import { AppError } from '../errors';
import { cachedEnablement } from '../scan-job/describe-status';
import { mapLimit } from '../map-limit';
import { appendJobHistoryOnce } from '../ownership-history';
import { markDirty } from '../scan-job/dirty';
import { requestScan } from '../scan-job/request-scan';
import { readAllItems, readJob, saveChunk, saveJob, type BulkItem, type BulkJob } from './job-store';
import { eligibilityFor } from './page-requests';
import { ROLE_NAME, type EligibilityLookup } from './plan-writes';
import type { BulkMessage, BulkPorts } from './ports';
import { requestFor } from './select';
import { readIssues, writeBatch, type ItemResult } from './write-batch';
import type { Policy } from '../../domain/policy';

/** Deliveries in a row that may meet a passing Jira failure before the job gives up. */
export const MAX_RETRIES = 3;
const RETRY_DELAY_S = 30;
/** The page catches up with the job's writes through an incremental rescan this long after a batch. */
const RESCAN_AFTER_BATCH_S = 30;
const STORE_CONCURRENCY = 10;

export type BulkRunOutcome =
  | { kind: 'skipped'; reason: 'unknown-job' | 'finished' }
  | { kind: 'continued'; retry: boolean }
  | { kind: 'finished'; state: 'done' | 'failed' };

const TRANSIENT = new Set(['rate-limited', 'server', 'timeout', 'network']);

function isTransient(error: unknown): boolean {
  // A role source Jira did not answer for (ROSTER_UNAVAILABLE) is usually as passing as the 5xx behind it.
  if (error instanceof AppError) return error.code === 'ROSTER_UNAVAILABLE';
  return error instanceof JiraError && TRANSIENT.has(error.kind);
}

function failureMessage(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  if (error instanceof JiraError && (error.kind === 'forbidden' || error.kind === 'unauthorized')) {
    return {
      code: 'FORBIDDEN',
      message:
        'Jira refused Role Split’s write: the app needs Browse Projects and Edit Issues in this project. A Jira admin can check the atlassian-addons-project-access role in its permission scheme. The issues not written are listed.',
    };
  }
  return {
    code: error instanceof JiraError && error.kind === 'rate-limited' ? 'RATE_LIMITED' : 'JIRA_UNAVAILABLE',
    message: `${describeJiraError(error)} The job stopped after several tries; the issues not written are listed. Start a new bulk assignment for them later.`,
  };
}

export async function handleBulkMessage(
  ports: BulkPorts,
  message: BulkMessage,
  options: { deadline: number },
): Promise<BulkRunOutcome> {
  const job = await readJob(ports.store, message.jobId);
  if (!job || job.projectId !== message.projectId) return { kind: 'skipped', reason: 'unknown-job' };
  if (job.state === 'done' || job.state === 'failed') return { kind: 'skipped', reason: 'finished' };
  if (job.state === 'queued') {
    job.state = 'running';
    job.startedAt = ports.clock.now().toISOString();
    await saveJob(ports.store, job);
  }
  const chunks = await readAllItems(ports.store, job);
  try {
    const { policy, lookup } = await prepare(ports, job, chunks);
    for (const [n, items] of chunks.entries()) {
      if (!items.some((i) => i.state === 'pending' || i.state === 'written')) continue;
      if (ports.clock.now().getTime() >= options.deadline) {
        await ports.queue.push(message);
        return { kind: 'continued', retry: false };
      }
      const outcome = await runChunk(ports, job, n, items, policy, lookup);
      if (outcome !== 'ok') {
        if (isTransient(outcome) && job.retries < MAX_RETRIES) {
          job.retries += 1;
          await saveJob(ports.store, job);
          await ports.queue.push(message, { delaySeconds: retryDelay(outcome, job.retries) });
          return { kind: 'continued', retry: true };
        }
        return await fail(ports, job, chunks, outcome);
      }
      job.retries = 0;
    }
  } catch (error) {
    if (isTransient(error) && job.retries < MAX_RETRIES) {
      job.retries += 1;
      await saveJob(ports.store, job);
      await ports.queue.push(message, { delaySeconds: retryDelay(error, job.retries) });
      return { kind: 'continued', retry: true };
    }
    if (!(error instanceof JiraError) && !(error instanceof AppError)) throw error;
    return await fail(ports, job, chunks, error);
  }
  job.state = 'done';
  job.finishedAt = ports.clock.now().toISOString();
  job.error = null;
  await saveJob(ports.store, job);
  return { kind: 'finished', state: 'done' };
}

function retryDelay(error: unknown, attempt: number): number {
  const after = error instanceof JiraError ? error.retryAfterMs : undefined;
  const asked = after === undefined ? 0 : Math.ceil(after / 1000);
  return Math.min(900, Math.max(asked, RETRY_DELAY_S * attempt));
}

/** The policy, whether the project is still enabled, and the job's people checked for both roles. */
async function prepare(
  ports: BulkPorts,
  job: BulkJob,
  chunks: BulkItem[][],
): Promise<{ policy: Policy; lookup: EligibilityLookup }> {
  const enablement = await cachedEnablement(ports, job.projectId);
  if (!enablement.enabled) {
    throw new AppError(
      'NOT_ENABLED',
      'Role Split was turned off on this project before the job finished, so nothing more was written. A project admin can enable it again on the Alignment page.',
    );
  }
  const policy = await ports.policyFor(job.projectId);
  const people = chunks
    .flat()
    .filter((i) => (i.state === 'pending' || i.state === 'written') && i.to !== null)
    .map((i) => i.to as string);
  const { lookup } = await eligibilityFor(ports, job.projectKey, policy, people);
  return { policy, lookup };
}

/** One chunk (≤ 100 issues, one batch): read, plan, write, verify, record; 'ok' or the Jira error that stopped it. */
async function runChunk(
  ports: BulkPorts,
  job: BulkJob,
  n: number,
  items: BulkItem[],
  policy: Policy,
  lookup: EligibilityLookup,
): Promise<'ok' | JiraError> {
  const todo = items.filter((i) => i.state === 'pending' || i.state === 'written');
  const wasWritten = new Set(todo.filter((i) => i.state === 'written').map((i) => i.issueId));
  let read: Awaited<ReturnType<typeof readIssues>>;
  try {
    read = await readIssues(
      ports.jira,
      todo.map((i) => i.issueId),
    );
  } catch (error) {
    if (error instanceof JiraError) return error;
    throw error;
  }
  const shape = { kind: job.kind, from: job.kind === 'replace' ? job.from : null };
  const batch = todo.map((item) => {
    const request = requestFor(
      { ...shape, ...(item.fillOnly ? { fillOnly: true } : {}) },
      item.to,
      read.facts.get(item.issueId) ?? null,
    );
    return {
      issue: item.issueId,
      ...request,
      ...(item.expectedFrom !== undefined ? { expectedFrom: item.expectedFrom } : {}),
      // The expectation is about the slot it was read in (a preview, the job undone): an issue whose level
      // changed since is refused WRONG_ROLE_FOR_LEVEL, not given the other role's owner.
      ...(item.expectedFrom !== undefined && item.slot !== null && request.role === undefined
        ? { role: item.slot }
        : {}),
    };
  });
  const result = await writeBatch(
    { jira: ports.jira, clock: ports.clock, ...(ports.sleep ? { sleep: ports.sleep } : {}) },
    batch,
    {
      policy,
      eligibility: lookup,
      setBy: job.by,
      facts: read.facts,
      unreadable: read.unreadable,
      beforeWrite: async (planned) => {
        for (const plan of planned) {
          const item = todo.find((i) => i.issueId === plan.issueId);
          if (!item) continue;
          Object.assign(item, { state: 'written', slot: plan.slot, from: plan.from, key: plan.issueKey });
          wasWritten.add(item.issueId);
        }
        await saveChunk(ports.store, job, n, items);
      },
    },
  );
  const changed: BulkItem[] = [];
  todo.forEach((item, i) => {
    const r = result.results[i] as ItemResult;
    if (r.issueKey) item.key = r.issueKey;
    if (r.slot) item.slot = r.slot;
    if (r.outcome === 'assigned' || r.outcome === 'cleared') {
      Object.assign(item, { state: 'verified', changed: true, from: r.from, reason: null, message: null });
      changed.push(item);
    } else if (r.outcome === 'unchanged') {
      // At its target: written by this job (a delivery stopped after the write) or already so beforehand.
      const ours = wasWritten.has(item.issueId);
      Object.assign(item, { state: 'verified', changed: ours, reason: null, message: null });
      if (ours) changed.push(item);
      else item.from = r.from;
    } else if (result.error && (r.reason === 'NOT_ATTEMPTED' || r.reason === 'WRITE_FAILED')) {
      // Left as it was (pending, or written): the next delivery reads it again and settles it.
    } else {
      Object.assign(item, {
        state: 'refused',
        from: r.from,
        reason: r.reason,
        message: conflictAfterPreview(job, r) ?? r.message,
      });
    }
  });
  if (changed.length > 0) await recordChanges(ports, job, changed);
  await saveChunk(ports.store, job, n, items);
  return result.error ?? 'ok';
}

/** An assign job's CONFLICT is about the preview the user agreed to (who holds it now is named on the page). */
function conflictAfterPreview(job: BulkJob, r: ItemResult): string | null {
  if (job.kind !== 'assign' || r.outcome !== 'refused' || r.reason !== 'CONFLICT') return null;
  const what = `the ${r.slot ? ROLE_NAME[r.slot] : 'owner'} of ${r.issueKey ?? 'this issue'}`;
  return r.from === null
    ? `Someone cleared ${what} after your preview, so it was left empty.`
    : `Someone changed ${what} after your preview, so it was left as they set it.`;
}

/** History (once per job and slot), dirty marks and one incremental rescan request for a batch's changes. */
async function recordChanges(ports: BulkPorts, job: BulkJob, changed: readonly BulkItem[]): Promise<void> {
  const now = ports.clock.now();
  // Ten at a time: a batch records 100 entries and 100 marks, each its own key.
  await mapLimit(changed, STORE_CONCURRENCY, async (item) => {
    if (item.slot) {
      await appendJobHistoryOnce(ports.store, item.issueId, {
        by: job.by,
        at: now.toISOString(),
        slot: item.slot,
        from: item.from,
        to: item.to,
        action: item.to === null ? 'clear' : 'assign',
        job: job.id,
      });
    }
    await markDirty(ports.store, job.projectId, [item.issueId], now);
  });
  await requestScan(
    { store: ports.store, queue: ports.scanQueue, clock: ports.clock, newId: () => ports.newId() },
    { id: job.projectId, key: job.projectKey },
    'incremental',
    { delaySeconds: RESCAN_AFTER_BATCH_S },
  );
}

/** Ends the job as failed: why, and every issue not settled named NOT_ATTEMPTED (or WRITE_FAILED if sent). */
async function fail(
  ports: BulkPorts,
  job: BulkJob,
  chunks: BulkItem[][],
  error: unknown,
): Promise<BulkRunOutcome> {
  const why = failureMessage(error);
  for (const [n, items] of chunks.entries()) {
    let touched = false;
    for (const item of items) {
      if (item.state !== 'pending' && item.state !== 'written') continue;
      const sent = item.state === 'written';
      Object.assign(item, {
        state: 'refused',
        reason: sent ? 'WRITE_FAILED' : 'NOT_ATTEMPTED',
        message: sent
          ? `Sent to Jira, but the job stopped before it could check it: ${why.message}`
          : `Not written: the job stopped. ${why.message}`,
      });
      touched = true;
    }
    if (touched) await saveChunk(ports.store, job, n, items);
  }
  job.state = 'failed';
  job.finishedAt = ports.clock.now().toISOString();
  job.error = why;
  await saveJob(ports.store, job);
  return { kind: 'finished', state: 'failed' };
}
