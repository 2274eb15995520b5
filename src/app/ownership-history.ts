// The last successful ownership changes of each issue, in the app's store under the issue id (a key can
// change when an issue moves; the id cannot). Account ids only: names are resolved when the history is read.
// Appended under the issue's lock (change-ownership.ts), so concurrent writes cannot lose an entry.
import { z } from 'zod';
import type { KeyValueStore } from './ports';

/** How many changes are kept per issue. */
export const HISTORY_LIMIT = 20;

const entrySchema = z.object({
  by: z.string(),
  at: z.string(),
  slot: z.enum(['pm', 'po']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  action: z.enum(['assign', 'clear', 'reset']),
  /** The bulk job that made the change (src/app/bulk/), absent for changes made on the issue itself. */
  job: z.string().optional(),
});
export type HistoryRecord = z.output<typeof entrySchema>;

const historySchema = z.object({ entries: z.array(entrySchema) });

export const HISTORY_PREFIX = 'history:issue:';

export function historyKey(issueId: string): string {
  return `${HISTORY_PREFIX}${issueId}`;
}

/** Newest first; a damaged stored value reads as no history rather than failing the panel. */
export async function readHistory(store: KeyValueStore, issueId: string): Promise<HistoryRecord[]> {
  const parsed = historySchema.safeParse(await store.get<unknown>(historyKey(issueId)));
  return parsed.success ? parsed.data.entries : [];
}

export async function appendHistory(
  store: KeyValueStore,
  issueId: string,
  entry: HistoryRecord,
): Promise<void> {
  const entries = [entry, ...(await readHistory(store, issueId))].slice(0, HISTORY_LIMIT);
  await store.set(historyKey(issueId), { entries });
}

/**
 * Appends a bulk job's entry unless the issue's history already has one for the same job and slot: a job
 * delivered twice, or resumed after it was stopped between its write and its state save, records each change
 * once. Returns whether it appended.
 */
export async function appendJobHistoryOnce(
  store: KeyValueStore,
  issueId: string,
  entry: HistoryRecord & { job: string },
): Promise<boolean> {
  const entries = await readHistory(store, issueId);
  if (entries.some((e) => e.job === entry.job && e.slot === entry.slot)) return false;
  await store.set(historyKey(issueId), { entries: [entry, ...entries].slice(0, HISTORY_LIMIT) });
  return true;
}
