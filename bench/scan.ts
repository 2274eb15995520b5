// A full scan's cost over HTTP against the embedded site, for generated projects of 1k, 10k and 50k issues
// (BENCH_SCAN_SIZES=1000,10000 to keep it short): requests by endpoint beside the request budget of issue 10
// (ceil(N/100) + ceil(N/5,000) + ceil(E/100) + ceil(P/50) + G + 10, worked out from a full read first, see
// test/support/scan-budget.ts), wall time, and peak memory; then `role-split audit` on the largest project as a
// child process (its own wall time, requests and peak RSS). Every request waits a realistic 100 ms, as a Jira
// Cloud round trip does (BENCH_SCAN_LATENCY_MS=0 for the in-process cost alone). The scan reads as the app.
// Prints figures; asserts nothing.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { scanProject } from '../src/app/scan-project';
import { defaultPolicy } from '../src/domain/policy';
import { createJiraClient, fetchTransport } from '../src/jira';
import { DEMO, startSite, type RunningSite } from '../sandbox/site';
import { AS_HEADER, SECRET_HEADER } from '../sandbox/site/auth';
import { scanBudget } from '../test/support/scan-budget';

const SIZES = (process.env.BENCH_SCAN_SIZES ?? '1000,10000,50000').split(',').map(Number);
/** A Jira Cloud REST round trip, roughly: what each request of the scan waits unless told otherwise. */
const DEFAULT_LATENCY_MS = 100;
const root = join(__dirname, '..');

function latencyMs(): number {
  const raw = process.env.BENCH_SCAN_LATENCY_MS;
  const ms = raw === undefined || raw === '' ? DEFAULT_LATENCY_MS : Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`BENCH_SCAN_LATENCY_MS must be whole ms, not ${raw}`);
  return ms;
}

function appClient(site: RunningSite) {
  return createJiraClient(
    fetchTransport({
      siteUrl: site.url,
      email: 'app@example.com',
      apiToken: 'unused',
      extraHeaders: { [SECRET_HEADER]: site.secret, [AS_HEADER]: 'app' },
    }),
  );
}

const SHORT: Record<string, string> = {
  'POST /rest/api/3/search/jql': 'search',
  'POST /rest/api/3/issue/bulkfetch': 'bulkfetch',
  'GET /rest/api/3/user/bulk': 'user/bulk',
  'GET /rest/api/3/user/groups': 'user/groups',
};

function byEndpoint(counts: Record<string, number>): string {
  let other = 0;
  const named: string[] = [];
  for (const [endpoint, n] of Object.entries(counts)) {
    const short = SHORT[endpoint];
    if (short === undefined) other += n;
    else named.push(`${short} ${n}`);
  }
  return [...named, `other ${other}`].join(', ');
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** Samples the heap while `action` runs: the scan's own memory, without the site's (same process). */
async function withHeapPeak<T>(action: () => Promise<T>): Promise<{ value: T; peakHeap: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 20);
  try {
    const value = await action();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { value, peakHeap: peak - base };
  } finally {
    clearInterval(timer);
  }
}

/** The built CLI as a child process (its own peak RSS through /usr/bin/time when there is one). */
async function runAudit(site: RunningSite): Promise<{ code: number | null; wallMs: number; rssKb?: number }> {
  await promisify(execFile)(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root });
  const admin = DEMO.adminUser;
  const cli = [join(root, 'bin/role-split.cjs'), 'audit', '--site', site.url, '--project', DEMO.projectKey];
  const withTime = existsSync('/usr/bin/time');
  const [command, args] = withTime
    ? ['/usr/bin/time', ['-f', 'RSS_KB=%M', process.execPath, ...cli, '--format', 'json']]
    : [process.execPath, [...cli, '--format', 'json']];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', JIRA_EMAIL: admin.email, JIRA_API_TOKEN: admin.apiToken },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const rss = /RSS_KB=(\d+)/.exec(stderr)?.[1];
      resolve(rss === undefined ? { code, wallMs } : { code, wallMs, rssKb: Number(rss) });
    });
  });
}

export async function runScanBench(): Promise<void> {
  const latency = latencyMs();
  console.log(
    `\nFull scan over HTTP (embedded site, as the app, default policy, ${latency} ms added latency per request)`,
  );
  console.log(
    'issues   read    wall ms  requests  budget (N, E, P, G)          by endpoint                                          heap MB  RSS MB',
  );
  const policy = defaultPolicy();
  const largest = Math.max(...SIZES);
  for (const size of SIZES) {
    const site = await startSite({ dataDir: null, seed: { issues: size } });
    try {
      const jira = appClient(site);
      // The budget's inputs come from a full read, before the latency is switched on.
      const budget = await scanBudget(jira, DEMO.projectKey, policy);
      site.faults.set({ latencyMs: latency });
      site.counters.reset();
      const started = performance.now();
      const { value: outcome, peakHeap } = await withHeapPeak(() =>
        scanProject(
          { jira: appClient(site), clock: { now: () => new Date(DEMO.now) } },
          { projectKey: DEMO.projectKey, policy },
        ),
      );
      const wall = performance.now() - started;
      const counts = site.counters.snapshot();
      const rss = mb(process.resourceUsage().maxRSS * 1024);
      const read = outcome.ok ? String(outcome.issuesRead) : outcome.error.code;
      const inputs = `${budget.budget} (${budget.n}, ${budget.e}, ${budget.p}, ${budget.g})`;
      console.log(
        `${String(size).padEnd(8)} ${read.padStart(6)}  ${wall.toFixed(0).padStart(8)}  ${String(sum(counts)).padStart(8)}  ${inputs.padEnd(27)}  ${byEndpoint(counts).padEnd(52)} ${mb(peakHeap).padStart(7)}  ${rss.padStart(6)}`,
      );
      if (size === largest) {
        site.counters.reset();
        const audit = await runAudit(site);
        const auditCounts = site.counters.snapshot();
        console.log(
          `role-split audit --project ${DEMO.projectKey} (${size} issues, child process, admin token): exit ${audit.code}, ${audit.wallMs.toFixed(0)} ms, ${sum(auditCounts)} requests (${byEndpoint(auditCounts)}), peak RSS ${audit.rssKb === undefined ? 'n/a' : `${(audit.rssKb / 1024).toFixed(0)} MB`}`,
        );
      }
    } finally {
      await site.close();
    }
  }
  console.log(
    '(RSS MB is this process: the embedded site and every project generated so far included; heap MB is the scan alone.)',
  );
}
