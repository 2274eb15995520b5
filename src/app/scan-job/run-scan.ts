// One delivery of the scan queue for one project: start a run, fold a request into the run under way, or carry
// a run on from its checkpoint. Steps are short (an id page, ten bulkfetch batches) and the checkpoint is saved
// after each, so a delivery that Forge kills, retries or duplicates loses at most one step and redoes it; when
// the invocation's time is nearly up the run pushes a `continue` message to itself and returns. Reading the
// facts is checkpointed; relating, evaluating and storing run together from the stored facts (storing writes
// only records that changed, so redoing it after a kill writes nothing twice).
import type { IssueFacts } from '../../domain/model';
import type { Policy } from '../../domain/policy';
import { createHash } from 'node:crypto';
import { evaluateGaps } from '../../domain/gap-engine';
import { resolveRoster } from '../resolve-roster';
import { ownersNamed, readAccounts, strategyIssuesWithoutStories } from '../scan';
import { loadEligibility, saveEligibility, type Eligibility } from './eligibility-cache';
import { deleteChunks, readAllChunks, readIdChunks, slices, writeChunk, writeIdChunk } from './chunks';
import { dirtyPrefix, type DirtyMark } from './dirty';
import {
  jobKey,
  lastRunKey,
  lastRunSchema,
  newJob,
  scanJobSchema,
  type LastRun,
  type ScanJob,
} from './job-record';
import type { ScanJobPorts, ScanMessage } from './ports';
import { recordScanFailure } from './failure-log';
import { register } from '../enablement';

/** bulkfetch takes at most 100 issues. */
export const BATCH_SIZE = 100;
/** Batches read between two deadline checks (about 1,000 issues). */
const BATCHES_PER_STEP = 10;
/** Ids per stored id chunk: one Jira id page (≤ 5,000 ids, about 50 KB as JSON). */
const IDS_PER_CHUNK = 5_000;
/** Related issues per stored chunk. */
const FACTS_PER_CHUNK = 400;
/** An incremental run re-reads issues updated since the last run's start less this slack (clock skew, lag). */
const UPDATED_SLACK_MS = 5 * 60_000;
/** An incremental run re-evaluates up to this many issues (or a tenth of the project) by neighbourhood. */
const MIN_NEIGHBOURHOOD = 200;
/** More dirty issues than this and the run reads them through `updated >=` alone. */
const MAX_DIRTY_KEYS = 5_000;

export type RunOutcome =
  | { kind: 'finished'; job: ScanJob }
  | { kind: 'continued'; job: ScanJob }
  | { kind: 'skipped'; reason: 'duplicate' | 'stale-continue' | 'not-enabled' | 'folded' };

const prefixes = (job: ScanJob) => {
  const base = `scan-chunk:${job.projectId}:${job.runId}`;
  return { all: `${base}:all`, changed: `${base}:changed`, read: `${base}:read`, facts: `${base}:facts` };
};
const relatedPrefix = (projectId: string) => `scan-related:${projectId}`;

async function loadJob(ports: ScanJobPorts, projectId: string): Promise<ScanJob | undefined> {
  const raw = await ports.store.get<unknown>(jobKey(projectId));
  const parsed = scanJobSchema.safeParse(raw);
  // A record this version cannot read is treated as no run: the next run starts afresh.
  return parsed.success ? parsed.data : undefined;
}

export async function loadLastRun(ports: Pick<ScanJobPorts, 'store'>, projectId: string) {
  const parsed = lastRunSchema.safeParse(await ports.store.get<unknown>(lastRunKey(projectId)));
  return parsed.success ? parsed.data : undefined;
}

async function save(ports: ScanJobPorts, job: ScanJob): Promise<void> {
  await ports.store.set(jobKey(job.projectId), job);
}

