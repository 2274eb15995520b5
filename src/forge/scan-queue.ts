// The scan queue over @forge/events. Every push carries the project's concurrency key, so Forge runs at most
// one consumer per project at a time: the run's checkpoint (src/app/scan-job/) then has a single writer.
import { Queue } from '@forge/events';
import type { ScanQueue } from '../app/scan-job/ports';

export const SCAN_QUEUE_KEY = 'role-split-scan';

export function scanConcurrencyKey(projectId: string): string {
  return `scan:${projectId}`;
}

export function forgeScanQueue(): ScanQueue {
  const queue = new Queue({ key: SCAN_QUEUE_KEY });
  return {
    async push(message, options = {}) {
      await queue.push([
        {
          body: { ...message },
          concurrency: { key: scanConcurrencyKey(message.projectId), limit: 1 },
          ...(options.delaySeconds ? { delayInSeconds: options.delaySeconds } : {}),
        },
      ]);
    },
  };
}
