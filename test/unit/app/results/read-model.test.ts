// The Alignment page's reads from stored results against the engine itself: results built from evaluateGaps'
// report on a generated project, read back through the read model, give the engine's figures and the engine's
// gaps in the engine's order — whole, filtered and paged — and a viewer who may not see some issues never
// receives them or any figure they change.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { GapFilter } from '../../../../src/contract/alignment';
import { explain, explainIn, ruleContext } from '../../../../src/domain/explain';
import { ancestorChain, indexByKey, kindOf, parentIn, slotRoleFor } from '../../../../src/domain/hierarchy';
import { GAP_CODES, type Gap, type GapCode } from '../../../../src/domain/model';
import { trustedSlots } from '../../../../src/domain/rules';
import {
  listEpicRows,
  listEpicStoryRows,
  listGapRows,
  listWaivedRows,
  readSummaryView,
  type ReadModelPorts,
  type ReadRequest,
} from '../../../../src/app/results/read-model';
import { AppError } from '../../../../src/app/errors';
import { ResultStore } from '../../../../src/app/results/result-store';
import { expectSaying } from '../../../support/jest-helpers';
import { generateProject, type GeneratedProject } from './generated-project';
import { built, harnessWith, reportOf, type Harness } from './harness';

const project = generateProject(600, 11);
const report = reportOf(project.input);
const byKey = new Map(project.issues.map((i) => [i.key, i]));
const known = indexByKey(project.issues, project.related);
const everyId = project.issues.map((i) => i.id);

/** The contract's owner of a gap: the issue's slot holder when the property is trusted, else 'none'. */
function holderOf(issueKey: string): string {
  const facts = byKey.get(issueKey);
  if (!facts) throw new Error(issueKey);
  const role = slotRoleFor(kindOf(facts, project.input.policy));
  return (role && trustedSlots(facts.ownership)?.[role]) ?? 'none';
}

function epicIdOf(gap: Gap): string {
  return gap.epicKey === null ? 'none' : (known.get(gap.epicKey)?.id ?? 'none');
}

function engineGaps(filter: GapFilter, gaps: readonly Gap[] = report.gaps): string[] {
  const text = filter.text?.trim().toLowerCase();
  return gaps
    .filter(
      (g) =>
        (!filter.codes || filter.codes.length === 0 || filter.codes.includes(g.code)) &&
        (!filter.severity || g.severity === filter.severity) &&
        (!filter.owner || holderOf(g.issueKey) === filter.owner) &&
        (!filter.epicId || epicIdOf(g) === filter.epicId) &&
        (!text || g.issueKey.toLowerCase().includes(text) || g.summary.toLowerCase().includes(text)),
    )
    .map((g) => `${g.issueKey}/${g.code}`);
}

