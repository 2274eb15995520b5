// A notification run over the embedded site, driven by hand: Jira as the app and as each person through the
// site's trusted headers (what the local Forge host sends for asApp() / asUser(accountId)), stored results from a
// real scan into in-memory stores, and a queue that records pushes so a test delivers them — or kills, repeats
// and reorders them. Used by test/integration/app/notify-*.test.ts and bench/notify.ts.
import { NeedsAuthenticationError } from '@forge/api';
import { z } from 'zod';
import { registeredProjects } from '../../src/app/enablement';
import { dispatchRecipients, handleProjectMessage } from '../../src/app/notify/project-stage';
import { handleRecipientMessage, type RecipientOutcome } from '../../src/app/notify/recipient-stage';
import { startRun } from '../../src/app/notify/start-run';
import type { NotifyMessage, NotifyPorts, NotifyQueue } from '../../src/app/notify/ports';
import type { NotificationSettings } from '../../src/contract/notifications';
import { defaultNotificationSettings } from '../../src/contract/notifications';
import { createResultsPort } from '../../src/app/scan-job/results-port';
import { handleScanMessage } from '../../src/app/scan-job/run-scan';
import type { ScanMessage } from '../../src/app/scan-job/ports';
import { register } from '../../src/app/enablement';
import { POLICY_PROPERTY_KEY } from '../../src/app/enablement';
import { createJiraClient, fetchTransport } from '../../src/jira';
import type { JiraClient, JiraTransport } from '../../src/jira/types';
import { MemoryEntityStore } from './memory-entity-store';
import { MemoryStore } from './memory-store';
import { RecordingQueue, scanJobPorts } from './scan-job-stand-ins';

export class TestClock {
  constructor(public ms: number) {}
  now = () => new Date(this.ms);
  advance(ms: number) {
    this.ms += ms;
  }
}

/** Counts every request a client sends (attempts included), by endpoint template-ish path. */
export interface Meter {
  requests: number;
}

/** Jira as the app (`as: 'app'`) or as a person (`user:<accountId>`), through the site's trusted headers. */
export function siteClient(site: { url: string; secret: string }, as: string, meter?: Meter): JiraClient {
  const transport = fetchTransport({
    siteUrl: site.url,
    email: 'forge@sandbox.invalid',
    apiToken: 'unused',
    extraHeaders: { 'X-Sandbox-Secret': site.secret, 'X-Sandbox-As': as },
  });
  const counted: JiraTransport = (request) => {
    if (meter) meter.requests += 1;
    return transport(request);
  };
  return createJiraClient(counted, { sleep: () => Promise.resolve() });
}

/** What Forge's proxy does when the app may not act as the person: the SDK raises NeedsAuthenticationError. */
export function refusedImpersonation(): JiraClient {
  return createJiraClient(() =>
    Promise.reject(new NeedsAuthenticationError('Authentication Required', 'atlassian-token-service-key')),
  );
}

export class NotifyRecorder implements NotifyQueue {
  readonly pushed: Array<{ message: NotifyMessage; delaySeconds: number | undefined }> = [];
  push(messages: readonly NotifyMessage[], options: { delaySeconds?: number } = {}): Promise<void> {
    for (const message of messages)
      this.pushed.push({ message: structuredClone(message), delaySeconds: options.delaySeconds });
    return Promise.resolve();
  }
  drain(): Array<{ message: NotifyMessage; delaySeconds: number | undefined }> {
    return this.pushed.splice(0);
  }
}

export interface Harness {
  ports: NotifyPorts;
  store: MemoryStore;
  entities: MemoryEntityStore;
  queue: NotifyRecorder;
  clock: TestClock;
  meter: Meter;
  /** Impersonation granted (default) or refused, per site. */
  impersonation: { granted: boolean };
  app: JiraClient;
  logs: Array<Record<string, unknown>>;
}

export function harness(site: { url: string; secret: string }, clock: TestClock): Harness {
  const store = new MemoryStore();
  const entities = new MemoryEntityStore();
  const queue = new NotifyRecorder();
  const meter: Meter = { requests: 0 };
  const impersonation = { granted: true };
  const app = siteClient(site, 'app', meter);
  const logs: Array<Record<string, unknown>> = [];
  const scanQueue = new RecordingQueue();
  const ports: NotifyPorts = {
    jira: app,
    jiraAs: (accountId) =>
      impersonation.granted ? siteClient(site, `user:${accountId}`, meter) : refusedImpersonation(),
    store,
    entities,
    clock,
    queue,
    scanQueue,
    newId: (() => {
      let n = 0;
      return () => `n${++n}`;
    })(),
    pageUrl: (siteUrl, project) => `${siteUrl}/jira/software/projects/${project.key}/apps/app-id/env-id`,
    log: (event) => logs.push(event),
  };
  return { ports, store, entities, queue, clock, meter, impersonation, app, logs };
}

