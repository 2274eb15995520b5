// Scheduled gap notifications against the embedded site at a realistic 100 ms per request (BENCH_ONLY=notify):
// a generated project of BENCH_NOTIFY_ISSUES issues (default 10,000) is scanned into in-memory stores, then a
// first notification run (every gap is news), and a second run an hour later with nothing changed. Prints the
// Jira requests each run made beside the budget 2·ceil(N/5,000) + 10, the emails sent, the gaps and the
// people; asserts nothing.
import {
  readOutbox,
  clearOutbox,
  dueNow,
  harness,
  runNow,
  saveSettings,
  scanInto,
  TestClock,
} from '../test/support/notify-harness';
import { adminJira } from '../test/support/scan-job-stand-ins';
import { saveSiteDailyCap } from '../src/app/notify/settings';
import { DEMO, startSite } from '../sandbox/site';

const ISSUES = Number(process.env.BENCH_NOTIFY_ISSUES ?? 10_000);
const LATENCY_MS = Number(process.env.BENCH_SCAN_LATENCY_MS ?? 100);

export async function runNotifyBench(): Promise<void> {
  const site = await startSite({ dataDir: null, port: 0, seed: { issues: ISSUES } });
  try {
    const project = { id: DEMO.projectId, key: DEMO.projectKey };
    const clock = new TestClock(Date.now());
    const h = harness(site, clock);
    const admin = adminJira(site);
    // Every gap counts (warnings too) and nothing is capped, so a run is as large as the project makes it.
    const settings = { warnings: true, perRunCap: 500 };
    await saveSettings(admin, project.id, dueNow(clock, settings));
    await saveSiteDailyCap(h.store, 1_000);
    await clearOutbox(site);
    const scanStarted = Date.now();
    await scanInto(h, project);
    const scanMs = Date.now() - scanStarted;
    site.faults.set({ latencyMs: LATENCY_MS });
    const budget = 2 * Math.ceil(ISSUES / 5_000) + 10;
    console.log(
      `\nNotifications: a generated project of ${ISSUES} issues at ${LATENCY_MS} ms per Jira request`,
    );
    console.log(`  (the scan that stored its results: ${(scanMs / 1000).toFixed(1)} s at no latency)`);

    for (const label of ['first run (every gap is news)', 'second run an hour later, nothing changed']) {
      if (label.startsWith('second')) {
        clock.advance(3_600_000);
        site.faults.set({ latencyMs: 0 });
        await saveSettings(admin, project.id, dueNow(clock, settings));
        site.faults.set({ latencyMs: LATENCY_MS });
      }
      const before = (await readOutbox(site)).length;
      h.meter.requests = 0;
      const started = Date.now();
      const { outcomes } = await runNow(h);
      const ms = Date.now() - started;
      const requests = h.meter.requests;
      const messages = (await readOutbox(site)).slice(before);
      const people = new Set(messages.flatMap((m) => m.recipients.map((r) => r.accountId)));
      const gaps = messages.reduce((n, m) => n + Number(/digest: (\d+) gap/.exec(m.subject)?.[1] ?? 0), 0);
      const listed = messages.reduce((n, m) => n + (m.textBody.match(/^- /gm)?.length ?? 0), 0);
      console.log(`  ${label}:`);
      console.log(
        `    ${messages.length} emails to ${people.size} people (${outcomes.filter((o) => o === 'sent').length} sent), covering ${gaps} gaps (${listed} listed); most listed in one email: ${Math.max(0, ...messages.map((m) => m.textBody.match(/^- /gm)?.length ?? 0))}`,
      );
      console.log(
        `    ${requests} Jira requests (budget for a quiet run: ${budget}); ${(ms / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    await site.close();
  }
}
