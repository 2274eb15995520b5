// What the notification run needs, as ports: Forge supplies @forge/api (as the app, and as a recipient through
// offline impersonation), @forge/kvs, the custom entity store and @forge/events; tests and the bench supply
// in-memory stand-ins and the embedded site.
import type { JiraClient } from '../../jira/types';
import type { Clock, KeyValueStore } from '../ports';
import type { EntityStore } from '../results/entity-store';
import type { ScanQueue } from '../scan-job/ports';

export type NotifyMessage =
  /** Work out one due project's recipients for a run. `attempt` counts waits for fresh stored results. */
  | { kind: 'project'; runId: string; projectId: string; projectKey: string; attempt: number }
  /** The run's safety net: sends to whoever is due even if a project's stage never finished. */
  | { kind: 'finalize'; runId: string }
  /** Send one person the run's digest. */
  | { kind: 'recipient'; runId: string; accountId: string };

export interface NotifyQueue {
  /** Project and finalize messages go to the project queue, recipient messages to the recipient queue. */
  push(messages: readonly NotifyMessage[], options?: { delaySeconds?: number }): Promise<void>;
}

export interface NotifyPorts {
  /** As the app: settings, stored results' re-check, people, the send itself. */
  jira: JiraClient;
  /** As `accountId` (offline impersonation, `asUser(accountId)`): what that person may see. */
  jiraAs(accountId: string): JiraClient;
  store: KeyValueStore;
  entities: EntityStore;
  clock: Clock;
  queue: NotifyQueue;
  /** To ask for an incremental rescan when the stored results are not fresh. */
  scanQueue: ScanQueue;
  newId(): string;
  /** The project's Alignment page on the site, or null when it cannot be known here. */
  pageUrl(siteUrl: string, project: { key: string; projectTypeKey: string }): string | null;
  /** One structured log line (Forge: console.log of JSON). */
  log(event: Record<string, unknown>): void;
}
