// An incremental rescan re-evaluates only the neighbourhood of its changes (src/app/scan-job/incremental.ts).
// After every kind of change a Jira site sees, the records and figures it stores must equal those a full scan
// stores from scratch, and it must read far less than the whole project to get there.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { markDirty } from '../../../src/app/scan-job/dirty';
import type { ScanMessage } from '../../../src/app/scan-job/ports';
import { createResultsPort } from '../../../src/app/scan-job/results-port';
import { handleScanMessage } from '../../../src/app/scan-job/run-scan';
import { RS_GAP, RS_ISSUE } from '../../../src/app/results/records';
import { summaryKey } from '../../../src/app/results/summary';
import { OWNERSHIP_PROPERTY_KEY } from '../../../src/domain/ownership';
import { ISSUE_TYPE_IDS, STATUS_IDS } from '../../../sandbox/site/catalog';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import type { SiteIssue } from '../../../sandbox/site/model';
import { MemoryEntityStore } from '../../support/memory-entity-store';
import { MemoryStore } from '../../support/memory-store';
import { RecordingQueue, adminJira, scanJobPorts } from '../../support/scan-job-stand-ins';

let site: RunningSite;
let clockMs = Date.parse(DEMO.now);
const clock = { now: () => new Date(clockMs) };
const actor = DEMO.adminUser.accountId;
let ids = 0;

function stack() {
  const store = new MemoryStore();
  const entities = new MemoryEntityStore();
  const queue = new RecordingQueue();
  const results = createResultsPort({ entities, store, clock });
  const ports = scanJobPorts({ jira: adminJira(site), clock, store, results, queue });
  return { ports, store, entities, queue };
}

async function scan(s: ReturnType<typeof stack>, kind: 'full' | 'incremental') {
  const message: ScanMessage = {
    kind: 'scan',
    projectId: DEMO.projectId,
    projectKey: DEMO.projectKey,
    scan: kind,
    requestId: `r-${++ids}`,
  };
  const outcome = await handleScanMessage(s.ports, message, { deadline: Number.MAX_SAFE_INTEGER });
  expect(outcome.kind).toBe('finished');
  s.queue.drain();
}

/** What the page reads: every record and the summary's figures (not when they were computed). */
function storedState(s: ReturnType<typeof stack>) {
  const rows = (entity: typeof RS_ISSUE | typeof RS_GAP) =>
    [...(s.entities.data.get(entity) ?? new Map<string, unknown>()).entries()].sort(([a], [b]) =>
      a.localeCompare(b),
    );
  const summary = s.store.values.get(summaryKey(DEMO.projectId)) as Record<string, unknown> | undefined;
  const { resultsAt: _r, scannedAt: _s, ...figures } = summary ?? {};
  return { issues: rows(RS_ISSUE), gaps: rows(RS_GAP), figures };
}

function issuesOf(level: number, options: { open?: boolean } = {}): SiteIssue[] {
  const { state } = site;
  return state
    .toSnapshot()
    .issues.filter(
      (i) =>
        i.projectId === DEMO.projectId &&
        state.issueType(i.issueTypeId).hierarchyLevel === level &&
        // Level 0 means stories here: the default policy's only execution type.
        (level !== 0 || state.issueType(i.issueTypeId).name === 'Story') &&
        (options.open === false || i.statusId !== STATUS_IDS.done),
    )
    .map((i) => state.getIssue(i.id)!);
}

beforeAll(async () => {
  site = await startSite({ dataDir: null, seed: { issues: 1_000 }, clock: () => clockMs });
});
afterAll(async () => {
  await site.close();
});

