// `role-split assign --file` on 1,000 stories against the embedded site at a realistic 100 ms per request
// (BENCH_ASSIGN_LATENCY_MS to change it; BENCH_ASSIGN_ROWS for another size): requests by endpoint beside the
// target of issue 11 — 3·ceil(n/100) + ceil(n/1,000) + polls + 10 — and wall time (goal: under 30 s). The CLI
// runs in this process (runCli with its real dependencies, over HTTP); the site adds the latency server-side.
// Prints figures; asserts nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDemoSite } from '../src/cli/demo-site';
import { runCli } from '../src/cli/run';
import { createJiraClient, fetchTransport } from '../src/jira';
import { DEMO, startSite } from '../sandbox/site';

const DEFAULT_LATENCY_MS = 100;

function numberFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not ${raw}`);
  return n;
}

const SHORT: Record<string, string> = {
  'POST /rest/api/3/issue/bulkfetch': 'bulkfetch',
  'POST /rest/api/3/issue/properties/multi': 'properties/multi',
  'GET /rest/api/3/task/{taskId}': 'task',
  'POST /rest/api/3/permissions/check': 'permissions/check',
};

export async function runAssignCliBench(): Promise<void> {
  const n = numberFrom('BENCH_ASSIGN_ROWS', 1000);
  const latency = numberFrom('BENCH_ASSIGN_LATENCY_MS', DEFAULT_LATENCY_MS);
  console.log(
    `\nrole-split assign --file, ${n} stories (embedded site, ${latency} ms added latency per request)`,
  );
  const site = await startSite({ dataDir: null, port: 0, seed: 'demo' });
  try {
    const project = site.state.getProject(DEMO.projectKey);
    const story = project && site.state.issueTypesOf(project).find((t) => t.name === 'Story');
    if (!project || !story) throw new Error('demo project without stories');
    const owners = [DEMO.people.poDirect.accountId, DEMO.people.poViaGroup.accountId];
    const lines = ['issueKey,role,accountId'];
    for (let i = 0; i < n; i++) {
      const issue = site.state.createIssue(
        {
          projectId: project.id,
          issueTypeId: story.id,
          summary: `Bench story ${i + 1}`,
          parentId: null,
          assigneeId: null,
          reporterId: DEMO.adminUser.accountId,
        },
        DEMO.adminUser.accountId,
      );
      lines.push(`${issue.key},po,${owners[i % owners.length]}`);
    }
    const file = join(mkdtempSync(join(tmpdir(), 'role-split-bench-')), 'owners.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);

    site.faults.set({ latencyMs: latency });
    site.counters.reset();
    let stdout = '';
    const started = performance.now();
    const code = await runCli(
      ['assign', '--site', site.url, '--file', file, '--format', 'json'],
      {
        env: { JIRA_EMAIL: DEMO.adminUser.email, JIRA_API_TOKEN: DEMO.adminUser.apiToken },
        stderrIsTTY: false,
        writeStdout: (text) => {
          stdout += text;
          return Promise.resolve();
        },
        writeStderr: (text) => process.stderr.write(text),
      },
      {
        openDemoSite,
        jiraClient: ({ url, email, apiToken }) =>
          createJiraClient(fetchTransport({ siteUrl: url, email, apiToken })),
        clock: { now: () => new Date() },
      },
    );
    const wall = (performance.now() - started) / 1000;
    const counts = site.counters.snapshot();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const polls = counts['GET /rest/api/3/task/{taskId}'] ?? 0;
    const target = 3 * Math.ceil(n / 100) + Math.ceil(n / 1000) + polls + 10;
    const summary = (JSON.parse(stdout) as { summary: Record<string, number> }).summary;
    const named = Object.entries(SHORT).map(([endpoint, short]) => `${short} ${counts[endpoint] ?? 0}`);
    const other = total - Object.keys(SHORT).reduce((sum, e) => sum + (counts[e] ?? 0), 0);
    console.log(`  exit ${code}; ${JSON.stringify(summary)}`);
    console.log(
      `  requests ${total} (target ≤ ${target} = 3·${Math.ceil(n / 100)} + ${Math.ceil(n / 1000)} + ${polls} polls + 10)`,
    );
    console.log(`    ${[...named, `other ${other}`].join(', ')}`);
    console.log(
      `    other: ${Object.entries(counts)
        .filter(([e]) => !(e in SHORT))
        .map(([e, c]) => `${e} ${c}`)
        .join(', ')}`,
    );
    console.log(`  wall time ${wall.toFixed(1)} s (goal < 30 s)`);
    console.log(
      "  Note: the CLI calls Jira with an API token, as a person: that traffic counts against the site's ordinary REST rate limits, not against a Forge app's metered invocations and egress.",
    );
  } finally {
    await site.close();
  }
}
