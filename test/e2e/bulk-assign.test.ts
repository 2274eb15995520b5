// Bulk assignment on the Alignment page in the sandbox: the local Forge host runs the real bulk resolvers and
// the bulk queue consumer against the embedded demo site, driven as a user would — picking stories on the gap
// list, a preview that names the one story the user may not edit, the job followed to its result; replace X
// with Y, then its undo; and a story someone else assigns between the preview and the apply, left as they set
// it (CONFLICT, naming who holds it now). Screenshots of each (UPDATE_DOC_SCREENSHOTS=1 copies them to
// docs/screenshots).
//
// Jira grants Edit Issues per issue as well as per project: a workflow status's jira.permission.edit.denied
// takes it away on that status's issues. The site models it (status Approved): the locked story is moved there.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Frame, Page } from 'playwright-core';
import { describeIf, poll } from '../support/jest-helpers';
import { launchChromium } from '../support/chromium';
import { startHost } from '../../sandbox/host';
import { DEMO, startSite } from '../../sandbox/site';
import { STATUS_IDS } from '../../sandbox/site/catalog';
import type { SiteIssue } from '../../sandbox/site/model';
import { HAS_CHROMIUM, appFrame, newPage, screenshot, seriousAxeFindings, type Sandbox } from './support';

/** The first scan and each job run against the embedded site: wait this long for results. */
const RESULTS_TIMEOUT = 60_000;
const JOB_TIMEOUT = 60_000;

const admin = DEMO.adminUser.accountId;
const sam = DEMO.people.poDirect;
const amara = DEMO.people.poViaGroup;

let sandbox: Sandbox;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  const site = await startSite({ dataDir: null, port: 0 });
  const host = await startHost({
    port: 0,
    dataDir: null,
    site: { url: site.url, secret: site.secret, state: site.state },
    log: () => {},
  });
  for (const user of DEMO.users) await host.viewer.setConsent(user.accountId, true);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  sandbox = {
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
});
afterAll(async () => {
  await sandbox?.close();
});

function pageModuleKey(): string {
  const module = sandbox.host.manifest.uiModules.find((m) => m.type === 'jira:projectPage');
  if (!module) throw new Error('manifest.yml has no project page');
  return module.key;
}

async function openAlignment(colorMode: 'light' | 'dark'): Promise<{ page: Page; frame: Frame }> {
  const page = await newPage(sandbox, { colorMode, actAs: admin });
  await page.goto(`${sandbox.host.url}/jira/software/projects/${DEMO.projectKey}/apps/${pageModuleKey()}`);
  const frame = await appFrame(page);
  await frame.waitForSelector('[data-testid="gap-row"]', { timeout: RESULTS_TIMEOUT });
  return { page, frame };
}

const issueByKey = (key: string): SiteIssue => {
  const issue = [...sandbox.site.state.issues.values()].find((i) => i.key === key);
  if (!issue) throw new Error(`no issue ${key}`);
  return issue;
};
const slotOf = (issue: SiteIssue, slot: 'pm' | 'po'): string | undefined =>
  (
    issue.properties.get(DEMO.propertyKey) as Record<string, { accountId?: string } | undefined> | undefined
  )?.[slot]?.accountId;

/** Picks a person in one of the bulk dialog's pickers: types, then chooses the option naming them. */
async function pick(frame: Frame, label: string, text: string, name: string): Promise<void> {
  const input = frame.getByLabel(label, { exact: true });
  await input.fill(text);
  const option = frame.locator('dialog').getByRole('option').filter({ hasText: name }).first();
  await option.waitFor({ timeout: 10_000 });
  await option.click();
}

const rowsOf = (frame: Frame, testId: string, attribute: string) =>
  frame
    .getByTestId(testId)
    .evaluateAll(
      (rows, name) => rows.map((r) => `${r.getAttribute('data-issue')} ${r.getAttribute(name)}`),
      attribute,
    );

/** The dialog in the host page's viewport (Jira sizes the frame to the page), for a screenshot. */
async function showDialog(frame: Frame): Promise<void> {
  await frame.locator('dialog').scrollIntoViewIfNeeded();
}

