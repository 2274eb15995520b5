// Writing stored results: only what changed is written (an unchanged rescan writes the summary alone, one
// changed issue rewrites its own records), vanished issues are deleted, the facts read back are the ones the
// engine was given, the issue panel's patch gives what a full rebuild would for that issue, and the trend keeps
// one point a day with gaps where no scan ran.
import { describe, expect, it } from '@jest/globals';
import { explain } from '../../../../src/domain/explain';
import { evaluateGaps } from '../../../../src/domain/gap-engine';
import { ResultStore, factsOf } from '../../../../src/app/results/result-store';
import { RS_GAP, RS_ISSUE } from '../../../../src/app/results/records';
import { MemoryEntityStore } from '../../../support/memory-entity-store';
import { TEST_NOW } from '../../../support/builders';
import { generateProject, PROJECT, type GeneratedProject } from './generated-project';
import { built, CountingStore, reportOf } from './harness';

function fresh() {
  const entities = new MemoryEntityStore();
  const store = new CountingStore();
  const results = new ResultStore({ entities, store, clock: { now: () => TEST_NOW } });
  return { entities, store, results };
}

function withIssues(project: GeneratedProject, issues: GeneratedProject['issues']): GeneratedProject {
  return { ...project, issues, input: { ...project.input, issues } };
}

const project = generateProject(300, 5);

describe('writeResults', () => {
  it('writes every record once, then nothing but the summary when nothing changed', async () => {
    const { entities, results } = fresh();
    const first = await results.writeResults(PROJECT.id, built(project));
    const report = reportOf(project.input);
    expect(first.recordsWritten).toBe(project.issues.length + report.gaps.length + report.waived.length);
    expect(entities.data.get(RS_GAP)?.size).toBe(report.gaps.length + report.waived.length);
    entities.resetMeter();
    const again = await results.writeResults(PROJECT.id, built(project));
    expect(again).toMatchObject({ recordsWritten: 0, recordsDeleted: 0, issuesChanged: 0 });
    expect(entities.meter.recordsWritten).toBe(0);
    expect(again.bytesWritten).toBeLessThan(2_000);
  });

  it('rewrites one issue record, and only the gap records that changed, when one issue changes', async () => {
    const { entities, results } = fresh();
    await results.writeResults(PROJECT.id, built(project));
    const story = project.issues.find(
      (i) =>
        i.issueType.name === 'Story' &&
        i.statusCategory !== 'done' &&
        i.ownership === undefined &&
        project.issues.some((p) => p.key === i.parentKey && p.statusCategory !== 'done'),
    );
    if (!story) throw new Error('no story without a PO');
    const changed = withIssues(
      project,
      project.issues.map((i) =>
        i === story
          ? {
              ...i,
              ownership: {
                schema: 1,
                po: { accountId: 'po-1', setBy: 'po-1', setAt: '2025-05-01T00:00:00.000Z' },
              },
            }
          : i,
      ),
    );
    entities.resetMeter();
    const counts = await results.writeResults(PROJECT.id, built(changed));
    // The story (covered now) and the epic or initiative above it (one more story with a PO), nothing else.
    const before = new Map(built(project).issues.map((r) => [r.key, JSON.stringify(r.value)]));
    const after = built(changed).issues;
    const differing = after.filter((r) => before.get(r.key) !== JSON.stringify(r.value)).map((r) => r.key);
    const storyRecord = after.find((r) => r.key === story.id)?.value;
    expect(differing).toContain(story.id);
    expect(differing.length).toBeGreaterThan(1);
    expect(differing.length).toBeLessThanOrEqual(1 + (storyRecord?.strategyIds.length ?? 0));
    expect(counts.issuesChanged).toBe(differing.length);
    expect(counts.recordsWritten).toBe(
      differing.length + (storyRecord?.gaps.length ?? 0) + (storyRecord?.waived.length ?? 0),
    );
    expect(counts.recordsDeleted).toBe(1); // its STORY_WITHOUT_PO gap
    expect(await entities.get(RS_GAP, `${story.id}:STORY_WITHOUT_PO`)).toBeUndefined();
    expect(entities.meter.recordsWritten).toBe(counts.recordsWritten);
  });

  it('deletes the records of issues that are gone', async () => {
    const { entities, results } = fresh();
    await results.writeResults(PROJECT.id, built(project));
    const gone = project.issues[10];
    if (!gone) throw new Error('issue');
    const without = withIssues(
      project,
      project.issues.filter((i) => i !== gone),
    );
    const counts = await results.writeResults(PROJECT.id, built(without));
    expect(counts.recordsDeleted).toBeGreaterThanOrEqual(1);
    expect(await entities.get(RS_ISSUE, gone.id)).toBeUndefined();
    expect([...(entities.data.get(RS_GAP)?.keys() ?? [])].filter((k) => k.startsWith(`${gone.id}:`))).toEqual(
      [],
    );
    expect(await results.readScannedIds(PROJECT.id)).not.toContain(gone.id);
  });

  it('gives back the facts the engine was given', async () => {
    const { results } = fresh();
    await results.writeResults(PROJECT.id, built(project));
    const facts = (await results.loadIssueRecords(PROJECT.id)).map(factsOf);
    const byId = new Map(facts.map((f) => [f.id, f]));
    expect(project.issues.map((i) => byId.get(i.id))).toEqual(project.issues);
    const again = evaluateGaps({ ...project.input, issues: facts });
    expect(again).toEqual(evaluateGaps(project.input));
  });

  it('reports progress up to every record written', async () => {
    const { results } = fresh();
    const seen: number[] = [];
    const counts = await results.writeResults(PROJECT.id, built(project), {
      onProgress: (p) => seen.push(p.total - p.done),
    });
    expect(seen.at(-1)).toBe(0);
    // Batches of at most 25, gap records and issue records apart, each reported as it lands.
    expect(seen.length).toBeGreaterThanOrEqual(Math.ceil(counts.recordsWritten / 25));
    expect(seen.every((left, i) => i === 0 || left < seen[i - 1]!)).toBe(true);
  });
});

