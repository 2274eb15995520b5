// The ownership resolvers (issue context section and panel), called exactly as Forge calls them against the
// embedded demo site: refusals each with their code, nothing written on a refusal, no lost update when two
// people assign at once, a stale lock taken over, unknown fields kept, secured issues never leaked.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import type { Envelope } from '../../../src/contract/envelope';
import { resolverContract, type ResolverKey, type ResultOf } from '../../../src/contract/resolvers';
import { alignmentPageHandler, issueContextHandler, issueContextStatus } from '../../../src/index';
import type { AlignmentSummaryView, GapRowView, Page, WaivedRowView } from '../../../src/contract/alignment';
import { lockKey } from '../../../src/app/issue-lock';
import { historyKey } from '../../../src/app/ownership-history';
import { callResolver, installForgeTestRuntime, type ForgeTestRuntime } from '../../support/forge-runtime';
import { deliverScans } from '../../support/scan-delivery';

/** An Alignment page resolver, called from SHOP's project page. */
function page<T>(functionKey: string, payload: unknown): Promise<Envelope<T>> {
  return callResolver(alignmentPageHandler, {
    functionKey,
    payload,
    context: { extension: { type: 'jira:projectPage', project: { ...shop, type: 'software' } } },
    accountId: admin,
  }) as Promise<Envelope<T>>;
}

const KEY = DEMO.propertyKey;
const shop = { id: DEMO.projectId, key: DEMO.projectKey };
const { people } = DEMO;
const admin = people.admin.accountId;

let site: RunningSite;
let runtime: ForgeTestRuntime | undefined;

beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0 });
});
afterAll(async () => {
  await site.close();
});
let logLines: string[] = [];
beforeEach(() => {
  logLines = [];
  // Each resolver call logs one JSON line; kept here to check it, not printed.
  jest.spyOn(console, 'log').mockImplementation((line: unknown) => {
    logLines.push(String(line));
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  runtime?.restore();
  runtime = undefined;
});

function useRuntime(accountId = admin): ForgeTestRuntime {
  runtime?.restore();
  runtime = installForgeTestRuntime({ site, accountId });
  return runtime;
}

function siteIssue(key: string) {
  const issue = site.state.getIssue(key);
  if (!issue) throw new Error(`demo issue ${key} missing`);
  return issue;
}

function extension(key: string) {
  const issue = siteIssue(key);
  const project = site.state.getProject(issue.projectId);
  return {
    type: 'jira:issueContext',
    issue: { id: issue.id, key: issue.key, type: site.state.issueType(issue.issueTypeId).name },
    project: { id: issue.projectId, key: project?.key ?? shop.key, type: 'software' },
  };
}

function call<K extends ResolverKey>(
  functionKey: K,
  key: string,
  payload: unknown,
  accountId = admin,
): Promise<Envelope<ResultOf<K>>> {
  return callResolver(issueContextHandler, {
    functionKey,
    payload,
    context: { extension: extension(key) },
    accountId,
  }) as Promise<Envelope<ResultOf<K>>>;
}

/** Jira requests only (the runtime also records KVS requests). */
function jiraRequests(requests: ForgeTestRuntime['requests']) {
  return requests.filter((r) => r.type === 'fpp' && !r.path.startsWith('/webhook'));
}

function property(key: string): unknown {
  return structuredClone(siteIssue(key).properties.get(KEY));
}

function ofType(typeName: string, filter: (key: string) => boolean = () => true): string[] {
  return [...site.state.issues.values()]
    .filter(
      (i) =>
        i.key.startsWith(`${DEMO.projectKey}-`) &&
        site.state.issueType(i.issueTypeId).name === typeName &&
        filter(i.key),
    )
    .map((i) => i.key);
}

/** A fresh open story with no property, made for one test so tests never share an issue. */
function newStory(summary: string, properties: Record<string, unknown> = {}): string {
  const story = site.state.issueTypesOf(site.state.getProject(shop.key)!).find((t) => t.name === 'Story')!;
  const issue = site.state.createIssue(
    {
      projectId: shop.id,
      issueTypeId: story.id,
      summary,
      parentId: null,
      assigneeId: null,
      reporterId: admin,
    },
    admin,
  );
  for (const [k, v] of Object.entries(properties)) site.state.setIssueProperty(issue, k, v, admin);
  return issue.key;
}

describe('issue/get-context', () => {
  it('shows an empty PO slot with "assign me" only for an eligible viewer', async () => {
    const key = newStory('Context: empty slot');
    useRuntime(people.poDirect.accountId);
    const asPo = await call('issue/get-context', key, {}, people.poDirect.accountId);
    expect(asPo).toMatchObject({
      ok: true,
      data: { slot: 'po', owner: null, current: null, status: { key: 'missing', label: 'PO missing' } },
    });
    if (!asPo.ok) return;
    expect(asPo.data.actions).toMatchObject({ assign: true, assignMe: true, youOwnThis: false });
    expect(asPo.data.gaps.map((g) => g.code)).toContain('STORY_WITHOUT_PO');

    useRuntime(admin);
    const asAdmin = await call('issue/get-context', key, {});
    expect(asAdmin.ok && asAdmin.data.actions).toMatchObject({ assign: true, assignMe: false });
  });

  it('names the story to check on a sub-task, and has no slot', async () => {
    const story = siteIssue(DEMO.issues.coveredStory);
    const subtask = [...site.state.issues.values()].find(
      (i) => i.parentId === story.id && site.state.issueType(i.issueTypeId).hierarchyLevel < 0,
    );
    if (!subtask) throw new Error('demo story has no sub-task');
    useRuntime();
    const result = await call('issue/get-context', subtask.key, {});
    expect(result).toMatchObject({
      ok: true,
      data: {
        slot: null,
        outOfScopeReason: 'subtask',
        checkInstead: { key: story.key },
        status: { label: 'Not tracked' },
      },
    });
  });

  it('on a sub-task whose story the viewer cannot see, names no key: "an issue you cannot see"', async () => {
    const story = siteIssue(DEMO.security.securedStory);
    const subtaskType = site.state
      .issueTypesOf(site.state.getProject(shop.key)!)
      .find((t) => t.hierarchyLevel < 0)!;
    const subtask = site.state.createIssue(
      {
        projectId: shop.id,
        issueTypeId: subtaskType.id,
        summary: 'Sub-task of a secured story',
        parentId: story.id,
        assigneeId: null,
        reporterId: admin,
      },
      admin,
    );
    useRuntime(people.viewer.accountId);
    const result = await call('issue/get-context', subtask.key, {}, people.viewer.accountId);
    if (!result.ok) {
      // Jira may hide the sub-task itself with its parent; then nothing about either reaches the viewer.
      expect(result.error.code).toBe('NOT_FOUND');
    } else {
      expect(result.data).toMatchObject({ checkInstead: null, checkInsteadHidden: true });
    }
    expect(JSON.stringify(result)).not.toContain(story.key);
    expect(JSON.stringify(result)).not.toContain(story.summary);
  });

  it('tells the owner "you own this"', async () => {
    useRuntime(people.pmDirect.accountId);
    const result = await call('issue/get-context', DEMO.issues.coveredEpic, {}, people.pmDirect.accountId);
    expect(result.ok && result.data.actions.youOwnThis).toBe(true);
    expect(result.ok && result.data.status.label).toBe('PM ✓');
  });
});

describe('issue-context-status (dynamicProperties)', () => {
  it("answers a lozenge in at most two Jira requests once the project's policy is cached", async () => {
    const { requests } = useRuntime();
    const ask = () =>
      issueContextStatus({ context: { accountId: admin, extension: extension(DEMO.issues.coveredEpic) } });
    // The first view of the project in a minute also reads its policy (the project property, then cached).
    await ask();
    const cold = jiraRequests(requests);
    expect(cold.filter((r) => r.path.includes('/properties/role-split-policy'))).toHaveLength(1);
    expect(cold.length).toBeLessThanOrEqual(3);
    requests.length = 0;
    const answer = await ask();
    expect(answer.status?.type).toBe('lozenge');
    expect(['PM ✓', 'PM set']).toContain(answer.status?.value.label);
    expect(jiraRequests(requests).length).toBeLessThanOrEqual(2);
    expect(jiraRequests(requests).filter((r) => r.path.includes('/properties/role-split-policy'))).toEqual(
      [],
    );
  });

  it('says "PO missing", then "PO set" while role membership is not cached, then "PO ✓"', async () => {
    const key = newStory('Header');
    useRuntime();
    const header = async () =>
      (await issueContextStatus({ context: { accountId: admin, extension: extension(key) } })).status?.value;
    expect(await header()).toEqual({ label: 'PO missing', type: 'removed' });
    site.state.setIssueProperty(
      siteIssue(key),
      KEY,
      {
        schema: 1,
        po: { accountId: people.poDirect.accountId, setBy: admin, setAt: '2026-01-01T00:00:00Z' },
      },
      admin,
    );
    expect(await header()).toEqual({ label: 'PO set', type: 'default' });
    await call('issue/get-context', key, {});
    expect(await header()).toEqual({ label: 'PO ✓', type: 'success' });
  });

  it('says "Not tracked" for a task', async () => {
    useRuntime();
    const task = ofType('Task')[0]!;
    const answer = await issueContextStatus({ context: { extension: extension(task) } });
    expect(answer).toEqual({ status: { type: 'lozenge', value: { label: 'Not tracked', type: 'default' } } });
  });
});

describe('issue/assign', () => {
  it('assigns an eligible PO, keeps unknown fields and the other slot, and records history', async () => {
    const other = {
      accountId: people.pmDirect.accountId,
      setBy: admin,
      setAt: '2026-01-01T00:00:00Z',
      note: 'x',
    };
    const key = newStory('Assign keeps fields', {
      [KEY]: { schema: 1, pm: other, fromAnotherTool: { a: 1 } },
    });
    const rt = useRuntime();
    const result = await call('issue/assign', key, { accountId: people.poDirect.accountId, expected: null });
    expect(result).toMatchObject({
      ok: true,
      data: { slot: 'po', owner: { accountId: people.poDirect.accountId, eligible: true } },
    });
    expect(property(key)).toMatchObject({
      schema: 1,
      pm: other,
      fromAnotherTool: { a: 1 },
      po: { accountId: people.poDirect.accountId, setBy: admin },
    });
    const history = rt.kvs.get({ kind: 'plain' }, historyKey(siteIssue(key).id))?.value as {
      entries: unknown[];
    };
    expect(history.entries).toHaveLength(1);
    expect(rt.kvs.get({ kind: 'plain' }, lockKey(siteIssue(key).id))).toBeUndefined();
  });

  it('costs at most 5 Jira requests and exactly one property write (roster warm)', async () => {
    const key = newStory('Assign cost');
    const { requests } = useRuntime();
    await call('issue/get-context', key, {});
    requests.length = 0;
    const result = await call('issue/assign', key, { accountId: people.poDirect.accountId, expected: null });
    expect(result.ok).toBe(true);
    expect(jiraRequests(requests).filter((r) => r.method === 'PUT')).toHaveLength(1);
    // Sam is a direct actor of Product Owner: issue, account, write, re-read.
    expect(jiraRequests(requests).length).toBeLessThanOrEqual(4);
  });

  it('refuses a viewer who may not edit (Jira refuses the write as the user): NO_EDIT_PERMISSION, nothing written', async () => {
    const key = newStory('Viewer cannot edit');
    useRuntime(people.viewer.accountId);
    const result = await call(
      'issue/assign',
      key,
      { accountId: people.poDirect.accountId, expected: null },
      people.viewer.accountId,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'NO_EDIT_PERMISSION' } });
    expect(property(key)).toBeUndefined();
  });

  it.each([
    ['not-in-role', () => people.developer.accountId],
    ['inactive', () => people.pmDeactivated.accountId],
    ['unknown-account', () => DEMO.unknownAccountId],
    ['not-a-person', () => DEMO.appUser.accountId],
  ])('refuses NOT_ELIGIBLE (%s), nothing written', async (reason, who) => {
    const key = newStory(`Not eligible ${reason}`);
    const { requests } = useRuntime();
    const result = await call('issue/assign', key, { accountId: who(), expected: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE', details: { reason } } });
    expect(property(key)).toBeUndefined();
    expect(requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('refuses a PM named for a story when the UI displayed a PM slot: WRONG_ROLE_FOR_LEVEL', async () => {
    const key = newStory('Wrong role');
    useRuntime();
    const result = await call('issue/assign', key, {
      accountId: people.pmDirect.accountId,
      expected: null,
      role: 'pm',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'WRONG_ROLE_FOR_LEVEL' } });
    expect(property(key)).toBeUndefined();
  });

  it('refuses a task or a sub-task: OUT_OF_SCOPE', async () => {
    useRuntime();
    const task = ofType('Task')[0]!;
    const before = property(task);
    const result = await call('issue/assign', task, { accountId: people.poDirect.accountId, expected: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'OUT_OF_SCOPE' } });
    expect(property(task)).toEqual(before);
  });

  it('refuses a damaged property (OWNERSHIP_INVALID, canReset for an editor); clear with reset starts again keeping unknown fields', async () => {
    const key = newStory('Invalid', { [KEY]: { schema: 1, po: 'bare string', keep: true } });
    useRuntime();
    const refused = await call('issue/assign', key, { accountId: people.poDirect.accountId, expected: null });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'OWNERSHIP_INVALID', details: { canReset: true } },
    });
    expect(property(key)).toEqual({ schema: 1, po: 'bare string', keep: true });
    const reset = await call('issue/clear', key, { expected: null, reset: true });
    expect(reset).toMatchObject({ ok: true, data: { owner: null, current: null } });
    expect(property(key)).toEqual({ schema: 1, keep: true });
  });

  it('refuses when the slot changed since it was displayed: CONFLICT with the current owner', async () => {
    const key = newStory('Stale view');
    useRuntime();
    const first = await call('issue/assign', key, { accountId: people.poDirect.accountId, expected: null });
    expect(first.ok).toBe(true);
    const second = await call('issue/assign', key, {
      accountId: people.poViaGroup.accountId,
      expected: null,
    });
    expect(second).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        details: {
          current: { accountId: people.poDirect.accountId, displayName: people.poDirect.displayName },
        },
      },
    });
  });

  it('two assignments at once: one owner, one CONFLICT, one history entry', async () => {
    const key = newStory('Race');
    const rt = useRuntime();
    const results = await Promise.all([
      call('issue/assign', key, { accountId: people.poDirect.accountId, expected: null }),
      call('issue/assign', key, { accountId: people.pmAndPo.accountId, expected: null }),
    ]);
    const ok = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(ok).toHaveLength(1);
    expect(refused).toMatchObject([{ error: { code: 'CONFLICT' } }]);
    const winner = ok[0]!.ok ? ok[0]!.data.current?.accountId : undefined;
    expect((property(key) as { po: { accountId: string } }).po.accountId).toBe(winner);
    const refusal = refused[0]!;
    expect(!refusal.ok && refusal.error.details?.current?.accountId).toBe(winner);
    const history = rt.kvs.get({ kind: 'plain' }, historyKey(siteIssue(key).id))?.value as {
      entries: unknown[];
    };
    expect(history.entries).toHaveLength(1);
  });

  it('answers JIRA_UNAVAILABLE when Jira fails the write: nothing recorded, the lock released', async () => {
    const key = newStory('Jira down');
    const rt = useRuntime();
    const id = siteIssue(key).id;
    site.faults.set({
      serverErrorBurst: { status: 500, count: 5, path: `/rest/api/3/issue/${id}/properties` },
    });
    try {
      const result = await call('issue/assign', key, {
        accountId: people.poDirect.accountId,
        expected: null,
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'JIRA_UNAVAILABLE' } });
    } finally {
      site.faults.set({ serverErrorBurst: null });
    }
    expect(property(key)).toBeUndefined();
    expect(rt.kvs.get({ kind: 'plain' }, historyKey(id))).toBeUndefined();
    expect(rt.kvs.get({ kind: 'plain' }, lockKey(id))).toBeUndefined();
  });

  it('takes over a stale lock', async () => {
    const key = newStory('Stale lock');
    const rt = useRuntime();
    await rt.kvs.set({ kind: 'plain' }, lockKey(siteIssue(key).id), {
      token: 'dead',
      holder: 'x',
      expiresAt: Date.now() - 1,
    });
    const result = await call('issue/assign', key, { accountId: people.poDirect.accountId, expected: null });
    expect(result.ok).toBe(true);
    expect(rt.kvs.get({ kind: 'plain' }, lockKey(siteIssue(key).id))).toBeUndefined();
  });

  it('shows who owned a done issue in the panel', async () => {
    const done = ofType(
      'Story',
      (k) =>
        site.state.status(siteIssue(k).statusId).categoryKey === 'done' &&
        !siteIssue(k).securityLevelId &&
        (property(k) as { po?: unknown } | undefined)?.po !== undefined,
    )[0];
    if (!done) throw new Error('no done story with a PO');
    useRuntime();
    const panel = await call('issue/get-panel', done, {});
    const po = (property(done) as { po: { accountId: string } }).po.accountId;
    expect(panel).toMatchObject({
      ok: true,
      data: { outOfScopeReason: 'done', slot: 'po', owner: { accountId: po } },
    });
  });

  it('allows writes on a done issue', async () => {
    const done = ofType(
      'Story',
      (k) => site.state.status(siteIssue(k).statusId).categoryKey === 'done' && !siteIssue(k).securityLevelId,
    )[0];
    if (!done) throw new Error('no done story');
    useRuntime();
    const before = await call('issue/get-context', done, {});
    if (!before.ok) throw new Error(before.error.message);
    const result = await call('issue/assign', done, {
      accountId: people.poDirect.accountId,
      expected: before.data.current,
    });
    expect(result.ok).toBe(true);
  });

  it('fuzzed payloads end in a clean BAD_REQUEST and never a write', async () => {
    const key = newStory('Fuzz');
    const { requests } = useRuntime();
    const keys: ResolverKey[] = [
      'issue/assign',
      'issue/assign-me',
      'issue/clear',
      'issue/set-waiver',
      'issue/search-people',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...keys),
        fc.oneof(
          fc.anything(),
          fc.record({ accountId: fc.string(), expected: fc.anything(), extra: fc.anything() }),
          fc.record({ expected: fc.constant(null), issueKey: fc.string() }),
        ),
        async (functionKey, payload) => {
          // The property is about payloads the contract refuses; a generated one it accepts is skipped.
          fc.pre(!resolverContract[functionKey].payload.safeParse(payload ?? {}).success);
          const result = await call(functionKey, key, payload);
          expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
        },
      ),
      { numRuns: 60 },
    );
    expect(requests).toEqual([]);
    expect(property(key)).toBeUndefined();
  });

  it('logs one structured line per call: key, duration, Jira requests, outcome', async () => {
    const key = newStory('Log line');
    useRuntime();
    await call('issue/assign', key, { accountId: people.developer.accountId, expected: null });
    const lines = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        event: 'role-split.resolver',
        resolver: 'issue/assign',
        durationMs: expect.any(Number),
        jiraRequests: expect.any(Number),
        outcome: 'NOT_ELIGIBLE',
      },
    ]);
    expect(lines[0]?.jiraRequests).toBeGreaterThan(0);
  });
});

