// `npm start` (after the build): the whole app on this machine. Starts the embedded Jira site
// (.sandbox-data/site, port SITE_PORT or 3001) and the local Forge host (.sandbox-data/host, port PORT or
// 3000), prints where to go and what to try, and stops both on Ctrl-C. With JIRA_SITE, JIRA_EMAIL and
// JIRA_API_TOKEN set, the host talks to that real Jira Cloud site instead (read-only unless
// ROLE_SPLIT_ALLOW_WRITES=1) and no embedded site starts. `--reset` (npm start -- --reset) puts the demo
// data back and forgets what the app stored. `--latency 250` adds 250 ms to every Jira call the embedded site
// answers (its latency fault; the shell's Sandbox menu changes it, and adds 429 / 5xx bursts, at run time).
import { join } from 'node:path';
import { realSiteFromEnv, startHost, type RunningHost } from './host';
import { latencyArg } from './host/faults';
import { DEMO, startSite, type RunningSite } from './site';

const DATA_DIR = '.sandbox-data';

function port(value: string | undefined, fallback: number): number {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`Not a port: ${value}`);
  return parsed;
}

function millis(value: string | undefined, fallback: number): number {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`Not a number of milliseconds: ${value}`);
  return parsed;
}

function firstSubtaskOf(site: RunningSite, parentKey: string): string | null {
  const parent = site.state.getIssue(parentKey);
  if (!parent) return null;
  for (const issue of site.state.issues.values()) {
    if (issue.parentId === parent.id && site.state.issueType(issue.issueTypeId).hierarchyLevel < 0)
      return issue.key;
  }
  return null;
}

function whatToTry(host: RunningHost, site: RunningSite | null): string {
  const hostUrl = host.url;
  const browse = (key: string) => `${hostUrl}/browse/${key}`;
  if (!site) {
    return [
      `  Projects:              ${hostUrl}/jira/projects`,
      '  Open an epic or a story, then a project\'s "Alignment" page.',
    ].join('\n');
  }
  const subtask = firstSubtaskOf(site, DEMO.issues.coveredStory);
  const rows: Array<[string, string]> = [
    [`Issues of ${DEMO.projectName}`, `${hostUrl}/jira/software/projects/${DEMO.projectKey}/issues`],
    ['An epic with its PM', browse(DEMO.issues.coveredEpic)],
    ['A story with its PO', browse(DEMO.issues.coveredStory)],
    ...(subtask ? [['A sub-task (no slot)', browse(subtask)] as [string, string]] : []),
    ['An epic without a PM', browse(DEMO.gapExamples.EPIC_WITHOUT_PM[0] ?? DEMO.issues.coveredEpic)],
    ...host.manifest.uiModules
      .filter((m) => m.type === 'jira:projectPage')
      .map((m): [string, string] => [
        `${m.title} page`,
        `${hostUrl}/jira/software/projects/${DEMO.projectKey}/apps/${m.key}`,
      ]),
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const lines = [
    ...rows.map(([label, url]) => `  ${`${label}:`.padEnd(width)}${url}`),
    "  On an issue, click the app's button to add its panel; the first time, allow the app access to act as you.",
    '  Switch "Acting as" in the top bar to see the app as another person; ◐ switches light/dark;',
    '  the Sandbox menu adds latency, 429 / 5xx bursts or a large project, and revokes your consent.',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const reset = args.includes('--reset');
  const latency = latencyArg(args);
  const hostPort = port(process.env.PORT, 3000);
  const real = realSiteFromEnv();

  let site: RunningSite | null = null;
  if (!real) {
    site = await startSite({
      dataDir: join(DATA_DIR, 'site'),
      port: port(process.env.SITE_PORT, 3001),
      seed: 'demo',
      // Jira's search index trails writes by a few seconds; so does the sandbox's (SEARCH_LAG_MS=0 turns it off).
      searchLagMs: millis(process.env.SEARCH_LAG_MS, 3000),
    });
    if (reset) await site.reset();
    if (latency !== null) site.faults.set({ latencyMs: latency });
  } else if (latency !== null) {
    console.warn('--latency applies to the embedded site only; a real site has latency of its own.');
  }
  let host: RunningHost;
  try {
    host = await startHost({
      port: hostPort,
      dataDir: join(DATA_DIR, 'host'),
      site: site ?? real ?? undefined,
      // As on Forge, now and then a queue event reaches its consumer twice: consumers must be idempotent.
      queue: { duplicateChance: 0.05 },
    });
  } catch (error) {
    await site?.close();
    throw error;
  }
  if (reset) await host.reset();

  console.log('');
  console.log(`Role Split sandbox: ${host.url}`);
  if (real) {
    console.log(
      `Jira: ${real.real.siteUrl} as ${real.real.email}${real.real.allowWrites ? ' (writes allowed)' : ' (read-only)'}`,
    );
  } else if (site) {
    console.log(`Embedded Jira site: ${site.url}${reset ? ' (demo data reset)' : ''}`);
    console.log(`Added latency: ${site.faults.get().latencyMs} ms per Jira request (Sandbox menu to change)`);
  }
  console.log('');
  console.log('Try:');
  console.log(whatToTry(host, site));
  console.log('');
  console.log(
    'Ctrl-C stops it. `npm start -- --reset` starts again from the demo data; `npm start -- --latency 250` adds latency.',
  );

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    void Promise.allSettled([host.close(), site?.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') {
    console.error(
      `A port is already in use: ${(error as Error).message}. Set PORT / SITE_PORT to other ports.`,
    );
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  }
  process.exit(1);
});
