// The Role Split section on every issue, in the browser: the real Custom UI with the real @forge/bridge in
// the shell's issue view, calling the real resolvers against the embedded site. The journeys a PO takes
// (assign me, change with the picker, clear), two people racing for one slot, the collapsed header's status,
// the full view in a modal and as the panel added with the app's button, dark theme, and an axe-core scan of
// each in light and dark. What the section shows is checked against the site (the ownership property), not
// against hard-coded text where the backend decides it.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Frame, Page } from 'playwright-core';
import { DEMO } from '../../sandbox/site';
import { describeIf, poll } from '../support/jest-helpers';
import {
  HAS_CHROMIUM,
  contextHeaderStatus,
  modalFrame,
  newPage,
  openIssueContext,
  openIssuePanel,
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

const sam = DEMO.people.poDirect; // Product Owner (user actor), can edit SHOP
const amara = DEMO.people.poViaGroup; // Product Owner through a group
const admin = DEMO.adminUser;

/** The `po` account id in the issue's ownership property on the site (undefined when none). */
function storedPo(issueKey: string): string | undefined {
  const issue = [...sandbox.site.state.issues.values()].find((i) => i.key === issueKey);
  const value = issue?.properties.get(DEMO.propertyKey) as { po?: { accountId?: string } } | undefined;
  return value?.po?.accountId;
}

const text = async (frame: Frame, testId: string) =>
  ((await frame.textContent(`[data-testid="${testId}"]`)) ?? '').replace(/\s+/g, ' ').trim();

async function ownerState(frame: Frame): Promise<string | null> {
  return frame.getAttribute('[data-testid="context-owner"]', 'data-state');
}

async function expectNoSeriousFindings(frame: Frame, where: string): Promise<void> {
  const findings = await seriousAxeFindings(frame);
  expect({ where, findings }).toEqual({ where, findings: [] });
}

describeIf(HAS_CHROMIUM)('issue context section in the browser', () => {
  it('shows the status lozenge on the collapsed header, the same as the open section says', async () => {
    const key = DEMO.gapExamples.STORY_WITHOUT_PO[2] ?? '';
    const page = await newPage(sandbox, { actAs: admin.accountId });
    await page.goto(`${sandbox.host.url}/browse/${key}`);
    const collapsed = await contextHeaderStatus(page);
    expect(collapsed).not.toBeNull();
    expect(await page.$('[data-context] iframe')).toBeNull();
    await screenshot(page, 'issue-context-collapsed-light', { forDocs: true });
    const frame = await openIssueContext(page, sandbox, key);
    expect(await text(frame, 'context-status')).toBe(collapsed);
    await page.close();
  });

  it('lets a PO assign themselves, change to someone the picker offers, and clear', async () => {
    const key = DEMO.gapExamples.STORY_WITHOUT_PO[0] ?? '';
    expect(storedPo(key)).toBeUndefined();
    const page = await newPage(sandbox, { actAs: sam.accountId });
    let frame = await openIssueContext(page, sandbox, key);
    expect(await ownerState(frame)).toBe('empty');
    expect(await text(frame, 'context-gap-STORY_WITHOUT_PO')).toContain('Assign a PO.');
    await screenshot(page, 'issue-context-empty-light', { forDocs: true });

    // Assign me.
    await frame.click('[data-testid="context-assign-me"]');
    await poll(() => text(frame, 'context-owner')).toContain(sam.displayName);
    expect(await text(frame, 'context-you-own')).toBe('You own this');
    expect(storedPo(key)).toBe(sam.accountId);
    await page.waitForSelector('#flags .flag--success');
    await screenshot(page, 'issue-context-assigned-light', { forDocs: true });

    // Change, through the picker: only eligible people are offered.
    await frame.click('[data-testid="context-change"]');
    await frame.fill('#rs-owner-picker-input', amara.displayName.split(' ')[0] ?? '');
    const option = await frame.waitForSelector(`text="${amara.displayName}"`);
    await screenshot(page, 'issue-context-picker-light', { forDocs: true });
    await option.click();
    await poll(() => text(frame, 'context-owner')).toContain(amara.displayName);
    expect(storedPo(key)).toBe(amara.accountId);
    expect(await frame.$('[data-testid="context-you-own"]')).toBeNull();

    // The section reloads to the same state after a page reload: the write is on the issue.
    frame = await openIssueContext(page, sandbox, key);
    expect(await text(frame, 'context-owner')).toContain(amara.displayName);

    // Clear.
    await frame.click('[data-testid="context-clear"]');
    await poll(() => ownerState(frame)).toBe('empty');
    expect(storedPo(key)).toBeUndefined();
    await page.close();
  });

  it('shows a conflict to the second of two people changing the same slot, with the new owner', async () => {
    const key = DEMO.gapExamples.STORY_WITHOUT_PO[1] ?? '';
    const first = await newPage(sandbox, { actAs: sam.accountId });
    const firstFrame = await openIssueContext(first, sandbox, key);
    // A second browser context: a second person, with their own cookies, on the same issue.
    const other = await sandbox.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await other.addCookies([{ name: 'forge-host-as', value: amara.accountId, url: sandbox.host.url }]);
    const second = await other.newPage();
    const secondFrame = await openIssueContext(second, sandbox, key);
    expect(await ownerState(secondFrame)).toBe('empty');
    // The second person looks away: their page stops checking the issue for changes (as the shell does for a
    // hidden tab), so it keeps showing the slot empty, as a page that has not heard of the change yet would.
    await second.evaluate(() =>
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true }),
    );

    await firstFrame.click('[data-testid="context-assign-me"]');
    await poll(() => text(firstFrame, 'context-owner')).toContain(sam.displayName);

    // The second page still shows the slot empty; its "Assign me" is refused and says who owns it now.
    await secondFrame.click('[data-testid="context-assign-me"]');
    await poll(() => text(secondFrame, 'context-refusal')).toContain(`The PO is now ${sam.displayName}.`);
    expect(storedPo(key)).toBe(sam.accountId);
    await poll(() => text(secondFrame, 'context-owner')).toContain(sam.displayName);
    await screenshot(second, 'issue-context-conflict-light', { forDocs: true });
    await first.close();
    await other.close();
  });

  it('shows a refusal in words when Jira fails the write', async () => {
    const key = DEMO.gapExamples.STORY_WITHOUT_PO[3] ?? '';
    const page = await newPage(sandbox, { actAs: sam.accountId });
    const frame = await openIssueContext(page, sandbox, key);
    // The sandbox's fault switch: Jira answers 5xx to the app's next requests.
    await page.request.post(`${sandbox.host.url}/_host/sandbox/server-errors`, {
      form: { count: '20', back: '/' },
    });
    await frame.click('[data-testid="context-assign-me"]');
    await poll(() => text(frame, 'context-refusal')).toContain('Nothing was changed');
    expect(storedPo(key)).toBeUndefined();
    await screenshot(page, 'issue-context-refusal-light');
    await page.request.post(`${sandbox.host.url}/_host/sandbox/server-errors`, {
      form: { count: '0', back: '/' },
    });
    await page.close();
  });

  it('refreshes the section when the full view in the modal changes the owner', async () => {
    const key = DEMO.gapExamples.PO_NOT_ELIGIBLE[0] ?? '';
    const page = await newPage(sandbox, { actAs: admin.accountId });
    const frame = await openIssueContext(page, sandbox, key);
    expect(await ownerState(frame)).toBe('ineligible');
    await frame.click('[data-testid="context-open-full"]');
    const modal = await modalFrame(page);
    await modal.click('[data-testid="panel-change"]');
    await modal.fill('#rs-owner-picker-input', amara.displayName.split(' ')[0] ?? '');
    await (await modal.waitForSelector(`text="${amara.displayName}"`)).click();
    await poll(() => modal.textContent('[data-testid="panel-owner"]')).toContain(amara.displayName);
    expect(storedPo(key)).toBe(amara.accountId);
    // The section behind the modal heard the app's change event and reloaded, without a page reload.
    await poll(() => text(frame, 'context-owner')).toContain(amara.displayName);
    expect(await ownerState(frame)).toBe('eligible');
    await page.close();
  });

  it('opens the full view in a modal, and passes an axe scan in light and dark with the section', async () => {
    for (const colorMode of ['light', 'dark'] as const) {
      const page = await newPage(sandbox, { actAs: admin.accountId, colorMode });
      const frame = await openIssueContext(page, sandbox, DEMO.issues.coveredStory);
      expect(await frame.evaluate(() => document.documentElement.dataset.colorMode)).toBe(colorMode);
      await expectNoSeriousFindings(frame, `issue context, ${colorMode}`);
      await screenshot(page, `issue-context-story-${colorMode}`, { forDocs: true });
      await frame.click('[data-testid="context-open-full"]');
      const modal = await modalFrame(page);
      expect(await modal.$('[data-testid="panel-history"]')).not.toBeNull();
      expect(await modal.$('[data-testid="panel-waivers"]')).not.toBeNull();
      await expectNoSeriousFindings(modal, `full view modal, ${colorMode}`);
      await screenshot(page, `issue-context-full-view-${colorMode}`, { forDocs: true });
      await modal.click('[data-testid="modal-close"]');
      await page.waitForSelector('.modal-backdrop', { state: 'detached' });
      await page.close();
    }
  });

  it('shows the full view as the issue panel after its button, and passes an axe scan in light and dark', async () => {
    for (const colorMode of ['light', 'dark'] as const) {
      const page = await newPage(sandbox, { actAs: admin.accountId, colorMode });
      const frame = await panelFrame(page, DEMO.issues.coveredEpic);
      await frame.waitForSelector('[data-testid="panel-owner"]');
      expect(await frame.$('[data-testid="panel-history"]')).not.toBeNull();
      await expectNoSeriousFindings(frame, `issue panel, ${colorMode}`);
      await screenshot(page, `issue-panel-full-view-${colorMode}`, { forDocs: true });
      await page.close();
    }
  });
});

/** The issue panel's frame (added with the app's button under the summary), not the context section's. */
async function panelFrame(page: Page, issueKey: string): Promise<Frame> {
  await openIssuePanel(page, sandbox, issueKey);
  const handle = await page.waitForSelector('.issue-panels iframe[data-frame]');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('panel iframe has no frame');
  return frame;
}