describe('secured issues', () => {
  it('a viewer outside a secured epic never receives its key or summary', async () => {
    const epic = siteIssue(DEMO.security.securedEpic);
    // An open, unsecured story under the secured epic (the demo's such story is done): made for this test.
    const storyKey = newStory('Under a secured epic');
    siteIssue(storyKey).parentId = epic.id;
    // Control: someone inside the level is shown the epic, so the check below can fail.
    useRuntime(admin);
    const inside = await call('issue/get-panel', storyKey, {});
    expect(JSON.stringify(inside)).toContain(epic.key);
    useRuntime(people.viewer.accountId);
    for (const fn of ['issue/get-context', 'issue/get-panel'] as const) {
      const result = await call(fn, storyKey, {}, people.viewer.accountId);
      expect(result.ok).toBe(true);
      const text = JSON.stringify(result);
      expect(text).not.toContain(epic.key);
      expect(text).not.toContain(epic.summary);
    }
  });
});

describe('issue/search-people', () => {
  it('offers direct actors first, then people in a role group, and says why others are not offered', async () => {
    const key = newStory('Picker');
    useRuntime();
    const all = await call('issue/search-people', key, { query: '' });
    expect(all.ok && all.data.people.map((p) => p.accountId)).toContain(people.poDirect.accountId);
    const viaGroup = await call('issue/search-people', key, {
      query: people.poViaGroup.displayName.split(' ')[0]!,
    });
    expect(viaGroup).toMatchObject({
      ok: true,
      data: { people: [{ accountId: people.poViaGroup.accountId, via: 'group' }] },
    });
    const dev = await call('issue/search-people', key, {
      query: people.developer.displayName.split(' ')[0]!,
    });
    expect(dev).toMatchObject({
      ok: true,
      data: { people: [], notOffered: [{ accountId: people.developer.accountId, reason: 'not-in-role' }] },
    });
  });
});

