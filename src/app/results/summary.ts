// The project summary stored beside the records (KVS `rs-summary:<projectId>`, a few KB): the figures of the
// whole project as the scan saw them, and what a viewer's figures are computed from (summary minus the
// contributions of the issues hidden from them). The scanned id set itself is kept apart (`rs-ids:`), read only
// when a viewer's visible set differs from it.
import { z } from 'zod';
import { GAP_CODES, type GapCode } from '../../domain/model';

export function summaryKey(projectId: string): string {
  return `rs-summary:${projectId}`;
}

const count = z.number().int().min(0);

export const coverageSchema = z.object({
  strategyIssues: count,
  withPm: count,
  executionIssues: count,
  withPo: count,
});

export const resultSummarySchema = z.object({
  schema: z.literal(1),
  project: z.object({ id: z.string(), key: z.string(), name: z.string() }),
  /** When the stored results were last complete: a scan's end, or a patch by the issue panel. */
  resultsAt: z.string(),
  /** When the scan that produced them started reading. */
  scannedAt: z.string(),
  coverage: coverageSchema,
  byCode: z.partialRecord(z.enum(GAP_CODES), count),
  waivedCount: count,
  /** Issues of the project the scan read (every kind). */
  issuesRead: count,
  /** Of those, the ones the rules check (strategy and execution issues in the policy's scope). */
  inScopeCount: count,
  /** Ids of issues with a security level: the ones a viewer is most likely not to see. */
  securedIds: z.array(z.string()),
  /** The scanned id set's size and hash (id-set-codec's hashIds): a viewer whose visible set hashes the same
   * sees exactly what the scan read, without reading the set. */
  ids: z.object({ count, hash: z.string() }),
});
export type ResultSummary = z.infer<typeof resultSummarySchema>;

export type ByCode = Partial<Record<GapCode, number>>;

export function addCount(byCode: ByCode, code: GapCode, delta: number): void {
  const next = (byCode[code] ?? 0) + delta;
  if (next > 0) byCode[code] = next;
  else delete byCode[code];
}
