// Shared set-up of the browser tests: an in-memory embedded site and a local Forge host on free ports, one
// headless Chromium per test file (playwright-core + Debian's /usr/bin/chromium; the tests skip with a
// message where it is missing), helpers to reach the app's iframe, expectations computed by the app's own
// use cases as the app against the same site, and screenshots (test-results/screenshots; with
// UPDATE_DOC_SCREENSHOTS=1 a representative light and dark set is also copied to docs/screenshots for the README,
// so an ordinary test run never dirties the work tree).
import { copyFileSync, mkdirSync } from 'node:fs';
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

export type ProjectModule = 'jira:projectPage' | 'jira:projectSettingsPage';

/** The address of the app's project page or project settings page in the shell, laid out as Jira's. */
export function projectModuleUrl(
  sandbox: Sandbox,
  type: ProjectModule,
  projectKey: string = DEMO.projectKey,
): string {
  const module = sandbox.host.manifest.uiModules.find((m) => m.type === type);
  if (!module) throw new Error(`manifest.yml has no ${type}`);
  const settings = type === 'jira:projectSettingsPage' ? 'settings/' : '';
  return `${sandbox.host.url}/jira/software/projects/${projectKey}/${settings}apps/${module.key}`;
}

/**
 * Opens the app's project page or project settings page as `actAs` (the demo admin unless said), in the
 * theme asked (light unless said), `below` appended to the page's address; resolves once the app rendered.
 */
export async function openProjectModule(
  sandbox: Sandbox,
  type: ProjectModule,
  options: { colorMode?: 'light' | 'dark'; projectKey?: string; actAs?: string; below?: string } = {},
): Promise<{ page: Page; frame: Frame }> {
  const page = await newPage(sandbox, {
    colorMode: options.colorMode ?? 'light',
    actAs: options.actAs ?? DEMO.adminUser.accountId,
  });
  await page.goto(`${projectModuleUrl(sandbox, type, options.projectKey)}${options.below ?? ''}`);
  return { page, frame: await appFrame(page) };
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

// axe-core's serious and critical findings: one helper for these tests and the browser unit tests.
export { seriousAxeFindings, type AxeFinding } from '../support/axe';
