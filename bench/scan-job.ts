// The queue consumer's scan runs end to end against the embedded site at a realistic 100 ms per request, with
// the stored results in in-memory stores that meter bytes (Forge's KVS and custom entities are metered the same
// way: per byte read and written). For generated projects of 1k, 10k and 50k issues: a first full scan, an
// unchanged full rescan (the daily scan of a quiet project), and an incremental rescan after 1 % of the issues
// changed; then the staleness an edit and an assignment see, and a day of a site with 20 enabled projects of
// 5,000 issues. Prints figures; asserts nothing. BENCH_JOB_SIZES=1000,10000 keeps it short.
import type { ScanJobPorts, ScanMessage } from '../src/app/scan-job/ports';
import { createResultsPort } from '../src/app/scan-job/results-port';
import { handleScanMessage } from '../src/app/scan-job/run-scan';
import type { KeyValueStore } from '../src/app/ports';
import { createJiraClient, fetchTransport } from '../src/jira';
import { DEMO, startSite, type RunningSite } from '../sandbox/site';
import { MemoryEntityStore } from '../test/support/memory-entity-store';
import { MemoryStore } from '../test/support/memory-store';
import { RecordingQueue, scanJobPorts } from '../test/support/scan-job-stand-ins';

const SIZES = (process.env.BENCH_JOB_SIZES ?? '1000,10000,50000').split(',').map(Number);
const LATENCY_MS = Number(process.env.BENCH_SCAN_LATENCY_MS ?? 100);
/** The events trigger queues an incremental rescan this long after an edit (src/forge/issue-events.ts). */
const RESCAN_DELAY_S = 30;

/** KVS bytes read and written, measured the way Forge meters them (key + JSON value). */
class MeteredStore implements KeyValueStore {
  bytesRead = 0;
  bytesWritten = 0;
  constructor(private readonly inner = new MemoryStore()) {}
  private size(key: string, value: unknown) {
    return value === undefined ? 0 : Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));
  }
  async get<T>(key: string) {
    const value = await this.inner.get<T>(key);
    this.bytesRead += this.size(key, value);
    return value;
  }
  async set(key: string, value: unknown) {
    this.bytesWritten += this.size(key, value);
    await this.inner.set(key, value);
  }
  async create(key: string, value: unknown) {
    this.bytesWritten += this.size(key, value);
    return this.inner.create(key, value);
  }
  async swap<T>(key: string, value: unknown) {
    this.bytesWritten += this.size(key, value);
    return this.inner.swap<T>(key, value);
  }
  delete(key: string) {
    return this.inner.delete(key);
  }
  async list<T>(prefix: string) {
    const entries = await this.inner.list<T>(prefix);
    for (const e of entries) this.bytesRead += this.size(e.key, e.value);
    return entries;
  }
  reset() {
    this.bytesRead = 0;
    this.bytesWritten = 0;
  }
}

interface Measured {
  wallMs: number;
  requests: number;
  byEndpoint: Record<string, number>;
  kvsRead: number;
  kvsWritten: number;
  entityRead: number;
  entityWritten: number;
  recordsWritten: number;
}