export async function handleScanMessage(
  ports: ScanJobPorts,
  message: ScanMessage,
  options: { deadline: number },
): Promise<RunOutcome> {
  const current = await loadJob(ports, message.projectId);
  if (message.kind === 'continue') {
    if (!current || current.runId !== message.runId || isFinished(current)) {
      return { kind: 'skipped', reason: 'stale-continue' };
    }
    return runSteps(ports, current, options);
  }
  if (current?.requestIds.includes(message.requestId)) {
    if (isFinished(current)) return { kind: 'skipped', reason: 'duplicate' };
    return runSteps(ports, current, options);
  }
  if (current && !isFinished(current)) {
    // One run at a time: the request joins the run under way. A full scan asked for during an incremental
    // one follows it; anything else is answered by the run itself (dirty issues left over start another).
    current.requestIds = [...current.requestIds, message.requestId].slice(-50);
    if (message.scan === 'full' && current.kind === 'incremental') current.pendingFull = true;
    await save(ports, current);
    return runSteps(ports, current, options);
  }
  if (!(await ports.isEnabled(message.projectId))) return { kind: 'skipped', reason: 'not-enabled' };
  const last = await loadLastRun(ports, message.projectId);
  const since = last?.lastSuccessStartedAt ?? null;
  // Without a finished scan to build on, an incremental request is a full scan.
  const kind = message.scan === 'incremental' && since ? 'incremental' : 'full';
  const job = newJob({
    runId: ports.newId(),
    projectId: message.projectId,
    projectKey: message.projectKey,
    kind,
    requestId: message.requestId,
    now: ports.clock.now(),
    updatedSince:
      kind === 'incremental' && since ? new Date(Date.parse(since) - UPDATED_SLACK_MS).toISOString() : null,
  });
  await save(ports, job);
  return runSteps(ports, job, options);
}

function isFinished(job: ScanJob): boolean {
  return job.state === 'done' || job.state === 'failed';
}

async function runSteps(
  ports: ScanJobPorts,
  job: ScanJob,
  options: { deadline: number },
): Promise<RunOutcome> {
  if (job.state === 'queued') {
    job.state = 'running';
    job.startedAt = ports.clock.now().toISOString();
    await save(ports, job);
  }
  const policy = await ports.policyFor(job.projectId);
  try {
    // At least one step per delivery, so a run always moves on even when it is delivered late.
    for (let steps = 0; job.phase !== 'done'; steps++) {
      if (steps > 0 && ports.clock.now().getTime() >= options.deadline) {
        await save(ports, job);
        await ports.queue.push({
          kind: 'continue',
          projectId: job.projectId,
          projectKey: job.projectKey,
          runId: job.runId,
        });
        return { kind: 'continued', job };
      }
      await step(ports, job, policy, options.deadline);
    }
  } catch (error) {
    if (!isPermanent(error)) throw error; // Forge retries the delivery; the checkpoint holds what was done
    await fail(ports, job, error.code, error.message);
    return { kind: 'finished', job };
  }
  await finish(ports, job);
  return { kind: 'finished', job };
}

/** A failure that retrying the delivery cannot mend (the roster cannot be read): the run ends with it. */
export class PermanentScanError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentScanError';
  }
}

function isPermanent(error: unknown): error is PermanentScanError {
  return error instanceof PermanentScanError;
}

async function step(ports: ScanJobPorts, job: ScanJob, policy: Policy, deadline: number): Promise<void> {
  switch (job.phase) {
    case 'finding':
      return findStep(ports, job, policy);
    case 'reading':
      return readStep(ports, job);
    default:
      return concludeSteps(ports, job, policy, deadline);
  }
}

