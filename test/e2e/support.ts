// Shared set-up of the browser tests: an in-memory embedded site and a local Forge host on free ports, one
// headless Chromium per test file (playwright-core + Debian's /usr/bin/chromium; the tests skip with a
// message where it is missing), helpers to reach the app's iframe, expectations computed by the app's own
// use cases as the app against the same site, and screenshots (test-results/screenshots; with
// UPDATE_DOC_SCREENSHOTS=1 a representative light and dark set is also copied to docs/screenshots for the README,
// so an ordinary test run never dirties the work tree).
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { CHROMIUM, HAS_CHROMIUM, launchChromium } from '../support/chromium';
import type { ScanPorts } from '../../src/app/ports';
import { createJiraClient } from '../../src/jira/client';
import type { JiraTransport } from '../../src/jira/types';
import { embeddedSiteGateway, startHost, type RunningHost } from '../../sandbox/host';
import { DEMO, startSite, type RunningSite } from '../../sandbox/site';

export { CHROMIUM, HAS_CHROMIUM };
const ROOT = join(import.meta.dirname, '..', '..');
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const DOC_SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

if (!HAS_CHROMIUM) {
  console.warn(
    `Browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium; CI installs it).`,
  );
}

export interface Sandbox {
  site: RunningSite;
  host: RunningHost;
  browser: Browser;
  /** One browser context per file, so the Custom UI bundle is fetched and compiled once. */
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * The site, the host and a browser. Every demo user has already allowed the app to act as them (Jira's
 * "Allow access"), unless `consent: false`: the consent prompt itself has its own test.
 */
export async function startSandbox(options: { consent?: boolean } = {}): Promise<Sandbox> {
  const site = await startSite({ dataDir: null, port: 0 });
  const host = await startHost({ port: 0, dataDir: null, site, log: () => {} });
  if (options.consent ?? true) {
    for (const user of DEMO.users) await host.viewer.setConsent(user.accountId, true);
  }
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  return {
    site,
    host,
    browser,
    context,
    async close() {
      await browser.close();
      await host.close();
      await site.close();
    },
  };
}

/** A fresh page in the file's browser context, with the shell's theme and acting-user cookies as asked. */
export async function newPage(
  sandbox: Sandbox,
  options: { colorMode?: 'light' | 'dark'; actAs?: string } = {},
): Promise<Page> {
  const { context } = sandbox;
  await context.clearCookies();
  const cookies = [
    ...(options.colorMode ? [{ name: 'forge-host-theme', value: options.colorMode }] : []),
    ...(options.actAs ? [{ name: 'forge-host-as', value: options.actAs }] : []),
  ];
  if (cookies.length) await context.addCookies(cookies.map((c) => ({ ...c, url: sandbox.host.url })));
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return page;
}

/**
 * Opens an issue and shows the app's issue panel on it, as a Jira user does: the panel appears only after the
 * app's button is clicked on that issue (and stays for that issue afterwards).
 */
export async function openIssuePanel(page: Page, sandbox: Sandbox, issueKey: string): Promise<Frame> {
  await page.goto(`${sandbox.host.url}/browse/${issueKey}`);
  const button = await page.$('[data-add-panel]');
  if (button) await Promise.all([page.waitForNavigation(), button.click()]);
  return appFrame(page);
}

/** The iframe of the first app module on the page, once the app has rendered into it. */
export async function appFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[data-frame]');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('app iframe has no frame');
  await frame.waitForSelector('#root > *');
  await frame.waitForSelector('[data-testid="loading"]', { state: 'detached' });
  return frame;
}

/** What `view.getContext()` answers inside the frame (through the injected bridge). */
export function frameContext(
  frame: Frame,
): Promise<{ accountId: string; extension: Record<string, unknown> }> {
  return frame.evaluate(async () => {
    const bridge = (globalThis as unknown as { __bridge: { callBridge(type: string): Promise<unknown> } })
      .__bridge;
    return (await bridge.callBridge('getContext')) as {
      accountId: string;
      extension: Record<string, unknown>;
    };
  });
}

export async function screenshot(
  page: Page,
  name: string,
  options: { forDocs?: boolean } = {},
): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  if (options.forDocs && process.env.UPDATE_DOC_SCREENSHOTS === '1') {
    mkdirSync(DOC_SCREENSHOTS, { recursive: true });
    copyFileSync(file, join(DOC_SCREENSHOTS, `${name}.png`));
  }
}

/** Jira as the app, through the same gateway the host uses: for computing what the app should show. */
export function appPorts(site: RunningSite): ScanPorts {
  const gateway = embeddedSiteGateway(site);
  const transport: JiraTransport = ({ method, route, body }) =>
    gateway.request({ kind: 'app' }, route.value, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { jira: createJiraClient(transport), clock: { now: () => new Date() } };
}

/** A demo issue of the given hierarchy level (and type name) in a project, found in the site's data. */
export function findIssue(
  site: RunningSite,
  projectKey: string,
  test: (type: { name: string; hierarchyLevel: number }) => boolean,
): string {
  const keys = [...site.state.issues.values()]
    .filter((i) => i.key.startsWith(`${projectKey}-`) && test(site.state.issueType(i.issueTypeId)))
    .map((i) => i.key)
    .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));
  if (!keys[0]) throw new Error(`no matching issue in ${projectKey}`);
  return keys[0];
}

const CONTEXT = '[data-context="role-split-issue-context"]';

/**
 * Opens an issue and the app's issue context section on it, as a Jira user does: the section starts
 * collapsed (its header shows the label and the status lozenge) until the user opens it, and stays open for
 * that user afterwards. Resolves with the section's frame once it has content.
 */
export async function openIssueContext(page: Page, sandbox: Sandbox, issueKey: string): Promise<Frame> {
  await page.goto(`${sandbox.host.url}/browse/${issueKey}`);
  const toggle = await page.waitForSelector(`${CONTEXT} .issue-context__toggle`);
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') {
    await Promise.all([page.waitForNavigation(), toggle.click()]);
  }
  return contextFrame(page);
}

/** The issue context section's frame, once it shows something other than its loading line. */
export async function contextFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector(`${CONTEXT} iframe[data-frame]`);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('issue context iframe has no frame');
  await frame.waitForSelector('[data-testid="context-content"], [data-testid="context-error"]');
  return frame;
}

/** The collapsed header's status lozenge text (from the app's dynamicProperties), or null without one. */
export async function contextHeaderStatus(page: Page): Promise<string | null> {
  const status = await page.$(`${CONTEXT} [data-status]`);
  return status ? ((await status.textContent())?.trim() ?? null) : null;
}

/** The frame of the bridge Modal the app opened, once its content is there. */
export async function modalFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('.modal-backdrop iframe[data-modal]');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('modal iframe has no frame');
  await frame.waitForSelector(
    '[data-testid="panel-owner"], [data-testid="panel-out-of-scope"], [data-testid="panel-error"]',
  );
  return frame;
}

const AXE_SOURCE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core inside a frame and returns the serious and critical findings (WCAG 2.x A/AA rules). The
 * source is evaluated through the DevTools protocol: a <script> tag would be refused by the app's content
 * security policy, which allows no inline script.
 */
export async function seriousAxeFindings(frame: Frame): Promise<AxeFinding[]> {
  await frame.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  return frame.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{
            violations: Array<{
              id: string;
              impact: string | null;
              help: string;
              nodes: Array<{ target: string[] }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
  });
}