async function allGapPages(
  ports: ReadModelPorts,
  request: ReadRequest,
  filter: GapFilter,
  limit: number,
): Promise<{ rows: string[]; json: string[] }> {
  const rows: string[] = [];
  const json: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1_000; pages++) {
    const page = await listGapRows(ports, request, { filter, limit, ...(cursor ? { cursor } : {}) });
    json.push(JSON.stringify(page));
    expect(page.items.length).toBeLessThanOrEqual(limit);
    rows.push(...page.items.map((r) => `${r.issueKey}/${r.code}`));
    if (!page.nextCursor) return { rows, json };
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

async function everyPage<T>(
  read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1_000; pages++) {
    const page = await read(cursor);
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

describe('a viewer who sees every issue', () => {
  let h: Harness;
  let ports: ReturnType<Harness['portsFor']>;
  beforeAll(async () => {
    h = await harnessWith(project);
    ports = h.portsFor(everyId);
  });

  it("shows the engine's coverage, counts by code and waived count", async () => {
    const view = await readSummaryView(ports, h.request('pm-1'));
    const byCode: Partial<Record<GapCode, number>> = {};
    for (const gap of report.gaps) byCode[gap.code] = (byCode[gap.code] ?? 0) + 1;
    expect(report.gaps.length).toBeGreaterThan(100);
    expect(view.coverage).toEqual(report.coverage);
    expect(view.byCode).toEqual(byCode);
    expect(view.waivedCount).toBe(report.waived.length);
    expect(view.waivedCount).toBeGreaterThan(0);
    expect(view.issuesShown).toBe(report.coverage.strategyIssues + report.coverage.executionIssues);
    expect(view.visibility).toBe('all');
    expect(view.newSinceScan).toBe(0);
    expect(view.trend).toHaveLength(90);
  });

  it("lists the engine's gaps in the engine's order, page by page", async () => {
    const { rows } = await allGapPages(ports, h.request('pm-1'), {}, 37);
    expect(rows).toEqual(engineGaps({}));
  });

  const filters: Array<[string, GapFilter]> = [
    ...GAP_CODES.map((code): [string, GapFilter] => [code, { codes: [code] }]),
    ['errors', { severity: 'error' }],
    ['warnings', { severity: 'warning' }],
    ['two codes', { codes: ['STORY_WITHOUT_PO', 'EPIC_WITHOUT_PM'] }],
    ['two codes and warnings', { codes: ['STORY_WITHOUT_EPIC', 'PO_NOT_ELIGIBLE'], severity: 'warning' }],
    ['an owner', { owner: 'po-2' }],
    ['no owner', { owner: 'none' }],
    ['an owner and a code', { owner: 'someone', codes: ['PO_NOT_ELIGIBLE'] }],
    ['an epic', { epicId: '20002' }],
    ['no epic, errors', { epicId: undefined, severity: 'error', text: 'billing' }],
    ['text in a summary, any case', { text: 'EXPORT' }],
    ['text in a key', { text: 'alpha-1' }],
    ['text nothing has', { text: 'zebra' }],
    ['an epic in another project', { epicId: '90001' }],
  ];
  it.each(filters)('filters like the engine: %s', async (_name, filter) => {
    const { rows } = await allGapPages(ports, h.request('pm-1'), filter, 25);
    expectSaying(rows, JSON.stringify(filter)).toEqual(engineGaps(filter));
  });

  it('names the epic beside a story only when it is in the project', async () => {
    const page = await listGapRows(ports, h.request('pm-1'), { filter: {}, limit: 100 });
    const withEpic = page.items.filter((r) => r.epic !== null);
    expect(withEpic.length).toBeGreaterThan(0);
    for (const row of withEpic) expect(row.epic?.key.startsWith('ALPHA-')).toBe(true);
    const foreign = await listGapRows(ports, h.request('pm-1'), { filter: { epicId: '90001' } });
    expect(foreign.items.length).toBeGreaterThan(0);
    expect(foreign.items.map((r) => r.epic)).toEqual(foreign.items.map(() => null));
  });

  it('names owners, and says why one does not cover the slot', async () => {
    const eligible = await listGapRows(ports, h.request('pm-1'), { filter: { owner: 'po-1' }, limit: 5 });
    expect(eligible.items[0]?.owner).toEqual({
      accountId: 'po-1',
      displayName: 'Name of po-1',
      eligible: true,
      reason: null,
      avatarUrl: null,
    });
    const inactive = await listGapRows(ports, h.request('pm-1'), { filter: { owner: 'gone' }, limit: 5 });
    expect(inactive.items[0]?.owner).toMatchObject({
      accountId: 'gone',
      eligible: false,
      reason: 'inactive',
    });
    const unknown = await listGapRows(ports, h.request('pm-1'), { filter: { owner: 'ghost' }, limit: 5 });
    expect(unknown.items[0]?.owner).toMatchObject({ displayName: null, reason: 'unknown-account' });
  });

  it("lists the engine's waived gaps with reason, author and expiry", async () => {
    const rows = await everyPage((cursor) =>
      listWaivedRows(ports, h.request('pm-1'), { limit: 9, ...(cursor ? { cursor } : {}) }),
    );
    expect(rows.map((r) => `${r.issueKey}/${r.code}/${r.reason}/${r.expiresAt}`)).toEqual(
      report.waived.map((w) => `${w.issueKey}/${w.code}/${w.waiver.reason}/${w.waiver.expiresAt}`),
    );
    expect(rows[0]?.author?.accountId).toBe('pm-2');
  });

  it('lists every strategy issue with its PM and the stories beneath it', async () => {
    const rows = await everyPage((cursor) =>
      listEpicRows(ports, h.request('pm-1'), { limit: 13, ...(cursor ? { cursor } : {}) }),
    );
    const context = ruleContext(project.input);
    if (!context.ok) throw new Error('roster');
    const inScope = project.issues.filter((i) => explainIn(context.context, i).scope === 'in-scope');
    const strategy = inScope.filter((i) => kindOf(i, project.input.policy) === 'strategy');
    expect(rows.map((r) => r.issueKey)).toEqual(strategy.map((i) => i.key));
    const stories = inScope.filter((i) => kindOf(i, project.input.policy) === 'execution');
    for (const row of rows) {
      const below = stories.filter((s) =>
        ancestorChain(s, (n) => parentIn(known, n)).some((a) => a.key === row.issueKey),
      );
      const covered = below.filter((s) => explainIn(context.context, s).covered);
      expectSaying([row.storyCount, row.storiesWithPo], row.issueKey).toEqual([below.length, covered.length]);
    }
  });

  it("lists an epic's stories", async () => {
    const rows = await everyPage((cursor) =>
      listEpicStoryRows(ports, h.request('pm-1'), {
        epicId: '20002',
        limit: 5,
        ...(cursor ? { cursor } : {}),
      }),
    );
    const expected = project.issues
      .filter((i) => i.parentKey === 'ALPHA-2' && i.issueType.name === 'Story' && i.statusCategory !== 'done')
      .map((i) => i.key);
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.issueKey)).toEqual(expected);
  });

  it('refuses a cursor it did not make for this list', async () => {
    const page = await listGapRows(ports, h.request('pm-1'), { filter: { severity: 'error' }, limit: 5 });
    expect(page.nextCursor).not.toBeNull();
    await expect(
      listGapRows(ports, h.request('pm-1'), {
        filter: { severity: 'warning' },
        cursor: page.nextCursor ?? '',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      listGapRows(ports, h.request('pm-1'), { filter: {}, cursor: 'bm90IGEgY3Vyc29y' }),
    ).rejects.toBeInstanceOf(AppError);
  });
});

describe('a viewer who may not see the secured issues', () => {
  const secured = project.issues.filter((i) => i.secured === true);
  const hiddenKeys = new Set(secured.map((i) => i.key));
  const visibleIds = project.issues.filter((i) => !hiddenKeys.has(i.key)).map((i) => i.id);
  let h: Harness;
  let ports: ReturnType<Harness['portsFor']>;
  beforeAll(async () => {
    h = await harnessWith(project);
    ports = h.portsFor(visibleIds);
  });

  function leaks(json: string): string[] {
    return secured.flatMap((issue) =>
      [issue.key, issue.id, issue.summary].filter((s) => new RegExp(`"${s}"|"${s}[^0-9]`).test(json)),
    );
  }

  it('has secured issues to hide, some of them epics with stories', () => {
    expect(secured.length).toBeGreaterThan(5);
    expect(project.issues.some((i) => i.parentKey !== null && hiddenKeys.has(i.parentKey))).toBe(true);
  });

  it('gets figures of the issues it may see only, and no trend', async () => {
    const view = await readSummaryView(ports, h.request('po-3'));
    const context = ruleContext(project.input);
    if (!context.ok) throw new Error('roster');
    const coverage = { strategyIssues: 0, withPm: 0, executionIssues: 0, withPo: 0 };
    for (const issue of project.issues) {
      if (hiddenKeys.has(issue.key)) continue;
      const e = explainIn(context.context, issue);
      if (e.scope !== 'in-scope') continue;
      if (e.kind === 'strategy') {
        coverage.strategyIssues += 1;
        if (e.covered) coverage.withPm += 1;
      } else if (e.kind === 'execution') {
        coverage.executionIssues += 1;
        if (e.covered) coverage.withPo += 1;
      }
    }
    const byCode: Partial<Record<GapCode, number>> = {};
    for (const gap of report.gaps)
      if (!hiddenKeys.has(gap.issueKey)) byCode[gap.code] = (byCode[gap.code] ?? 0) + 1;
    expect(view.coverage).toEqual(coverage);
    expect(view.coverage).not.toEqual(report.coverage);
    expect(view.byCode).toEqual(byCode);
    expect(view.waivedCount).toBe(report.waived.filter((w) => !hiddenKeys.has(w.issueKey)).length);
    expect(view.visibility).toBe('restricted');
    expect(view.trend).toBeNull();
    expect(leaks(JSON.stringify(view))).toEqual([]);
  });

  it('never receives a hidden issue, its summary or a hidden epic beside a story', async () => {
    const { rows, json } = await allGapPages(ports, h.request('po-3'), {}, 40);
    const visibleGaps = report.gaps.filter((g) => !hiddenKeys.has(g.issueKey));
    expect(rows).toEqual(visibleGaps.map((g) => `${g.issueKey}/${g.code}`));
    expect(leaks(json.join('\n'))).toEqual([]);
    const epics = await everyPage((cursor) =>
      listEpicRows(ports, h.request('po-3'), { limit: 50, ...(cursor ? { cursor } : {}) }),
    );
    const waived = await everyPage((cursor) =>
      listWaivedRows(ports, h.request('po-3'), { limit: 50, ...(cursor ? { cursor } : {}) }),
    );
    expect(leaks(JSON.stringify([epics, waived]))).toEqual([]);
    const hiddenEpic = secured.find((i) => i.issueType.name === 'Epic');
    if (hiddenEpic) {
      const stories = await listEpicStoryRows(ports, h.request('po-3'), { epicId: hiddenEpic.id });
      expect(stories.items).toEqual([]);
      const filtered = await listGapRows(ports, h.request('po-3'), { filter: { epicId: hiddenEpic.id } });
      expect(filtered.items).toEqual([]);
    }
  });

  it("counts an epic's stories without the hidden ones", async () => {
    const all = await everyPage((cursor) =>
      listEpicRows(h.portsFor(everyId), h.request('pm-1'), { limit: 100, ...(cursor ? { cursor } : {}) }),
    );
    const some = await everyPage((cursor) =>
      listEpicRows(ports, h.request('po-3'), { limit: 100, ...(cursor ? { cursor } : {}) }),
    );
    const full = new Map(all.map((r) => [r.issueKey, r.storyCount]));
    const hiddenStories = project.issues.filter((i) => hiddenKeys.has(i.key) && i.issueType.name === 'Story');
    const dropped = some.filter((r) => (full.get(r.issueKey) ?? 0) > r.storyCount);
    expect(hiddenStories.length).toBeGreaterThan(0);
    expect(dropped.length).toBeGreaterThan(0);
  });

  it('shows no change when a hidden issue changes (the panel patches it)', async () => {
    const before = await readSummaryView(ports, h.request('po-3'));
    const story = secured.find(
      (i) => i.issueType.name === 'Story' && i.statusCategory !== 'done' && i.ownership === undefined,
    );
    if (!story) throw new Error('no hidden story without a PO');
    const assigned = {
      ...story,
      ownership: { schema: 1, po: { accountId: 'po-1', setBy: 'po-1', setAt: '2025-05-01T00:00:00.000Z' } },
    };
    const issues = project.issues.map((i) => (i === story ? assigned : i));
    const explained = explain(assigned, { ...project.input, issues });
    if (!explained.ok) throw new Error('roster');
    const later = { ...ports, clock: { now: () => new Date('2025-06-01T12:01:00.000Z') } };
    const patched = await new ResultStore({ ...h, clock: later.clock }).patchIssue('10000', {
      facts: assigned,
      explanation: explained.explanation,
    });
    expect(patched.patched).toBe(true);
    const after = await readSummaryView(later, h.request('po-3'));
    expect(after.resultsAt).not.toBe(before.resultsAt);
    expect({ ...after, resultsAt: before.resultsAt }).toEqual(before);
    // The viewer who sees everything does see the change.
    const everyone = await readSummaryView(h.portsFor(everyId), h.request('pm-1'));
    expect(everyone.coverage.withPo).toBe(report.coverage.withPo + 1);
  });

  it('asks Jira once in five minutes, then again', async () => {
    const viewer = h.portsFor(visibleIds);
    let now = new Date('2025-06-01T12:00:00.000Z');
    const timed = { ...viewer, clock: { now: () => now } };
    await readSummaryView(timed, h.request('po-4'));
    await listGapRows(timed, h.request('po-4'), { filter: {} });
    expect(viewer.searches.count).toBe(1);
    now = new Date(now.getTime() + 5 * 60_000 + 1);
    await readSummaryView(timed, h.request('po-4'));
    expect(viewer.searches.count).toBe(2);
  });
});

describe('the cached visibility', () => {
  it('is not used once a scan has read another set of issues', async () => {
    const h = await harnessWith(project);
    const newcomer = {
      ...project.issues[7],
      id: '99001',
      key: 'ALPHA-99001',
      secured: true,
    } as GeneratedProject['issues'][number];
    // The viewer may not see the newcomer; their cached answer predates it.
    const viewer = h.portsFor(everyId);
    await readSummaryView(viewer, h.request('po-4'));
    expect(viewer.searches.count).toBe(1);
    const grown = {
      ...project,
      issues: [...project.issues, newcomer],
      input: { ...project.input, issues: [...project.issues, newcomer] },
    };
    await h.results.writeResults('10000', built(grown));
    const after = await readSummaryView(viewer, h.request('po-4'));
    expect(viewer.searches.count).toBe(2);
    expect(after.visibility).toBe('restricted');
    const rows = await listGapRows(viewer, h.request('po-4'), { filter: { text: 'alpha-99001' } });
    expect(rows.items).toEqual([]);
  });
});

describe('a project the app could not read', () => {
  it('is an error that says who can fix it, never "0 of 0"', async () => {
    const empty: GeneratedProject = { ...project, issues: [], input: { ...project.input, issues: [] } };
    const h = await harnessWith(empty);
    const error: unknown = await readSummaryView(h.portsFor(['20001', '20002']), h.request('pm-1')).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'APP_CANNOT_READ' });
    expect((error as Error).message).toMatch(/Jira admin.*Browse projects/);
  });

  it('before any scan, NOT_SCANNED', async () => {
    const h = await harnessWith(project);
    await expect(
      readSummaryView(h.portsFor(everyId), { ...h.request('pm-1'), project: { id: '99999', key: 'ZED' } }),
    ).rejects.toMatchObject({ code: 'NOT_SCANNED' });
  });
});
