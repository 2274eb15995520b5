// Bulk assignment on the Alignment page (built Custom UI in headless Chromium) against canned answers of the
// bulk resolvers: picking issues by keyboard, a selection mixing epics and stories, a preview with a refused
// issue, apply with the job's progress and result, "Assign PO to stories without one…", replace X with Y and
// its undo, the recent changes, errors of every call, Escape and focus, axe in light and dark.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page as PlaywrightPage } from 'playwright-core';
import type {
  BulkJobRowView,
  BulkJobView,
  BulkPreviewRow,
  BulkPreviewView,
} from '../../../src/contract/bulk';
import type { PersonView } from '../../../src/contract';
import { describeIf, poll } from '../../support/jest-helpers';
import { CHROMIUM, CustomUiHarness, type Answer, type OpenedView } from './custom-ui-harness';
import { epicRow, gapRow, page, status, storyRow, summary, waivedRow } from './alignment.fixtures';
import { people } from './views.fixtures';

const root = join(import.meta.dirname, '../../..');
const canRun = existsSync(CHROMIUM);
if (!canRun) console.warn(`Bulk assignment browser tests skipped: ${CHROMIUM} not found.`);

const ok = (data: unknown): Answer => ({ envelope: { ok: true, data } });
const fail = (code: string, message: string): Answer => ({
  envelope: { ok: false, error: { code, message } },
});

const sam: PersonView = { accountId: 'acc-sam', displayName: 'Sam Whitaker', eligible: true, reason: null };
const priya: PersonView = {
  accountId: 'acc-priya',
  displayName: 'Priya Natarajan',
  eligible: true,
  reason: null,
};

/** Gap rows: two stories without a PO, one with an ineligible PO (Cyrus), and an epic without a PM. */
const GAPS = [
  gapRow(1, 'STORY_WITHOUT_PO'),
  gapRow(2, 'STORY_WITHOUT_PO'),
  gapRow(3, 'PO_NOT_ELIGIBLE'),
  gapRow(4, 'EPIC_WITHOUT_PM'),
];

function previewRow(i: number, over: Partial<BulkPreviewRow> = {}): BulkPreviewRow {
  return {
    issueId: String(30000 + i),
    issueKey: `SHOP-${100 + i}`,
    summary: `Summary ${i}`,
    slot: 'po',
    current: null,
    outcome: 'assign',
    reason: null,
    message: null,
    ...over,
  };
}

/** SHOP-102 refused (the viewer may not edit it), SHOP-101 and SHOP-103 assigned. */
function preview(over: Partial<BulkPreviewView> = {}): BulkPreviewView {
  return {
    previewId: 'preview-0001',
    person: sam,
    total: 3,
    counts: { assign: 2, clear: 0, unchanged: 0, refused: 1 },
    refusedBy: { NO_EDIT_PERMISSION: 1 },
    rows: [
      previewRow(2, {
        outcome: 'refused',
        reason: 'NO_EDIT_PERMISSION',
        message: 'You may not edit SHOP-102.',
      }),
      previewRow(1),
      previewRow(3, { current: people.cyrus }),
    ],
    ...over,
  };
}

function jobRow(i: number, over: Partial<BulkJobRowView> = {}): BulkJobRowView {
  return {
    issueId: String(30000 + i),
    issueKey: `SHOP-${100 + i}`,
    slot: 'po',
    from: null,
    to: sam.accountId,
    state: 'verified',
    reason: null,
    message: null,
    ...over,
  };
}

function job(over: Partial<BulkJobView> = {}): BulkJobView {
  return {
    id: 'job-00000001',
    kind: 'assign',
    undoOf: null,
    state: 'done',
    createdAt: '2026-11-30T10:00:00.000Z',
    finishedAt: '2026-11-30T10:00:05.000Z',
    by: people.ana,
    to: sam,
    counts: { pending: 0, written: 0, verified: 2, refused: 1 },
    total: 3,
    canUndo: true,
    rows: [
      jobRow(2, { state: 'refused', reason: 'NO_EDIT_PERMISSION', message: 'You may not edit SHOP-102.' }),
      jobRow(1),
      jobRow(3, { from: people.cyrus.accountId }),
    ],
    nextCursor: null,
    error: null,
    ...over,
  };
}

/** A job as `bulk/list-jobs` lists it (no rows). */
function summaryOf(view: BulkJobView): Omit<BulkJobView, 'rows' | 'nextCursor'> {
  const { rows: _rows, nextCursor: _cursor, ...rest } = view;
  return rest;
}

const running = (over: Partial<BulkJobView> = {}) =>
  job({
    state: 'running',
    finishedAt: null,
    canUndo: false,
    counts: { pending: 1, written: 0, verified: 1, refused: 1 },
    rows: [
      jobRow(2, { state: 'refused', reason: 'NO_EDIT_PERMISSION' }),
      jobRow(1),
      jobRow(3, { state: 'pending' }),
    ],
    ...over,
  });

