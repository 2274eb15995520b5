// The checkpoint of a project's scan, kept in the app's store under `scan-job:<projectId>`. Exactly one queue
// consumer works on a project at a time (the push's concurrency key `scan:<projectId>`, limit 1), so this record
// is written by one invocation at a time; a retried or duplicated delivery reads it and carries on from the
// last step that finished, never from the beginning. What a step produced (id pages, issue facts) lives in
// chunk records beside it (./chunks.ts) and is deleted when the run ends.
import { z } from 'zod';
import type { ScanStatusView } from '../../contract/alignment';

export const SCAN_PHASES = ['finding', 'reading', 'related', 'evaluating', 'storing', 'done'] as const;
export type ScanPhase = (typeof SCAN_PHASES)[number];

const isoTime = z.string().min(1);
const errorSchema = z.object({ code: z.string(), message: z.string() });

export const scanJobSchema = z.object({
  schema: z.literal(1),
  runId: z.string().min(1),
  projectId: z.string().min(1),
  projectKey: z.string().min(1),
  kind: z.enum(['full', 'incremental']),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  phase: z.enum(SCAN_PHASES),
  queuedAt: isoTime,
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
  /** Request ids this run answers: a delivery carrying one of them again is a duplicate. */
  requestIds: z.array(z.string()).max(50),
  /** A full scan was asked for while this run was under way: one starts when this one ends. */
  pendingFull: z.boolean(),
  /** Incremental runs: issues updated at or after this instant are re-read (the last scan's start, less slack). */
  updatedSince: isoTime.nullable(),
  /** Id-only searches: pages stored so far, the token of the next page, whether the search has ended. */
  idSearch: z.object({
    all: z.object({
      pages: z.number().int().min(0),
      nextPageToken: z.string().nullable(),
      done: z.boolean(),
    }),
    changed: z.object({
      pages: z.number().int().min(0),
      nextPageToken: z.string().nullable(),
      done: z.boolean(),
    }),
  }),
  /** Dirty-issue keys (scan-dirty:...) this incremental run consumes; deleted when it succeeds. */
  dirtyKeys: z.array(z.string()),
  /** The marks those keys held when read: a key marked again since is left for the next run. */
  dirtyMarks: z.array(z.string()),
  /** Ids to read with bulkfetch, stored in chunks; batch i covers ids [100·i, 100·i + 100). */
  toRead: z.object({ chunks: z.number().int().min(0), count: z.number().int().min(0) }).nullable(),
  batchesDone: z.array(z.number().int().min(0)),
  /** Ids Jira kept answering with an issueError: left as they were stored, retried by the next scan. */
  failedIds: z.array(z.string()),
  /** Issues read and issues to read, for the progress line. */
  done: z.number().int().min(0),
  total: z.number().int().min(0).nullable(),
  error: errorSchema.nullable(),
});
export type ScanJob = z.infer<typeof scanJobSchema>;

export function jobKey(projectId: string): string {
  return `scan-job:${projectId}`;
}

/** The last finished run, kept for the page's "results from … / last scan failed" line. */
export function lastRunKey(projectId: string): string {
  return `scan-last:${projectId}`;
}

export const lastRunSchema = z.object({
  runId: z.string(),
  kind: z.enum(['full', 'incremental']),
  state: z.enum(['done', 'failed']),
  startedAt: isoTime,
  finishedAt: isoTime,
  issuesRead: z.number().int().min(0),
  error: errorSchema.nullable(),
  /** The start of the last successful full scan: the daily scan's freshness. */
  lastFullStartedAt: isoTime.nullable(),
  /** The start of the last successful run of either kind: the next incremental run reads changes since. */
  lastSuccessStartedAt: isoTime.nullable(),
  /** When the stored results were last completed by a run. */
  lastSuccessFinishedAt: isoTime.nullable(),
});
export type LastRun = z.infer<typeof lastRunSchema>;

export function statusOf(job: ScanJob): ScanStatusView {
  const durationMs =
    job.startedAt && job.finishedAt ? Date.parse(job.finishedAt) - Date.parse(job.startedAt) : null;
  return {
    state: job.state,
    kind: job.kind,
    phase: job.phase,
    done: job.done,
    total: job.total,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    durationMs,
    error: job.error,
  };
}

export function statusOfLast(last: LastRun): ScanStatusView {
  return {
    state: last.state,
    kind: last.kind,
    phase: 'done',
    done: last.issuesRead,
    total: last.issuesRead,
    startedAt: last.startedAt,
    finishedAt: last.finishedAt,
    durationMs: Date.parse(last.finishedAt) - Date.parse(last.startedAt),
    error: last.error,
  };
}

export function newJob(input: {
  runId: string;
  projectId: string;
  projectKey: string;
  kind: 'full' | 'incremental';
  requestId: string;
  now: Date;
  updatedSince: string | null;
}): ScanJob {
  const search = { pages: 0, nextPageToken: null, done: false };
  return {
    schema: 1,
    runId: input.runId,
    projectId: input.projectId,
    projectKey: input.projectKey,
    kind: input.kind,
    state: 'queued',
    phase: 'finding',
    queuedAt: input.now.toISOString(),
    startedAt: null,
    finishedAt: null,
    requestIds: [input.requestId],
    pendingFull: false,
    updatedSince: input.updatedSince,
    idSearch: { all: { ...search }, changed: { ...search, done: input.kind === 'full' } },
    dirtyKeys: [],
    dirtyMarks: [],
    toRead: null,
    batchesDone: [],
    failedIds: [],
    done: 0,
    total: null,
    error: null,
  };
}
