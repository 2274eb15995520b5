// The project stage of a run (queue role-split-notify-project, one consumer per project at a time): reads the
// project's settings and its stored scan results once they are fresh, works out who is due what (planRun),
// writes one due bucket per recipient, prunes the ledger, and — once every project of the run is done — sends
// every recipient of the run to the recipient stage. Redelivered or duplicated, it rewrites the same buckets.
import { z } from 'zod';
import { JiraError } from '../../jira/errors';
import type { JiraUser } from '../../jira/types';
import { dirtyPrefix } from '../scan-job/dirty';
import { jobKey, lastRunKey as scanLastRunKey, scanJobSchema } from '../scan-job/job-record';
import { requestScan } from '../scan-job/request-scan';
import { loadLastRun } from '../scan-job/run-scan';
import { GAP_INDEX, NONE, RS_GAP, migrateGapRecord, type GapRecord } from '../results/records';
import { QUERY_LIMIT } from '../results/entity-store';
import { ResultStore } from '../results/result-store';
import type { KeyValueStore } from '../ports';
import { duePrefix, dueKey, projectRunKey, projectRunPrefix, lastRunKey, runKey } from './keys';
import { pruneLedger, readLedger } from './ledger';
import { mutedIn } from './mute-store';
import { planRun, type OpenGap, type PlanPerson, type PlannedItem, type RunPlan } from './plan-run';
import type { NotifyMessage, NotifyPorts } from './ports';
import { readProjectNotifySettings, type ProjectNotifySettings } from './settings';

/** Waits for fresh results, 30 s apart, before the stage works from what is stored (and logs it). */
export const FRESH_WAIT_SECONDS = 30;
export const MAX_FRESH_WAITS = 10;
/** The run's safety net fires this long after the trigger (the queue's longest delay). */
export const FINALIZE_DELAY_SECONDS = 900;

const plannedItemSchema = z.object({
  gapKey: z.string(),
  issueId: z.string(),
  issueKey: z.string(),
  summary: z.string(),
  issueType: z.string(),
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  reminder: z.boolean(),
});

export const dueBucketSchema = z.object({
  v: z.literal(1),
  projectId: z.string(),
  projectKey: z.string(),
  projectName: z.string(),
  siteUrl: z.string().nullable(),
  pageUrl: z.string().nullable(),
  includeDone: z.boolean(),
  items: z.array(plannedItemSchema),
});
export type DueBucket = Omit<z.infer<typeof dueBucketSchema>, 'items'> & { items: PlannedItem[] };

export const runRecordSchema = z.object({ at: z.string(), projects: z.array(z.string()) });

export const projectRunSchema = z.object({
  at: z.string(),
  state: z.enum(['done', 'off', 'not-scanned']),
  recipients: z.number().int(),
  cappedOut: z.number().int(),
  skipped: z.number().int(),
  stale: z.boolean(),
});
export type ProjectRun = z.infer<typeof projectRunSchema>;

/** Stored results are fresh when no scan is under way or queued and no changed issue waits for one. */
export async function resultsFresh(store: KeyValueStore, projectId: string): Promise<boolean> {
  const job = scanJobSchema.safeParse(await store.get<unknown>(jobKey(projectId)));
  if (job.success && (job.data.state === 'running' || job.data.state === 'queued')) return false;
  if ((await store.list<unknown>(dirtyPrefix(projectId))).length > 0) return false;
  const last = await loadLastRun({ store }, projectId);
  return Boolean(last?.lastSuccessFinishedAt);
}