async function findStep(ports: ScanJobPorts, job: ScanJob, policy: Policy): Promise<void> {
  const p = prefixes(job);
  if (job.kind === 'incremental' && job.dirtyKeys.length === 0 && job.idSearch.all.pages === 0) {
    const dirty = (await ports.store.list<Partial<DirtyMark>>(dirtyPrefix(job.projectId))).slice(
      0,
      MAX_DIRTY_KEYS,
    );
    job.dirtyKeys = dirty.map((d) => d.key);
    job.dirtyMarks = dirty.map((d) => d.value?.mark ?? '');
  }
  for (const which of ['all', 'changed'] as const) {
    const search = job.idSearch[which];
    if (search.done) continue;
    const jql =
      which === 'all'
        ? ports.engine.jql(job.projectKey, policy)
        : ports.engine.jql(job.projectKey, policy, new Date(job.updatedSince ?? 0));
    const page = await ports.engine.idPage(jql, search.nextPageToken);
    await writeIdChunk(ports.store, p[which], search.pages, page.ids);
    search.pages += 1;
    search.nextPageToken = page.nextPageToken;
    search.done = page.nextPageToken === null;
    await save(ports, job);
    return;
  }
  const all = await readIdChunks(ports.store, p.all, job.idSearch.all.pages);
  const toRead = job.kind === 'full' ? all : await changedIds(ports, job, all);
  const chunks = slices(toRead, IDS_PER_CHUNK);
  for (const [i, chunk] of chunks.entries()) await writeIdChunk(ports.store, p.read, i, chunk);
  job.toRead = { chunks: chunks.length, count: toRead.length };
  job.total = toRead.length;
  job.phase = 'reading';
  await save(ports, job);
}

/** What an incremental run re-reads: updated since the last run, marked dirty, or new to the stored set. */
async function changedIds(ports: ScanJobPorts, job: ScanJob, all: readonly string[]): Promise<string[]> {
  const p = prefixes(job);
  const changed = await readIdChunks(ports.store, p.changed, job.idSearch.changed.pages);
  const stored = (await ports.results.storedIds(job.projectId)) ?? new Set<string>();
  const dirty = job.dirtyKeys.map((k) => k.slice(k.lastIndexOf(':') + 1));
  const inProject = new Set(all);
  const wanted = new Set<string>([...changed, ...dirty].filter((id) => inProject.has(id)));
  for (const id of all) if (!stored.has(id)) wanted.add(id);
  return [...wanted];
}

/** The ids a run reads, kept in memory between the steps of one invocation (they never change in a run). */
let readCache: { runId: string; ids: string[] } | undefined;
async function idsToRead(ports: ScanJobPorts, job: ScanJob): Promise<string[]> {
  if (readCache?.runId !== job.runId) {
    readCache = {
      runId: job.runId,
      ids: await readIdChunks(ports.store, prefixes(job).read, job.toRead?.chunks ?? 0),
    };
  }
  return readCache.ids;
}

async function readStep(ports: ScanJobPorts, job: ScanJob): Promise<void> {
  const p = prefixes(job);
  const ids = await idsToRead(ports, job);
  const batchCount = Math.ceil(ids.length / BATCH_SIZE);
  const done = new Set(job.batchesDone);
  const pending = Array.from({ length: batchCount }, (_, i) => i).filter((i) => !done.has(i));
  const next = pending.slice(0, BATCHES_PER_STEP);
  // Batches finish in any order; their checkpoint writes are chained so the record is never written twice
  // at once.
  let saving = Promise.resolve();
  const { failed } = await ports.engine.fetch(ids, next, async (batch, facts) => {
    await writeChunk(ports.store, p.facts, batch, facts);
    job.batchesDone = [...job.batchesDone, batch];
    job.done += facts.length;
    saving = saving.then(() => save(ports, job));
    await saving;
  });
  job.failedIds = [...new Set([...job.failedIds, ...failed])];
  if (job.batchesDone.length >= batchCount) job.phase = 'related';
  await save(ports, job);
}

/**
 * Relating, evaluating and storing, from the checkpointed facts; redone whole if the delivery is killed.
 * Related issues (outside the scanned set) are what the rules read there: ancestors, and the children of open
 * strategy issues with no in-scope story in the set (EPIC_WITHOUT_STORIES counts children of any status and
 * project). A full run reads them all; an incremental run keeps those of the last runs and reads only what is
 * new: ancestors it has not seen, children of strategy issues that became childless since.
 */
