// Asking for a scan: resolvers, triggers and the daily job only enqueue; the project's consumer does the work.
// The request is noted in the store first so the page shows "queued" at once, before the consumer picks it up.
import { z } from 'zod';
import type { Clock, KeyValueStore } from '../ports';
import type { ScanQueue } from './ports';

export function requestKey(projectId: string): string {
  return `scan-request:${projectId}`;
}

export const scanRequestSchema = z.object({
  requestId: z.string(),
  kind: z.enum(['full', 'incremental']),
  at: z.string(),
});
export type ScanRequestRecord = z.infer<typeof scanRequestSchema>;

export async function requestScan(
  ports: { store: KeyValueStore; queue: ScanQueue; clock: Clock; newId(): string },
  project: { id: string; key: string },
  kind: 'full' | 'incremental',
  options: { delaySeconds?: number } = {},
): Promise<ScanRequestRecord> {
  const record: ScanRequestRecord = { requestId: ports.newId(), kind, at: ports.clock.now().toISOString() };
  if (kind === 'full') await ports.store.set(requestKey(project.id), record, { ttlSeconds: 86_400 });
  await ports.queue.push(
    { kind: 'scan', projectId: project.id, projectKey: project.key, scan: kind, requestId: record.requestId },
    options,
  );
  return record;
}