describe('patchIssue (the issue panel)', () => {
  it("gives what a full rebuild gives for that issue's records and the summary", async () => {
    const { entities, results } = fresh();
    await results.writeResults(PROJECT.id, built(project));
    const story = project.issues.find(
      (i) =>
        i.issueType.name === 'Story' &&
        i.statusCategory !== 'done' &&
        i.ownership === undefined &&
        i.parentKey?.startsWith('ALPHA-'),
    );
    if (!story) throw new Error('no story without a PO');
    const assigned = {
      ...story,
      ownership: { schema: 1, po: { accountId: 'po-2', setBy: 'po-2', setAt: '2025-05-01T00:00:00.000Z' } },
    };
    const after = withIssues(
      project,
      project.issues.map((i) => (i === story ? assigned : i)),
    );
    const explained = explain(assigned, after.input);
    if (!explained.ok) throw new Error('roster');
    entities.resetMeter();
    const patched = await results.patchIssue(PROJECT.id, {
      facts: assigned,
      explanation: explained.explanation,
    });
    expect(patched.patched).toBe(true);

    const rebuilt = fresh();
    await rebuilt.results.writeResults(PROJECT.id, built(after));
    const expected = built(after).issues.find((r) => r.key === story.id)?.value;
    expect(await entities.get(RS_ISSUE, story.id)).toEqual(expected);
    for (const id of expected?.strategyIds ?? []) {
      expect(await entities.get(RS_ISSUE, id)).toEqual(await rebuilt.entities.get(RS_ISSUE, id));
    }
    const gaps = (e: MemoryEntityStore) =>
      [...(e.data.get(RS_GAP)?.entries() ?? [])].filter(([k]) => k.startsWith(`${story.id}:`));
    expect(gaps(entities)).toEqual(gaps(rebuilt.entities));
    const summary = await results.readSummary(PROJECT.id);
    const full = await rebuilt.results.readSummary(PROJECT.id);
    expect(summary).toMatchObject({
      coverage: full?.coverage,
      byCode: full?.byCode,
      waivedCount: full?.waivedCount,
      inScopeCount: full?.inScopeCount,
    });
    const before = built(project).summary;
    expect(summary?.coverage.withPo).toBe(before.coverage.withPo + 1);
    expect(summary?.byCode.STORY_WITHOUT_PO).toBe((before.byCode.STORY_WITHOUT_PO ?? 0) - 1);
  });

  it('leaves an issue the last scan did not read to the rescan', async () => {
    const { entities, results } = fresh();
    await results.writeResults(PROJECT.id, built(project));
    const newcomer = {
      ...project.issues[3],
      id: '99999',
      key: 'ALPHA-9999',
    } as GeneratedProject['issues'][number];
    const explained = explain(newcomer, withIssues(project, [...project.issues, newcomer]).input);
    if (!explained.ok) throw new Error('roster');
    const outcome = await results.patchIssue(PROJECT.id, {
      facts: newcomer,
      explanation: explained.explanation,
    });
    expect(outcome.patched).toBe(false);
    expect(await entities.get(RS_ISSUE, '99999')).toBeUndefined();
  });
});

