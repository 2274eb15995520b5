// A story's Role Split section stays current while it is open: when someone else assigns the PO in another
// browser, the first page's section (told by Jira's JIRA_ISSUE_CHANGED) and its header's status lozenge (from
// the app's dynamicProperties, computed again) show the new owner without a reload.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Frame, Page } from 'playwright-core';
import { DEMO } from '../../sandbox/site';
import { describeIf, poll } from '../support/jest-helpers';
import {
  HAS_CHROMIUM,
  contextHeaderStatus,
  newPage,
  openIssueContext,
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

const sam = DEMO.people.poDirect; // Product Owner (user actor), can edit SHOP
const amara = DEMO.people.poViaGroup; // Product Owner through a group

const text = async (frame: Frame, testId: string) =>
  ((await frame.textContent(`[data-testid="${testId}"]`)) ?? '').replace(/\s+/g, ' ').trim();

/** A page in a browser context of its own: another person, with their own cookies. */
async function otherPerson(accountId: string): Promise<Page> {
  const context = await sandbox.browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addCookies([{ name: 'forge-host-as', value: accountId, url: sandbox.host.url }]);
  return context.newPage();
}

describeIf(HAS_CHROMIUM)('an issue changed in another browser', () => {
  it("shows the new owner in an open section and its header's status without a reload", async () => {
    const key = DEMO.gapExamples.STORY_WITHOUT_PO[0] ?? '';
    const page = await newPage(sandbox, { actAs: sam.accountId });
    const frame = await openIssueContext(page, sandbox, key);
    expect(await frame.getAttribute('[data-testid="context-owner"]', 'data-state')).toBe('empty');
    const statusBefore = await contextHeaderStatus(page);
    await page.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));

    const other = await otherPerson(amara.accountId);
    const otherFrame = await openIssueContext(other, sandbox, key);
    await otherFrame.click('[data-testid="context-assign-me"]');
    await poll(() => text(otherFrame, 'context-owner')).toContain(amara.displayName);
    // What a fresh page shows now, for the header to catch up to.
    const fresh = await otherPerson(sam.accountId);
    await fresh.goto(`${sandbox.host.url}/browse/${key}`);
    const statusAfter = await contextHeaderStatus(fresh);
    expect(statusAfter).not.toBe(statusBefore);

    await poll(() => text(frame, 'context-owner'), { timeout: 10_000 }).toContain(amara.displayName);
    await poll(() => contextHeaderStatus(page), { timeout: 10_000 }).toBe(statusAfter);
    expect(await page.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);
    await page.close();
    await other.context().close();
    await fresh.context().close();
  });
});
