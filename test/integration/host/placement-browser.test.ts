// The issue view in a browser with the probe app (which declares an issue panel and an issue context): the
// consent prompt on a user's first asUser() call, the issue context collapsed then expanded by a click, the
// issue panel absent until its button is clicked, and a bridge Modal over the page whose close data reaches
// the opener's onClose. Saves the issue view with both the context and the panel (docs screenshot).
import { type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeIf } from '../../support/jest-helpers';
import type { RunningHost } from '../../../sandbox/host';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import { HAS_CHROMIUM, screenshot } from '../../e2e/support';
import { launchChromium } from '../../support/chromium';
import { createProbeApp, type ProbeApp, startProbeHost, writeProbeUi } from './probe-app';

let site: RunningSite;
let host: RunningHost;
let probe: ProbeApp;
let browser: Browser;
const admin = DEMO.adminUser.accountId;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  probe = createProbeApp();
  await writeProbeUi(probe, {
    body: '<h3 id="heading">Probe</h3><pre id="out" style="white-space: pre-wrap"></pre>',
  });
  site = await startSite({ dataDir: null, port: 0 });
  host = await startProbeHost(site, probe);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await site?.close();
  probe?.remove();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addCookies([{ name: 'forge-host-theme', value: 'light', url: host.url }]);
  return context.newPage();
}

async function frameIn(page: Page, selector: string): Promise<Frame> {
  const frame = await (await page.waitForSelector(`${selector} iframe[data-frame]`)).contentFrame();
  if (!frame) throw new Error(`no frame in ${selector}`);
  return frame;
}

const panel = 'section[data-module="probe-panel"]';
const issueContext = 'section[data-context="probe-context"]';

describeIf(HAS_CHROMIUM)('the issue view in a browser', () => {
  it('asks a user for consent on their first asUser() call, and the app works once they allow access', async () => {
    expect(host.viewer.hasConsent(admin)).toBe(false);
    const page = await newPage();
    await page.goto(`${host.url}/browse/${DEMO.issues.coveredStory}`);
    await Promise.all([page.waitForNavigation(), page.click('[data-add-panel="probe-panel"]')]);
    const refused = await frameIn(page, panel);
    await refused.waitForSelector('body[data-error]');
    expect(await refused.getAttribute('body', 'data-error')).toContain('Authentication Required');
    const prompt = await page.waitForSelector('#consent-prompt');
    expect(await prompt.textContent()).toContain('Probe panel needs your permission');

    await Promise.all([page.waitForNavigation(), page.click('#consent-allow')]);
    const allowed = await frameIn(page, panel);
    await allowed.waitForSelector('body[data-done]');
    const out = JSON.parse((await allowed.textContent('#out')) ?? '{}') as { whoami?: { jiraUser?: string } };
    expect(out.whoami?.jiraUser).toBe(admin);
    expect(await page.$('#consent-prompt')).toBeNull();
    expect(host.viewer.hasConsent(admin)).toBe(true);
    await page.click('#sandbox-menu summary');
    expect(await page.getAttribute('[data-consent]', 'data-consent')).toBe('granted');
    await page.context().close();
  });

  it('shows the issue context collapsed, then expanded when its header is clicked; the panel only after its button', async () => {
    const page = await newPage();
    const key = DEMO.issues.coveredEpic;
    await page.goto(`${host.url}/browse/${key}`);
    const toggle = `${issueContext} .issue-context__toggle`;
    expect(await page.getAttribute(toggle, 'aria-expanded')).toBe('false');
    expect(await page.textContent(toggle)).toContain('Probe ownership');
    expect(await page.textContent(`${issueContext} [data-status]`)).toBe(`Checked ${key}`);
    expect(await page.$(`${issueContext} iframe`)).toBeNull();
    expect(await page.$(panel)).toBeNull();
    await screenshot(page, 'issue-view-context-collapsed-light');

    await Promise.all([page.waitForNavigation(), page.click(toggle)]);
    expect(await page.getAttribute(toggle, 'aria-expanded')).toBe('true');
    const contextFrame = await frameIn(page, issueContext);
    await contextFrame.waitForSelector('body[data-done]');
    expect(await contextFrame.textContent('#heading')).toBe(`probe-context on ${key}`);
    expect(await page.$(panel)).toBeNull();

    await Promise.all([page.waitForNavigation(), page.click('[data-add-panel="probe-panel"]')]);
    const panelFrame = await frameIn(page, panel);
    await panelFrame.waitForSelector('body[data-done]');
    await (await frameIn(page, issueContext)).waitForSelector('body[data-done]');
    expect(await page.$('[data-add-panel="probe-panel"]')).toBeNull();
    // The probe raises flags on load; dismiss them so the picture shows the page.
    for (const close of await page.$$('.flag__close')) await close.click();
    await screenshot(page, 'issue-view-context-and-panel', { forDocs: true });
    await page.context().close();
  });

  it("opens a bridge Modal over the page and hands the modal's close data to the opener's onClose", async () => {
    const page = await newPage();
    await page.goto(`${host.url}/browse/${DEMO.issues.coveredEpic}`);
    const opener = await frameIn(page, panel);
    await opener.waitForSelector('body[data-done]');
    await opener.click('#open-modal');
    const modal = await frameIn(page, '.modal-backdrop');
    await modal.waitForSelector('body[data-done]');
    expect(await page.getAttribute('.modal', 'aria-label')).toBe('Pick an owner');
    await screenshot(page, 'issue-view-modal-light');
    await modal.click('#close-modal');
    await page.waitForSelector('.modal-backdrop', { state: 'detached' });
    await opener.waitForSelector('body[data-modal-closed]');
    expect(JSON.parse((await opener.getAttribute('body', 'data-modal-closed')) ?? 'null')).toEqual({
      chosen: 'pm',
    });
    await page.context().close();
  });
});