async function concludeSteps(
  ports: ScanJobPorts,
  job: ScanJob,
  policy: Policy,
  deadline: number,
): Promise<void> {
  const p = prefixes(job);
  const fresh = await readAllChunks<IssueFacts>(ports.store, p.facts);
  job.phase = 'related';
  if (job.kind === 'incremental' && (await concludeByNeighbourhood(ports, job, policy, fresh))) return;
  let issues: IssueFacts[];
  let stored: StoredRelated = { related: [], searched: [] };
  if (job.kind === 'full') {
    issues = await withStoredFailures(ports, job, fresh);
  } else {
    const all = new Set(await readIdChunks(ports.store, p.all, job.idSearch.all.pages));
    const byId = new Map((await ports.results.loadFacts(job.projectId)).map((f) => [f.id, f]));
    for (const id of [...byId.keys()]) if (!all.has(id)) byId.delete(id); // deleted or moved away
    for (const f of fresh) byId.set(f.id, f);
    issues = [...byId.values()];
    stored = await loadRelated(ports, job.projectId);
  }
  const inSet = new Set(issues.map((i) => i.id));
  const kept = stored.related.filter((r) => !inSet.has(r.id));
  const known = new Map([...kept, ...issues].map((f) => [f.key, f]));
  const ancestors = await ports.engine.ancestors(known);
  for (const a of ancestors) known.set(a.key, a);
  const childless = strategyIssuesWithoutStories(issues, known, policy);
  const searched = new Set(stored.searched);
  const children = await ports.engine.children(
    childless.filter((key) => !searched.has(key)),
    known,
  );
  const related = [...kept, ...ancestors, ...children];
  await saveRelated(ports, job.projectId, {
    related,
    searched: [...new Set([...stored.searched, ...childless])],
  });

  job.phase = 'evaluating';
  await save(ports, job); // the page's progress line
  const { project, report } = await evaluate(ports, job, policy, issues, related);

  job.phase = 'storing';
  await save(ports, job);
  const written = await ports.results.write({
    project: { id: project.id, key: project.key, name: project.name },
    policy,
    issues,
    related,
    report,
    scannedAt: ports.clock.now().toISOString(),
    deadline,
  });
  // Out of time mid-write (a first scan of a large project meets Forge's storage quotas): the next delivery
  // evaluates again from the checkpointed facts and writes the rest, the diff skipping what is written.
  if (!written.complete) return;
  await ports.results.recordTrend(project.id, ports.clock.now().toISOString().slice(0, 10), report.coverage);
  job.done = issues.length;
  job.total = issues.length;
  job.phase = 'done';
}

/**
 * Resolves who holds each role for the owners the set names, then runs the gap engine. A full run asks Jira
 * about every owner (and keeps the answer); an incremental run asks only about owners it has not met.
 */
async function evaluate(
  ports: ScanJobPorts,
  job: ScanJob,
  policy: Policy,
  issues: IssueFacts[],
  related: IssueFacts[],
) {
  // Only the set's own slots are checked for eligibility and named in gaps (as evaluateScan does).
  const { project, roster, accounts } = await eligibilityFor(ports, job, policy, ownersNamed(issues));
  const result = evaluateGaps({
    projectKeys: [project.key],
    issues,
    related,
    policy,
    roster,
    accounts,
    waivers: await ports.waivers.waiversFor(project),
    now: ports.clock.now(),
  });
  if (!result.ok) throw new PermanentScanError(result.error.code, result.error.message);
  return { project, report: result.report };
}

async function eligibilityFor(
  ports: ScanJobPorts,
  job: ScanJob,
  policy: Policy,
  owners: ReadonlySet<string>,
): Promise<Eligibility> {
  const sources = JSON.stringify(policy.roles);
  const cached =
    job.kind === 'incremental' ? await loadEligibility(ports.store, job.projectId, sources) : undefined;
  const missing = new Set([...owners].filter((o) => !cached?.owners.has(o)));
  if (cached && missing.size === 0) return cached;
  const project = cached?.project ?? (await ports.jira.getProject(job.projectId));
  const [roster, accounts] = await Promise.all([
    resolveRoster(ports.jira, project.key, policy, missing),
    readAccounts(ports.jira, missing),
  ]);
  if (!roster.ok) throw new PermanentScanError('ROSTER_UNAVAILABLE', roster.message);
  const merged: Eligibility = {
    project: { id: project.id, key: project.key, name: project.name },
    roster: {
      ok: true,
      pm: new Set([...(cached?.roster.pm ?? []), ...roster.pm]),
      po: new Set([...(cached?.roster.po ?? []), ...roster.po]),
    },
    accounts: new Map([...(cached?.accounts ?? []), ...accounts]),
  };
  await saveEligibility(ports.store, new Set([...(cached?.owners ?? []), ...missing]), merged, sources);
  return merged;
}

