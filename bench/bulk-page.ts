// Bulk assignment from the Alignment page at 100 ms per Jira request (BENCH_BULK_LATENCY_MS): a generated project
// on the embedded site, BENCH_BULK_ISSUES (default 1,000) open stories picked as on the gap list and given one PO —
// the preview, the apply, then the queue consumer's deliveries until the job is done — as the app and as the user,
// through the same use cases the Forge resolvers and consumer call (src/app/bulk/), with the app's storage in
// memory at 10 ms a call. Prints Jira requests by endpoint beside the issue's budget
// 3·ceil(n/100) + ceil(n/1,000) + polls + 10, and the wall time (target < 30 s). Asserts nothing.
import { randomUUID } from 'node:crypto';
import { cachedEnablement } from '../src/app/scan-job/describe-status';
import { applyBulk, previewBulk } from '../src/app/bulk/page-requests';
import type { BulkMessage, BulkPorts } from '../src/app/bulk/ports';
import { handleBulkMessage } from '../src/app/bulk/run-job';
import { readJob, totalCounts } from '../src/app/bulk/job-store';
import { parsePolicy, type Policy } from '../src/domain/policy';
import { createJiraClient, fetchTransport } from '../src/jira';
import { DEMO, startSite } from '../sandbox/site';
import { ISSUE_TYPE_IDS, STATUS_IDS } from '../sandbox/site/catalog';
import { MemoryStore } from '../test/support/memory-store';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not ${raw}`);
  return value;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The app's storage with a wait per call, as a remote store would have. */
class SlowStore extends MemoryStore {
  constructor(private readonly latencyMs: number) {
    super();
  }
  override async get<T>(key: string): Promise<T | undefined> {
    await delay(this.latencyMs);
    return super.get<T>(key);
  }
  override async set(key: string, value: unknown): Promise<void> {
    await delay(this.latencyMs);
    await super.set(key, value);
  }
}

export async function runBulkPageBench(): Promise<void> {
  const n = envNumber('BENCH_BULK_ISSUES', 1_000);
  const latency = envNumber('BENCH_BULK_LATENCY_MS', 100);
  const site = await startSite({ dataDir: null, seed: { issues: Math.max(5_000, n * 4) } });
  try {
    const viewer = DEMO.people.pmDirect.accountId;
    const person = DEMO.people.poDirect.accountId;
    // Jira as Forge gives it: the app (`asApp()`) and the viewer (`asUser()`), through the site's trusted headers.
    const as = (who: string) =>
      createJiraClient(
        fetchTransport({
          siteUrl: site.url,
          email: 'bench@example.com',
          apiToken: 'unused',
          extraHeaders: { 'x-sandbox-secret': site.secret, 'x-sandbox-as': who },
        }),
      );
    const app = as('app');
    const user = as(`user:${viewer}`);
    const store = new SlowStore(10);
    const pushed: BulkMessage[] = [];
    let scanRequests = 0;
    let policy: Policy | undefined;
    const ports: BulkPorts = {
      jira: app,
      userJira: user,
      clock: { now: () => new Date() },
      store,
      queue: { push: (m) => Promise.resolve(void pushed.push(m)) },
      scanQueue: { push: () => Promise.resolve(void (scanRequests += 1)) },
      newId: () => randomUUID(),
      // As Forge's policyFor: the project property, then cached (60 s there).
      policyFor: async (projectId) =>
        (policy ??= parsePolicy(await app.getProjectProperty(projectId, DEMO.policyPropertyKey))),
    };
    const picked = [...site.state.issues.values()]
      .filter(
        (i) =>
          i.projectId === DEMO.projectId &&
          i.issueTypeId === ISSUE_TYPE_IDS.story &&
          i.statusId !== STATUS_IDS.done &&
          i.securityLevelId === null,
      )
      .slice(0, n);
    if (picked.length < n) throw new Error(`only ${picked.length} open stories in the generated project`);
    const project = { id: DEMO.projectId, key: DEMO.projectKey };
    const request = {
      project,
      viewer,
      target: { kind: 'issues' as const, issueIds: picked.map((i) => i.id) },
      accountId: person,
    };

    site.faults.set({ latencyMs: latency });
    site.counters.reset();
    const started = Date.now();
    // Each resolver call first checks the project is enabled, as src/forge/bulk-resolvers.ts does.
    await cachedEnablement(ports, project.id);
    const preview = await previewBulk(ports, request);
    const previewMs = Date.now() - started;
    const previewRequests = Object.values(site.counters.snapshot()).reduce((a, b) => a + b, 0);
    await cachedEnablement(ports, project.id);
    // Apply names the preview it stands on (a store read, no Jira request): its slots are the job's expectedFrom.
    const { jobId } = await applyBulk(ports, { ...request, previewId: preview.previewId });
    const applyMs = Date.now() - started - previewMs;
    let deliveries = 0;
    for (let message = pushed.shift(); message; message = pushed.shift()) {
      await handleBulkMessage(ports, message, { deadline: Date.now() + 200_000 });
      deliveries += 1;
    }
    const wallMs = Date.now() - started;
    site.faults.set({ latencyMs: 0 });
    const requests = site.counters.snapshot();
    const job = await readJob(store, jobId);
    const polls = requests['GET /rest/api/3/task/{taskId}'] ?? 0;
    const total = Object.values(requests).reduce((a, b) => a + b, 0);
    const budget = 3 * Math.ceil(n / 100) + Math.ceil(n / 1_000) + polls + 10;
    console.log(`\nBulk assignment from the Alignment page: ${n} stories, ${latency} ms per Jira request`);
    console.log(
      `  preview: ${preview.counts.assign} assign, ${preview.counts.unchanged} unchanged, ${preview.counts.refused} refused ${JSON.stringify(preview.refusedBy)}`,
    );
    console.log(
      `  job: ${job?.state ?? 'missing'} after ${deliveries} deliveries, ${JSON.stringify(job ? totalCounts(job) : {})}`,
    );
    console.log('  Jira requests by endpoint:');
    for (const [endpoint, count] of Object.entries(requests))
      console.log(`    ${String(count).padStart(5)}  ${endpoint}`);
    console.log(
      `  total ${total} requests: preview ${previewRequests}, apply + consumer ${total - previewRequests} (budget 3·ceil(n/100) + ceil(n/1,000) + polls + 10 = ${budget})`,
    );
    console.log(
      `  wall time ${(wallMs / 1000).toFixed(1)} s (target < 30 s): preview ${(previewMs / 1000).toFixed(1)} s, apply ${(applyMs / 1000).toFixed(1)} s, consumer ${((wallMs - previewMs - applyMs) / 1000).toFixed(1)} s; ${scanRequests} rescan requests queued`,
    );
  } finally {
    await site.close();
  }
}
