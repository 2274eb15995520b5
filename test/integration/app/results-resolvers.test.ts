// The Alignment page's read resolvers over stored results, called as Forge calls them (test/support/
// forge-runtime.ts) against the embedded demo site: the app scans SHOP (it may read the epic secured at
// "Product leadership" and its secured story), the results go into the sandbox's KVS through the Forge entity
// store, and each viewer's responses are checked as JSON. Vera (viewer) is outside that level: she never
// receives the secured issues' keys, summaries or owners, nor a figure they change; Morgan (admin) sees them.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { asApp } from '@forge/api';
import Resolver from '@forge/resolver';
import type {
  AlignmentSummaryView,
  EpicRowView,
  GapRowView,
  Page,
  StoryRowView,
} from '../../../src/contract/alignment';
import type { Envelope } from '../../../src/contract/envelope';
import { defaultPolicy } from '../../../src/domain/policy';
import { buildResults } from '../../../src/app/results/build-results';
import { ResultStore } from '../../../src/app/results/result-store';
import { allIssueIds, fetchIssues, readRelatedForScan, scanJql } from '../../../src/app/scan';
import { evaluateWithPeople, readScanPeople } from '../../../src/app/scan/evaluate-scan';
import { registerAlignmentReads } from '../../../src/forge/alignment-reads';
import { forgeEntityStore } from '../../../src/forge/entity-store';
import { forgeStore } from '../../../src/forge/store';
import { createJiraClient } from '../../../src/jira/client';
import { forgeTransport } from '../../../src/jira/transport-forge';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import {
  callResolver,
  installForgeTestRuntime,
  projectPageExtension,
  type ForgeTestRuntime,
} from '../../support/forge-runtime';

const shop = { id: DEMO.projectId, key: DEMO.projectKey };
const resolver = new Resolver();
registerAlignmentReads(resolver);
const handler = resolver.getDefinitions();

let site: RunningSite;
let runtime: ForgeTestRuntime | undefined;

beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0 });
});
afterAll(async () => {
  await site.close();
});
beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  jest.restoreAllMocks();
  runtime?.restore();
  runtime = undefined;
});

/** Scans SHOP as the app and stores the results in this runtime's KVS, as the scan consumer would. */
async function scanAndStore(): Promise<void> {
  const jira = createJiraClient(forgeTransport(asApp()));
  const policy = defaultPolicy();
  const project = { id: shop.id, key: shop.key, name: DEMO.projectName };
  const now = new Date(DEMO.now);
  const ids = await allIssueIds(jira, scanJql(shop.key, policy));
  const { facts: issues } = await fetchIssues(jira, ids);
  const related = await readRelatedForScan(jira, issues, policy);
  const people = await readScanPeople({ jira, project, issues, policy });
  const outcome = evaluateWithPeople({ project, issues, related, policy, now }, people);
  if (!outcome.ok || !people.roster.ok) throw new Error('the demo roster should read');
  const built = buildResults({
    project,
    policy,
    issues,
    related,
    report: outcome.report,
    scannedAt: now.toISOString(),
    eligibility: { roster: people.roster, accounts: people.accounts },
  });
  const clock = { now: () => now };
  await new ResultStore({ entities: forgeEntityStore, store: forgeStore, clock }).writeResults(
    shop.id,
    built,
  );
}

async function call<T>(accountId: string, functionKey: string, payload: unknown = {}): Promise<T> {
  const envelope = (await callResolver(handler, {
    functionKey,
    payload,
    context: { extension: projectPageExtension(shop) },
    accountId,
  })) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${functionKey}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.data;
}

