// The queue consumer's scan run (src/app/scan-job/) over HTTP against the embedded site: a run killed midway and
// delivered again resumes from its checkpoint and ends where a clean run ends; a duplicate delivery does
// nothing; a run out of time continues itself; an incremental rescan after changes equals a full scan.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { jobKey, scanJobSchema } from '../../../src/app/scan-job/job-record';
import { createScanEngine } from '../../../src/app/scan-job/engine';
import { markDirty } from '../../../src/app/scan-job/dirty';
import { defaultPolicy } from '../../../src/domain/policy';
import type { ScanJobPorts, ScanMessage } from '../../../src/app/scan-job/ports';
import { handleScanMessage } from '../../../src/app/scan-job/run-scan';
import { describeStatus } from '../../../src/app/scan-job/describe-status';
import { requestScan } from '../../../src/app/scan-job/request-scan';
import { scanProject } from '../../../src/app/scan-project';
import { OWNERSHIP_PROPERTY_KEY } from '../../../src/domain/ownership';
import type { JiraClient } from '../../../src/jira/types';
import { ISSUE_TYPE_IDS, STATUS_IDS } from '../../../sandbox/site/catalog';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import { MemoryStore } from '../../support/memory-store';
import {
  MemoryResults,
  RecordingQueue,
  adminJira,
  comparable,
  scanJobPorts,
} from '../../support/scan-job-stand-ins';

const FAR_FUTURE = Number.MAX_SAFE_INTEGER;

class TestClock {
  constructor(public ms: number) {}
  now = () => new Date(this.ms);
  advance(ms: number) {
    this.ms += ms;
  }
}

function portsFor(site: RunningSite, clock: TestClock, overrides: Partial<ScanJobPorts> = {}) {
  const jira = overrides.jira ?? adminJira(site);
  const store = new MemoryStore();
  const results = new MemoryResults();
  const queue = new RecordingQueue();
  const ports = scanJobPorts({ jira, clock, store, results, queue }, overrides);
  return { ports, store, results, queue };
}

const fullScan = (requestId = 'r1'): Extract<ScanMessage, { kind: 'scan' }> => ({
  kind: 'scan',
  projectId: DEMO.projectId,
  projectKey: DEMO.projectKey,
  scan: 'full',
  requestId,
});

/** Delivers the message and then whatever the run pushes, as the queue would, until nothing is left. */
async function deliverAll(
  ports: ScanJobPorts,
  queue: RecordingQueue,
  first: ScanMessage,
  deadline: () => number,
) {
  const outcomes = [];
  let pending = [first];
  while (pending.length > 0) {
    for (const message of pending)
      outcomes.push(await handleScanMessage(ports, message, { deadline: deadline() }));
    pending = queue.drain();
  }
  return outcomes;
}

/** A Jira client whose n-th bulk fetch fails as a killed invocation would: the delivery ends midway. */
function killedAtBulkFetch(jira: JiraClient, n: number): JiraClient & { bulkFetches: number } {
  const wrapped = Object.create(jira) as JiraClient & { bulkFetches: number };
  wrapped.bulkFetches = 0;
  wrapped.bulkFetchIssues = async (request) => {
    wrapped.bulkFetches += 1;
    if (wrapped.bulkFetches === n) throw new Error('invocation killed (test)');
    return jira.bulkFetchIssues(request);
  };
  return wrapped;
}