describe('an incremental rescan by neighbourhood', () => {
  const kept = { s: undefined as ReturnType<typeof stack> | undefined };

  beforeAll(async () => {
    kept.s = stack();
    await scan(kept.s, 'full');
  });

  const changes: Array<[string, () => Promise<string[]> | string[]]> = [
    [
      'a story summary edited',
      () => {
        const story = issuesOf(0)[3]!;
        site.state.updateIssue(story, { summary: 'Edited summary' }, actor);
        return [];
      },
    ],
    [
      'an epic given another PM by the app (a dirty mark, no `updated`)',
      () => {
        const epic = issuesOf(1)[1]!;
        site.state.setIssueProperty(
          epic,
          OWNERSHIP_PROPERTY_KEY,
          { schema: 1, pm: { accountId: DEMO.people.pmAndPo.accountId, setBy: actor, setAt: DEMO.now } },
          actor,
        );
        return [epic.id];
      },
    ],
    [
      'a story moved from an open epic that keeps other stories to another epic',
      () => {
        const stories = issuesOf(0);
        const epic = issuesOf(1).find((e) => stories.filter((st) => st.parentId === e.id).length >= 2)!;
        const story = stories.find((st) => st.parentId === epic.id)!;
        const target = issuesOf(1).find((e) => e.id !== epic.id)!;
        site.state.updateIssue(story, { parentId: target.id }, actor);
        return [];
      },
    ],
    [
      'a story done, another deleted',
      () => {
        const [, , , , , , done, deleted] = issuesOf(0);
        site.state.transitionIssue(done!, STATUS_IDS.done, actor);
        site.state.deleteIssue(deleted!, actor);
        return [];
      },
    ],
    [
      'an epic deleted (its stories lose their parent)',
      () => {
        site.state.deleteIssue(issuesOf(1)[2]!, actor);
        return [];
      },
    ],
    [
      'an epic done (its stories keep it as a done parent)',
      () => {
        site.state.transitionIssue(issuesOf(1)[3]!, STATUS_IDS.done, actor);
        return [];
      },
    ],
    [
      'a new epic with a new story',
      () => {
        const epic = site.state.createIssue(
          {
            projectId: DEMO.projectId,
            issueTypeId: ISSUE_TYPE_IDS.epic,
            summary: 'New epic',
            parentId: issuesOf(2)[0]?.id ?? null,
            assigneeId: null,
            reporterId: null,
          },
          actor,
        );
        site.state.createIssue(
          {
            projectId: DEMO.projectId,
            issueTypeId: ISSUE_TYPE_IDS.story,
            summary: 'New story',
            parentId: epic.id,
            assigneeId: null,
            reporterId: null,
          },
          actor,
        );
        return [];
      },
    ],
    [
      'every story of an epic moved out (it becomes childless)',
      () => {
        const epic = issuesOf(1)[4]!;
        const target = issuesOf(1)[5]!;
        for (const story of issuesOf(0).filter((s) => s.parentId === epic.id)) {
          site.state.updateIssue(story, { parentId: target.id }, actor);
        }
        return [];
      },
    ],
  ];

  it.each(changes)(
    'after %s equals a full scan, reading a fraction of the project',
    async (_name, change) => {
      const s = kept.s!;
      const searchedFor: string[] = [];
      const engine = s.ports.engine;
      const children = engine.children.bind(engine);
      s.ports.engine.children = (keys, known) => {
        searchedFor.push(...keys);
        return children(keys, known);
      };
      clockMs += 60 * 60_000;
      const dirty = await change();
      await markDirty(s.store, DEMO.projectId, dirty, clock.now());
      clockMs += 60_000;
      s.entities.resetMeter();
      await scan(s, 'incremental');
      const read = s.entities.meter;
      const fresh = stack();
      await scan(fresh, 'full');
      const everything = fresh.entities.meter.bytesWritten;
      expect(storedState(s)).toEqual(storedState(fresh));
      // The neighbourhood, not the project: a small share of what a full scan writes is read.
      expect(read.bytesRead).toBeLessThan(everything / 5);
      s.ports.engine.children = children;
      // Jira is asked for children only of strategy issues with no story left in the project: the others keep
      // a stand-in for the stories the store counted.
      const withStories = searchedFor.filter((key) => {
        const parent = site.state.getIssue(key);
        return issuesOf(0).some((story) => story.parentId === parent?.id);
      });
      expect(withStories).toEqual([]);
    },
  );
});

describe('a first full scan that runs out of time while storing', () => {
  it('continues delivery after delivery, each writing some records, and ends with what one delivery stores', async () => {
    const slow = stack();
    let deliveries = 0;
    const storing: number[] = [];
    let outcome;
    let message: ScanMessage = {
      kind: 'scan',
      projectId: DEMO.projectId,
      projectKey: DEMO.projectKey,
      scan: 'full',
      requestId: `r-${++ids}`,
    };
    // Every delivery is already past its deadline: one step each, and the store step writes a step of records.
    do {
      deliveries += 1;
      outcome = await handleScanMessage(slow.ports, message, { deadline: clock.now().getTime() });
      if (outcome.kind === 'continued' && outcome.job.phase === 'storing') storing.push(deliveries);
      const next = slow.queue.drain().find((m) => m.kind === 'continue');
      if (next) message = next;
    } while (outcome.kind === 'continued' && deliveries < 500);
    expect(outcome.kind).toBe('finished');
    // The store was cut short and carried on several times.
    expect(storing.length).toBeGreaterThan(1);
    const whole = stack();
    await scan(whole, 'full');
    expect(storedState(slow)).toEqual(storedState(whole));
  });
});
