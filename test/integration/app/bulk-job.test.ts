// Bulk assignment from the Alignment page, end to end against the embedded demo site: the bulk/* resolvers called
// as Forge calls them (test/support/forge-runtime.ts), their queue pushes delivered to the real consumer, every
// property write counted per issue in the site itself. A job delivered twice, or stopped between its write and its
// state save, writes each issue once; one issue the user may not edit is refused by name among the rest; replace
// X with Y, its undo, and a CONFLICT when a slot changed between apply and the consumer — or, for picked issues
// and an epic's stories, between the preview and the apply (the preview's snapshot); a disabled project, bad
// payloads and a preview that is not the viewer's, too old or of other issues are refused.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { asApp } from '@forge/api';
import Resolver from '@forge/resolver';
import type { BulkJobView, BulkPreviewView } from '../../../src/contract/bulk';
import type { Envelope } from '../../../src/contract/envelope';
import { readHistory } from '../../../src/app/ownership-history';
import type { BulkMessage, BulkPorts } from '../../../src/app/bulk/ports';
import { handleBulkMessage } from '../../../src/app/bulk/run-job';
import { registerBulkResolvers } from '../../../src/forge/bulk-resolvers';
import { bulkConsumer } from '../../../src/forge/bulk-consumer';
import { forgeStore } from '../../../src/forge/store';
import { createJiraClient } from '../../../src/jira/client';
import { JiraError } from '../../../src/jira/errors';
import type { JiraClient } from '../../../src/jira/types';
import { forgeTransport } from '../../../src/jira/transport-forge';
import { defaultPolicy } from '../../../src/domain/policy';
import type { ProductGateway } from '../../../sandbox/host/product';
import { ISSUE_TYPE_IDS, STATUS_IDS } from '../../../sandbox/site/catalog';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import type { SiteIssue } from '../../../sandbox/site/model';
import {
  callResolver,
  installForgeTestRuntime,
  projectPageExtension,
  type ForgeTestRuntime,
} from '../../support/forge-runtime';

const shop = { id: DEMO.projectId, key: DEMO.projectKey };
const resolver = new Resolver();
registerBulkResolvers(resolver);
const handler = resolver.getDefinitions();

const priya = DEMO.people.pmDirect.accountId; // may edit SHOP
const sam = DEMO.people.poDirect.accountId;
const amara = DEMO.people.poViaGroup.accountId;
const chen = DEMO.people.pmAndPo.accountId;
const vera = DEMO.people.viewer.accountId; // browses SHOP, edits nothing

let site: RunningSite;
let runtime: ForgeTestRuntime | undefined;
/** Property writes of `role-split-ownership`, by issue id, as the site applied them. */
let writes: Map<string, number>;

beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0 });
});
afterAll(async () => {
  await site.close();
});
beforeEach(async () => {
  await site.reset();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  writes = new Map();
  const original = site.state.setIssueProperty.bind(site.state);
  jest
    .spyOn(site.state, 'setIssueProperty')
    .mockImplementation((issue: SiteIssue, key: string, value: unknown, actor: string | null) => {
      if (key === DEMO.propertyKey) writes.set(issue.id, (writes.get(issue.id) ?? 0) + 1);
      return original(issue, key, value, actor);
    });
});
afterEach(() => {
  jest.restoreAllMocks();
  runtime?.restore();
  runtime = undefined;
});

function useRuntime(gateway?: ProductGateway): ForgeTestRuntime {
  runtime?.restore();
  runtime = installForgeTestRuntime({ site: gateway ?? site, accountId: priya });
  return runtime;
}

async function call<T>(accountId: string, functionKey: string, payload: unknown = {}): Promise<Envelope<T>> {
  return (await callResolver(handler, {
    functionKey,
    payload,
    context: { extension: projectPageExtension(shop) },
    accountId,
  })) as Envelope<T>;
}