/**
 * An incremental run that re-evaluates only the neighbourhood of its changes (./incremental.ts). False when the
 * stored results cannot support it or the neighbourhood is too large: the caller then merges everything.
 */
async function concludeByNeighbourhood(
  ports: ScanJobPorts,
  job: ScanJob,
  policy: Policy,
  fresh: IssueFacts[],
): Promise<boolean> {
  const apply = ports.results.applyIncremental;
  const storedIds = await ports.results.storedIds(job.projectId);
  if (!apply || !storedIds) return false;
  const allIds = await readIdChunks(ports.store, prefixes(job).all, job.idSearch.all.pages);
  const all = new Set(allIds);
  const stored = await loadRelated(ports, job.projectId);
  const { project } = await eligibilityFor(ports, job, policy, new Set());
  const outcome = await apply({
    project,
    policy,
    fresh,
    removedIds: [...storedIds].filter((id) => !all.has(id)),
    allIds,
    storedRelated: stored.related,
    searched: stored.searched,
    eligibility: (owners) => eligibilityFor(ports, job, policy, owners),
    waiversFor: (p) => ports.waivers.waiversFor(p),
    ancestors: (known) => ports.engine.ancestors(known),
    children: (keys, known) => ports.engine.children(keys, known),
    now: ports.clock.now(),
    maxAffected: Math.max(MIN_NEIGHBOURHOOD, Math.floor(storedIds.size / 10)),
  });
  if (!outcome) return false;
  await saveRelated(ports, job.projectId, { related: outcome.related, searched: outcome.searched });
  await ports.results.recordTrend(project.id, ports.clock.now().toISOString().slice(0, 10), outcome.coverage);
  job.done = fresh.length;
  job.total = fresh.length;
  job.phase = 'done';
  return true;
}

interface StoredRelated {
  related: IssueFacts[];
  /** Strategy keys whose children have been searched for: an incremental run searches only new ones. */
  searched: string[];
}

async function loadRelated(ports: ScanJobPorts, projectId: string): Promise<StoredRelated> {
  const related = await readAllChunks<IssueFacts>(ports.store, relatedPrefix(projectId));
  const searched = (await ports.store.get<string[]>(`${relatedPrefix(projectId)}-searched`)) ?? [];
  return { related, searched };
}

async function saveRelated(ports: ScanJobPorts, projectId: string, value: StoredRelated): Promise<void> {
  const hash = createHash('sha256').update(JSON.stringify(value)).digest('base64');
  // Unchanged (the common case of an incremental run): nothing rewritten.
  if ((await ports.store.get<string>(`${relatedPrefix(projectId)}-hash`)) === hash) return;
  // The hash goes first and comes back last: a run killed in between rewrites everything next time.
  await ports.store.delete(`${relatedPrefix(projectId)}-hash`);
  await deleteChunks(ports.store, relatedPrefix(projectId));
  for (const [i, chunk] of slices(value.related, FACTS_PER_CHUNK).entries()) {
    await writeChunk(ports.store, relatedPrefix(projectId), i, chunk);
  }
  await ports.store.set(`${relatedPrefix(projectId)}-searched`, value.searched);
  await ports.store.set(`${relatedPrefix(projectId)}-hash`, hash);
}

/** Ids Jira kept failing to read keep their stored facts, so one bad answer never drops an issue. */
async function withStoredFailures(ports: ScanJobPorts, job: ScanJob, fresh: IssueFacts[]) {
  if (job.failedIds.length === 0) return fresh;
  const failed = new Set(job.failedIds);
  const stored = await ports.results.loadFacts(job.projectId);
  return [...fresh, ...stored.filter((f) => failed.has(f.id))];
}