describe('trend', () => {
  it('keeps one point a day, with null days between, at least 90 days back', async () => {
    const { results } = fresh();
    const coverage = (pm: number) => ({ strategyIssues: 10, withPm: pm, executionIssues: 0, withPo: 0 });
    await results.recordTrendPoint(PROJECT.id, '2025-05-30', coverage(3));
    await results.recordTrendPoint(PROJECT.id, '2025-06-01', coverage(4));
    await results.recordTrendPoint(PROJECT.id, '2025-06-01', coverage(5));
    const series = await results.readTrend(PROJECT.id, '2025-06-01');
    expect(series).toHaveLength(90);
    expect(series.slice(-3)).toEqual([
      { day: '2025-05-30', strategyPercent: 30, executionPercent: null },
      { day: '2025-05-31', strategyPercent: null, executionPercent: null },
      { day: '2025-06-01', strategyPercent: 50, executionPercent: null },
    ]);
    expect(series[0]?.day).toBe('2025-03-04');
  });

  it('keeps at most 400 points, the latest', async () => {
    const { results, store } = fresh();
    const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
    const points = Array.from({ length: 450 }, (_, n) => ({
      day: day(n),
      strategyPercent: n % 100,
      executionPercent: null,
    }));
    await store.set(`rs-trend:${PROJECT.id}`, { schema: 1, points });
    await results.recordTrendPoint(PROJECT.id, day(450), {
      strategyIssues: 0,
      withPm: 0,
      executionIssues: 1,
      withPo: 1,
    });
    const stored = await store.get<{ points: Array<{ day: string }> }>(`rs-trend:${PROJECT.id}`);
    expect(stored?.points).toHaveLength(400);
    expect(stored?.points[0]?.day).toBe(day(51));
    const series = await results.readTrend(PROJECT.id, day(450));
    expect(series).toHaveLength(400);
    expect(series.at(-1)).toEqual({ day: day(450), strategyPercent: null, executionPercent: 100 });
  });
});

describe('writeResults cut short', () => {
  it('counts the new issues as scanned before writing any of their records, and finishes on the next write', async () => {
    const entities = new MemoryEntityStore();
    const store = new CountingStore();
    let ms = TEST_NOW.getTime();
    // Every read of the clock moves it on a second: the deadline passes after the first step.
    const results = new ResultStore({ entities, store, clock: { now: () => new Date((ms += 1_000)) } });
    const smaller = withIssues(project, project.issues.slice(0, 100));
    await results.writeResults(PROJECT.id, built(smaller));
    const before = new Set(await results.readScannedIds(PROJECT.id));

    const cut = await results.writeResults(PROJECT.id, built(project), { deadline: ms + 500 });
    expect(cut.complete).toBe(false);
    // Some of the new issues' records are stored already: every one of their ids is in the scanned set, so a
    // viewer whose search does not find them has them hidden, never shown.
    const scanned = new Set(await results.readScannedIds(PROJECT.id));
    const stored = [...(entities.data.get(RS_ISSUE)?.keys() ?? [])];
    const newlyStored = stored.filter((id) => !before.has(id));
    expect(newlyStored.length).toBeGreaterThan(0);
    expect(newlyStored.filter((id) => !scanned.has(id))).toEqual([]);
    expect((await results.readSummary(PROJECT.id))?.ids.count).toBe(scanned.size);

    const rest = await results.writeResults(PROJECT.id, built(project));
    expect(rest.complete).toBe(true);
    const whole = fresh();
    await whole.results.writeResults(PROJECT.id, built(project));
    expect([...(entities.data.get(RS_GAP)?.keys() ?? [])].sort()).toEqual(
      [...(whole.entities.data.get(RS_GAP)?.keys() ?? [])].sort(),
    );
    expect(await results.readScannedIds(PROJECT.id)).toEqual(await whole.results.readScannedIds(PROJECT.id));
  });
});