describe('a scan run on a generated project of 1,000 issues', () => {
  let site: RunningSite;
  let clock: TestClock;
  beforeEach(async () => {
    clock = new TestClock(Date.parse(DEMO.now));
    site = await startSite({ dataDir: null, seed: { issues: 1_000 }, clock: () => clock.ms });
  });
  afterEach(async () => {
    await site.close();
  });

  it('stores the same report as the shared scan', async () => {
    const { ports, results, queue } = portsFor(site, clock);
    const outcomes = await deliverAll(ports, queue, fullScan(), () => FAR_FUTURE);
    expect(outcomes.map((o) => o.kind)).toEqual(['finished']);
    const direct = await scanProject(
      { jira: adminJira(site), clock },
      { projectKey: DEMO.projectKey, policy: defaultPolicy() },
    );
    if (!direct.ok) throw new Error(direct.error.message);
    expect(results.written).not.toBeNull();
    expect(comparable(results.written!.report)).toEqual(comparable(direct.report));
    expect(direct.report.gaps.length).toBeGreaterThan(0);
  });

  it('resumes a run killed after a batch, and a duplicate delivery changes nothing', async () => {
    const clean = portsFor(site, clock);
    await deliverAll(clean.ports, clean.queue, fullScan(), () => FAR_FUTURE);
    const cleanFetches = site.counters.snapshot()['POST /rest/api/3/issue/bulkfetch'] ?? 0;
    site.counters.reset();

    const jira = killedAtBulkFetch(adminJira(site), 4);
    const { ports, results, store } = portsFor(site, clock, { jira });
    ports.engine = createScanEngine(jira, clock);
    await expect(handleScanMessage(ports, fullScan(), { deadline: FAR_FUTURE })).rejects.toThrow('killed');
    const checkpoint = scanJobSchema.parse(await store.get(jobKey(DEMO.projectId)));
    expect(checkpoint.phase).toBe('reading');
    expect(checkpoint.batchesDone.length).toBeGreaterThan(0);

    // Forge delivers the same event again, twice (a retry, then an at-least-once duplicate).
    const retried = await handleScanMessage(ports, fullScan(), { deadline: FAR_FUTURE });
    const duplicate = await handleScanMessage(ports, fullScan(), { deadline: FAR_FUTURE });
    expect(retried.kind).toBe('finished');
    expect(duplicate).toEqual({ kind: 'skipped', reason: 'duplicate' });
    expect(results.writes).toBe(1);
    expect(comparable(results.written!.report)).toEqual(comparable(clean.results.written!.report));
    // Resumed, not restarted: the batches read before the kill were not read again.
    const fetches = site.counters.snapshot()['POST /rest/api/3/issue/bulkfetch'] ?? 0;
    expect(fetches).toBeLessThan(cleanFetches + checkpoint.batchesDone.length);
    // Its checkpoint chunks are gone once the run ends.
    expect([...store.values.keys()].filter((k) => k.startsWith('scan-chunk:'))).toEqual([]);
  });

  it('continues itself when its time is up, one step per delivery, and ends where a clean run ends', async () => {
    const clean = portsFor(site, clock);
    await deliverAll(clean.ports, clean.queue, fullScan(), () => FAR_FUTURE);

    const { ports, results, queue } = portsFor(site, clock);
    // A deadline already reached: each delivery runs its one guaranteed step, then continues itself.
    const outcomes = await deliverAll(ports, queue, fullScan(), () => clock.ms);
    const continued = outcomes.filter((o) => o.kind === 'continued').length;
    expect(continued).toBeGreaterThan(1);
    expect(outcomes.at(-1)?.kind).toBe('finished');
    expect(comparable(results.written!.report)).toEqual(comparable(clean.results.written!.report));
  });
});

describe('an incremental rescan', () => {
  let site: RunningSite;
  let clock: TestClock;
  beforeEach(async () => {
    clock = new TestClock(Date.parse(DEMO.now));
    site = await startSite({ dataDir: null, seed: { issues: 1_000 }, clock: () => clock.ms });
  });
  afterEach(async () => {
    await site.close();
  });

  function openIssues(level: number) {
    const { state } = site;
    return state
      .toSnapshot()
      .issues.filter(
        (i) =>
          i.projectId === DEMO.projectId &&
          state.issueType(i.issueTypeId).hierarchyLevel === level &&
          i.statusId !== STATUS_IDS.done,
      )
      .map((i) => state.getIssue(i.id)!);
  }

  it('after edits, creations, deletions, moves to done and app writes equals a full scan', async () => {
    const { ports, results, queue, store } = portsFor(site, clock);
    await deliverAll(ports, queue, fullScan(), () => FAR_FUTURE);
    const before = comparable(results.written!.report);
    clock.advance(60 * 60_000);

    const { state } = site;
    const stories = openIssues(0).filter((i) => state.issueType(i.issueTypeId).name === 'Story');
    const epics = openIssues(1);
    const [edited, deleted, finished, reparented, ownedByApp] = stories;
    state.updateIssue(edited!, { summary: 'Edited since the last scan' }, DEMO.adminUser.accountId);
    state.deleteIssue(deleted!, DEMO.adminUser.accountId);
    state.transitionIssue(finished!, STATUS_IDS.done, DEMO.adminUser.accountId);
    state.updateIssue(reparented!, { parentId: epics.at(-1)!.id }, DEMO.adminUser.accountId);
    state.createIssue(
      {
        projectId: DEMO.projectId,
        issueTypeId: ISSUE_TYPE_IDS.story,
        summary: 'New story',
        parentId: null,
        assigneeId: null,
        reporterId: null,
      },
      DEMO.adminUser.accountId,
    );
    // A write by the app itself (the issue panel) does not change `updated`: it marks the issue dirty.
    state.setIssueProperty(
      ownedByApp!,
      OWNERSHIP_PROPERTY_KEY,
      { schema: 1, po: { accountId: DEMO.people.poDirect.accountId, setBy: 'x', setAt: DEMO.now } },
      DEMO.adminUser.accountId,
    );
    await markDirty(store, DEMO.projectId, [ownedByApp!.id], clock.now());
    clock.advance(60_000);

    site.counters.reset();
    const incremental: ScanMessage = { ...fullScan('r2'), scan: 'incremental' };
    const outcomes = await deliverAll(ports, queue, incremental, () => FAR_FUTURE);
    expect(outcomes.map((o) => o.kind)).toEqual(['finished']);
    const requests = site.counters.snapshot();
    const after = comparable(results.written!.report);

    const fresh = portsFor(site, clock);
    await deliverAll(fresh.ports, fresh.queue, fullScan('r3'), () => FAR_FUTURE);
    expect(after).toEqual(comparable(fresh.results.written!.report));
    expect(after).not.toEqual(before);
    // It read the changed issues, not the project: a handful of bulk fetches, not one per 100 issues.
    expect(requests['POST /rest/api/3/issue/bulkfetch'] ?? 0).toBeLessThanOrEqual(3);
    // The dirty mark was consumed.
    expect([...store.values.keys()].filter((k) => k.startsWith('scan-dirty:'))).toEqual([]);
  });
});