/** Every open gap of the project from the stored results (errors only unless warnings are on). */
export async function readOpenGaps(
  ports: Pick<NotifyPorts, 'entities'>,
  projectId: string,
  warnings: boolean,
) {
  const gaps: GapRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await ports.entities.query(RS_GAP, warnings ? GAP_INDEX.byState : GAP_INDEX.bySeverity, {
      partition: warnings ? [projectId, 'open'] : [projectId, 'open', 'error'],
      limit: QUERY_LIMIT,
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.items) gaps.push(migrateGapRecord(item.value));
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return gaps;
}

/** The open gaps with their issue's kind and, for stories, their epic's covered PM (from the rs-issue records). */
export async function openGapsOf(
  ports: Pick<NotifyPorts, 'entities' | 'store' | 'clock'>,
  projectId: string,
  warnings: boolean,
): Promise<OpenGap[]> {
  const records = await readOpenGaps(ports, projectId, warnings);
  const results = new ResultStore(ports);
  const issues = await results.readIssueRecords([
    ...records.map((g) => g.issueId),
    ...records.map((g) => g.epicId).filter((id) => id !== NONE),
  ]);
  return records.flatMap((g): OpenGap[] => {
    const issue = issues.get(g.issueId);
    if (!issue || issue.kind === 'out-of-scope') return [];
    const epic = g.epicId === NONE ? undefined : issues.get(g.epicId);
    return [
      {
        issueId: g.issueId,
        issueKey: g.issueKey,
        summary: g.summary,
        issueType: g.issueType,
        code: g.code,
        severity: g.severity,
        kind: issue.kind,
        owner: g.owner === NONE ? null : g.owner,
        epicPm: epic?.kind === 'strategy' && epic.covered && epic.holder !== NONE ? epic.holder : null,
      },
    ];
  });
}

export interface ProjectPlan {
  settings: ProjectNotifySettings;
  project: { id: string; key: string; name: string; projectTypeKey: string; siteUrl: string | null };
  plan: RunPlan;
  ledger: Map<string, Map<string, number>>;
  people: Map<string, JiraUser>;
}

/** Everything a run (or the preview) needs to know about one project, and its plan. Sends and writes nothing. */
export async function planProject(
  ports: Pick<NotifyPorts, 'jira' | 'entities' | 'store' | 'clock'>,
  projectId: string,
  settings: ProjectNotifySettings,
): Promise<ProjectPlan> {
  const [project, gaps, muted, ledger] = await Promise.all([
    ports.jira.getProject(projectId),
    openGapsOf(ports, projectId, settings.settings.warnings),
    mutedIn(ports.store, projectId),
    readLedger(ports.store, projectId),
  ]);
  const lead = project.lead?.accountId ?? null;
  const named = new Set<string>([
    ...(lead ? [lead] : []),
    ...settings.settings.recipients.pmLeads,
    ...settings.settings.recipients.extra,
    ...gaps.flatMap((g) => [g.owner, g.epicPm].filter((a): a is string => a !== null)),
  ]);
  const users = named.size > 0 ? await ports.jira.getUsers([...named]) : [];
  const people = new Map(users.map((u) => [u.accountId, u]));
  const planPeople = new Map<string, PlanPerson>(
    users.map((u) => [u.accountId, { active: u.active, accountType: u.accountType }]),
  );
  const plan = planRun(gaps, {
    settings: settings.settings,
    lead,
    people: planPeople,
    muted,
    ledger,
    now: ports.clock.now(),
  });
  const siteUrl = project.self ? siteUrlOf(project.self) : null;
  return {
    settings,
    project: {
      id: project.id,
      key: project.key,
      name: project.name,
      projectTypeKey: project.projectTypeKey,
      siteUrl,
    },
    plan,
    ledger,
    people,
  };
}

/** `https://x.atlassian.net/rest/api/3/project/1` → `https://x.atlassian.net`. */
export function siteUrlOf(self: string): string | null {
  const at = self.indexOf('/rest/');
  return at > 0 ? self.slice(0, at) : null;
}

export async function handleProjectMessage(
  ports: NotifyPorts,
  message: Extract<NotifyMessage, { kind: 'project' }>,
): Promise<{ outcome: 'duplicate' | 'off' | 'waiting' | 'not-scanned' | 'done'; recipients?: number }> {
  const { runId, projectId } = message;
  if (projectRunSchema.safeParse(await ports.store.get<unknown>(projectRunKey(runId, projectId))).success) {
    return { outcome: 'duplicate' };
  }
  const settings = await readProjectNotifySettings(ports.jira, projectId).catch((error: unknown) => {
    // A deleted project (or one the app can no longer see) is simply off.
    if (error instanceof JiraError && (error.kind === 'not-found' || error.kind === 'forbidden')) return null;
    throw error;
  });
  if (!settings?.enabled || !settings.settings.enabled) {
    await finishProject(ports, message, {
      state: 'off',
      recipients: 0,
      cappedOut: 0,
      skipped: 0,
      stale: false,
    });
    return { outcome: 'off' };
  }
  let stale = false;
  if (!(await resultsFresh(ports.store, projectId))) {
    if ((await ports.store.get(scanLastRunKey(projectId))) === undefined) {
      await finishProject(ports, message, {
        state: 'not-scanned',
        recipients: 0,
        cappedOut: 0,
        skipped: 0,
        stale: true,
      });
      return { outcome: 'not-scanned' };
    }
    if (message.attempt < MAX_FRESH_WAITS) {
      if (message.attempt === 0) {
        await requestScan(
          { store: ports.store, queue: ports.scanQueue, clock: ports.clock, newId: () => ports.newId() },
          { id: projectId, key: message.projectKey },
          'incremental',
        );
      }
      await ports.queue.push([{ ...message, attempt: message.attempt + 1 }], {
        delaySeconds: FRESH_WAIT_SECONDS,
      });
      return { outcome: 'waiting' };
    }
    stale = true;
    ports.log({ event: 'role-split.notify.stale-results', projectId, runId });
  }
  const planned = await planProject(ports, projectId, settings);
  await pruneLedger(ports.store, projectId, planned.ledger, planned.plan.routed);
  const { project } = planned;
  const pageUrl = project.siteUrl ? ports.pageUrl(project.siteUrl, project) : null;
  for (const recipient of planned.plan.recipients) {
    const bucket: DueBucket = {
      v: 1,
      projectId,
      projectKey: project.key,
      projectName: project.name,
      siteUrl: project.siteUrl,
      pageUrl,
      includeDone: settings.includeDone,
      items: recipient.items,
    };
    await ports.store.set(dueKey(runId, recipient.accountId, projectId), bucket, { ttlSeconds: 7 * 86_400 });
  }
  await finishProject(ports, message, {
    state: 'done',
    recipients: planned.plan.recipients.length,
    cappedOut: planned.plan.cappedOut.length,
    skipped: planned.plan.skipped.length,
    stale,
  });
  return { outcome: 'done', recipients: planned.plan.recipients.length };
}

/** Marks the project's part done, then hands the run to the recipient stage if it was the last part. */
async function finishProject(
  ports: NotifyPorts,
  message: Extract<NotifyMessage, { kind: 'project' }>,
  part: Omit<ProjectRun, 'at'>,
): Promise<void> {
  const record: ProjectRun = { at: ports.clock.now().toISOString(), ...part };
  await ports.store.set(projectRunKey(message.runId, message.projectId), record, { ttlSeconds: 30 * 86_400 });
  if (part.state !== 'off') await ports.store.set(lastRunKey(message.projectId), { runId: message.runId });
  const run = runRecordSchema.safeParse(await ports.store.get<unknown>(runKey(message.runId)));
  const expected = run.success ? run.data.projects : [message.projectId];
  const done = new Set(
    (await ports.store.list<unknown>(projectRunPrefix(message.runId))).map((r) =>
      r.key.slice(projectRunPrefix(message.runId).length),
    ),
  );
  // Written first, read after: of parts finishing together at least the last sees them all.
  if (expected.every((id) => done.has(id))) await dispatchRecipients(ports, message.runId);
}

/** Sends every recipient with something due in the run to the recipient stage (each once per push). */
export async function dispatchRecipients(ports: NotifyPorts, runId: string): Promise<number> {
  const prefix = duePrefix(runId);
  // `<accountId>:<projectId>`: account ids may hold colons (557058:…), project ids never do.
  const accounts = new Set(
    (await ports.store.list<unknown>(prefix)).map((r) => {
      const rest = r.key.slice(prefix.length);
      return rest.slice(0, rest.lastIndexOf(':'));
    }),
  );
  accounts.delete('');
  const messages: NotifyMessage[] = [...accounts]
    .sort()
    .map((accountId) => ({ kind: 'recipient', runId, accountId }));
  for (let i = 0; i < messages.length; i += 50) await ports.queue.push(messages.slice(i, i + 50));
  return messages.length;
}