/**
 * The job is marked done last: a delivery killed before that runs `finish` again (every step of it can be
 * repeated), where marking it done first would make the retry a "duplicate" and lose the follow-up.
 */
async function finish(ports: ScanJobPorts, job: ScanJob): Promise<void> {
  const finishedAt = job.finishedAt ?? ports.clock.now().toISOString();
  const last = await loadLastRun(ports, job.projectId);
  const startedAt = job.startedAt ?? finishedAt;
  const record: LastRun = {
    runId: job.runId,
    kind: job.kind,
    state: 'done',
    startedAt,
    finishedAt,
    issuesRead: job.done,
    error: null,
    lastFullStartedAt: job.kind === 'full' ? startedAt : (last?.lastFullStartedAt ?? null),
    lastSuccessStartedAt: startedAt,
    lastSuccessFinishedAt: finishedAt,
  };
  await ports.store.set(lastRunKey(job.projectId), record);
  // Recorded for the hourly notification run and the daily scan, which read only that record: a project enabled
  // elsewhere (the CLI, the settings page, another tool) and scanned through an issue event would else be
  // skipped there. The run started only because Role Split is on here; one set, repeated harmlessly.
  await register(ports.store, { id: job.projectId, key: job.projectKey }, ports.clock);
  await consumeDirtyMarks(ports, job);
  await cleanUp(ports, job);
  await followUp(ports, job);
  job.state = 'done';
  job.finishedAt = finishedAt;
  await save(ports, job);
}

/**
 * The dirty marks this run read, deleted — unless the issue was marked again after the run started (an edit or
 * an assignment while it ran): that mark stays, and the follow-up rescans the issue.
 */
async function consumeDirtyMarks(ports: ScanJobPorts, job: ScanJob): Promise<void> {
  for (const [i, key] of job.dirtyKeys.entries()) {
    const now = await ports.store.get<Partial<DirtyMark>>(key);
    if (now === undefined || (now.mark ?? '') === job.dirtyMarks[i]) await ports.store.delete(key);
  }
}

async function fail(ports: ScanJobPorts, job: ScanJob, code: string, message: string): Promise<void> {
  job.state = 'failed';
  job.finishedAt = ports.clock.now().toISOString();
  job.error = { code, message };
  await save(ports, job);
  const last = await loadLastRun(ports, job.projectId);
  await ports.store.set(lastRunKey(job.projectId), {
    runId: job.runId,
    kind: job.kind,
    state: 'failed',
    startedAt: job.startedAt ?? job.finishedAt,
    finishedAt: job.finishedAt,
    issuesRead: job.done,
    error: job.error,
    lastFullStartedAt: last?.lastFullStartedAt ?? null,
    lastSuccessStartedAt: last?.lastSuccessStartedAt ?? null,
    lastSuccessFinishedAt: last?.lastSuccessFinishedAt ?? null,
  } satisfies LastRun);
  await recordScanFailure(ports.store, job.projectId, {
    runId: job.runId,
    at: job.finishedAt,
    code,
    message,
  });
  await cleanUp(ports, job);
}

async function cleanUp(ports: ScanJobPorts, job: ScanJob): Promise<void> {
  const p = prefixes(job);
  for (const prefix of [p.all, p.changed, p.read, p.facts]) await deleteChunks(ports.store, prefix);
}

/** A full scan asked for meanwhile, or issues marked dirty since this run looked, start the next run. */
async function followUp(ports: ScanJobPorts, job: ScanJob): Promise<void> {
  const base = { kind: 'scan' as const, projectId: job.projectId, projectKey: job.projectKey };
  if (job.pendingFull) {
    await ports.queue.push({ ...base, scan: 'full', requestId: ports.newId() });
    return;
  }
  const leftover = await ports.store.list(dirtyPrefix(job.projectId));
  if (leftover.length > 0) await ports.queue.push({ ...base, scan: 'incremental', requestId: ports.newId() });
}
