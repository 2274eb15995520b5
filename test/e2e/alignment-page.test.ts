// The project page "Alignment" in the sandbox: the local Forge host runs the real resolvers, queue consumer
// and stored results against the embedded demo site. The page's figures, gap rows and CSV file must equal a
// full read of the same project by the gap engine (the reference scan, as the app); filters, the drill-down,
// "Rescan now" with its progress and enabling a disabled project are driven as a user would.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Frame, Page } from 'playwright-core';
import { describeIf, poll, waitFor } from '../support/jest-helpers';
import { referenceScan } from '../support/reference-scan';
import { formatCsv } from '../../src/cli/format-csv';
import { GAP_CODES, type GapReport } from '../../src/domain/model';
import { defaultPolicy } from '../../src/domain/policy';
import { embeddedSiteGateway } from '../../sandbox/host';
import { DEMO } from '../../sandbox/site';
import {
  HAS_CHROMIUM,
  appPorts,
  openProjectModule,
  screenshot,
  seriousAxeFindings,
  startSandbox,
  type Sandbox,
} from './support';

let sandbox: Sandbox;
/** The first scan may take a while on a fresh site (latency per Jira request): wait for results this long. */
const RESULTS_TIMEOUT = 60_000;

beforeAll(async () => {
  if (HAS_CHROMIUM) sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

async function openAlignment(
  options: { colorMode?: 'light' | 'dark'; projectKey?: string; actAs?: string } = {},
): Promise<{ page: Page; frame: Frame }> {
  return openProjectModule(sandbox, 'jira:projectPage', options);
}

/** Waits for the figures (the first scan runs when the page first asks for the status). */
async function results(frame: Frame): Promise<void> {
  await frame.waitForSelector('[data-testid="page-coverage-pm"]', { timeout: RESULTS_TIMEOUT });
  await frame.waitForSelector('[data-testid="gap-row"]', { timeout: RESULTS_TIMEOUT });
}

let reference: GapReport | null = null;
/** What a full read of SHOP says, as the app (the admin viewer sees every issue the app does). */
async function engineReport(): Promise<GapReport> {
  if (reference) return reference;
  const outcome = await referenceScan(appPorts(sandbox.site), {
    projectKey: DEMO.projectKey,
    policy: defaultPolicy(),
  });
  if (!outcome.ok) throw new Error(`reference scan failed: ${JSON.stringify(outcome.error)}`);
  reference = outcome.report;
  return reference;
}

const gapRows = (frame: Frame) =>
  frame.$$eval('[data-testid="gap-row"]', (rows) =>
    rows.map((row) => `${row.getAttribute('data-code')} ${row.getAttribute('data-issue')}`),
  );

describeIf(HAS_CHROMIUM)('alignment page in the sandbox', () => {
  it('shows the figures, counts and gap rows of a full read by the engine', async () => {
    const { page, frame } = await openAlignment();
    await results(frame);
    const want = await engineReport();
    const card = async (id: string) => {
      const el = await frame.waitForSelector(`[data-testid="${id}"]`);
      return {
        covered: Number(await el.getAttribute('data-covered')),
        total: Number(await el.getAttribute('data-total')),
      };
    };
    expect(await card('page-coverage-pm')).toEqual({
      covered: want.coverage.withPm,
      total: want.coverage.strategyIssues,
    });
    expect(await card('page-coverage-po')).toEqual({
      covered: want.coverage.withPo,
      total: want.coverage.executionIssues,
    });
    const counts = Object.fromEntries(
      await frame.$$eval('[data-testid^="page-code-"]', (chips) =>
        chips.map((c): [string, number] => [
          c.getAttribute('data-testid')?.slice('page-code-'.length) ?? '',
          Number(c.getAttribute('data-count')),
        ]),
      ),
    );
    const wantCounts: Record<string, number> = {};
    for (const gap of want.gaps) wantCounts[gap.code] = (wantCounts[gap.code] ?? 0) + 1;
    expect(counts).toEqual(wantCounts);

    const rows = await gapRows(frame);
    expect(want.gaps.length).toBeGreaterThan(0);
    expect(rows).toEqual(want.gaps.slice(0, 50).map((g) => `${g.code} ${g.issueKey}`));
    expect(await frame.textContent('[data-testid="page-results-age"]')).toMatch(/^Results from /);
    expect(await seriousAxeFindings(frame)).toEqual([]);
    await screenshot(page, 'alignment-page-light', { forDocs: true });
    await page.close();
  });

  it('filters by code and by text, as the engine counts them', async () => {
    const want = await engineReport();
    const { page, frame } = await openAlignment();
    await results(frame);
    const code =
      GAP_CODES.find((c) => want.gaps.filter((g) => g.code === c).length >= 2) ?? 'STORY_WITHOUT_PO';
    const ofCode = want.gaps.filter((g) => g.code === code);
    await frame.click(`[data-testid="page-code-${code}"]`);
    await poll(() => gapRows(frame)).toEqual(ofCode.map((g) => `${g.code} ${g.issueKey}`));
    const target = ofCode[1] ?? ofCode[0];
    if (!target) throw new Error('no gap to search for');
    await frame.fill('[data-testid="page-search"]', target.summary);
    await poll(() => gapRows(frame)).toEqual(
      ofCode
        .filter((g) => g.summary.toLowerCase().includes(target.summary.toLowerCase()))
        .map((g) => `${g.code} ${g.issueKey}`),
    );
    await frame.click('[data-testid="page-clear-filters"]');
    await poll(() => gapRows(frame).then((r) => r.length)).toBe(Math.min(50, want.gaps.length));
    await page.close();
  });

  it('opens an epic to its stories and navigates the shell to an issue (router.navigate)', async () => {
    const { page, frame } = await openAlignment();
    await results(frame);
    const row = await frame.waitForSelector(
      `[data-testid="epic-row"][data-issue="${DEMO.issues.coveredEpic}"]`,
      {
        timeout: RESULTS_TIMEOUT,
      },
    );
    const storyCount = Number((await row.$eval('td.rs-num', (td) => td.textContent)) ?? -1);
    expect(storyCount).toBeGreaterThan(0);
    const toggle = await row.$('[data-testid="epic-toggle"]');
    await toggle?.focus();
    await page.keyboard.press('Enter');
    await frame.waitForSelector('[data-testid="epic-story"]');
    const stories = await frame.$$eval('[data-testid="epic-story"]', (els) =>
      els.map((el) => el.getAttribute('data-issue')),
    );
    expect(stories).toHaveLength(Math.min(storyCount, 25));
    expect(stories).toContain(DEMO.issues.coveredStory);
    await screenshot(page, 'alignment-page-drilldown', { forDocs: true });
    const link = await frame.waitForSelector(
      `[data-testid="epic-story"][data-issue="${DEMO.issues.coveredStory}"] a`,
    );
    await Promise.all([page.waitForURL(`**/browse/${DEMO.issues.coveredStory}`), link.click()]);
    expect(await page.textContent('.breadcrumbs')).toContain(DEMO.issues.coveredStory);
    await page.close();
  });

  it('exports the whole gap list as the CLI’s CSV', async () => {
    const want = await engineReport();
    const { page, frame } = await openAlignment();
    await results(frame);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      frame.click('[data-testid="page-export-start"]'),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^role-split-gaps-${DEMO.projectKey}-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
    );
    const text = readFileSync(await download.path(), 'utf8');
    const cli = formatCsv({ projects: [{ key: DEMO.projectKey, gaps: want.gaps }] } as unknown as Parameters<
      typeof formatCsv
    >[0]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    // The page's owner is the issue's slot holder (the contract's GapRowView.owner); the engine's, for
    // ROLE_MISPLACED, is the person written into the wrong slot. Every other cell must be the CLI's.
    const comparable = (csv: string) =>
      csv
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .map((line) => (line.includes(',ROLE_MISPLACED,') ? line.split(',').slice(0, 7).join(',') : line));
    expect(comparable(text)).toEqual(comparable(cli));
    expect(text.split('\r\n').length).toBe(want.gaps.length + 2);
    await page.close();
  });

  it('rescans with progress, then shows fresh results', async () => {
    const { page, frame } = await openAlignment();
    await results(frame);
    const before = await frame.getAttribute('[data-testid="page-results"]', 'data-results-at');
    await frame.click('[data-testid="page-rescan"]');
    await frame.waitForSelector('[data-testid="page-scan-progress"]');
    await screenshot(page, 'alignment-page-rescan', { forDocs: true });
    await frame.waitForSelector('[data-testid="page-scan-progress"]', {
      state: 'detached',
      timeout: RESULTS_TIMEOUT,
    });
    await waitFor(
      async () =>
        expect(await frame.getAttribute('[data-testid="page-results"]', 'data-results-at')).not.toBe(before),
      { timeout: RESULTS_TIMEOUT },
    );
    await page.close();
  });

  it('shows a viewer outside a security level only what they may see, and no project-wide trend', async () => {
    const { page, frame } = await openAlignment({ actAs: DEMO.people.viewer.accountId });
    await results(frame);
    await frame.waitForSelector('[data-testid="page-restricted"]');
    expect(await frame.textContent('[data-testid="page-trend-restricted"]')).toContain(
      'shown only to people who can see every issue',
    );
    if (await frame.$('[data-testid="page-waived-toggle"]')) {
      await frame.click('[data-testid="page-waived-toggle"]');
      await frame.waitForSelector('[data-testid="waived-row"]');
    }
    const html = await frame.content();
    const { securedEpic, securedStory } = DEMO.security;
    for (const key of [securedEpic, securedStory]) expect(html).not.toMatch(new RegExp(`\\b${key}\\b`));
    expect(html).not.toContain('Personalised recommendations');
    await screenshot(page, 'alignment-page-restricted', { forDocs: true });
    await page.close();
  });

  it('renders dark when the shell is dark, with no serious axe findings', async () => {
    const { page, frame } = await openAlignment({ colorMode: 'dark' });
    await results(frame);
    expect(await frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
    expect(await seriousAxeFindings(frame)).toEqual([]);
    await screenshot(page, 'alignment-page-dark', { forDocs: true });
    await page.close();
  });

  it('explains a disabled project, asks others to find an admin, and lets the admin enable it', async () => {
    // MOB is switched off as a project admin would, through the project property.
    const response = await embeddedSiteGateway(sandbox.site).request(
      { kind: 'user', accountId: DEMO.adminUser.accountId },
      `/rest/api/3/project/${DEMO.otherProjectKey}/properties/${DEMO.policyPropertyKey}`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ schema: 1, enabled: false }),
      },
    );
    expect(response.status).toBeLessThan(300);

    const viewer = await openAlignment({
      projectKey: DEMO.otherProjectKey,
      actAs: DEMO.people.viewer.accountId,
    });
    await viewer.frame.waitForSelector('[data-testid="page-ask-admin"]');
    expect(await viewer.frame.$('[data-testid="page-enable"]')).toBeNull();
    await viewer.page.close();

    const { page, frame } = await openAlignment({ projectKey: DEMO.otherProjectKey });
    await frame.waitForSelector('[data-testid="page-enable"]');
    await screenshot(page, 'alignment-page-disabled', { forDocs: true });
    await frame.click('[data-testid="page-enable"]');
    await frame.waitForSelector('[data-testid="page-coverage-pm"]', { timeout: RESULTS_TIMEOUT });
    expect(await frame.$('[data-testid="page-disabled"]')).toBeNull();
    await page.close();
  });
});