describeIf(HAS_CHROMIUM)('bulk assignment in the sandbox', () => {
  it('previews a PO for three stories, naming the one the user may not edit, and writes the other two', async () => {
    const { page, frame } = await openAlignment('light');
    await frame.getByTestId('page-code-STORY_WITHOUT_PO').click();
    await poll(() =>
      frame.$$eval('[data-testid="gap-row"]', (rows) =>
        rows.every((r) => r.dataset.code === 'STORY_WITHOUT_PO'),
      ),
    ).toBe(true);
    const keys = (
      await frame.$$eval('[data-testid="gap-row"]', (rows) =>
        rows.map((r) => r.getAttribute('data-issue') ?? ''),
      )
    ).slice(0, 3);
    expect(keys).toHaveLength(3);
    const stories = keys.map(issueByKey);
    const lockedStory = stories[1] as SiteIssue;
    // Approved: a status whose jira.permission.edit.denied makes its issues read-only for everyone.
    sandbox.site.state.transitionIssue(lockedStory, STATUS_IDS.approved, admin);
    for (const story of stories) expect(slotOf(story, 'po')).toBeUndefined();

    for (const key of keys) await frame.getByRole('checkbox', { name: `Select ${key}` }).check();
    expect(await frame.getByTestId('bulk-selected-count').textContent()).toBe('3 selected');
    await frame.getByTestId('bulk-assign-open').click();
    await pick(frame, 'Assign to (a PO)', 'Sam', sam.displayName);

    const summary = frame.getByTestId('bulk-preview-summary');
    await summary.waitFor({ timeout: RESULTS_TIMEOUT });
    expect(await summary.textContent()).toBe('2 will be assigned, 1 refused (3 issues in all)');
    expect((await rowsOf(frame, 'bulk-preview-row', 'data-outcome'))[0]).toBe(`${lockedStory.key} refused`);
    const why = frame.getByTestId('bulk-preview-row').first().getByTestId('bulk-why');
    expect(await why.getAttribute('data-reason')).toBe('NO_EDIT_PERMISSION');
    expect(await why.textContent()).toContain('You may not edit this issue');
    expect(await frame.getByTestId('bulk-apply').textContent()).toBe('Apply to 2 issues');
    expect(await seriousAxeFindings(frame)).toEqual([]);
    await showDialog(frame);
    await screenshot(page, 'alignment-bulk-preview-light', { forDocs: true });

    await frame.getByTestId('bulk-apply').click();
    const outcome = frame.getByTestId('bulk-job-outcome');
    await outcome.waitFor({ timeout: JOB_TIMEOUT });
    expect(await outcome.getAttribute('aria-label')).toBe('2 of 3 issues changed, 1 not: see why below');
    const states = await rowsOf(frame, 'bulk-job-row', 'data-state');
    expect([...states].sort()).toEqual(
      stories.map((s) => `${s.key} ${s === lockedStory ? 'refused' : 'verified'}`).sort(),
    );
    expect(states[0]).toBe(`${lockedStory.key} refused`);
    // Written as the job says, and only there.
    for (const story of stories)
      expect(slotOf(story, 'po')).toBe(story === lockedStory ? undefined : sam.accountId);
    expect(await seriousAxeFindings(frame)).toEqual([]);
    await showDialog(frame);
    await screenshot(page, 'alignment-bulk-result-light', { forDocs: true });

    await frame.getByTestId('bulk-close').click();
    await poll(() => frame.locator('dialog').count()).toBe(0);
    expect(await frame.getByTestId('bulk-bar').count()).toBe(0);
    await page.close();
  }, 240_000);

  it('replaces one PO with another on every open slot, then undoes it', async () => {
    const { page, frame } = await openAlignment('dark');
    const open = (issue: SiteIssue) =>
      issue.projectId === DEMO.projectId && issue.statusId !== STATUS_IDS.done;
    const samsOpen = [...sandbox.site.state.issues.values()].filter(
      (i) => open(i) && (slotOf(i, 'po') === sam.accountId || slotOf(i, 'pm') === sam.accountId),
    );
    expect(samsOpen.length).toBeGreaterThan(2);

    await frame.getByTestId('bulk-replace-open').click();
    await pick(frame, 'Replace', 'Sam', sam.displayName);
    await pick(frame, 'With', 'Amara', amara.displayName);
    const summary = frame.getByTestId('bulk-preview-summary');
    await summary.waitFor({ timeout: RESULTS_TIMEOUT });
    const count = async (name: string): Promise<number> =>
      Number(
        (
          await frame.getByTestId('bulk-preview-counts').locator(`[data-count="${name}"] dd`).textContent()
        )?.replace(/\D/g, ''),
      );
    const counts = {
      assign: await count('assign'),
      unchanged: await count('unchanged'),
      refused: await count('refused'),
    };
    expect(counts.assign).toBeGreaterThan(0);
    expect(counts.assign + counts.unchanged + counts.refused).toBe(samsOpen.length);
    expect(await seriousAxeFindings(frame)).toEqual([]);
    await showDialog(frame);
    await screenshot(page, 'alignment-bulk-replace-dark', { forDocs: true });

    await frame.getByTestId('bulk-apply').click();
    const outcome = frame.getByTestId('bulk-job-outcome');
    await outcome.waitFor({ timeout: JOB_TIMEOUT });
    const moved = (await rowsOf(frame, 'bulk-job-row', 'data-state'))
      .filter((row) => row.endsWith(' verified'))
      .map((row) => issueByKey(row.split(' ')[0] ?? ''));
    expect(moved).toHaveLength(counts.assign);
    for (const issue of moved) expect([slotOf(issue, 'po'), slotOf(issue, 'pm')]).toContain(amara.accountId);

    await frame.getByTestId('bulk-undo').click();
    // The undo is a job of its own, followed in the same place until it finishes.
    await poll(() => frame.getByTestId('bulk-job').getByRole('heading').first().textContent(), {
      timeout: JOB_TIMEOUT,
    }).toBe('Undo of an earlier change: finished');
    expect(await frame.getByTestId('bulk-job-outcome').getAttribute('aria-label')).toBe(
      `All ${moved.length} issues changed`,
    );
    for (const issue of moved) expect([slotOf(issue, 'po'), slotOf(issue, 'pm')]).toContain(sam.accountId);
    expect(await seriousAxeFindings(frame)).toEqual([]);
    await showDialog(frame);
    await screenshot(page, 'alignment-bulk-undo-dark', { forDocs: true });

    // Both jobs are in the recent changes; the replace, undone, can no longer be undone.
    await frame.getByTestId('bulk-close').click();
    await frame.getByTestId('bulk-jobs-toggle').click();
    const row = (title: string) => frame.getByTestId('bulk-jobs-row').filter({ hasText: title });
    await row('Undo of an earlier change').waitFor();
    expect(await row(`Replace with ${amara.displayName}`).count()).toBe(1);
    expect(await row(`Replace with ${amara.displayName}`).getByTestId('bulk-jobs-undo').count()).toBe(0);
    // The first test's assignment, made by the same user, still can be.
    expect(await row(`Assign ${sam.displayName}`).getByTestId('bulk-jobs-undo').count()).toBe(1);
    await page.close();
  }, 240_000);

  it('leaves a story someone assigned after the preview as they set it, naming them, and writes the other', async () => {
    const { page, frame } = await openAlignment('light');
    // Two editable stories a PO gap names, whose PO is not Amara (the first test wrote or locked some).
    const storyCodes = new Set(['STORY_WITHOUT_PO', 'PO_NOT_ELIGIBLE', 'STORY_WITHOUT_EPIC']);
    const rows = await frame.$$eval('[data-testid="gap-row"]', (all) =>
      all.map((r) => [r.getAttribute('data-issue') ?? '', r.dataset.code ?? ''] as const),
    );
    const keys = [
      ...new Set(
        rows
          .filter(([key]) => {
            // Every gap of the issue a story's: no ROLE_MISPLACED or OWNERSHIP_INVALID beside it.
            if (!rows.every(([other, code]) => other !== key || storyCodes.has(code))) return false;
            const issue = issueByKey(key);
            return issue.statusId !== STATUS_IDS.approved && slotOf(issue, 'po') !== amara.accountId;
          })
          .map(([key]) => key),
      ),
    ].slice(0, 2);
    expect(keys).toHaveLength(2);
    const stories = keys.map(issueByKey);
    for (const key of keys)
      await frame
        .getByRole('checkbox', { name: `Select ${key}` })
        .first()
        .check();
    await frame.getByTestId('bulk-assign-open').click();
    await pick(frame, 'Assign to (a PO)', 'Amara', amara.displayName);
    const summary = frame.getByTestId('bulk-preview-summary');
    await summary.waitFor({ timeout: RESULTS_TIMEOUT });
    expect(await summary.textContent()).toBe('2 will be assigned (2 issues in all)');

    // Meanwhile Sam makes himself the PO of the second story, from its own Role Split section.
    const taken = stories[1] as SiteIssue;
    sandbox.site.state.setIssueProperty(
      taken,
      DEMO.propertyKey,
      { schema: 1, po: { accountId: sam.accountId, setBy: sam.accountId, setAt: new Date().toISOString() } },
      sam.accountId,
    );

    await frame.getByTestId('bulk-apply').click();
    const outcome = frame.getByTestId('bulk-job-outcome');
    await outcome.waitFor({ timeout: JOB_TIMEOUT });
    expect(await outcome.getAttribute('aria-label')).toBe('1 of 2 issues changed, 1 not: see why below');
    const row = frame.getByTestId('bulk-job-row').first();
    expect(await row.getAttribute('data-issue')).toBe(taken.key);
    expect(await row.getByTestId('bulk-why').getAttribute('data-reason')).toBe('CONFLICT');
    expect(await row.textContent()).toContain(
      `Someone changed its PO after your preview: ${sam.displayName} now, so it was left as they set it.`,
    );
    expect(slotOf(taken, 'po')).toBe(sam.accountId);
    expect(slotOf(stories[0] as SiteIssue, 'po')).toBe(amara.accountId);
    await page.mouse.move(0, 0);
    expect(await seriousAxeFindings(frame)).toEqual([]);
    await page.close();
  }, 240_000);
});
