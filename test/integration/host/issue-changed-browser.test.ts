// The issue view tells the app when its issue changes elsewhere, as Jira does: a change made by another user
// straight on the site reaches the probe's frame as JIRA_ISSUE_CHANGED (Jira's payload shape) and the
// collapsed issue context header shows the status its dynamicProperties function computes after the change,
// without a reload.
import { type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeIf } from '../../support/jest-helpers';
import type { RunningHost } from '../../../sandbox/host';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import { AS_HEADER, SECRET_HEADER } from '../../../sandbox/site/auth';
import { HAS_CHROMIUM } from '../../e2e/support';
import { launchChromium } from '../../support/chromium';
import { createProbeApp, grantConsent, type ProbeApp, startProbeHost, writeProbeUi } from './probe-app';

let site: RunningSite;
let host: RunningHost;
let probe: ProbeApp;
let browser: Browser;
const admin = DEMO.adminUser.accountId;
const developer = DEMO.people.developer.accountId;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  probe = createProbeApp({ headerReadsMark: true });
  await writeProbeUi(probe, { body: '<h3 id="heading">Probe</h3><pre id="out"></pre>' });
  site = await startSite({ dataDir: null, port: 0 });
  host = await startProbeHost(site, probe);
  await grantConsent(host, [admin]);
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
  return context.newPage();
}

async function frameIn(page: Page, selector: string): Promise<Frame> {
  const frame = await (await page.waitForSelector(`${selector} iframe[data-frame]`)).contentFrame();
  if (!frame) throw new Error(`no frame in ${selector}`);
  return frame;
}

/** An entity property PUT to the site's REST API as `accountId`, as another browser or client would. */
async function putProperty(key: string, name: string, value: unknown, accountId: string): Promise<void> {
  const response = await fetch(`${site.url}/rest/api/3/issue/${key}/properties/${name}`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      [SECRET_HEADER]: site.secret,
      [AS_HEADER]: `user:${accountId}`,
    },
    body: JSON.stringify(value),
  });
  expect(response.ok).toBe(true);
}

const panel = 'section[data-module="probe-panel"]';
const status = 'section[data-context="probe-context"] [data-status]';

describeIf(HAS_CHROMIUM)('an issue changed elsewhere', () => {
  it("reaches the app's frame as JIRA_ISSUE_CHANGED and refreshes the collapsed context header in place", async () => {
    const key = DEMO.issues.coveredStory;
    const issue = [...site.state.issues.values()].find((i) => i.key === key);
    if (!issue) throw new Error(`no issue ${key}`);
    await host.viewer.setPanelAdded(issue.id, 'probe-panel', true);
    const page = await newPage();
    await page.goto(`${host.url}/browse/${key}`);
    const frame = await frameIn(page, panel);
    await frame.waitForSelector('body[data-done]');
    expect(await page.textContent(status)).toBe(`Checked ${key}`);
    expect(await frame.getAttribute('body', 'data-issue-changed')).toBeNull();
    // Marks the page: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));

    await putProperty(key, 'probe-mark', 'by Diego', developer);

    await frame.waitForSelector('body[data-issue-changed]');
    expect(JSON.parse((await frame.getAttribute('body', 'data-issue-changed')) ?? '[]')).toEqual([
      {
        issueId: issue.id,
        projectId: DEMO.projectId,
        changes: [{ changeType: 'updated', atlassianId: developer }],
      },
    ]);
    await page.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent === 'Marked by Diego',
      status,
    );
    expect(await page.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);
    await page.context().close();
  });
});
