// Phase 2 of a scan: the issues behind a list of ids, read with `POST /issue/bulkfetch` in batches of 100 (the
// scan's fields and the ownership property), several batches at once. Rate limiting is the client's business:
// its throttle (src/jira/throttle.ts) makes every parallel batch wait out a Retry-After and shrinks the
// requests in flight after a 429, then lets them grow back, so nothing here retries a refused request again.
// What is retried here is what the client cannot see as a failure: `issueErrors`, issues Jira could not return
// this time inside a successful answer. Ids Jira no longer returns at all (deleted, moved out of reach or
// hidden since they were found) are simply absent from the result.
import type { IssueFacts } from '../../domain/model';
import type { JiraClient } from '../../jira/types';
import { ISSUE_PROPERTIES, SCAN_FIELDS, chunks, toScanFacts } from '../issue-facts';

/** Jira's limit per bulk fetch. */
export const FETCH_BATCH_SIZE = 100;
/**
 * Batches in flight at once. Jira Cloud answers a bulk fetch of 100 issues in a few hundred ms: at 500 ms, 16
 * read 50,000 issues in about 16 s, 8 would take 31 s. Jira's limits are per app and per site, and the client's
 * throttle halves the requests in flight on the first 429 and grows them back.
 */
export const DEFAULT_FETCH_CONCURRENCY = 16;
/** Attempts at an issue Jira listed in `issueErrors` (the first read included). */
export const ISSUE_ERROR_ATTEMPTS = 3;

export interface FetchIssuesOptions {
  concurrency?: number;
  /** Awaited after each batch, one call at a time (the consumer writes its checkpoint here). */
  onBatch?: (batchIndex: number, facts: IssueFacts[]) => void | Promise<void>;
  /** Indexes of the batches to read (batch i = ids[100·i, 100·i + 100)); default all. */
  batches?: number[];
}

export interface FetchIssuesResult {
  /** Facts of the batches read, in batch order. */
  facts: IssueFacts[];
  /** Ids Jira still listed in `issueErrors` after every attempt. */
  failed: string[];
}

/** How many batches `ids` makes: batch indexes run from 0 to this minus one. */
export function batchCount(idCount: number): number {
  return Math.ceil(idCount / FETCH_BATCH_SIZE);
}

async function readBatch(
  jira: Pick<JiraClient, 'bulkFetchIssues'>,
  ids: readonly string[],
): Promise<{ facts: IssueFacts[]; failed: string[] }> {
  const facts: IssueFacts[] = [];
  let pending = [...ids];
  for (let attempt = 1; pending.length > 0; attempt++) {
    const { issues, issueErrors } = await jira.bulkFetchIssues({
      issueIdsOrKeys: pending,
      fields: SCAN_FIELDS,
      properties: ISSUE_PROPERTIES,
    });
    for (const issue of issues) facts.push(toScanFacts(issue));
    const returned = new Set(issues.map((issue) => issue.id));
    const asked = new Set(pending);
    // Only ids we asked for and did not get: an error about anything else cannot be retried by id.
    pending = [...new Set(issueErrors.map((e) => e.id))].filter((id) => asked.has(id) && !returned.has(id));
    if (attempt >= ISSUE_ERROR_ATTEMPTS) return { facts: sortById(facts), failed: pending };
  }
  return { facts: sortById(facts), failed: [] };
}

/** Ascending numeric id, as bulk fetch answers: a retried issue lands where a clean read would put it. */
function sortById(facts: IssueFacts[]): IssueFacts[] {
  return facts.sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
}

export async function fetchIssues(
  jira: Pick<JiraClient, 'bulkFetchIssues'>,
  ids: readonly string[],
  options: FetchIssuesOptions = {},
): Promise<FetchIssuesResult> {
  const all = chunks(ids, FETCH_BATCH_SIZE);
  const wanted = (options.batches ?? all.map((_, i) => i)).filter((i) => i >= 0 && i < all.length);
  const queue = [...new Set(wanted)].sort((a, b) => a - b);
  const results = new Map<number, { facts: IssueFacts[]; failed: string[] }>();
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_FETCH_CONCURRENCY));

  let failure: { error: unknown } | undefined;
  // onBatch calls run one after another, in completion order, so checkpoints never interleave.
  let reported: Promise<void> = Promise.resolve();

  const worker = async (): Promise<void> => {
    for (;;) {
      if (failure !== undefined) return;
      const index = queue.shift();
      if (index === undefined) return;
      try {
        const result = await readBatch(jira, all[index] ?? []);
        results.set(index, result);
        const { onBatch } = options;
        if (onBatch !== undefined) {
          reported = reported.then(() => onBatch(index, result.facts));
          await reported;
        }
      } catch (error) {
        // The first failure stops new batches; those in flight finish (and are reported) before it surfaces.
        failure ??= { error };
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  if (failure !== undefined) throw failure.error;

  const facts: IssueFacts[] = [];
  const failed: string[] = [];
  for (const index of [...results.keys()].sort((a, b) => a - b)) {
    const result = results.get(index);
    if (result === undefined) continue;
    facts.push(...result.facts);
    failed.push(...result.failed);
  }
  return { facts, failed };
}
