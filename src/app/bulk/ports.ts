// What the Alignment page's bulk job runs on. The resolvers act as the user where the user acts (`userJira`:
// what they may see, their Edit Issues) and read role sources and accounts as the app (`jira`); the consumer
// writes as the app, for the user whose permission the resolver checked.
import type { Policy } from '../../domain/policy';
import type { OwnershipPorts } from '../ports';
import type { ScanQueue } from '../scan-job/ports';

/** "Work on this job": a first delivery, a continue and a redelivery are the same message. */
export interface BulkMessage {
  kind: 'bulk';
  projectId: string;
  projectKey: string;
  jobId: string;
}

export interface BulkQueue {
  push(message: BulkMessage, options?: { delaySeconds?: number }): Promise<void>;
}

export interface BulkPorts extends OwnershipPorts {
  queue: BulkQueue;
  /** The scan queue: each written batch asks for an incremental rescan so the Alignment page catches up. */
  scanQueue: ScanQueue;
  newId(): string;
  policyFor(projectId: string): Promise<Policy>;
  /** Waits between task polls (the bench and tests may shorten them). */
  sleep?: (ms: number) => Promise<void>;
}
