// The issue view's workflow in the browser: the shell offers the transitions Jira lists, Role Split's workflow
// validator (manifest.yml, run by the embedded site) refuses to move an epic that has no Product Manager and
// the page says why and how to fix it; once the PM assigns themselves in the Role Split section, the same
// transition goes through. axe-core finds nothing serious on the refused page, in light and dark.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO } from '../../sandbox/site';
import { missingOwnerMessage } from '../../src/app/workflow/validator';
import { describeIf, poll } from '../support/jest-helpers';
import {
  HAS_CHROMIUM,
  newPage,
  openIssueContext,
  screenshot,
  seriousAxeFindings,
  startSandbox,
  type Sandbox,
} from './support';

let sandbox: Sandbox;
beforeAll(async () => {
  if (HAS_CHROMIUM) sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

const priya = DEMO.people.pmDirect; // Product Manager, may edit SHOP

function siteStatus(key: string): string {
  const issue = sandbox.site.state.getIssue(key);
  if (!issue) throw new Error(`no ${key}`);
  return sandbox.site.state.status(issue.statusId).name;
}

// axe runs on the workflow section only: the rest of the shell page is the stand-in for Jira's own, not what
// this test is about.
const WORKFLOW = '[data-workflow]';

/** Clicks the transition to `to` and waits for the page it comes back to. */
async function move(page: Page, to: string): Promise<void> {
  const button = await page.waitForSelector(
    `form:has(input[name="to"][value="${to}"]) button[data-transition]`,
  );
  await Promise.all([page.waitForNavigation(), button.click()]);
}

describeIf(HAS_CHROMIUM)('workflow transitions in the issue view', () => {
  it('refuses an epic without a PM with the validator message, then moves it once the PM is set', async () => {
    const key = DEMO.gapExamples.EPIC_WITHOUT_PM[0] ?? '';
    const before = siteStatus(key);
    const to = before === 'In Review' ? 'Done' : 'In Review';
    const page = await newPage(sandbox, { actAs: priya.accountId });
    await page.goto(`${sandbox.host.url}/browse/${key}`);
    // The buttons are the transitions Jira lists for this user: every status but the current one.
    const offered = await page.$$eval('[data-workflow] input[name="to"]', (inputs) =>
      inputs.map((i) => (i as HTMLInputElement).value),
    );
    expect(offered.sort()).toEqual(
      ['Approved', 'Done', 'In Progress', 'In Review', 'To Do'].filter((s) => s !== before),
    );

    await move(page, to);
    const refusal = await page.waitForSelector('[data-transition-refusal]');
    expect(await refusal.getAttribute('role')).toBe('alert');
    expect((await refusal.textContent())?.replace(/\s+/g, ' ')).toContain(missingOwnerMessage('pm', 'Epic'));
    expect(siteStatus(key)).toBe(before);
    await screenshot(page, 'workflow-refused-light');
    expect(await seriousAxeFindings(page, WORKFLOW)).toEqual([]);

    // The PM assigns themselves in the Role Split section, then tries again.
    const frame = await openIssueContext(page, sandbox, key);
    await frame.click('[data-testid="context-assign-me"]');
    await poll(async () => (await frame.textContent('[data-testid="context-owner"]')) ?? '').toContain(
      priya.displayName,
    );
    await page.goto(`${sandbox.host.url}/browse/${key}`);
    // The refusal was shown once; it does not come back on its own.
    expect(await page.$('[data-transition-refusal]')).toBeNull();
    await move(page, to);
    expect(siteStatus(key)).toBe(to);
    expect(await page.$('[data-transition-refusal]')).toBeNull();
    expect(await page.textContent('.details')).toContain(to);
  });

  it('shows the refusal readably in the dark theme too', async () => {
    const key = DEMO.gapExamples.STORY_WITHOUT_PO[1] ?? '';
    const page = await newPage(sandbox, { actAs: priya.accountId, colorMode: 'dark' });
    await page.goto(`${sandbox.host.url}/browse/${key}`);
    await move(page, siteStatus(key) === 'Done' ? 'To Do' : 'Done');
    const refusal = await page.waitForSelector('[data-transition-refusal]');
    expect((await refusal.textContent())?.replace(/\s+/g, ' ')).toContain(missingOwnerMessage('po', 'Story'));
    await screenshot(page, 'workflow-refused-dark');
    expect(await seriousAxeFindings(page, WORKFLOW)).toEqual([]);
  });
});