async function allPages<T>(accountId: string, functionKey: string, payload: Record<string, unknown> = {}) {
  const items: T[] = [];
  const raw: string[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 100; n++) {
    const page = await call<Page<T>>(accountId, functionKey, {
      ...payload,
      limit: 7,
      ...(cursor ? { cursor } : {}),
    });
    raw.push(JSON.stringify(page));
    items.push(...page.items);
    if (!page.nextCursor) return { items, raw: raw.join('\n') };
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

interface ViewerResponses {
  summary: AlignmentSummaryView;
  gaps: GapRowView[];
  epics: EpicRowView[];
  json: string;
}

async function everythingFor(accountId: string): Promise<ViewerResponses> {
  runtime = installForgeTestRuntime({ site, accountId });
  await scanAndStore();
  const summary = await call<AlignmentSummaryView>(accountId, 'project/get-summary');
  const gaps = await allPages<GapRowView>(accountId, 'project/list-gaps', { filter: {} });
  const epics = await allPages<EpicRowView>(accountId, 'project/list-epics');
  const waived = await allPages<GapRowView>(accountId, 'project/list-waived');
  const stories = await Promise.all(
    epics.items.map((e) =>
      allPages<StoryRowView>(accountId, 'project/list-epic-stories', { epicId: e.issueId }),
    ),
  );
  return {
    summary,
    gaps: gaps.items,
    epics: epics.items,
    json: [JSON.stringify(summary), gaps.raw, epics.raw, waived.raw, ...stories.map((s) => s.raw)].join('\n'),
  };
}

function secured() {
  const epic = site.state.getIssue(DEMO.security.securedEpic);
  const story = site.state.getIssue(DEMO.security.securedStory);
  if (!epic || !story) throw new Error('demo secured issues missing');
  return { epic, story };
}

describe('the Alignment page reads, per viewer', () => {
  it('give someone outside the security level nothing of the secured issues, nor a count they change', async () => {
    const { epic, story } = secured();
    const admin = await everythingFor(DEMO.adminUser.accountId);
    runtime?.restore();
    const vera = await everythingFor(DEMO.people.viewer.accountId);

    // Morgan sees them: the check below would pass vacuously if the scan had not read them.
    expect(admin.json).toContain(epic.key);
    expect(admin.summary.visibility).toBe('all');
    expect(admin.summary.trend).not.toBeNull();

    for (const id of [epic.key, epic.id, story.key, story.id]) expect(vera.json).not.toContain(`"${id}"`);
    for (const summary of [epic.summary, story.summary]) expect(vera.json).not.toContain(summary);
    expect(vera.summary.visibility).toBe('restricted');
    expect(vera.summary.trend).toBeNull();
    // The secured epic and story were in scope for Morgan: one strategy and one execution issue fewer for Vera.
    expect(vera.summary.coverage.strategyIssues).toBe(admin.summary.coverage.strategyIssues - 1);
    expect(vera.summary.coverage.executionIssues).toBe(admin.summary.coverage.executionIssues - 1);
    expect(vera.summary.issuesShown).toBe(admin.summary.issuesShown - 2);
    const veraGaps = vera.gaps.length;
    const adminGapsOfOthers = admin.gaps.filter((g) => g.issueKey !== epic.key && g.issueKey !== story.key);
    expect(veraGaps).toBe(adminGapsOfOthers.length);

    // The secured epic's stories, visible ones included, are not listed under it for Vera; Morgan gets them.
    const veraStories = await call<Page<StoryRowView>>(
      DEMO.people.viewer.accountId,
      'project/list-epic-stories',
      {
        epicId: epic.id,
      },
    );
    expect(veraStories.items).toEqual([]);
    expect(admin.epics.find((e) => e.issueKey === epic.key)?.storyCount).toBeGreaterThan(0);
  });

  it('filter through the store as the unfiltered list filtered here', async () => {
    const admin = DEMO.adminUser.accountId;
    const everything = await everythingFor(admin);
    const cases: Array<[Record<string, unknown>, (g: GapRowView) => boolean]> = [
      [
        { codes: ['STORY_WITHOUT_PO', 'EPIC_WITHOUT_PM'] },
        (g) => ['STORY_WITHOUT_PO', 'EPIC_WITHOUT_PM'].includes(g.code),
      ],
      [
        { severity: 'warning', text: 'FOOTER' },
        (g) => g.severity === 'warning' && /footer/i.test(`${g.issueKey} ${g.summary}`),
      ],
      [{ owner: 'none', severity: 'error' }, (g) => g.owner === null && g.severity === 'error'],
    ];
    for (const [filter, keep] of cases) {
      const expected = everything.gaps.filter(keep).map((g) => `${g.issueKey}/${g.code}`);
      expect(expected.length).toBeGreaterThan(0);
      const { items } = await allPages<GapRowView>(admin, 'project/list-gaps', { filter });
      expect(items.map((g) => `${g.issueKey}/${g.code}`)).toEqual(expected);
    }
  });

  it('refuses a request from outside a project page', async () => {
    runtime = installForgeTestRuntime({ site, accountId: DEMO.adminUser.accountId });
    const envelope = (await callResolver(handler, {
      functionKey: 'project/get-summary',
      payload: {},
      context: { extension: { type: 'jira:issuePanel' } },
      accountId: DEMO.adminUser.accountId,
    })) as Envelope<unknown>;
    expect(envelope).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('say NOT_SCANNED before the first scan', async () => {
    runtime = installForgeTestRuntime({ site, accountId: DEMO.adminUser.accountId });
    const envelope = (await callResolver(handler, {
      functionKey: 'project/get-summary',
      payload: {},
      context: { extension: projectPageExtension(shop) },
      accountId: DEMO.adminUser.accountId,
    })) as Envelope<unknown>;
    expect(envelope).toMatchObject({ ok: false, error: { code: 'NOT_SCANNED' } });
  });
});