describe('a run and the marks and requests around it', () => {
  let site: RunningSite;
  let clock: TestClock;
  beforeEach(async () => {
    clock = new TestClock(Date.parse(DEMO.now));
    site = await startSite({ dataDir: null, seed: { issues: 1_000 }, clock: () => clock.ms });
  });
  afterEach(async () => {
    await site.close();
  });

  it('keeps a dirty mark set again while the run was under way, and rescans that issue next', async () => {
    const { ports, store, queue } = portsFor(site, clock);
    await deliverAll(ports, queue, fullScan(), () => FAR_FUTURE);
    const issue = site.state.toSnapshot().issues.find((i) => i.projectId === DEMO.projectId)!;
    await markDirty(store, DEMO.projectId, [issue.id], clock.now());
    clock.advance(60_000);
    const incremental = { ...fullScan('r2'), scan: 'incremental' as const };
    // The first delivery runs one step (the dirty marks are read), then stops.
    expect((await handleScanMessage(ports, incremental, { deadline: clock.ms })).kind).toBe('continued');
    clock.advance(1_000);
    await markDirty(store, DEMO.projectId, [issue.id], clock.now()); // an assignment meanwhile
    const [resume] = queue.drain();
    expect(resume?.kind).toBe('continue');
    expect((await handleScanMessage(ports, resume!, { deadline: FAR_FUTURE })).kind).toBe('finished');
    // The mark set meanwhile stays, and the run asks for the rescan that reads it.
    expect(await store.get(`scan-dirty:${DEMO.projectId}:${issue.id}`)).toBeDefined();
    expect(queue.drain()).toContainEqual(expect.objectContaining({ kind: 'scan', scan: 'incremental' }));
  });

  it('does not show a full-scan request as waiting once a later run has started', async () => {
    const { ports, queue, store } = portsFor(site, clock);
    const statusPorts = { ...ports, userJira: ports.jira };
    const project = { id: DEMO.projectId, key: DEMO.projectKey };
    const requested = await requestScan(statusPorts, project, 'full');
    expect((await describeStatus(statusPorts, project, 'viewer')).currentScan?.state).toBe('queued');
    await deliverAll(ports, queue, queue.drain()[0]!, () => FAR_FUTURE);
    expect(requested.requestId).toBeTruthy();
    clock.advance(60_000);
    await markDirty(store, DEMO.projectId, ['1'], clock.now());
    await deliverAll(ports, queue, { ...fullScan('r-event'), scan: 'incremental' }, () => FAR_FUTURE);
    const status = await describeStatus(statusPorts, project, 'viewer');
    expect(status.currentScan).toBeNull();
    expect(status.lastScan).toMatchObject({ state: 'done', kind: 'incremental' });
  });
});
