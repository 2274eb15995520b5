// What a scan run needs, as ports: the Jira side (the parallel scan's steps, src/app/scan/) and the stored
// results (src/app/results/) are adapted to these small shapes in ./engine.ts and ./results-port.ts, so the
// run's checkpoint logic is tested on its own with in-memory stand-ins.
import type { Coverage, GapReport, IssueFacts } from '../../domain/model';
import type { Policy } from '../../domain/policy';
import type { JiraClient } from '../../jira/types';
import type { IncrementalInput, IncrementalOutcome } from './incremental';
import type { Clock, KeyValueStore, WaiverSource } from '../ports';

export interface ScanEngine {
  /** The JQL of the project's scan; with `updatedSince`, only issues updated since then. */
  jql(projectKey: string, policy: Policy, updatedSince?: Date): string;
  /** Id-only search pages, as Jira returns them, from `nextPageToken` (null = the first page). */
  idPage(jql: string, nextPageToken: string | null): Promise<{ ids: string[]; nextPageToken: string | null }>;
  /**
   * Reads the given batches (batch i = ids[100·i, 100·i + 100)) with bulkfetch, calling `onBatch` after each;
   * returns the ids Jira kept failing to read.
   */
  fetch(
    ids: readonly string[],
    batches: readonly number[],
    onBatch: (batch: number, facts: IssueFacts[]) => Promise<void>,
  ): Promise<{ failed: string[] }>;
  /** Ancestors of the known issues that are not known themselves (by key), any project, any status. */
  ancestors(known: ReadonlyMap<string, IssueFacts>): Promise<IssueFacts[]>;
  /** Descendants (any status, any project) of the given strategy issues that are not in `known`. */
  children(strategyKeys: readonly string[], known: ReadonlyMap<string, IssueFacts>): Promise<IssueFacts[]>;
}

export interface ResultsPort {
  /** The issues the last scan stored for the project, rebuilt from its records (incremental runs merge them). */
  loadFacts(projectId: string): Promise<IssueFacts[]>;
  /** Ids of the issues stored for the project; null before the first scan. */
  storedIds(projectId: string): Promise<ReadonlySet<string> | null>;
  write(input: {
    project: { id: string; key: string; name: string };
    policy: Policy;
    issues: IssueFacts[];
    related: IssueFacts[];
    report: GapReport;
    scannedAt: string;
    /** Epoch ms after which no further batch of records is written (the rest is left for the next delivery). */
    deadline?: number;
  }): Promise<{ recordsWritten: number; recordsDeleted: number; complete: boolean }>;
  recordTrend(projectId: string, day: string, coverage: Coverage): Promise<void>;
  /** Re-evaluates only what changes reach (./incremental.ts); absent where the store cannot, null when too many. */
  applyIncremental?: (input: IncrementalInput) => Promise<IncrementalOutcome | null>;
}

/** Pushes a message to the scan queue, keyed so one consumer works on a project at a time. */
export interface ScanQueue {
  push(message: ScanMessage, options?: { delaySeconds?: number }): Promise<void>;
}

export type ScanMessage =
  | { kind: 'scan'; projectId: string; projectKey: string; scan: 'full' | 'incremental'; requestId: string }
  | { kind: 'continue'; projectId: string; projectKey: string; runId: string };

export interface ScanJobPorts {
  /** As the app: a scan reads every issue, whoever asked for it; viewers see only theirs (visibility). */
  jira: JiraClient;
  store: KeyValueStore;
  clock: Clock;
  engine: ScanEngine;
  results: ResultsPort;
  queue: ScanQueue;
  waivers: WaiverSource;
  policyFor(projectId: string): Promise<Policy>;
  /** Whether Role Split is enabled on the project (the role-split-policy property): disabled ones are not scanned. */
  isEnabled(projectId: string): Promise<boolean>;
  newId(): string;
}
