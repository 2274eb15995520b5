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
import { whatToTry } from './host/start-text';
import { startSite, type RunningSite } from './site';

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

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const reset = args.includes('--reset');
  const latency = latencyArg(args);
  const hostPort = port(process.env.PORT, 3000);
  const real = realSiteFromEnv();

  let site: RunningSite | null = null;
  // Known once the host listens: the site then redirects Jira's page addresses (`/browse/KEY`, the app's
  // pages), which the app's emails build from the site's base URL, to the host that serves them.
  let hostUrl: string | null = null;
  if (!real) {
    site = await startSite({
      dataDir: join(DATA_DIR, 'site'),
      port: port(process.env.SITE_PORT, 3001),
      seed: 'demo',
      // Jira's search index trails writes by a few seconds; so does the sandbox's (SEARCH_LAG_MS=0 turns it off).
      searchLagMs: millis(process.env.SEARCH_LAG_MS, 3000),
      hostUrl: () => hostUrl,
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
  hostUrl = host.url;
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
