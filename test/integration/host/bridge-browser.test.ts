// The real @forge/bridge in a browser against the host, with the probe app (not the product UI): every call
// the shim answers (context, invoke, requestJira as the user, theme, flags with actions, router), plus
// Forge's content security policy blocking an inline <style> and the host reporting it.
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeIf, waitFor } from '../../support/jest-helpers';
import type { RunningHost } from '../../../sandbox/host';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import { HAS_CHROMIUM } from '../../e2e/support';
import { launchChromium } from '../../support/chromium';
import { createProbeApp, grantConsent, type ProbeApp, startProbeHost, writeProbeUi } from './probe-app';

let site: RunningSite;
let host: RunningHost;
let probe: ProbeApp;
let browser: Browser;
const logged: string[] = [];

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  probe = createProbeApp();
  await writeProbeUi(probe, { head: '<style>#out { color: red }</style>', body: '<pre id="out"></pre>' });
  site = await startSite({ dataDir: null, port: 0 });
  host = await startProbeHost(site, probe, (l) => logged.push(l));
  // The user has already allowed access and added the panel to the story (placement-browser.test.ts shows both).
  await grantConsent(host, [DEMO.adminUser.accountId]);
  await host.viewer.setPanelAdded(
    site.state.getIssue(DEMO.issues.coveredStory)?.id ?? '',
    'probe-panel',
    true,
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await site?.close();
  probe?.remove();
});

describeIf(HAS_CHROMIUM)('@forge/bridge in a browser against the host', () => {
  it('serves context, invoke, requestJira, theme, flags and router to the real bridge', async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'forge-host-theme', value: 'dark', url: host.url }]);
    const page = await context.newPage();
    await page.goto(`${host.url}/browse/${DEMO.issues.coveredStory}`);
    const frame = await (await page.waitForSelector('iframe[data-frame]')).contentFrame();
    if (!frame) throw new Error('no frame');
    await frame.waitForSelector('body[data-done], body[data-error]');
    expect(await frame.getAttribute('body', 'data-error')).toBeNull();
    const out = JSON.parse((await frame.textContent('#out')) ?? '{}') as Record<string, unknown>;
    const me = DEMO.adminUser.accountId;
    expect(out).toMatchObject({
      context: {
        accountId: me,
        moduleKey: 'probe-panel',
        extension: { issue: { key: DEMO.issues.coveredStory } },
        theme: { colorMode: 'dark' },
      },
      colorMode: 'dark',
      whoami: { contextAccountId: me, jiraUser: me },
      myself: { status: 200, body: { accountId: me } },
    });

    await page.click('#flag-probe-flag button:has-text("Act")');
    await frame.waitForSelector('body[data-flag-action="clicked"]');

    await frame.$eval(
      '#navigate',
      (b, key) => ((b as HTMLElement).dataset.key = key),
      DEMO.issues.coveredEpic,
    );
    await Promise.all([page.waitForURL(`**/browse/${DEMO.issues.coveredEpic}`), frame.click('#navigate')]);
    await context.close();
  });

  it("blocks an inline <style> as Forge's CSP would, and says on the console what to declare", async () => {
    const page = await browser.newPage();
    await page.goto(`${host.url}/browse/${DEMO.issues.coveredStory}`);
    const frame = await (await page.waitForSelector('iframe[data-frame]')).contentFrame();
    await frame?.waitForSelector('body[data-done]');
    expect(await frame?.$eval('#out', (el) => getComputedStyle(el).color)).not.toBe('rgb(255, 0, 0)');
    await waitFor(
      () => expect(logged.some((l) => l.includes('style-src') && l.includes("'unsafe-inline'"))).toBe(true),
      { timeout: 10_000 },
    );
    await page.close();
  });
});