/** A full scan of the project into the harness's stores (what the scan consumer would have stored). */
export async function scanInto(h: Harness, project: { id: string; key: string }): Promise<void> {
  const scanQueue = new RecordingQueue();
  const results = createResultsPort({ entities: h.entities, store: h.store, clock: h.clock });
  const scanPorts = scanJobPorts({ jira: h.app, clock: h.clock, store: h.store, results, queue: scanQueue });
  let pending: ScanMessage[] = [
    {
      kind: 'scan',
      projectId: project.id,
      projectKey: project.key,
      scan: 'full',
      requestId: `scan-${h.clock.ms}`,
    },
  ];
  while (pending.length > 0) {
    for (const message of pending)
      await handleScanMessage(scanPorts, message, { deadline: Number.MAX_SAFE_INTEGER });
    pending = scanQueue.drain();
  }
  await register(h.store, project, h.clock);
}

/** Writes the project's notification settings into its role-split-policy property (as the admin would). */
export async function saveSettings(
  admin: JiraClient,
  projectId: string,
  settings: Partial<NotificationSettings>,
) {
  const current = z
    .looseObject({})
    .parse((await admin.getProjectProperty(projectId, POLICY_PROPERTY_KEY)) ?? { schema: 1 });
  await admin.setProjectProperty(projectId, POLICY_PROPERTY_KEY, {
    ...current,
    schema: 1,
    enabled: true,
    notifications: { ...defaultNotificationSettings(), enabled: true, ...settings },
  });
}

/** Settings due at the harness clock's hour (UTC, every weekday). */
export function dueNow(
  clock: TestClock,
  settings: Partial<NotificationSettings> = {},
): Partial<NotificationSettings> {
  return {
    timeZone: 'UTC',
    hour: clock.now().getUTCHours(),
    weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    ...settings,
  };
}

export interface RunResult {
  runId: string;
  outcomes: RecipientOutcome[];
}

/**
 * The hourly trigger, then every queued message delivered as Forge would (delays skipped, the run's safety net
 * last), until nothing is left. `beforeRecipient` may throw to kill a delivery (it is then delivered again).
 */
export async function runNow(
  h: Harness,
  options: { beforeRecipient?: (accountId: string, index: number) => void } = {},
): Promise<RunResult> {
  const start = await startRun(h.ports, await registeredProjects(h.store));
  const outcomes: RecipientOutcome[] = [];
  let recipientIndex = 0;
  const later: NotifyMessage[] = [];
  for (let round = 0; round < 100; round++) {
    const batch = h.queue.drain();
    if (batch.length === 0) {
      // The run's safety net fires last (Forge delays it 15 minutes): it hands out whoever is still due.
      const finalize = later.splice(0);
      if (finalize.length === 0) break;
      for (const m of finalize) if (m.kind === 'finalize') await dispatchRecipients(h.ports, m.runId);
      continue;
    }
    for (const { message } of batch) {
      if (message.kind === 'finalize') {
        later.push(message);
      } else if (message.kind === 'project') {
        await handleProjectMessage(h.ports, message);
      } else {
        try {
          options.beforeRecipient?.(message.accountId, recipientIndex++);
        } catch {
          // Killed before its stage ran to the end: Forge delivers it again.
          await h.ports.queue.push([message]);
          continue;
        }
        try {
          outcomes.push(await handleRecipientMessage(h.ports, message));
        } catch (error) {
          // A delivery that throws is retried by Forge's queue.
          h.logs.push({ event: 'test.redelivered', error: String(error) });
          await h.ports.queue.push([message]);
        }
      }
    }
  }
  return { runId: start.runId, outcomes };
}

export const outboxSchema = z.object({
  messages: z.array(
    z
      .object({
        issueKey: z.string(),
        sentBy: z.string(),
        subject: z.string(),
        textBody: z.string(),
        htmlBody: z.string().nullable(),
        recipients: z.array(z.object({ accountId: z.string() }).loose()),
        skipped: z.array(z.object({ accountId: z.string(), reason: z.string() })),
      })
      .loose(),
  ),
});
export type OutboxMessage = z.infer<typeof outboxSchema>['messages'][number];

export async function readOutbox(site: { url: string; secret: string }): Promise<OutboxMessage[]> {
  const reply = await fetch(`${site.url}/_sandbox/outbox`, { headers: { 'X-Sandbox-Secret': site.secret } });
  if (reply.status !== 200) throw new Error(`outbox: HTTP ${reply.status}`);
  return outboxSchema.parse(await reply.json()).messages;
}

export async function clearOutbox(site: { url: string; secret: string }): Promise<void> {
  await fetch(`${site.url}/_sandbox/outbox`, {
    method: 'DELETE',
    headers: { 'X-Sandbox-Secret': site.secret },
  });
}
