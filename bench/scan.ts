// Scan cost over HTTP against the embedded site: requests by endpoint (the figure Jira meters) and wall time,
// for generated projects of 1k, 10k and 50k issues (BENCH_SCAN_SIZES=1000,10000 to keep it short). Every
// request waits a realistic 100 ms, as a Jira Cloud round trip does (BENCH_SCAN_LATENCY_MS=0 for the
// in-process cost alone); the latency used is printed with the figures. Prints figures; asserts nothing.
import { scanProject } from '../src/app/scan-project';
import { defaultPolicy } from '../src/domain/policy';
import { createJiraClient, fetchTransport } from '../src/jira';
import { DEMO, startSite } from '../sandbox/site';

const SIZES = (process.env.BENCH_SCAN_SIZES ?? '1000,10000,50000').split(',').map(Number);
/** A Jira Cloud REST round trip, roughly: what each request of the scan waits unless told otherwise. */
const DEFAULT_LATENCY_MS = 100;

function latencyMs(): number {
  const raw = process.env.BENCH_SCAN_LATENCY_MS;
  const ms = raw === undefined || raw === '' ? DEFAULT_LATENCY_MS : Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`BENCH_SCAN_LATENCY_MS must be whole ms, not ${raw}`);
  return ms;
}

export async function runScanBench(): Promise<void> {
  const latency = latencyMs();
  console.log(
    `\nScan over HTTP (embedded site, admin token, default policy, ${latency} ms added latency per request)`,
  );
  console.log('issues    wall ms   search pages   other requests   gaps   peak RSS MB');
  for (const size of SIZES) {
    const site = await startSite({ dataDir: null, seed: { issues: size } });
    site.faults.set({ latencyMs: latency });
    try {
      const user = DEMO.adminUser;
      const jira = createJiraClient(
        fetchTransport({ siteUrl: site.url, email: user.email, apiToken: user.apiToken }),
      );
      site.counters.reset();
      const started = performance.now();
      const outcome = await scanProject(
        { jira, clock: { now: () => new Date(DEMO.now) } },
        { projectKey: DEMO.projectKey, policy: defaultPolicy() },
      );
      const wall = performance.now() - started;
      const counts = site.counters.snapshot();
      const search = counts['POST /rest/api/3/search/jql'] ?? 0;
      const other = Object.values(counts).reduce((a, b) => a + b, 0) - search;
      const gaps = outcome.ok ? outcome.report.gaps.length : outcome.error.code;
      const rss = (process.resourceUsage().maxRSS / 1024).toFixed(0);
      console.log(
        `${String(outcome.ok ? outcome.issuesRead : size).padEnd(9)} ${wall.toFixed(0).padStart(7)}   ${String(search).padStart(12)}   ${String(other).padStart(14)}   ${String(gaps).padStart(4)}   ${rss.padStart(11)}`,
      );
    } finally {
      await site.close();
    }
  }
}
