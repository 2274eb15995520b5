// A bulk job in the app's store: the header `bulk-job:<id>`, its items in chunks of 100 `bulk-items:<id>:<n>`
// (≈ 30 KB a chunk, far under the store's 240 KiB a value), and the project's last 20 jobs `bulk-jobs:<projectId>`.
// The chunk is the truth about its items; the header's counts are derived from the chunks (per chunk, so saving
// one chunk rewrites one count). Every value is parsed with zod when read: a damaged one reads as missing.
import { z } from 'zod';
import { BULK_REFUSALS } from '../../contract/bulk';
import type { KeyValueStore } from '../ports';

export const CHUNK_SIZE = 100;
export const JOBS_LISTED = 20;

const role = z.enum(['pm', 'po']);

export const bulkItemSchema = z.object({
  issueId: z.string(),
  /** Empty while the issue's key is unknown to the job (an issue the requester could not see). */
  key: z.string(),
  /** Known once the consumer has read the issue (the slot follows its level). */
  slot: role.nullable(),
  /** Who held the slot when last read before the write (replace/undo: who it is expected to hold). */
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** The slot must still hold this person for the write to go ahead (replace, undo). */
  expectedFrom: z.string().nullable().optional(),
  /** Fill an empty slot only ("stories of this epic without a PO"). */
  fillOnly: z.boolean().optional(),
  state: z.enum(['pending', 'written', 'verified', 'refused']),
  /** verified only: whether this job changed the slot (false: it already held the target). */
  changed: z.boolean().optional(),
  reason: z.enum(BULK_REFUSALS).nullable(),
  message: z.string().nullable(),
});
export type BulkItem = z.infer<typeof bulkItemSchema>;

const chunkSchema = z.object({ items: z.array(bulkItemSchema) });

const countsSchema = z.object({
  pending: z.number(),
  written: z.number(),
  verified: z.number(),
  refused: z.number(),
});
export type BulkCounts = z.infer<typeof countsSchema>;

export const bulkJobSchema = z.object({
  schema: z.literal(1),
  id: z.string(),
  kind: z.enum(['assign', 'replace', 'undo']),
  projectId: z.string(),
  projectKey: z.string(),
  /** Who asked for it (their Edit Issues was checked); recorded as `setBy` on every slot it writes. */
  by: z.string(),
  /** The person it sets; null for an undo (each issue goes back to its own previous holder). */
  to: z.string().nullable(),
  /** replace: the person whose slots move. */
  from: z.string().nullable(),
  undoOf: z.string().nullable(),
  /** The undo job that reverses this one, once queued. */
  undoneBy: z.string().nullable(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  total: z.number(),
  chunks: z.number(),
  /** Counts per chunk, by item state. */
  chunkCounts: z.array(countsSchema),
  /** Deliveries that met a passing Jira failure in a row (the job gives up after a few). */
  retries: z.number(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type BulkJob = z.infer<typeof bulkJobSchema>;

export const jobKey = (id: string) => `bulk-job:${id}`;
export const chunkKey = (id: string, n: number) => `bulk-items:${id}:${n}`;
export const jobListKey = (projectId: string) => `bulk-jobs:${projectId}`;

export function countItems(items: readonly BulkItem[]): BulkCounts {
  const counts: BulkCounts = { pending: 0, written: 0, verified: 0, refused: 0 };
  for (const item of items) counts[item.state] += 1;
  return counts;
}

export function totalCounts(job: BulkJob): BulkCounts {
  const total: BulkCounts = { pending: 0, written: 0, verified: 0, refused: 0 };
  for (const c of job.chunkCounts) {
    total.pending += c.pending;
    total.written += c.written;
    total.verified += c.verified;
    total.refused += c.refused;
  }
  return total;
}

export async function readJob(store: KeyValueStore, id: string): Promise<BulkJob | null> {
  const parsed = bulkJobSchema.safeParse(await store.get<unknown>(jobKey(id)));
  return parsed.success ? parsed.data : null;
}

export async function saveJob(store: KeyValueStore, job: BulkJob): Promise<void> {
  await store.set(jobKey(job.id), job);
}

export async function readChunk(store: KeyValueStore, id: string, n: number): Promise<BulkItem[]> {
  const parsed = chunkSchema.safeParse(await store.get<unknown>(chunkKey(id, n)));
  return parsed.success ? parsed.data.items : [];
}

export async function readAllItems(store: KeyValueStore, job: BulkJob): Promise<BulkItem[][]> {
  const chunks: BulkItem[][] = [];
  for (let n = 0; n < job.chunks; n++) chunks.push(await readChunk(store, job.id, n));
  return chunks;
}

/** Saves a chunk, then its count in the header (the chunk first: a header never counts what is not saved). */
export async function saveChunk(
  store: KeyValueStore,
  job: BulkJob,
  n: number,
  items: readonly BulkItem[],
): Promise<void> {
  await store.set(chunkKey(job.id, n), { items });
  job.chunkCounts[n] = countItems(items);
  await saveJob(store, job);
}

/** Stores a new job (items first, header last: a header always has its chunks) and lists it for its project. */
export async function createJob(
  store: KeyValueStore,
  job: BulkJob,
  items: readonly BulkItem[],
): Promise<void> {
  const chunked: BulkItem[][] = [];
  for (let i = 0; i < items.length; i += CHUNK_SIZE) chunked.push(items.slice(i, i + CHUNK_SIZE));
  job.chunks = chunked.length;
  job.total = items.length;
  job.chunkCounts = chunked.map(countItems);
  for (const [n, chunk] of chunked.entries()) await store.set(chunkKey(job.id, n), { items: chunk });
  await saveJob(store, job);
  const listed = await listedJobIds(store, job.projectId);
  const ids = [job.id, ...listed.filter((x) => x !== job.id)];
  await store.set(jobListKey(job.projectId), { ids: ids.slice(0, JOBS_LISTED) });
  // Jobs that fall off the list are deleted with their chunks: nothing lingers that no page can show.
  for (const old of ids.slice(JOBS_LISTED)) await deleteJob(store, old);
}

async function deleteJob(store: KeyValueStore, id: string): Promise<void> {
  const job = await readJob(store, id);
  if (job) for (let n = 0; n < job.chunks; n++) await store.delete(chunkKey(id, n));
  await store.delete(jobKey(id));
}

export async function listedJobIds(store: KeyValueStore, projectId: string): Promise<string[]> {
  const parsed = z
    .object({ ids: z.array(z.string()) })
    .safeParse(await store.get<unknown>(jobListKey(projectId)));
  return parsed.success ? parsed.data.ids : [];
}