describe('waivers', () => {
  it('an editor waives a gap (the panel and the section stop showing it) and revokes it', async () => {
    const key = newStory('Waive');
    useRuntime();
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const set = await call('issue/set-waiver', key, {
      code: 'STORY_WITHOUT_PO',
      reason: 'Spike, no owner needed',
      expiresAt,
    });
    expect(set).toMatchObject({
      ok: true,
      data: { waivers: [{ code: 'STORY_WITHOUT_PO', author: { accountId: admin } }] },
    });
    const context = await call('issue/get-context', key, {});
    expect(context.ok && context.data.gaps.map((g) => g.code)).not.toContain('STORY_WITHOUT_PO');
    const panel = await call('issue/get-panel', key, {});
    expect(panel.ok && panel.data.waivers?.map((w) => w.code)).toEqual(['STORY_WITHOUT_PO']);
    const revoked = await call('issue/revoke-waiver', key, { code: 'STORY_WITHOUT_PO' });
    expect(revoked).toMatchObject({ ok: true, data: { waivers: [] } });
  });

  it('the project scan applies a waiver set from the issue', async () => {
    const key = DEMO.gapExamples.STORY_WITHOUT_PO[0]!;
    const current = useRuntime();
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    expect(
      (await call('issue/set-waiver', key, { code: 'STORY_WITHOUT_PO', reason: 'Spike', expiresAt })).ok,
    ).toBe(true);
    // The waiver marks the issue for the rescan that brings it to the page.
    const dirty = `scan-dirty:${DEMO.projectId}:${siteIssue(key).id}`;
    expect(current.kvs.get({ kind: 'plain' }, dirty)).toBeDefined();
    await page('project/rescan', {});
    await deliverScans(current);
    const waived = await page<Page<WaivedRowView>>('project/list-waived', {});
    if (!waived.ok) throw new Error(waived.error.message);
    expect(waived.data.items.map((w) => [w.issueKey, w.code])).toContainEqual([key, 'STORY_WITHOUT_PO']);
    const open = await page<Page<GapRowView>>('project/list-gaps', {
      filter: { codes: ['STORY_WITHOUT_PO'] },
      limit: 100,
    });
    if (!open.ok) throw new Error(open.error.message);
    expect(open.data.items.map((g) => g.issueKey)).not.toContain(key);
    await call('issue/revoke-waiver', key, { code: 'STORY_WITHOUT_PO' });
  });

  it('an assignment in the issue context shows on the Alignment page without a rescan', async () => {
    const key = DEMO.gapExamples.STORY_WITHOUT_PO[1] ?? DEMO.gapExamples.STORY_WITHOUT_PO[0]!;
    const current = useRuntime();
    await page('project/rescan', {});
    await deliverScans(current);
    const gapsOf = async () => {
      const listed = await page<Page<GapRowView>>('project/list-gaps', {
        filter: { codes: ['STORY_WITHOUT_PO'] },
        limit: 100,
      });
      if (!listed.ok) throw new Error(listed.error.message);
      return listed.data.items.map((g) => g.issueKey);
    };
    const summaryOf = async () => {
      const summary = await page<AlignmentSummaryView>('project/get-summary', {});
      if (!summary.ok) throw new Error(summary.error.message);
      return summary.data;
    };
    expect(await gapsOf()).toContain(key);
    const before = await summaryOf();
    const assigned = await call('issue/assign', key, {
      accountId: people.poDirect.accountId,
      expected: null,
    });
    expect(assigned.ok).toBe(true);
    // No scan has run since: the write patched the stored results in the same request.
    expect(await gapsOf()).not.toContain(key);
    const after = await summaryOf();
    expect(after.coverage.withPo).toBe(before.coverage.withPo + 1);
    expect(after.byCode.STORY_WITHOUT_PO).toBe((before.byCode.STORY_WITHOUT_PO ?? 0) - 1);
    // And it marked the issue for the incremental rescan (queued 30 s out) that settles what a patch cannot see.
    const id = siteIssue(key).id;
    expect(current.kvs.get({ kind: 'plain' }, `scan-dirty:${DEMO.projectId}:${id}`)).toBeDefined();
    await call('issue/clear', key, { expected: assigned.ok ? assigned.data.current : null });
  });

  it('refuses a viewer who may not edit, and a waiver beyond 180 days', async () => {
    const key = newStory('Waive refused');
    useRuntime(people.viewer.accountId);
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const refused = await call(
      'issue/set-waiver',
      key,
      { code: 'STORY_WITHOUT_PO', reason: 'x', expiresAt },
      people.viewer.accountId,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'NO_EDIT_PERMISSION' } });
    useRuntime();
    const tooLong = await call('issue/set-waiver', key, {
      code: 'STORY_WITHOUT_PO',
      reason: 'x',
      expiresAt: new Date(Date.now() + 181 * 86_400_000).toISOString(),
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