async function run(
  site: RunningSite,
  ports: ScanJobPorts,
  queue: RecordingQueue,
  message: ScanMessage,
  kvs: MeteredStore,
  entities: MemoryEntityStore,
): Promise<Measured> {
  site.counters.reset();
  kvs.reset();
  entities.resetMeter();
  const started = performance.now();
  let pending: ScanMessage[] = [message];
  while (pending.length > 0) {
    for (const m of pending) await handleScanMessage(ports, m, { deadline: Date.now() + 200_000 });
    pending = queue.drain().filter((m) => m.kind === 'continue');
  }
  const wallMs = performance.now() - started;
  const byEndpoint = site.counters.snapshot();
  const meter = entities.meter;
  return {
    wallMs,
    requests: Object.values(byEndpoint).reduce((a, b) => a + b, 0),
    byEndpoint,
    kvsRead: kvs.bytesRead,
    kvsWritten: kvs.bytesWritten,
    entityRead: meter.bytesRead,
    entityWritten: meter.bytesWritten,
    recordsWritten: meter.recordsWritten,
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

async function measureSize(size: number) {
  const site = await startSite({ dataDir: null, seed: { issues: size } });
  site.faults.set({ latencyMs: LATENCY_MS });
  try {
    const user = DEMO.adminUser;
    const jira = createJiraClient(
      fetchTransport({ siteUrl: site.url, email: user.email, apiToken: user.apiToken }),
    );
    const clock = { now: () => new Date() };
    const kvs = new MeteredStore();
    const entities = new MemoryEntityStore();
    const queue = new RecordingQueue();
    const ports = scanJobPorts({
      jira,
      clock,
      store: kvs,
      results: createResultsPort({ entities, store: kvs, clock }),
      queue,
    });
    const base = { kind: 'scan' as const, projectId: DEMO.projectId, projectKey: DEMO.projectKey };
    const full = await run(
      site,
      ports,
      queue,
      { ...base, scan: 'full', requestId: `f${size}` },
      kvs,
      entities,
    );
    const rss = process.resourceUsage().maxRSS / 1024;
    const quiet = await run(
      site,
      ports,
      queue,
      { ...base, scan: 'full', requestId: `q${size}` },
      kvs,
      entities,
    );

    // 1 % of the project's issues edited in Jira (summaries), as product events would report them.
    const { state } = site;
    const inProject = state
      .toSnapshot()
      .issues.filter((i) => i.projectId === DEMO.projectId)
      .map((i) => i.id);
    const changed = inProject.filter((_, i) => i % 100 === 7);
    for (const id of changed) state.updateIssue(state.getIssue(id)!, { summary: `Edited ${id}` }, null);
    const incremental = await run(
      site,
      ports,
      queue,
      { ...base, scan: 'incremental', requestId: `i${size}` },
      kvs,
      entities,
    );
    // One issue edited: the common case behind an event.
    state.updateIssue(state.getIssue(changed[0]!)!, { summary: 'Edited once more' }, null);
    const one = await run(
      site,
      ports,
      queue,
      { ...base, scan: 'incremental', requestId: `o${size}` },
      kvs,
      entities,
    );
    return { size, full, quiet, incremental, one, changed: changed.length, rss };
  } finally {
    await site.close();
  }
}

export async function runScanJobBench(): Promise<void> {
  console.log(
    `\nScan runs of the queue consumer (embedded site, ${LATENCY_MS} ms per Jira request; storage metered in memory)`,
  );
  console.log(
    'issues   run                        wall ms  requests  budget  KVS read  KVS written  entities read  entities written  records written',
  );
  const rows = [];
  for (const size of SIZES) {
    const r = await measureSize(size);
    rows.push(r);
    const line = (name: string, m: Measured, budget: string) =>
      console.log(
        `${String(size).padEnd(8)} ${name.padEnd(26)} ${m.wallMs.toFixed(0).padStart(7)}  ${String(m.requests).padStart(8)}  ${budget.padStart(6)}  ${kb(m.kvsRead).padStart(8)}  ${kb(m.kvsWritten).padStart(11)}  ${kb(m.entityRead).padStart(13)}  ${kb(m.entityWritten).padStart(17)}  ${String(m.recordsWritten).padStart(15)}`,
      );
    line('first full scan', r.full, '');
    line('full rescan, no change', r.quiet, '');
    const incBudget = 2 * Math.ceil(size / 5000) + Math.ceil(r.changed / 100) + 10;
    line(`incremental, ${r.changed} changed`, r.incremental, String(incBudget));
    line('incremental, 1 changed', r.one, String(2 * Math.ceil(size / 5000) + 1 + 10));
    console.log(
      `${String(size).padEnd(8)} peak RSS of the run: ${r.rss.toFixed(0)} MB (the consumer has memoryMB 512)`,
    );
  }
  const five = rows.find((r) => r.size >= 5000) ?? rows.at(-1)!;
  const staleEdit = RESCAN_DELAY_S + five.one.wallMs / 1000;
  console.log(
    `\nStaleness: an edit in Jira reaches the page after the ${RESCAN_DELAY_S} s rescan delay + an incremental rescan (${(five.one.wallMs / 1000).toFixed(1)} s at ${five.size} issues) ≈ ${staleEdit.toFixed(0)} s, plus queue pick-up; an assignment in the app patches the stored records in the same request (0 s).`,
  );
  // A day of a site: 20 enabled projects of this size, one daily full scan each (quiet), 200 edits an hour.
  const projects = 20;
  const editsPerDay = 200 * 24;
  const requests = projects * five.quiet.requests + editsPerDay * five.one.requests;
  const bytes = (m: Measured) => m.kvsRead + m.kvsWritten + m.entityRead + m.entityWritten;
  const storage = projects * bytes(five.quiet) + editsPerDay * bytes(five.one);
  console.log(
    `A day of a site with ${projects} enabled projects of ${five.size} issues (a daily full scan each, 200 edits an hour, each its own rescan): ${requests.toLocaleString('en')} Jira requests, ${(storage / 1024 / 1024).toFixed(0)} MB of storage read and written.`,
  );
}
