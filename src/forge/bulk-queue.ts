// The bulk assignment queue over @forge/events. Every push carries the project's concurrency key, so Forge runs
// at most one bulk consumer per project: a job's stored items then have a single writer, and two jobs of one
// project never write the same issue at the same time.
import { Queue } from '@forge/events';
import type { BulkQueue } from '../app/bulk/ports';

export const BULK_QUEUE_KEY = 'role-split-bulk';

export function bulkConcurrencyKey(projectId: string): string {
  return `bulk:${projectId}`;
}

export function forgeBulkQueue(): BulkQueue {
  const queue = new Queue({ key: BULK_QUEUE_KEY });
  return {
    async push(message, options = {}) {
      await queue.push([
        {
          body: { ...message },
          concurrency: { key: bulkConcurrencyKey(message.projectId), limit: 1 },
          ...(options.delaySeconds ? { delayInSeconds: options.delaySeconds } : {}),
        },
      ]);
    },
  };
}