async function ok<T>(accountId: string, functionKey: string, payload: unknown = {}): Promise<T> {
  const envelope = await call<T>(accountId, functionKey, payload);
  if (!envelope.ok) throw new Error(`${functionKey}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.data;
}

/** The bulk messages pushed so far (scan requests are taken off and counted). */
async function takeBulkMessages(): Promise<{ bulk: BulkMessage[]; scans: number }> {
  await new Promise((r) => setTimeout(r, 300));
  const pushed = runtime?.pushed.splice(0) ?? [];
  return {
    bulk: pushed.filter((d) => d.topic === 'role-split-bulk').map((d) => d.payload as BulkMessage),
    scans: pushed.filter((d) => d.topic === 'role-split-scan').length,
  };
}

/** Delivers bulk messages to the consumer as Forge would, until none is left; returns how many ran. */
async function deliverAll(): Promise<{ deliveries: number; scans: number }> {
  let deliveries = 0;
  let scans = 0;
  for (let round = 0; round < 20; round++) {
    const taken = await takeBulkMessages();
    scans += taken.scans;
    if (taken.bulk.length === 0) return { deliveries, scans };
    for (const body of taken.bulk) {
      await bulkConsumer({ body });
      deliveries += 1;
    }
  }
  throw new Error('the job never ended');
}

const poOf = (issue: SiteIssue): string | undefined =>
  (issue.properties.get(DEMO.propertyKey) as { po?: { accountId: string } } | undefined)?.po?.accountId;

/** Open SHOP stories anyone in SHOP may see. */
function openStories(): SiteIssue[] {
  return [...site.state.issues.values()].filter(
    (i) =>
      i.projectId === shop.id &&
      i.issueTypeId === ISSUE_TYPE_IDS.story &&
      i.statusId !== STATUS_IDS.done &&
      i.securityLevelId === null,
  );
}

/** The consumer's ports over the given app client, with the queues recorded instead of delivered. */
function consumerPorts(jira: JiraClient, pushed: BulkMessage[] = []): BulkPorts {
  return {
    jira,
    userJira: jira,
    clock: { now: () => new Date() },
    store: forgeStore,
    queue: { push: (m) => Promise.resolve(void pushed.push(m)) },
    scanQueue: { push: () => Promise.resolve() },
    newId: () => randomUUID(),
    policyFor: () => Promise.resolve(defaultPolicy()),
    sleep: () => Promise.resolve(),
  };
}

/** Previews as `accountId` and applies what the preview showed (its previewId), as the page does. */
async function previewAndApply(
  target: unknown,
  person: string,
  accountId = priya,
): Promise<{ jobId: string; preview: BulkPreviewView }> {
  const preview = await ok<BulkPreviewView>(accountId, 'bulk/preview', { target, accountId: person });
  const { jobId } = await ok<{ jobId: string }>(accountId, 'bulk/apply', {
    target,
    accountId: person,
    previewId: preview.previewId,
  });
  return { jobId, preview };
}

async function job(jobId: string, accountId = priya): Promise<BulkJobView> {
  return ok<BulkJobView>(accountId, 'bulk/get-job', { jobId });
}

describe('bulk assignment from the Alignment page', () => {
  it('a job delivered twice writes each issue once, verifies it, and records its history once', async () => {
    useRuntime();
    const stories = openStories().slice(0, 6);
    const target = { kind: 'issues', issueIds: stories.map((s) => s.id) };
    const preview = await ok<BulkPreviewView>(priya, 'bulk/preview', { target, accountId: amara });
    expect(preview.total).toBe(6);
    expect(preview.person).toMatchObject({ accountId: amara, eligible: true });
    expect(writes.size).toBe(0);

    const { jobId } = await ok<{ jobId: string }>(priya, 'bulk/apply', {
      target,
      accountId: amara,
      previewId: preview.previewId,
    });
    // The same preview applied again (a double click, a retried request): the same job, nothing queued again.
    const again = await ok<{ jobId: string }>(priya, 'bulk/apply', {
      target,
      accountId: amara,
      previewId: preview.previewId,
    });
    expect(again.jobId).toBe(jobId);
    const listed = await ok<{ jobs: Array<{ id: string }> }>(priya, 'bulk/list-jobs', {});
    expect(listed.jobs.map((j) => j.id)).toEqual([jobId]);
    const { bulk } = await takeBulkMessages();
    expect(bulk).toHaveLength(1);
    // Forge delivers it, then delivers it again (at least once).
    await bulkConsumer({ body: bulk[0] });
    await bulkConsumer({ body: bulk[0] });

    const changed = stories.filter((s) => poOf(s) === amara);
    expect(changed).toHaveLength(6);
    expect([...writes.values()].every((n) => n === 1)).toBe(true);
    expect(writes.size).toBe(preview.counts.assign);
    const view = await job(jobId);
    expect(view).toMatchObject({ state: 'done', total: 6, canUndo: true });
    expect(view.counts.verified).toBe(6);
    for (const story of stories) {
      const history = await readHistory(forgeStore, story.id);
      const entries = history.filter((e) => e.job === jobId);
      expect(entries).toHaveLength(writes.has(story.id) ? 1 : 0);
      if (writes.has(story.id)) expect(entries[0]).toMatchObject({ by: priya, to: amara, slot: 'po' });
    }
    // The page catches up: the written issues are marked dirty and a rescan is queued.
    const dirty = await forgeStore.list(`scan-dirty:${shop.id}:`);
    expect(dirty.map((d) => d.key.split(':').pop()).sort()).toEqual([...writes.keys()].sort());
  });

  it('a delivery stopped between the write and its state save: the redelivery verifies without writing again', async () => {
    useRuntime();
    const stories = openStories().filter((s) => poOf(s) === undefined);
    expect(stories.length).toBeGreaterThan(1);
    const target = { kind: 'issues', issueIds: stories.map((s) => s.id) };
    const { jobId } = await previewAndApply(target, sam);
    const [message] = (await takeBulkMessages()).bulk;
    if (!message) throw new Error('no message');

    const app = createJiraClient(forgeTransport(asApp()));
    const killed = Object.create(app) as typeof app;
    killed.getTask = () => Promise.reject(new Error('invocation killed (test)'));
    await expect(
      handleBulkMessage(consumerPorts(killed), message, { deadline: Date.now() + 60_000 }),
    ).rejects.toThrow('killed');
    // The write went through (the site runs the task a moment later); the job still says "written".
    await new Promise((r) => setTimeout(r, 200));
    expect(stories.every((s) => poOf(s) === sam)).toBe(true);
    expect((await job(jobId)).counts.written).toBe(stories.length);

    const outcome = await handleBulkMessage(consumerPorts(app), message, { deadline: Date.now() + 60_000 });
    expect(outcome).toEqual({ kind: 'finished', state: 'done' });
    expect([...writes.values()]).toEqual(stories.map(() => 1));
    const view = await job(jobId);
    expect(view.counts).toEqual({ pending: 0, written: 0, verified: stories.length, refused: 0 });
    for (const story of stories) {
      expect((await readHistory(forgeStore, story.id)).filter((e) => e.job === jobId)).toHaveLength(1);
    }
  });

  it('names the one issue the user may not edit, refused, and writes the others', async () => {
    // Jira grants Edit Issues per issue too: a workflow status with jira.permission.edit.denied (the site's
    // Approved) takes it away on its issues from everyone, the app included. One story is moved there.
    useRuntime();
    const stories = openStories().filter((s) => poOf(s) === undefined);
    const locked = stories[0] as SiteIssue;
    site.state.transitionIssue(locked, STATUS_IDS.approved, DEMO.adminUser.accountId);
    const target = { kind: 'issues', issueIds: stories.map((s) => s.id) };
    const preview = await ok<BulkPreviewView>(priya, 'bulk/preview', { target, accountId: sam });
    expect(preview.refusedBy).toEqual({ NO_EDIT_PERMISSION: 1 });
    expect(preview.rows[0]).toMatchObject({
      issueKey: locked.key,
      outcome: 'refused',
      reason: 'NO_EDIT_PERMISSION',
    });

    const { jobId } = await ok<{ jobId: string }>(priya, 'bulk/apply', {
      target,
      accountId: sam,
      previewId: preview.previewId,
    });
    await deliverAll();
    const view = await job(jobId);
    expect(view.state).toBe('done');
    expect(view.counts).toMatchObject({ verified: stories.length - 1, refused: 1 });
    expect(view.rows[0]).toMatchObject({
      issueKey: locked.key,
      state: 'refused',
      reason: 'NO_EDIT_PERMISSION',
    });
    expect(view.rows[0]?.message).toContain(locked.key);
    expect(poOf(locked)).toBeUndefined();
    expect(writes.has(locked.id)).toBe(false);
    expect(writes.size).toBe(stories.length - 1);
  });

  it('replaces X with Y on every open slot X holds, and the undo puts X back', async () => {
    useRuntime();
    const samsOpen = openStories().filter((s) => poOf(s) === sam);
    const samsAll = [...site.state.issues.values()].filter((s) => poOf(s) === sam && s.projectId === shop.id);
    expect(samsOpen.length).toBeGreaterThan(2);
    const target = { kind: 'replace', from: sam, includeDone: false };
    const preview = await ok<BulkPreviewView>(priya, 'bulk/preview', { target, accountId: amara });
    expect(preview.counts.assign).toBe(samsOpen.length);
    // The epic where Sam sits in the PO slot (one epics do not have): the row shows that slot and Sam in it.
    const misplacedKey = DEMO.gapExamples.ROLE_MISPLACED?.[0];
    expect(preview.rows.find((r) => r.issueKey === misplacedKey)).toMatchObject({
      outcome: 'refused',
      reason: 'WRONG_ROLE_FOR_LEVEL',
      slot: 'po',
      issueType: 'Epic',
      current: { accountId: sam },
    });

    const { jobId } = await ok<{ jobId: string }>(priya, 'bulk/apply', { target, accountId: amara });
    await deliverAll();
    expect((await job(jobId)).state).toBe('done');
    expect(samsOpen.every((s) => poOf(s) === amara)).toBe(true);
    // Done issues were not asked for: they keep Sam.
    for (const s of samsAll.filter((x) => !samsOpen.includes(x))) expect(poOf(s)).toBe(sam);

    // Someone who neither made it nor administers the project cannot undo it.
    const refused = await call(vera, 'bulk/undo', { jobId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const undo = await ok<{ jobId: string }>(priya, 'bulk/undo', { jobId });
    expect((await job(jobId)).canUndo).toBe(false);
    await deliverAll();
    const undone = await job(undo.jobId);
    expect(undone).toMatchObject({ kind: 'undo', undoOf: jobId, state: 'done' });
    expect(undone.counts.verified).toBe(samsOpen.length);
    expect(samsOpen.every((s) => poOf(s) === sam)).toBe(true);
    for (const s of samsOpen) expect(writes.get(s.id)).toBe(2);
    // An undo is queued once.
    expect(await call(priya, 'bulk/undo', { jobId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('refuses CONFLICT for a slot someone changed between apply and the consumer, and writes the rest', async () => {
    useRuntime();
    const samsOpen = openStories().filter((s) => poOf(s) === sam);
    const { jobId } = await ok<{ jobId: string }>(priya, 'bulk/apply', {
      target: { kind: 'replace', from: sam, includeDone: false },
      accountId: amara,
    });
    const moved = samsOpen[1] as SiteIssue;
    site.state.setIssueProperty(
      moved,
      DEMO.propertyKey,
      { schema: 1, po: { accountId: chen, setBy: chen, setAt: new Date().toISOString() } },
      chen,
    );
    writes.clear();
    await deliverAll();
    const view = await job(jobId);
    expect(view.state).toBe('done');
    expect(view.rows[0]).toMatchObject({ issueKey: moved.key, state: 'refused', reason: 'CONFLICT' });
    // Besides it, only the epic where Sam is recorded as PO (a slot an epic does not have) is refused.
    const refused = view.rows.filter((r) => r.state === 'refused').map((r) => [r.issueKey, r.reason]);
    expect(refused).toEqual([
      [moved.key, 'CONFLICT'],
      [DEMO.gapExamples.ROLE_MISPLACED?.[0], 'WRONG_ROLE_FOR_LEVEL'],
    ]);
    expect(view.rows.find((r) => r.reason === 'WRONG_ROLE_FOR_LEVEL')).toMatchObject({
      slot: 'po',
      from: sam,
      holder: { accountId: sam },
    });
    expect(view.counts.verified).toBe(samsOpen.length - 1);
    expect(poOf(moved)).toBe(chen);
    expect(writes.has(moved.id)).toBe(false);
  });

  it('refuses CONFLICT for a story someone assigned after the preview, naming who holds it now, and writes the rest', async () => {
    useRuntime();
    const stories = openStories()
      .filter((s) => poOf(s) === undefined)
      .slice(0, 4);
    expect(stories).toHaveLength(4);
    const target = { kind: 'issues', issueIds: stories.map((s) => s.id) };
    const preview = await ok<BulkPreviewView>(priya, 'bulk/preview', { target, accountId: sam });
    expect(preview.counts.assign).toBe(4);
    // Between the preview and the apply, someone else makes Chen the PO of one of them.
    const taken = stories[2] as SiteIssue;
    site.state.setIssueProperty(
      taken,
      DEMO.propertyKey,
      { schema: 1, po: { accountId: chen, setBy: amara, setAt: new Date().toISOString() } },
      amara,
    );
    writes.clear();
    const { jobId } = await ok<{ jobId: string }>(priya, 'bulk/apply', {
      target,
      accountId: sam,
      previewId: preview.previewId,
    });
    await deliverAll();
    const view = await job(jobId);
    expect(view.state).toBe('done');
    expect(view.counts).toMatchObject({ verified: 3, refused: 1 });
    expect(view.rows[0]).toMatchObject({
      issueKey: taken.key,
      state: 'refused',
      reason: 'CONFLICT',
      from: chen,
      holder: { accountId: chen, displayName: DEMO.people.pmAndPo.displayName },
    });
    expect(view.rows[0]?.message).toBe(
      `Someone changed the PO of ${taken.key} after your preview, so it was left as they set it.`,
    );
    expect(poOf(taken)).toBe(chen);
    expect(writes.has(taken.id)).toBe(false);
    for (const story of stories.filter((s) => s !== taken)) expect(poOf(story)).toBe(sam);
    expect(writes.size).toBe(3);
  });

  it('holds an epic’s stories to its preview: one given a PO since is CONFLICT by name, the others written', async () => {
    useRuntime();
    const example = [...site.state.issues.values()].find(
      (i) => i.key === DEMO.gapExamples.STORY_WITHOUT_PO?.[0],
    ) as SiteIssue;
    const epicId = example.parentId as string;
    const empty = openStories().filter((s) => s.parentId === epicId && poOf(s) === undefined);
    expect(empty.length).toBeGreaterThan(0);
    const target = { kind: 'epic-stories-without-po', epicId };
    const preview = await ok<BulkPreviewView>(priya, 'bulk/preview', { target, accountId: amara });
    expect(preview.counts.assign).toBe(empty.length);
    const taken = empty[0] as SiteIssue;
    site.state.setIssueProperty(
      taken,
      DEMO.propertyKey,
      { schema: 1, po: { accountId: sam, setBy: sam, setAt: new Date().toISOString() } },
      sam,
    );
    writes.clear();
    const { jobId } = await ok<{ jobId: string }>(priya, 'bulk/apply', {
      target,
      accountId: amara,
      previewId: preview.previewId,
    });
    await deliverAll();
    const view = await job(jobId);
    expect(view.total).toBe(empty.length);
    expect(view.rows[0]).toMatchObject({
      issueKey: taken.key,
      reason: 'CONFLICT',
      holder: { accountId: sam },
    });
    expect(poOf(taken)).toBe(sam);
    for (const story of empty.filter((s) => s !== taken)) expect(poOf(story)).toBe(amara);
    expect(writes.size).toBe(empty.length - 1);
  });

  it('applies only a preview that is the viewer’s own, recent, and of the same issues and person', async () => {
    useRuntime();
    const stories = openStories().slice(0, 2);
    const target = { kind: 'issues', issueIds: stories.map((s) => s.id) };
    const preview = await ok<BulkPreviewView>(priya, 'bulk/preview', { target, accountId: sam });
    const refusals: Array<[string, unknown]> = [
      [priya, { target, accountId: sam }],
      [priya, { target, accountId: sam, previewId: randomUUID() }],
      [DEMO.adminUser.accountId, { target, accountId: sam, previewId: preview.previewId }],
      [priya, { target, accountId: amara, previewId: preview.previewId }],
      [
        priya,
        {
          target: { kind: 'issues', issueIds: [stories[0]?.id] },
          accountId: sam,
          previewId: preview.previewId,
        },
      ],
    ];
    for (const [who, payload] of refusals) {
      const answer = await call(who, 'bulk/apply', payload);
      expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      if (!answer.ok) expect(answer.error.message).toMatch(/Preview (again|this change first)/);
    }
    // Sixteen minutes later the same preview is too old (the store's TTL alone is not trusted).
    const stored = await forgeStore.get<{ createdAt: string }>(`bulk-preview:${preview.previewId}`);
    if (!stored) throw new Error('no snapshot stored');
    await forgeStore.set(`bulk-preview:${preview.previewId}`, {
      ...stored,
      createdAt: new Date(Date.now() - 16 * 60_000).toISOString(),
    });
    const late = await call(priya, 'bulk/apply', { target, accountId: sam, previewId: preview.previewId });
    expect(late).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!late.ok) expect(late.error.message).toContain('more than 15 minutes old');
    expect((await takeBulkMessages()).bulk).toHaveLength(0);
    expect(writes.size).toBe(0);
  });

  it('retries a passing Jira failure a few times, then fails the job saying why, naming every issue left', async () => {
    useRuntime();
    const stories = openStories().filter((s) => poOf(s) === undefined);
    const { jobId } = await previewAndApply({ kind: 'issues', issueIds: stories.map((s) => s.id) }, sam);
    const [message] = (await takeBulkMessages()).bulk;
    if (!message) throw new Error('no message');
    const jira = createJiraClient(forgeTransport(asApp()), { maxRetries: 0 });
    site.faults.set({
      serverErrorBurst: { status: 503, count: 1_000, path: '/rest/api/3/issue/properties/multi' },
    });
    const pushed: BulkMessage[] = [];
    const outcomes = [];
    for (let delivery = 0; delivery < 4; delivery++)
      outcomes.push(
        await handleBulkMessage(consumerPorts(jira, pushed), message, { deadline: Date.now() + 60_000 }),
      );
    site.faults.clear();
    expect(outcomes).toEqual([
      { kind: 'continued', retry: true },
      { kind: 'continued', retry: true },
      { kind: 'continued', retry: true },
      { kind: 'finished', state: 'failed' },
    ]);
    expect(pushed).toHaveLength(3);
    const view = await job(jobId);
    expect(view.state).toBe('failed');
    expect(view.error?.message).toMatch(/HTTP 503/);
    expect(view.counts).toMatchObject({ pending: 0, written: 0, verified: 0, refused: stories.length });
    expect(new Set(view.rows.map((r) => r.reason))).toEqual(new Set(['WRITE_FAILED']));
    expect(writes.size).toBe(0);
  });

  it('fails at once when Jira refuses the app’s write, saying who can fix it; a late batch waits for a continue', async () => {
    useRuntime();
    const stories = openStories().filter((s) => poOf(s) === undefined);
    const { jobId } = await previewAndApply({ kind: 'issues', issueIds: stories.map((s) => s.id) }, sam);
    const [message] = (await takeBulkMessages()).bulk;
    if (!message) throw new Error('no message');
    const app = createJiraClient(forgeTransport(asApp()));
    // Out of time before the first batch: nothing is written, a continue is pushed.
    const pushed: BulkMessage[] = [];
    expect(await handleBulkMessage(consumerPorts(app, pushed), message, { deadline: 0 })).toEqual({
      kind: 'continued',
      retry: false,
    });
    expect(pushed).toEqual([message]);
    const refusing = Object.create(app) as JiraClient;
    refusing.bulkSetIssueProperties = () =>
      Promise.reject(
        new JiraError({
          kind: 'forbidden',
          endpoint: 'POST /rest/api/3/issue/properties/multi',
          status: 403,
        }),
      );
    const outcome = await handleBulkMessage(consumerPorts(refusing), message, {
      deadline: Date.now() + 60_000,
    });
    expect(outcome).toEqual({ kind: 'finished', state: 'failed' });
    const view = await job(jobId);
    expect(view.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(view.error?.message).toMatch(/Jira admin/);
    expect(view.counts.refused).toBe(stories.length);
    expect(writes.size).toBe(0);
  });

  it('fills the empty PO slots of an epic’s open stories, and only those', async () => {
    useRuntime();
    const example = [...site.state.issues.values()].find(
      (i) => i.key === DEMO.gapExamples.STORY_WITHOUT_PO?.[0],
    ) as SiteIssue;
    const epicId = example.parentId as string;
    const children = openStories().filter((s) => s.parentId === epicId);
    const empty = children.filter((s) => poOf(s) === undefined);
    expect(empty.length).toBeGreaterThan(0);
    expect(children.length).toBeGreaterThan(empty.length);
    const target = { kind: 'epic-stories-without-po', epicId };
    const preview = await ok<BulkPreviewView>(priya, 'bulk/preview', { target, accountId: amara });
    expect(preview.rows.map((r) => r.issueKey).sort()).toEqual(empty.map((s) => s.key).sort());
    expect(preview.counts).toEqual({ assign: empty.length, clear: 0, unchanged: 0, refused: 0 });
    const held = new Map(children.map((s) => [s.id, poOf(s)]));

    await ok(priya, 'bulk/apply', { target, accountId: amara, previewId: preview.previewId });
    await deliverAll();
    for (const story of children) expect(poOf(story)).toBe(held.get(story.id) ?? amara);
    expect([...writes.keys()].sort()).toEqual(empty.map((s) => s.id).sort());
    // A story is not an epic: refused before anything is read.
    expect(
      await call(priya, 'bulk/preview', {
        target: { kind: 'epic-stories-without-po', epicId: example.id },
        accountId: amara,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('lists the project’s jobs', async () => {
    useRuntime();
    const story = openStories()[0] as SiteIssue;
    const { jobId } = await previewAndApply({ kind: 'issues', issueIds: [story.id] }, chen);
    const list = await ok<{ jobs: Array<{ id: string; state: string; by: { accountId: string } }> }>(
      vera,
      'bulk/list-jobs',
    );
    expect(list.jobs.map((j) => [j.id, j.state, j.by.accountId])).toEqual([[jobId, 'queued', priya]]);
  });

  it('refuses a project where Role Split is off, and payloads that do not validate', async () => {
    useRuntime();
    const target = { kind: 'issues', issueIds: [openStories()[0]?.id] };
    const bad: Array<[string, unknown]> = [
      ['bulk/preview', { target, accountId: 'not an id!' }],
      ['bulk/apply', { target: { kind: 'issues', issueIds: [] }, accountId: sam }],
      [
        'bulk/apply',
        {
          target: { kind: 'issues', issueIds: Array.from({ length: 1001 }, (_, i) => String(i + 1)) },
          accountId: sam,
        },
      ],
      ['bulk/apply', { target, accountId: sam, projectId: '1' }],
      ['bulk/get-job', { jobId: '../x' }],
      ['bulk/search-people', { role: 'boss', query: '' }],
    ];
    for (const [key, payload] of bad) {
      expect(await call(priya, key, payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    const project = site.state.projects.get(shop.id);
    if (!project) throw new Error('no SHOP');
    site.state.setProjectProperty(project, DEMO.policyPropertyKey, { schema: 1, enabled: false });
    for (const [key, payload] of [
      ['bulk/preview', { target, accountId: sam }],
      ['bulk/apply', { target, accountId: sam }],
      ['bulk/list-jobs', {}],
      ['bulk/search-people', { role: 'po', query: '' }],
    ] as const) {
      expect(await call(priya, key, payload)).toMatchObject({ ok: false, error: { code: 'NOT_ENABLED' } });
    }
    expect(writes.size).toBe(0);
  });

  it('offers only people eligible for the role', async () => {
    useRuntime();
    const { people } = await ok<{ people: Array<{ accountId: string; eligible: boolean }> }>(
      priya,
      'bulk/search-people',
      { role: 'po', query: '' },
    );
    const ids = people.map((p) => p.accountId);
    expect(ids).toEqual(expect.arrayContaining([sam, chen]));
    expect(ids).not.toContain(DEMO.people.developer.accountId);
    expect(people.every((p) => p.eligible)).toBe(true);
    const found = await ok<{ people: Array<{ accountId: string }> }>(priya, 'bulk/search-people', {
      role: 'po',
      query: 'Amara',
    });
    expect(found.people.map((p) => p.accountId)).toEqual([amara]);
  });
});