function answers(over: Record<string, Answer[]> = {}): Record<string, Answer[]> {
  return {
    'project/get-status': [ok(status({ canAdminister: true }))],
    'project/get-summary': [ok(summary())],
    'project/list-gaps': [ok(page(GAPS))],
    'project/list-epics': [ok(page([epicRow()]))],
    'project/list-epic-stories': [ok(page([storyRow(0), storyRow(1)]))],
    'project/list-waived': [ok(page([waivedRow()]))],
    'bulk/search-people': [ok({ people: [sam] })],
    'bulk/preview': [ok(preview())],
    'bulk/apply': [ok({ jobId: 'job-00000001' })],
    'bulk/get-job': [ok(job())],
    'bulk/list-jobs': [ok({ jobs: [] })],
    ...over,
  };
}

describeIf(canRun)('Bulk assignment on the Alignment page', () => {
  const harness = new CustomUiHarness();
  let view: OpenedView | null = null;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'pipe' });
    await harness.start(join(root, 'static/build'));
  });

  afterAll(() => harness.stop());

  afterEach(async () => {
    if (!view) return;
    const troubles = await view.troubles();
    await view.close();
    view = null;
    expect(troubles).toEqual([]);
  });

  const open = async (byKey: Record<string, Answer[]>, colorMode: 'light' | 'dark' = 'light') =>
    (view = await harness.open({ module: 'jira:projectPage', answers: ['throw'], byKey, colorMode }, 1280));
  const payloads = async (v: OpenedView, key: string) =>
    (await v.calls('invoke'))
      .map((c) => c.payload as { functionKey: string; payload: unknown })
      .filter((c) => c.functionKey === key)
      .map((c) => c.payload);
  const gapsLoaded = (p: PlaywrightPage) => poll(() => p.getByTestId('gap-row').count()).toBe(GAPS.length);
  const checkbox = (p: PlaywrightPage, issueKey: string) =>
    p.getByRole('checkbox', { name: `Select ${issueKey}` });
  /**
   * Picks a person in a bulk picker: type, wait for the option, Enter when it is the first (the keyboard
   * path), a click otherwise (the canned search answers the same people whatever is typed).
   */
  const pick = async (p: PlaywrightPage, label: string, text: string, name: string) => {
    const input = p.getByLabel(label, { exact: true });
    await input.fill(text);
    const options = p.locator('dialog').getByRole('option');
    await poll(() =>
      options
        .filter({ hasText: name })
        .count()
        .then((n) => n > 0),
    ).toBe(true);
    if ((await options.first().textContent())?.includes(name)) await input.press('Enter');
    else await options.filter({ hasText: name }).first().click();
  };
  const previewRows = (p: PlaywrightPage) =>
    p
      .getByTestId('bulk-preview-row')
      .evaluateAll((rows) =>
        rows.map((r) => `${r.getAttribute('data-issue')} ${r.getAttribute('data-outcome')}`),
      );

  const axe = async (p: PlaywrightPage) => {
    await p.evaluate(readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    return p.evaluate(async () => {
      const result = await (
        globalThis as unknown as {
          axe: {
            run(
              context: unknown,
              options: unknown,
            ): Promise<{
              violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }>;
            }>;
          };
        }
      ).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
  };

  describe('picking issues', () => {
    it('selects rows by keyboard, all shown at once, counts an issue once, and clears', async () => {
      const twice = [...GAPS, gapRow(1, 'STORY_WITHOUT_EPIC')]; // SHOP-101 under two gaps
      const { page: p } = await open(answers({ 'project/list-gaps': [ok(page(twice))] }));
      await poll(() => p.getByTestId('gap-row').count()).toBe(5);
      expect(await p.getByTestId('bulk-bar').count()).toBe(0);
      await checkbox(p, 'SHOP-101').first().focus();
      await p.keyboard.press('Space');
      await poll(() => p.getByTestId('bulk-selected-count').textContent()).toBe('1 selected');
      // Both rows of SHOP-101 show it picked.
      expect(await checkbox(p, 'SHOP-101').nth(1).isChecked()).toBe(true);
      const all = p.getByTestId('bulk-select-all');
      expect(await all.evaluate((el) => (el as HTMLInputElement).indeterminate)).toBe(true);
      await all.focus();
      await p.keyboard.press('Space');
      await poll(() => p.getByTestId('bulk-selected-count').textContent()).toBe('4 selected');
      expect(await all.isChecked()).toBe(true);
      await p.keyboard.press('Space');
      await poll(() => p.getByTestId('bulk-bar').count()).toBe(0);
      await checkbox(p, 'SHOP-102').check();
      await checkbox(p, 'SHOP-103').check();
      await p.getByTestId('bulk-clear-selection').click();
      await poll(() => p.getByTestId('bulk-bar').count()).toBe(0);
      expect(await checkbox(p, 'SHOP-102').isChecked()).toBe(false);
    });

    it('says when a selection mixes epics and stories, and narrows it to the stories', async () => {
      const opened = await open(answers());
      const { page: p } = opened;
      await gapsLoaded(p);
      await checkbox(p, 'SHOP-101').check();
      await checkbox(p, 'SHOP-104').check(); // the epic
      await p.getByTestId('bulk-assign-open').click();
      const notice = p.getByTestId('bulk-mixed-notice');
      await poll(() => notice.textContent()).toContain('1 epic or initiative takes a PM; 1 story takes a PO');
      expect(await p.getByTestId('bulk-assign-dialog').getByRole('heading').first().textContent()).toBe(
        'Assign an owner to 2 issues',
      );
      // The role to search is asked (PO first); choosing PM searches the PM role.
      await p.getByTestId('bulk-role-pm').check();
      await poll(async () => (await payloads(opened, 'bulk/search-people')).at(-1)).toEqual({
        role: 'pm',
        query: '',
      });
      await p.getByTestId('bulk-narrow-po').click();
      await poll(() => p.getByTestId('bulk-mixed').count()).toBe(0);
      expect(await p.getByTestId('bulk-assign-dialog').getByRole('heading').first().textContent()).toBe(
        'Assign an owner to 1 issue',
      );
      await poll(async () => (await payloads(opened, 'bulk/search-people')).at(-1)).toEqual({
        role: 'po',
        query: '',
      });
      // Focus moved on to the picker, so the keyboard path goes on.
      await poll(() => p.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
      await pick(p, 'Assign to (a PO)', 'Sam', 'Sam Whitaker');
      await poll(() => payloads(opened, 'bulk/preview')).toEqual([
        { target: { kind: 'issues', issueIds: ['30001'] }, accountId: 'acc-sam' },
      ]);
    });
  });

  describe('preview and apply', () => {
    it('previews with the refused issue first in words, applies, follows the job and shows every outcome', async () => {
      const opened = await open(
        answers({
          'bulk/get-job': [
            ok(running({ state: 'queued', counts: { pending: 3, written: 0, verified: 0, refused: 0 } })),
            ok(running()),
            ok(job()),
          ],
        }),
      );
      const { page: p } = opened;
      await gapsLoaded(p);
      for (const key of ['SHOP-101', 'SHOP-102', 'SHOP-103']) await checkbox(p, key).check();
      await p.getByTestId('bulk-assign-open').click();
      expect(await p.getByTestId('bulk-mixed').count()).toBe(0);
      expect(await p.getByTestId('bulk-preview-hint').textContent()).toContain(
        'Nothing is written until you apply',
      );
      expect(await p.getByTestId('bulk-apply').isDisabled()).toBe(true);
      await pick(p, 'Assign to (a PO)', 'Sa', 'Sam Whitaker');
      await poll(() => p.getByTestId('bulk-preview-summary').textContent()).toBe(
        '2 will be assigned, 1 refused (3 issues in all)',
      );
      expect(await payloads(opened, 'bulk/preview')).toEqual([
        { target: { kind: 'issues', issueIds: ['30001', '30002', '30003'] }, accountId: 'acc-sam' },
      ]);
      expect((await payloads(opened, 'bulk/search-people')).at(-1)).toEqual({ role: 'po', query: 'Sa' });
      expect(await previewRows(p)).toEqual(['SHOP-102 refused', 'SHOP-101 assign', 'SHOP-103 assign']);
      const why = p.getByTestId('bulk-preview-row').first().getByTestId('bulk-why');
      expect(await why.textContent()).toContain('You may not edit this issue, so you cannot set its PO.');
      expect(await why.textContent()).toContain('Ask someone who can edit it');
      expect(await p.getByTestId('bulk-preview-refused').textContent()).toContain(
        '1 of 3 issues will not be changed',
      );
      expect(await p.locator('[data-testid="bulk-preview-refused"] li').allTextContents()).toEqual([
        '1 issue: you may not edit it',
      ]);
      const apply = p.getByTestId('bulk-apply');
      expect(await apply.textContent()).toBe('Apply to 2 issues');
      await apply.click();
      await poll(() => payloads(opened, 'bulk/apply')).toEqual([
        {
          target: { kind: 'issues', issueIds: ['30001', '30002', '30003'] },
          accountId: 'acc-sam',
          previewId: 'preview-0001',
        },
      ]);
      // Progress while it runs: issues finished either way, of all.
      await poll(() => p.getByTestId('bulk-job-progress').textContent()).toContain(
        '1 done, 1 not changed, 1 to go',
      );
      const bar = p.getByRole('progressbar', { name: 'Issues finished' });
      expect(await bar.getAttribute('aria-valuenow')).toBe('2');
      expect(await bar.getAttribute('aria-valuemax')).toBe('3');
      // Then the result: a partial success, the refused issue named with why.
      const outcome = p.getByTestId('bulk-job-outcome');
      await poll(() => outcome.getAttribute('aria-label'), { timeout: 10_000 }).toBe(
        '2 of 3 issues changed, 1 not: see why below',
      );
      expect(await outcome.textContent()).toContain('update after the rescan');
      const states = await p
        .getByTestId('bulk-job-row')
        .evaluateAll((rows) =>
          rows.map((r) => `${r.getAttribute('data-issue')} ${r.getAttribute('data-state')}`),
        );
      expect(states).toEqual(['SHOP-102 refused', 'SHOP-101 verified', 'SHOP-103 verified']);
      expect(await p.getByTestId('bulk-job-row').first().textContent()).toContain('You may not edit it');
      // The finished result has the focus; polling stopped.
      expect(await p.evaluate(() => document.activeElement?.textContent)).toBe(
        'Assign Sam Whitaker: finished',
      );
      const asked = (await payloads(opened, 'bulk/get-job')).length;
      expect(asked).toBe(3);
      expect((await payloads(opened, 'bulk/get-job'))[0]).toEqual({ jobId: 'job-00000001' });
      await p.waitForTimeout(3_500);
      expect((await payloads(opened, 'bulk/get-job')).length).toBe(asked);
      // Closing spends the selection.
      await p.getByTestId('bulk-close').click();
      await poll(() => p.getByTestId('bulk-assign-dialog').count()).toBe(0);
      expect(await p.getByTestId('bulk-bar').count()).toBe(0);
    });

    it('goes from picking to the result by keyboard alone', async () => {
      const opened = await open(answers());
      const { page: p } = opened;
      await gapsLoaded(p);
      await checkbox(p, 'SHOP-101').focus();
      await p.keyboard.press('Space');
      await p.keyboard.press('ArrowDown'); // a checkbox ignores arrows: focus stays
      await checkbox(p, 'SHOP-102').focus();
      await p.keyboard.press('Space');
      const focusedTestId = () => p.evaluate(() => document.activeElement?.getAttribute('data-testid'));
      /** Tabs forward until the element with this test id has the focus (at most `limit` presses). */
      const tabTo = async (testId: string, limit = 40) => {
        for (let n = 0; n < limit && (await focusedTestId()) !== testId; n++) await p.keyboard.press('Tab');
        expect(await focusedTestId()).toBe(testId);
      };
      await p.keyboard.press('Shift+Tab');
      await tabTo('bulk-assign-open');
      await p.keyboard.press('Enter');
      // The picker has the focus: open its list of the role's people, pick with Enter.
      await poll(() => p.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
      await poll(() => payloads(opened, 'bulk/search-people')).toEqual([{ role: 'po', query: '' }]);
      await p.keyboard.press('ArrowDown');
      await poll(() => p.locator('dialog').getByRole('option').textContent()).toContain('Sam Whitaker');
      await p.keyboard.press('Enter');
      await poll(() => p.getByTestId('bulk-apply').textContent()).toBe('Apply to 2 issues');
      await tabTo('bulk-apply');
      await p.keyboard.press('Enter');
      await poll(() => payloads(opened, 'bulk/apply')).toEqual([
        {
          target: { kind: 'issues', issueIds: ['30001', '30002'] },
          accountId: 'acc-sam',
          previewId: 'preview-0001',
        },
      ]);
      await poll(() => p.getByTestId('bulk-job-outcome').count()).toBe(1);
      await tabTo('bulk-close');
      await p.keyboard.press('Enter');
      await poll(() => p.getByTestId('bulk-assign-dialog').count()).toBe(0);
    });

    for (const colorMode of ['light', 'dark'] as const) {
      it(`applies the preview shown, and a CONFLICT row says who changed the owner after it (${colorMode})`, async () => {
        const conflicted = job({
          counts: { pending: 0, written: 0, verified: 2, refused: 1 },
          rows: [
            jobRow(3, {
              state: 'refused',
              reason: 'CONFLICT',
              from: priya.accountId,
              holder: priya,
              message:
                'Someone changed the PO of SHOP-103 after your preview, so it was left as they set it.',
            }),
            jobRow(1),
            jobRow(2),
          ],
        });
        const opened = await open(
          answers({
            'bulk/preview': [
              ok(
                preview({
                  previewId: 'preview-0042',
                  counts: { assign: 3, clear: 0, unchanged: 0, refused: 0 },
                  refusedBy: {},
                  rows: [previewRow(1), previewRow(2), previewRow(3)],
                }),
              ),
            ],
            'bulk/get-job': [ok(conflicted)],
          }),
          colorMode,
        );
        const { page: p } = opened;
        await gapsLoaded(p);
        for (const key of ['SHOP-101', 'SHOP-102', 'SHOP-103']) await checkbox(p, key).check();
        await p.getByTestId('bulk-assign-open').click();
        await pick(p, 'Assign to (a PO)', 'Sam', 'Sam Whitaker');
        await poll(() => p.getByTestId('bulk-apply').textContent()).toBe('Apply to 3 issues');
        await p.getByTestId('bulk-apply').click();
        // The apply names the preview on screen: the job holds each slot to who held it there.
        await poll(() => payloads(opened, 'bulk/apply')).toEqual([
          {
            target: { kind: 'issues', issueIds: ['30001', '30002', '30003'] },
            accountId: 'acc-sam',
            previewId: 'preview-0042',
          },
        ]);
        await poll(() => p.getByTestId('bulk-job-outcome').getAttribute('aria-label')).toBe(
          '2 of 3 issues changed, 1 not: see why below',
        );
        const row = p.getByTestId('bulk-job-row').first();
        expect(await row.getAttribute('data-issue')).toBe('SHOP-103');
        expect(await row.getAttribute('data-state')).toBe('refused');
        expect(await row.getByTestId('bulk-why').getAttribute('data-reason')).toBe('CONFLICT');
        const text = await row.textContent();
        expect(text).toContain('Changed meanwhile');
        expect(text).toContain(
          'Someone changed its PO after your preview: Priya Natarajan now, so it was left as they set it.',
        );
        expect(text).toContain('Nothing was overwritten.');
        // The backend's sentence only repeats it: not shown twice.
        expect(text).not.toContain('SHOP-103 after your preview');
        // The pointer left where Apply was, over a row's link, would be hover styling: checked at rest.
        await p.mouse.move(0, 0);
        expect(await axe(p)).toEqual([]);
      });
    }

    it('asks to preview again when the preview is too old, then applies the new one', async () => {
      const opened = await open(
        answers({
          'bulk/preview': [ok(preview()), ok(preview({ previewId: 'preview-0002' }))],
          'bulk/apply': [
            fail(
              'BAD_REQUEST',
              'This preview is more than 15 minutes old. Preview again, check what would change, then apply.',
            ),
            ok({ jobId: 'job-00000001' }),
          ],
        }),
      );
      const { page: p } = opened;
      await gapsLoaded(p);
      for (const key of ['SHOP-101', 'SHOP-102', 'SHOP-103']) await checkbox(p, key).check();
      await p.getByTestId('bulk-assign-open').click();
      await pick(p, 'Assign to (a PO)', 'Sam', 'Sam Whitaker');
      await poll(() => p.getByTestId('bulk-apply').textContent()).toBe('Apply to 2 issues');
      await p.getByTestId('bulk-apply').click();
      const error = p.getByTestId('bulk-apply-error');
      await poll(() => error.textContent()).toContain('more than 15 minutes old');
      expect(await error.textContent()).toContain('Nothing was changed.');
      expect(await error.getAttribute('aria-label')).toBe('Preview again before applying');
      await error.getByRole('button', { name: 'Preview again' }).click();
      await poll(async () => (await payloads(opened, 'bulk/preview')).length).toBe(2);
      await poll(() => p.getByTestId('bulk-apply-error').count()).toBe(0);
      await poll(() => p.getByTestId('bulk-apply').isDisabled()).toBe(false);
      await p.getByTestId('bulk-apply').click();
      await poll(async () =>
        (await payloads(opened, 'bulk/apply')).map((x) => (x as { previewId: string }).previewId),
      ).toEqual(['preview-0001', 'preview-0002']);
      await poll(() => p.getByTestId('bulk-job-outcome').count()).toBe(1);
    });

    it('asks for a running job every 1.5 s, and not at all while the page is hidden', async () => {
      const opened = await open(answers({ 'bulk/get-job': [ok(running())] }));
      const { page: p } = opened;
      await gapsLoaded(p);
      await checkbox(p, 'SHOP-101').check();
      await p.getByTestId('bulk-assign-open').click();
      await pick(p, 'Assign to (a PO)', 'Sam', 'Sam Whitaker');
      await poll(() => p.getByTestId('bulk-apply').isDisabled()).toBe(false);
      await p.getByTestId('bulk-apply').click();
      await poll(() => p.getByTestId('bulk-job-progress').textContent()).toContain('1 to go');
      // In real time (the stand-in's answers and the page's timers run as they would).
      const asked = async () => (await payloads(opened, 'bulk/get-job')).length;
      const setVisibility = (state: 'hidden' | 'visible') =>
        p.evaluate((value) => {
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
          document.dispatchEvent(new Event('visibilitychange'));
        }, state);
      const before = await asked();
      await poll(async () => (await asked()) >= before + 2, { timeout: 8_000 }).toBe(true);
      await setVisibility('hidden');
      await p.waitForTimeout(500); // a request already on its way lands
      const whileHidden = await asked();
      await p.waitForTimeout(4_000); // more than two poll intervals
      expect(await asked()).toBe(whileHidden);
      // Back on the tab: asked at once, then on the interval again.
      await setVisibility('visible');
      await poll(asked, { timeout: 1_000 }).toBe(whileHidden + 1);
      await poll(async () => (await asked()) >= whileHidden + 2, { timeout: 5_000 }).toBe(true);
    });

    it('offers no Apply when nothing would change', async () => {
      const { page: p } = await open(
        answers({
          'bulk/preview': [
            ok(
              preview({
                total: 1,
                counts: { assign: 0, clear: 0, unchanged: 1, refused: 0 },
                refusedBy: {},
                rows: [previewRow(1, { outcome: 'unchanged', current: sam })],
              }),
            ),
          ],
        }),
      );
      await gapsLoaded(p);
      await checkbox(p, 'SHOP-101').check();
      await p.getByTestId('bulk-assign-open').click();
      await pick(p, 'Assign to (a PO)', 'Sam', 'Sam Whitaker');
      await poll(() => p.getByTestId('bulk-nothing-to-apply').textContent()).toBe('Nothing would change.');
      expect(await p.getByTestId('bulk-apply').isDisabled()).toBe(true);
      expect(await p.getByTestId('bulk-preview-counts').textContent()).toContain(
        'Unchanged (already Sam Whitaker)1',
      );
    });

    it('assigns a PO to an epic’s stories without one', async () => {
      const covered = epicRow({ issueId: '20020', issueKey: 'SHOP-20', storyCount: 2, storiesWithPo: 2 });
      // An initiative counts the stories beneath its epics, none of them its own children: nothing to offer.
      const initiative = epicRow({
        issueId: '20030',
        issueKey: 'SHOP-30',
        issueType: 'Initiative',
        level: 2,
        storyCount: 5,
        storiesWithPo: 1,
      });
      const opened = await open(
        answers({ 'project/list-epics': [ok(page([epicRow(), covered, initiative]))] }),
      );
      const { page: p } = opened;
      await poll(() => p.getByTestId('epic-row').count()).toBe(3);
      // Only the epic with stories lacking a PO offers it.
      const action = p.getByTestId('bulk-assign-epic');
      expect(await action.count()).toBe(1);
      expect(await p.getByTestId('epic-row').first().getByTestId('bulk-assign-epic').count()).toBe(1);
      expect(await action.textContent()).toBe('Assign PO to stories without one…');
      await action.click();
      await poll(() => p.getByTestId('bulk-target').textContent()).toContain('SHOP-12');
      await pick(p, 'Assign to (a PO)', 'Sam', 'Sam Whitaker');
      await poll(() => payloads(opened, 'bulk/preview')).toEqual([
        { target: { kind: 'epic-stories-without-po', epicId: '20012' }, accountId: 'acc-sam' },
      ]);
      await p.keyboard.press('Escape');
      await poll(() => p.getByTestId('bulk-assign-dialog').count()).toBe(0);
    });
  });

  describe('replace and undo', () => {
    it('replaces X with Y, including done issues, then undoes it as a job of its own', async () => {
      const replaced = job({
        kind: 'replace',
        counts: { pending: 0, written: 0, verified: 2, refused: 0 },
        total: 2,
        rows: [jobRow(3, { from: people.cyrus.accountId }), jobRow(5, { from: people.cyrus.accountId })],
      });
      const undone = job({
        id: 'job-00000002',
        kind: 'undo',
        undoOf: 'job-00000001',
        to: null,
        canUndo: false,
        counts: { pending: 0, written: 0, verified: 1, refused: 1 },
        total: 2,
        rows: [
          jobRow(5, {
            from: sam.accountId,
            to: people.cyrus.accountId,
            state: 'refused',
            reason: 'CONFLICT',
          }),
          jobRow(3, { from: sam.accountId, to: people.cyrus.accountId }),
        ],
      });
      const opened = await open(
        answers({
          'bulk/search-people': [ok({ people: [sam, priya] })],
          'bulk/preview': [
            ok(
              preview({
                total: 3,
                counts: { assign: 2, clear: 0, unchanged: 0, refused: 1 },
                refusedBy: { WRONG_ROLE_FOR_LEVEL: 1 },
                rows: [
                  // Cyrus sits in the PO slot of an epic (ROLE_MISPLACED): that slot is shown, and refused.
                  previewRow(7, {
                    issueType: 'Epic',
                    slot: 'po',
                    current: people.cyrus,
                    outcome: 'refused',
                    reason: 'WRONG_ROLE_FOR_LEVEL',
                    message: 'SHOP-107 is an Epic, which takes a PM: acc-cyrus is recorded as its PO.',
                  }),
                  previewRow(3, { current: people.cyrus }),
                  previewRow(5, { current: people.cyrus }),
                ],
              }),
            ),
          ],
          'bulk/get-job': [ok(replaced), ok(undone)],
          'bulk/undo': [ok({ jobId: 'job-00000002' })],
        }),
      );
      const { page: p } = opened;
      await gapsLoaded(p);
      await p.getByTestId('bulk-replace-open').click();
      // X: Cyrus is not in any role, but holds a slot on this page (the owner filter's options).
      await pick(p, 'Replace', 'Cyr', 'Cyrus Okafor');
      await pick(p, 'With', 'Sam', 'Sam Whitaker');
      const searched = await payloads(opened, 'bulk/search-people');
      expect(searched).toEqual(
        expect.arrayContaining([
          { role: 'pm', query: 'Cyr' },
          { role: 'po', query: 'Sam' },
        ]),
      );
      await poll(() => payloads(opened, 'bulk/preview')).toEqual([
        { target: { kind: 'replace', from: 'acc-cyrus', includeDone: false }, accountId: 'acc-sam' },
      ]);
      await p.getByLabel('Include done issues').check();
      await poll(async () => (await payloads(opened, 'bulk/preview')).at(-1)).toEqual({
        target: { kind: 'replace', from: 'acc-cyrus', includeDone: true },
        accountId: 'acc-sam',
      });
      await poll(() => p.getByTestId('bulk-apply').textContent()).toBe('Apply to 2 issues');
      const misplaced = p.locator('[data-testid="bulk-preview-row"][data-issue="SHOP-107"]');
      const cells = await misplaced.locator('td').allTextContents();
      expect(cells[2]).toBe('PO (misplaced)');
      expect(cells[3]).toContain('Cyrus Okafor');
      expect(cells[4]).toContain('Wrong slot for its level');
      expect(cells[4]).toContain('Cyrus Okafor is the PO of this Epic, a slot an epic does not have.');
      expect(cells[4]).toContain('Clear it in the issue’s Role Split section (an epic takes a PM)');
      expect(cells[4]).not.toContain('other role');
      await p.getByTestId('bulk-apply').click();
      await poll(() => payloads(opened, 'bulk/apply')).toEqual([
        { target: { kind: 'replace', from: 'acc-cyrus', includeDone: true }, accountId: 'acc-sam' },
      ]);
      await poll(() => p.getByTestId('bulk-job-outcome').getAttribute('aria-label')).toBe(
        'All 2 issues changed',
      );
      expect(await p.getByTestId('bulk-job').getByRole('heading').first().textContent()).toBe(
        'Replace with Sam Whitaker: finished',
      );
      await p.getByTestId('bulk-undo').click();
      await poll(() => payloads(opened, 'bulk/undo')).toEqual([{ jobId: 'job-00000001' }]);
      await poll(() => p.getByTestId('bulk-job').getAttribute('data-state')).toBe('done');
      await poll(() => p.getByTestId('bulk-job-outcome').getAttribute('aria-label')).toBe(
        '1 of 2 issues changed, 1 not: see why below',
      );
      expect((await payloads(opened, 'bulk/get-job')).at(-1)).toEqual({ jobId: 'job-00000002' });
      expect(await p.getByTestId('bulk-job-row').first().textContent()).toContain('Someone changed its PO');
      // An undo that cannot itself be undone offers no Undo.
      expect(await p.getByTestId('bulk-undo').count()).toBe(0);
    });

    it('offers “Replace <them> everywhere…” while the owner filter names someone', async () => {
      const opened = await open(answers());
      const { page: p } = opened;
      await gapsLoaded(p);
      await p.getByTestId('page-filter-owner').selectOption('acc-cyrus');
      const button = p.getByTestId('bulk-replace-owner');
      await poll(() => button.textContent()).toBe('Replace Cyrus Okafor everywhere…');
      await button.click();
      await pick(p, 'With', 'Sam', 'Sam Whitaker');
      await poll(() => payloads(opened, 'bulk/preview')).toEqual([
        { target: { kind: 'replace', from: 'acc-cyrus', includeDone: false }, accountId: 'acc-sam' },
      ]);
    });

    it('lists recent bulk changes with Undo where the viewer may, and follows the undo', async () => {
      const opened = await open(
        answers({
          'bulk/list-jobs': [
            ok({
              jobs: [
                summaryOf(job()),
                summaryOf(job({ id: 'job-00000009', kind: 'replace', canUndo: false, by: people.bo })),
              ],
            }),
          ],
          'bulk/undo': [ok({ jobId: 'job-00000002' })],
          'bulk/get-job': [ok(job({ id: 'job-00000002', kind: 'undo', canUndo: false }))],
        }),
      );
      const { page: p } = opened;
      await p.getByTestId('bulk-jobs-toggle').click();
      await poll(() => p.getByTestId('bulk-jobs-row').count()).toBe(2);
      expect(await p.getByTestId('bulk-jobs-row').first().textContent()).toContain('Assign Sam Whitaker');
      expect(await p.getByTestId('bulk-jobs-row').first().textContent()).toContain('2 of 3 changed, 1 not');
      expect(await p.getByTestId('bulk-jobs-undo').count()).toBe(1);
      // "View" follows a job in the dialog; Escape closes it.
      await p.getByTestId('bulk-jobs-view').nth(1).click();
      await poll(() => payloads(opened, 'bulk/get-job')).toEqual([{ jobId: 'job-00000009' }]);
      await poll(() => p.getByTestId('bulk-job-dialog').count()).toBe(1);
      await p.keyboard.press('Escape');
      await poll(() => p.getByTestId('bulk-job-dialog').count()).toBe(0);
      await p.getByTestId('bulk-jobs-undo').click();
      await poll(() => payloads(opened, 'bulk/undo')).toEqual([{ jobId: 'job-00000001' }]);
      await poll(() => p.getByTestId('bulk-job-dialog').count()).toBe(1);
      await poll(() => p.getByTestId('bulk-job').getAttribute('data-state')).toBe('done');
      expect((await payloads(opened, 'bulk/get-job')).slice(1)).toEqual([{ jobId: 'job-00000002' }]);
      // The list reloads after a new job.
      expect((await payloads(opened, 'bulk/list-jobs')).length).toBe(2);
    });

    it('says when there are no bulk changes yet', async () => {
      const { page: p } = await open(answers());
      await p.getByTestId('bulk-jobs-toggle').click();
      await poll(() => p.getByTestId('bulk-jobs-empty').textContent()).toBe(
        'No bulk changes in this project yet.',
      );
    });
  });

  describe('errors', () => {
    it('words every call’s failure and lets the user retry', async () => {
      const opened = await open(
        answers({
          'bulk/search-people': [
            fail('ROSTER_UNAVAILABLE', 'role 10101 could not be read'),
            ok({ people: [sam] }),
          ],
          'bulk/preview': [fail('RATE_LIMITED', 'Jira said 429'), ok(preview())],
          'bulk/apply': [fail('JIRA_UNAVAILABLE', 'Jira did not answer'), ok({ jobId: 'job-00000001' })],
          'bulk/get-job': [fail('NOT_FOUND', 'No such job'), ok(job())],
        }),
      );
      const { page: p } = opened;
      await gapsLoaded(p);
      await checkbox(p, 'SHOP-101').check();
      await p.getByTestId('bulk-assign-open').click();
      const searchError = p.getByTestId('bulk-person-error');
      await poll(() => searchError.textContent()).toContain('Project roles could not be read');
      await searchError.getByRole('button', { name: 'Retry' }).click();
      await pick(p, 'Assign to (a PO)', 'Sam', 'Sam Whitaker');
      const previewError = p.getByTestId('bulk-preview-error');
      await poll(() => previewError.textContent()).toContain('Jira asked Role Split to slow down');
      await previewError.getByRole('button', { name: 'Retry' }).click();
      await poll(() => p.getByTestId('bulk-apply').textContent()).toBe('Apply to 2 issues');
      await p.getByTestId('bulk-apply').click();
      await poll(() => p.getByTestId('bulk-apply-error').textContent()).toContain('Nothing was changed');
      await p.getByTestId('bulk-apply').click();
      const jobError = p.getByTestId('bulk-job-error');
      await poll(() => jobError.textContent()).toContain('Not found');
      await jobError.getByRole('button', { name: 'Retry' }).click();
      await poll(() => p.getByTestId('bulk-job-outcome').count()).toBe(1);
      expect((await payloads(opened, 'bulk/apply')).length).toBe(2);
    });

    it('shows a failed job’s reason and names every issue not reached', async () => {
      const { page: p } = await open(
        answers({
          'bulk/get-job': [
            ok(
              job({
                state: 'failed',
                canUndo: false,
                counts: { pending: 0, written: 0, verified: 1, refused: 2 },
                error: { code: 'JIRA_UNAVAILABLE', message: 'Jira stopped answering after the first batch.' },
                rows: [
                  jobRow(2, { state: 'refused', reason: 'NOT_ATTEMPTED' }),
                  jobRow(3, { state: 'refused', reason: 'WRITE_FAILED' }),
                  jobRow(1),
                ],
              }),
            ),
          ],
        }),
      );
      await gapsLoaded(p);
      await checkbox(p, 'SHOP-101').check();
      await p.getByTestId('bulk-assign-open').click();
      await pick(p, 'Assign to (a PO)', 'Sam', 'Sam Whitaker');
      await poll(() => p.getByTestId('bulk-apply').isDisabled()).toBe(false);
      await p.getByTestId('bulk-apply').click();
      await poll(() => p.getByTestId('bulk-job-failure').textContent()).toBe(
        'Jira stopped answering after the first batch.',
      );
      expect(await p.getByTestId('bulk-job-outcome').getAttribute('aria-label')).toBe(
        'The job failed after 1 issue of 3',
      );
      const rows = p.getByTestId('bulk-job-row');
      expect(await rows.nth(0).textContent()).toContain('The job stopped before it reached this issue');
      expect(await rows.nth(1).textContent()).toContain('Jira did not keep the change');
      expect(await p.getByTestId('bulk-undo').count()).toBe(0);
    });
  });

  describe('dialog and accessibility', () => {
    it('closes on Escape and gives the focus back to what opened it', async () => {
      const { page: p } = await open(answers());
      await gapsLoaded(p);
      await checkbox(p, 'SHOP-101').check();
      const opener = p.getByTestId('bulk-assign-open');
      await opener.focus();
      await p.keyboard.press('Enter');
      await poll(() => p.getByTestId('bulk-assign-dialog').count()).toBe(1);
      // Focus starts in the dialog, on the picker; the page behind is inert.
      await poll(() => p.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
      expect(await p.evaluate(() => document.querySelector('dialog')?.matches(':modal'))).toBe(true);
      await p.keyboard.press('Escape');
      await poll(() => p.getByTestId('bulk-assign-dialog').count()).toBe(0);
      expect(await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'bulk-assign-open',
      );
      // The selection survives a cancelled dialog.
      expect(await p.getByTestId('bulk-selected-count').textContent()).toBe('1 selected');
    });

    for (const colorMode of ['light', 'dark'] as const) {
      it(`has no serious axe findings in the ${colorMode} theme: selection, mixed levels, preview, result, jobs`, async () => {
        const { page: p } = await open(
          answers({
            'bulk/list-jobs': [ok({ jobs: [summaryOf(job())] })],
          }),
          colorMode,
        );
        await gapsLoaded(p);
        await checkbox(p, 'SHOP-101').check();
        await checkbox(p, 'SHOP-104').check();
        await p.getByTestId('bulk-jobs-toggle').click();
        await poll(() => p.getByTestId('bulk-jobs-row').count()).toBe(1);
        expect(await axe(p)).toEqual([]);
        await p.getByTestId('bulk-assign-open').click();
        await poll(() => p.getByTestId('bulk-mixed-notice').count()).toBe(1);
        expect(await axe(p)).toEqual([]);
        await p.getByTestId('bulk-narrow-po').click();
        await pick(p, 'Assign to (a PO)', 'Sam', 'Sam Whitaker');
        await poll(() => p.getByTestId('bulk-preview-row').count()).toBe(3);
        expect(await axe(p)).toEqual([]);
        await p.getByTestId('bulk-apply').click();
        await poll(() => p.getByTestId('bulk-job-outcome').count()).toBe(1);
        expect(await axe(p)).toEqual([]);
        // The pointer on a job row's issue link: the hovered row and link keep their contrast.
        const link = p.getByTestId('bulk-job-row').first().locator('a').first();
        await link.hover();
        expect(await axe(p)).toEqual([]);
      });
    }

    it('offers no bulk controls to a viewer without Edit Issues in the project, and says why in one line', async () => {
      const { page: p } = await open(
        answers({ 'project/get-status': [ok(status({ canAdminister: false, canEdit: false }))] }),
      );
      await gapsLoaded(p);
      await poll(() => p.getByTestId('epic-row').count()).toBe(1);
      expect(await p.getByTestId('bulk-unavailable').textContent()).toContain(
        'Bulk assignment needs Edit Issues in this project',
      );
      expect(await p.getByRole('checkbox').count()).toBe(0);
      expect(await p.getByTestId('bulk-replace-open').count()).toBe(0);
      expect(await p.getByTestId('bulk-assign-epic').count()).toBe(0);
      expect(await axe(p)).toEqual([]);
    });
  });
});
