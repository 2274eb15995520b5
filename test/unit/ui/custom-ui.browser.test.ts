// The built Custom UI in headless Chromium, against canned resolver answers: what each state renders, that
// errors never become empty lists, and that nothing needs inline styles (Forge's default CSP).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { describeIf, poll } from '../../support/jest-helpers';
import { CHROMIUM, CustomUiHarness, type Answer, type OpenedView, type Scenario } from './custom-ui-harness';
import { alignmentView, check, epicPanel, people, storyPanel } from './views.fixtures';

const root = join(import.meta.dirname, '../../..');
const canRun = existsSync(CHROMIUM);
if (!canRun)
  console.warn(`Custom UI browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium).`);

const ok = (data: unknown): Answer => ({ envelope: { ok: true, data } });
const fail = (code: string, message: string): Answer => ({
  envelope: { ok: false, error: { code, message } },
});

describeIf(canRun)('Custom UI in a browser', () => {
  const harness = new CustomUiHarness();
  let view: OpenedView | null = null;

  beforeAll(async () => {
    // Rebuilds only when static/ or src/contract changed since the last build.
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

  const open = async (scenario: Scenario, width?: number) => (view = await harness.open(scenario, width));
  const panel = (...answers: Answer[]) => open({ module: 'jira:issuePanel', answers });
  const alignment = (...answers: Answer[]) => open({ module: 'jira:projectPage', answers }, 1280);

  describe('issue panel', () => {
    it('shows an epic’s PM, eligibility, checks and its stories’ PO coverage', async () => {
      const { page } = await panel(ok(epicPanel()));
      const owner = page.getByTestId('panel-owner');
      await poll(() => owner.textContent()).toContain('Ana Lima');
      expect(await owner.textContent()).toContain('Eligible');
      expect(await owner.getAttribute('data-state')).toBe('eligible');
      expect(await page.getByTestId('panel-check-EPIC_WITHOUT_PM').getAttribute('data-status')).toBe('pass');
      expect(await page.getByRole('heading', { name: 'Product Manager' }).count()).toBe(1);
      expect(await page.getByTestId('panel-stories-summary').textContent()).toBe('2 of 3 stories have a PO');
      expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('2');
      // An ineligible PO in the list says why, in words.
      expect(await page.getByTestId('panel-stories').textContent()).toContain('Not in PO role');
    });

    it('shows a story’s failing, waived and passing checks, and its epic’s PM', async () => {
      const { page } = await panel(ok(storyPanel()));
      const failing = page.getByTestId('panel-check-PO_NOT_ELIGIBLE');
      await poll(() => failing.getAttribute('data-status')).toBe('fail');
      expect(await failing.textContent()).toContain('PO not eligible');
      expect(await failing.textContent()).toContain('Error');
      expect(await page.getByTestId('panel-check-STORY_WITHOUT_EPIC').getAttribute('data-status')).toBe(
        'waived',
      );
      expect(await page.getByTestId('panel-check-STORY_WITHOUT_PO').getAttribute('data-status')).toBe('pass');
      expect(await page.getByTestId('panel-owner').textContent()).toContain('Not in PO role');
      const epic = await page.getByTestId('panel-epic').textContent();
      expect(epic).toContain('SHOP-12');
      expect(epic).toContain('Ana Lima');
    });

    it('shows a skipped check as not checked, with its reason, after the others and never as passed', async () => {
      const { page } = await panel(
        ok(
          storyPanel({
            owner: null,
            checks: [
              check('PO_NOT_ELIGIBLE', 'skipped', 'slot-empty'),
              check('STORY_WITHOUT_PO', 'fail'),
              check('ROLE_MISPLACED', 'pass'),
            ],
          }),
        ),
      );
      const skipped = page.getByTestId('panel-check-PO_NOT_ELIGIBLE');
      await poll(() => skipped.getAttribute('data-status')).toBe('skipped');
      const text = await skipped.textContent();
      expect(text).toContain('Not checked: no PO set yet.');
      expect(text).not.toContain('✓');
      expect(await page.getByTestId('panel-check-ROLE_MISPLACED').textContent()).toContain('✓');
      const order = await page
        .locator('[data-testid^="panel-check-"]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
      expect(order).toEqual(['fail', 'pass', 'skipped']);
      // Only the failure needs attention; the skipped rule is neither counted as a pass nor as a problem.
      expect(await page.getByTestId('panel-checks-summary').textContent()).toBe('1 of 3 needs attention');
    });

    it('says when the slot is empty', async () => {
      const { page } = await panel(
        ok(storyPanel({ owner: null, checks: [check('STORY_WITHOUT_PO', 'fail')] })),
      );
      await poll(() => page.getByTestId('panel-owner').textContent()).toContain('No PO yet');
      expect(await page.getByTestId('panel-owner').getAttribute('data-state')).toBe('empty');
    });

    it('warns about ownership data it cannot read, and about a role in the wrong slot', async () => {
      const { page } = await panel(
        ok(epicPanel({ owner: null, ownershipInvalid: true, misplaced: { ...people.bo, role: 'po' } })),
      );
      await poll(() => page.getByTestId('panel-ownership-invalid').textContent()).toContain(
        'written by another tool',
      );
      expect(await page.getByTestId('panel-misplaced').textContent()).toContain(
        'Bo Chen is set as Product Owner',
      );
      expect(await page.getByTestId('panel-owner').getAttribute('data-state')).toBe('unreadable');
    });

    it('explains an out-of-scope issue instead of showing empty checks', async () => {
      const subtask = storyPanel({
        slot: null,
        outOfScopeReason: 'subtask',
        owner: null,
        checks: [],
        epic: null,
      });
      const { page } = await panel(ok(subtask));
      const empty = page.getByTestId('panel-out-of-scope');
      await poll(() => empty.textContent()).toContain('Sub-tasks are not tracked');
      expect(await empty.getAttribute('data-reason')).toBe('subtask');
      expect(await page.getByTestId('panel-owner').count()).toBe(0);
    });

    it('shows a mapped error with Retry, and recovers on retry', async () => {
      const opened = await panel(
        fail('ROSTER_UNAVAILABLE', 'project role "Product Owner" returned 403'),
        ok(epicPanel()),
      );
      const { page } = opened;
      const error = page.getByTestId('panel-error');
      await poll(() => error.textContent()).toContain("Ask a Jira admin to check the project's roles.");
      expect(await error.textContent()).toContain('project role "Product Owner" returned 403');
      expect(await error.textContent()).not.toContain('Details:');
      expect(await page.getByTestId('panel-owner').count()).toBe(0);
      await page.getByRole('button', { name: 'Retry' }).click();
      await poll(() => page.getByTestId('panel-owner').count()).toBe(1);
      expect(await page.getByTestId('panel-error').count()).toBe(0);
      expect((await opened.calls('invoke')).map((c) => c.payload)).toEqual([
        expect.objectContaining({ functionKey: 'issue/get-panel', payload: {} }),
        expect.objectContaining({ functionKey: 'issue/get-panel', payload: {} }),
      ]);
    });

    it('turns a failing bridge into an error message, not an unhandled rejection', async () => {
      const { page } = await panel('throw');
      await poll(() => page.getByTestId('panel-error').textContent()).toContain(
        'Something went wrong in Role Split',
      );
    });

    it('shows a spinner while the resolver answers', async () => {
      const { page } = await panel('pending');
      await poll(() => page.getByTestId('loading').count()).toBe(1);
    });

    it('opens issues through Forge’s router', async () => {
      const opened = await panel(ok(storyPanel()));
      await opened.page.getByRole('link', { name: 'SHOP-12' }).click();
      await poll(() => opened.calls('navigate')).toEqual([
        { type: 'navigate', payload: { url: '/browse/SHOP-12', type: 'same-tab' } },
      ]);
    });
  });

  describe('alignment page', () => {
    const rows = (v: OpenedView) => v.page.getByTestId('gap-row');

    it('shows coverage and pages the gap list 50 at a time', async () => {
      const opened = await alignment(ok(alignmentView(63)));
      const { page } = opened;
      await poll(() => page.getByTestId('page-coverage-pm').textContent()).toContain('8 / 10');
      expect(await page.getByTestId('page-coverage-pm').textContent()).toContain('(80%)');
      expect(await page.getByTestId('page-coverage-po').textContent()).toContain('61 / 78');
      expect(await page.getByTestId('page-coverage-po').textContent()).toContain('(78%)');
      expect(await page.getByTestId('page-project').textContent()).toBe('Webshop');
      expect(await rows(opened).count()).toBe(50);
      await page.getByRole('button', { name: 'Page 2' }).click();
      await poll(() => rows(opened).count()).toBe(13);
    });

    it('filters by code from the counts, and by text', async () => {
      const data = alignmentView(40);
      const opened = await alignment(ok(data));
      const { page } = opened;
      const chip = page.getByTestId('page-code-PO_NOT_ELIGIBLE');
      await chip.click();
      expect(await chip.getAttribute('aria-pressed')).toBe('true');
      const codes = await rows(opened).evaluateAll((els) => els.map((el) => el.getAttribute('data-code')));
      expect(codes).toHaveLength(data.byCode.PO_NOT_ELIGIBLE ?? -1);
      expect(new Set(codes)).toEqual(new Set(['PO_NOT_ELIGIBLE']));
      await page.getByTestId('page-search').fill('SHOP-102');
      await poll(() =>
        rows(opened).evaluateAll((els) => els.map((el) => el.getAttribute('data-issue'))),
      ).toEqual(['SHOP-102']);
      await page.getByTestId('page-clear-filters').click();
      await poll(() => rows(opened).count()).toBe(40);
    });

    it('sorts by issue key across the whole list', async () => {
      const opened = await alignment(ok(alignmentView(63)));
      const { page } = opened;
      await page.getByRole('button', { name: /^Issue/ }).click();
      await page.getByRole('button', { name: /^Issue/ }).click();
      await poll(() => rows(opened).first().getAttribute('data-issue')).toBe('SHOP-162');
    });

    it('celebrates a project without gaps', async () => {
      const { page } = await alignment(
        ok(alignmentView(0, { coverage: { strategyIssues: 2, withPm: 2, executionIssues: 5, withPo: 5 } })),
      );
      await poll(() => page.getByTestId('page-empty').textContent()).toContain(
        'Every epic and initiative has a PM and every story has a PO.',
      );
    });

    it('shows an error instead of an empty list, and keeps data when a refresh fails', async () => {
      const { page } = await alignment(
        fail('JIRA_UNAVAILABLE', 'Jira answered 503'),
        ok(alignmentView(3)),
        fail('RATE_LIMITED', 'Retry after 30 s'),
      );
      await poll(() => page.getByTestId('page-error').textContent()).toContain(
        'Role Split could not reach Jira',
      );
      expect(await page.getByTestId('page-empty').count()).toBe(0);
      await page.getByRole('button', { name: 'Retry' }).click();
      await poll(() => page.getByTestId('gap-row').count()).toBe(3);
      expect(await page.getByTestId('page-scanned').textContent()).toContain('Scanned');
      await page.getByTestId('page-refresh').click();
      await poll(() => page.getByTestId('page-error').textContent()).toContain('slow down');
      expect(await page.getByTestId('gap-row').count()).toBe(3);
      // The header no longer claims a fresh scan beside the failed refresh.
      const scanned = page.getByTestId('page-scanned');
      expect(await scanned.getAttribute('data-state')).toBe('stale');
      expect(await scanned.textContent()).toContain('Refresh failed — showing the scan from');
    });
  });

  it('follows Jira’s dark theme with the shipped design tokens', async () => {
    const light = await open({ module: 'jira:issuePanel', answers: [ok(epicPanel())] });
    await poll(() => light.page.getByTestId('panel-owner').count()).toBe(1);
    const lightBackground = await light.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await light.troubles()).toEqual([]);
    await light.close();

    const dark = await open({ module: 'jira:issuePanel', colorMode: 'dark', answers: [ok(epicPanel())] });
    await poll(() => dark.page.getByTestId('panel-owner').count()).toBe(1);
    expect(await dark.calls('enableTheming')).toHaveLength(1);
    expect(await dark.page.evaluate(() => document.documentElement.dataset.colorMode)).toBe('dark');
    const darkSurface = await dark.page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--ds-surface').trim(),
    );
    expect(darkSurface).not.toBe('');
    expect(await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(
      lightBackground,
    );
  });
});
