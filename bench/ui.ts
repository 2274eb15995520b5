// `npm run bench` (or BENCH_ONLY=ui): the issue context section's first paint. Prints the gzipped JavaScript
// the section needs before it shows content (from Vite's build manifest; goal < 120 KB) and the time to its
// first content in the sandbox at 0 latency in headless Chromium (goal < 1 s): from starting to load the
// issue page until the section's frame shows the owner. Figures only; nothing is asserted.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startHost } from '../sandbox/host';
import { DEMO, startSite } from '../sandbox/site';
import { contextFirstPaint } from './ui-size';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const RUNS = 7;
const KB = 1024;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export async function runUiBench(): Promise<void> {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const size = contextFirstPaint(join(ROOT, 'static/build'));
  console.log('\nIssue context section: first paint');
  console.log(`  JavaScript before content, gzipped: ${(size.gzipBytes / KB).toFixed(1)} KB (goal < 120 KB)`);
  for (const file of size.files)
    console.log(`    ${(file.gzipBytes / KB).toFixed(1).padStart(6)} KB  ${file.file}`);

  if (!existsSync(CHROMIUM)) {
    console.log(`  time to first content: skipped (${CHROMIUM} is missing)`);
    return;
  }
  const site = await startSite({ dataDir: null, port: 0 });
  const host = await startHost({ port: 0, dataDir: null, site, log: () => {} });
  const me = DEMO.adminUser.accountId;
  await host.viewer.setConsent(me, true);
  await host.viewer.setContextExpanded(me, 'role-split-issue-context', true);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addCookies([{ name: 'forge-host-as', value: me, url: host.url }]);
    const pageTimes: number[] = [];
    const frameTimes: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${host.url}/browse/${DEMO.issues.coveredStory}`);
      const handle = await page.waitForSelector(
        '[data-context="role-split-issue-context"] iframe[data-frame]',
      );
      const frame = await handle.contentFrame();
      if (!frame) throw new Error('the issue context has no frame');
      // Read inside the frame at the moment the content appears: ms since the frame started loading.
      const inFrame = await frame.waitForFunction(
        () => {
          // Runs in the page (bench/ has no DOM types): the document as the frame sees it.
          const { document } = globalThis as unknown as { document: { querySelector(s: string): unknown } };
          return document.querySelector('[data-testid="context-content"]') ? performance.now() : 0;
        },
        undefined,
        { polling: 'raf' },
      );
      pageTimes.push(performance.now() - started);
      frameTimes.push(Number(await inFrame.jsonValue()));
      await page.close();
    }
    const report = (label: string, times: number[]) => {
      const [cold = Number.NaN, ...warm] = times;
      console.log(
        `    ${label}: first ${cold.toFixed(0)} ms, then median ${median(warm).toFixed(0)} ms over ${warm.length} loads`,
      );
    };
    console.log('  time to first content at 0 latency (goal < 1000 ms):');
    report('the section, from its frame starting to load (bundle, context, resolver, render)', frameTimes);
    report(
      'the whole issue page, from navigation (includes the shell page and its dynamicProperties call)',
      pageTimes,
    );
  } finally {
    await browser.close();
    await host.close();
    await site.close();
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  runUiBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
