// The Alignment page's cost at scale, from stored results: a generated project (BENCH_PAGE_ISSUES, default
// 50,000) on the embedded site is scanned once (no added latency: the scan's own cost is bench/scan.ts's), its
// results built and written into in-memory stores that count bytes, then written again unchanged; then the
// page's first view — summary, then the first page of gaps and of epics side by side, as the page asks — is
// timed with every Jira request waiting 100 ms (BENCH_PAGE_LATENCY_MS) and every storage call 10 ms
// (BENCH_STORAGE_LATENCY_MS; Forge's own latency is not known here), for a viewer who sees every issue and one
// outside the demo's "Product leadership" security level (about 2 % of the generated issues hidden), with the
// viewer's visibility cold (first view) and cached (the next). Prints figures; asserts nothing.
import { buildResults } from '../src/app/results/build-results';
import type { EntityStore } from '../src/app/results/entity-store';
import { clearPeopleCache } from '../src/app/results/people-views';
import {
  DEFAULT_PAGE_SIZE,
  listEpicRows,
  listGapRows,
  readSummaryView,
  type ReadModelPorts,
} from '../src/app/results/read-model';
import { ResultStore } from '../src/app/results/result-store';
import { visibilityKey } from '../src/app/results/visibility';
import { allIssueIds, fetchIssues, findIssueIds, readRelatedForScan, scanJql } from '../src/app/scan';
import { evaluateWithPeople, readScanPeople } from '../src/app/scan/evaluate-scan';
import { defaultPolicy } from '../src/domain/policy';
import { createJiraClient, fetchTransport } from '../src/jira';
import { DEMO, startSite } from '../sandbox/site';
import { MemoryEntityStore } from '../test/support/memory-entity-store';
import { MemoryStore } from '../test/support/memory-store';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not ${raw}`);
  return value;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A MemoryStore that counts bytes read and written and waits `latencyMs` a call, as a remote store would. */
class MeteredStore extends MemoryStore {
  bytesRead = 0;
  bytesWritten = 0;
  constructor(private readonly latencyMs: () => number) {
    super();
  }
  override async get<T>(key: string): Promise<T | undefined> {
    await delay(this.latencyMs());
    const value = await super.get<T>(key);
    if (value !== undefined)
      this.bytesRead += Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));
    return value;
  }
  override async set(key: string, value: unknown): Promise<void> {
    await delay(this.latencyMs());
    this.bytesWritten += Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));
    await super.set(key, value);
  }
}

/** The entity store with a wait per call. */
function slowed(store: MemoryEntityStore, latencyMs: () => number): EntityStore {
  const wait = <T>(result: () => Promise<T>) => delay(latencyMs()).then(result);
  return {
    get: (e, k) => wait(() => store.get(e, k)),
    getMany: (e, k) => wait(() => store.getMany(e, k)),
    set: (e, k, v) => wait(() => store.set(e, k, v)),
    delete: (e, k) => wait(() => store.delete(e, k)),
    batchSet: (items) => wait(() => store.batchSet(items)),
    batchDelete: (items) => wait(() => store.batchDelete(items)),
    query: (e, i, q) => wait(() => store.query(e, i, q)),
  };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

export async function runAlignmentPageBench(): Promise<void> {
  const size = envNumber('BENCH_PAGE_ISSUES', 50_000);
  const jiraLatency = envNumber('BENCH_PAGE_LATENCY_MS', 100);
  const storageLatency = envNumber('BENCH_STORAGE_LATENCY_MS', 10);
  const site = await startSite({ dataDir: null, seed: { issues: size } });
  let storageWait = 0;
  try {
    site.faults.set({ latencyMs: 0 });
    const admin = DEMO.adminUser;
    const appJira = createJiraClient(
      fetchTransport({ siteUrl: site.url, email: admin.email, apiToken: admin.apiToken }),
    );
    const policy = defaultPolicy();
    const projectInfo = await appJira.getProject(DEMO.projectKey);
    const project = { id: projectInfo.id, key: projectInfo.key, name: projectInfo.name };
    const now = new Date(DEMO.now);
    const ids = await allIssueIds(appJira, scanJql(project.key, policy));
    const { facts: issues } = await fetchIssues(appJira, ids);
    const related = await readRelatedForScan(appJira, issues, policy);
    const people = await readScanPeople({ jira: appJira, project, issues, policy });
    const outcome = evaluateWithPeople({ project, issues, related, policy, now }, people);
    if (!outcome.ok || !people.roster.ok) throw new Error('the generated project should evaluate');
    const built = buildResults({
      project,
      policy,
      issues,
      related,
      report: outcome.report,
      scannedAt: now.toISOString(),
      eligibility: { roster: people.roster, accounts: people.accounts },
    });

    const memory = new MemoryEntityStore();
    const store = new MeteredStore(() => storageWait);
    const entities = slowed(memory, () => storageWait);
    const clock = { now: () => now };
    const results = new ResultStore({ entities, store, clock });
    console.log(
      `\nAlignment page from stored results (${issues.length} issues read, ${outcome.report.gaps.length} gaps, ` +
        `${jiraLatency} ms per Jira request, ${storageLatency} ms per storage call)`,
    );
    console.log('write                 records written   records deleted   KB written   wall ms');
    for (const label of ['first full scan', 'unchanged rescan']) {
      const started = performance.now();
      const counts = await results.writeResults(project.id, built);
      const wall = performance.now() - started;
      console.log(
        `${label.padEnd(21)} ${String(counts.recordsWritten).padStart(15)}   ${String(counts.recordsDeleted).padStart(15)}   ${kb(counts.bytesWritten).padStart(10)}   ${wall.toFixed(0).padStart(7)}`,
      );
    }

    site.faults.set({ latencyMs: jiraLatency });
    storageWait = storageLatency;
    console.log(
      'viewer                      visibility   summary ms   gaps+epics ms   page view ms   KB read   hidden',
    );
    const viewers = [
      { label: 'sees everything (admin)', user: admin },
      { label: 'outside a level (Vera)', user: DEMO.people.viewer },
    ];
    for (const { label, user } of viewers) {
      const userJira = createJiraClient(
        fetchTransport({ siteUrl: site.url, email: user.email, apiToken: user.apiToken }),
      );
      const ports: ReadModelPorts = {
        jira: appJira,
        userJira,
        store,
        entities,
        clock,
        findIds: (jira, jql) => findIssueIds(jira, jql),
      };
      const request = {
        project: { id: project.id, key: project.key },
        accountId: user.accountId,
        jql: scanJql(project.key, policy),
      };
      await store.delete(visibilityKey(project.id, user.accountId));
      clearPeopleCache();
      for (const state of ['cold', 'cached']) {
        memory.resetMeter();
        store.bytesRead = 0;
        const started = performance.now();
        const summary = await readSummaryView(ports, request);
        const afterSummary = performance.now();
        await Promise.all([
          listGapRows(ports, request, { filter: {}, limit: DEFAULT_PAGE_SIZE }),
          listEpicRows(ports, request, { limit: DEFAULT_PAGE_SIZE }),
        ]);
        const ended = performance.now();
        const read = memory.meter.bytesRead + store.bytesRead;
        const hidden = summary.visibility === 'all' ? 0 : built.summary.inScopeCount - summary.issuesShown;
        console.log(
          `${label.padEnd(27)} ${state.padEnd(10)}   ${(afterSummary - started).toFixed(0).padStart(10)}   ${(ended - afterSummary).toFixed(0).padStart(13)}   ${(ended - started).toFixed(0).padStart(12)}   ${kb(read).padStart(7)}   ${String(hidden).padStart(6)}`,
        );
      }
    }
    console.log(
      `(page size ${DEFAULT_PAGE_SIZE}; "hidden" counts in-scope issues left out; targets: cached < 500 ms, cold < 3 s, <= 200 KB read)`,
    );
  } finally {
    await site.close();
  }
}
