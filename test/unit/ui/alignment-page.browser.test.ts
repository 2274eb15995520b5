// The Alignment page (built Custom UI in headless Chromium) against canned answers of its resolvers: the
// status first (enable, first scan, rescan progress, a failed scan), then the figures, filters as payloads,
// the drill-down, the CSV file, the trend with gaps, no clipped text at 900-1600 px, dark theme and axe.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { Page as PlaywrightPage } from 'playwright-core';
import { seriousAxeFindings } from '../../support/axe';
import { describeIf, poll } from '../../support/jest-helpers';
import { gapCsv, UTF8_BOM } from '../../../static/src/alignment-page/gap-csv';
import {
  CHROMIUM,
  fail,
  harnessForSuite,
  invokePayloads,
  ok,
  type Answer,
  type OpenedView,
} from './custom-ui-harness';
import {
  epicRow,
  gapRow,
  gapRows,
  page,
  runningScan,
  status,
  storyRow,
  summary,
  waivedRow,
} from './alignment.fixtures';
import { people } from './views.fixtures';

const canRun = existsSync(CHROMIUM);
if (!canRun) console.warn(`Alignment page browser tests skipped: ${CHROMIUM} not found.`);

/** A project with results: every resolver answers with the fixtures unless `over` says otherwise. */
function answers(over: Record<string, Answer[]> = {}): Record<string, Answer[]> {
  return {
    'project/get-status': [ok(status())],
    'project/get-summary': [ok(summary())],
    'project/list-gaps': [ok(page(gapRows(8), 'gaps-2'))],
    'project/list-epics': [ok(page([epicRow()]))],
    'project/list-epic-stories': [ok(page([storyRow(0), storyRow(1)]))],
    'project/list-waived': [ok(page([waivedRow()]))],
    ...over,
  };
}

const LONG =
  'A very long summary that goes on and on about the checkout flow, the payment provider, the fallbacks and more';

describeIf(canRun)('Alignment page in a browser', () => {
  const openView = harnessForSuite();

  const open = async (
    byKey: Record<string, Answer[]>,
    options: { width?: number; colorMode?: 'light' | 'dark' } = {},
  ) =>
    openView(
      { module: 'jira:projectPage', answers: ['throw'], byKey, colorMode: options.colorMode },
      options.width ?? 1280,
    );
  const lastGapFilter = async (v: OpenedView) =>
    ((await invokePayloads(v, 'project/list-gaps')).at(-1) as { filter: unknown }).filter;
  const rows = (p: PlaywrightPage) =>
    p.getByTestId('gap-row').evaluateAll((els) => els.map((el) => el.getAttribute('data-issue')));

  describe('figures', () => {
    it('shows coverage, counts by code, the results’ age, the trend and the first page of gaps', async () => {
      const opened = await open(answers());
      const { page: p } = opened;
      await poll(() => p.getByTestId('page-coverage-pm').textContent()).toContain('8 / 10');
      expect(await p.getByTestId('page-coverage-pm-percent').textContent()).toBe('(80%)');
      expect(await p.getByTestId('page-coverage-po').textContent()).toContain('61 / 78');
      expect(await p.getByTestId('page-coverage-po-percent').textContent()).toBe('(78%)');
      expect(await p.getByTestId('page-project').textContent()).toBe('Webshop');
      expect(await p.getByTestId('page-results-age').textContent()).toBe('Results from 12 minutes ago');
      expect(await p.getByTestId('page-freshness-note').textContent()).toContain('appear within a day');
      expect(await p.getByTestId('page-code-STORY_WITHOUT_PO').getAttribute('data-count')).toBe('17');
      await poll(() => rows(p)).toEqual(gapRows(8).map((g) => g.issueKey));
      expect(await p.getByTestId('page-gaps-more-shown').textContent()).toBe('Showing 8 of 27 gaps');
      // Each issue key has its epic's key and summary beside it.
      expect(await p.getByTestId('gap-epic').first().textContent()).toBe('SHOP-12Checkout redesign');
      // Only people who administer the project may turn it off.
      expect(await p.getByTestId('page-disable').count()).toBe(0);
      expect(await invokePayloads(opened, 'project/get-status')).toEqual([{}]);
      expect(await invokePayloads(opened, 'project/list-gaps')).toEqual([{ filter: {}, limit: 50 }]);
    });

    it('pages the gap list with its cursor', async () => {
      const opened = await open(
        answers({ 'project/list-gaps': [ok(page(gapRows(3), 'gaps-2')), ok(page(gapRows(2, 3)))] }),
      );
      const { page: p } = opened;
      await p.getByTestId('page-gaps-more').click();
      await poll(() => rows(p)).toEqual(gapRows(5).map((g) => g.issueKey));
      expect(await invokePayloads(opened, 'project/list-gaps')).toEqual([
        { filter: {}, limit: 50 },
        { filter: {}, limit: 50, cursor: 'gaps-2' },
      ]);
      expect(await p.getByTestId('page-gaps-more').count()).toBe(0);
    });

    it('says an error in words the viewer can act on, never an empty list', async () => {
      const { page: p } = await open(
        answers({
          'project/get-summary': [fail('APP_CANNOT_READ', 'The app read no issues'), ok(summary())],
        }),
      );
      await poll(() => p.getByTestId('page-error').textContent()).toContain('Ask a Jira admin');
      expect(await p.getByTestId('page-coverage-pm').count()).toBe(0);
      await p.getByRole('button', { name: 'Retry' }).click();
      await poll(() => p.getByTestId('page-coverage-pm').count()).toBe(1);
    });
  });

  describe('filters', () => {
    it('sends each filter as the list’s payload, from the counts, the selects and the search', async () => {
      const opened = await open(
        answers({
          'project/list-gaps': [
            ok(
              page([
                gapRow(1, 'PO_NOT_ELIGIBLE'),
                gapRow(2),
                gapRow(3, 'STORY_WITHOUT_PO', { owner: people.bo }),
              ]),
            ),
          ],
        }),
      );
      const { page: p } = opened;
      const chip = p.getByTestId('page-code-PO_NOT_ELIGIBLE');
      await chip.click();
      expect(await chip.getAttribute('aria-pressed')).toBe('true');
      await poll(() => lastGapFilter(opened)).toEqual({ codes: ['PO_NOT_ELIGIBLE'] });
      await p.getByTestId('page-filter-severity').selectOption('error');
      await poll(() => lastGapFilter(opened)).toEqual({ codes: ['PO_NOT_ELIGIBLE'], severity: 'error' });
      // Owners offered are those of the rows loaded, with "No owner" for an empty slot.
      const owners = await p.getByTestId('page-filter-owner').locator('option').allTextContents();
      expect(owners).toEqual(['Anyone', 'Bo Chen', 'Cyrus Okafor', 'No owner']);
      await p.getByTestId('page-filter-owner').selectOption('acc-cyrus');
      await p.getByTestId('page-filter-epic').selectOption({ label: 'SHOP-12 Checkout redesign' });
      await p.getByTestId('page-search').fill('  checkout ');
      await poll(() => lastGapFilter(opened)).toEqual({
        codes: ['PO_NOT_ELIGIBLE'],
        severity: 'error',
        owner: 'acc-cyrus',
        epicId: '20012',
        text: 'checkout',
      });
      // Typing is debounced: the half-typed words were never sent.
      const texts = (await invokePayloads(opened, 'project/list-gaps')).map(
        (payload) => (payload as { filter: { text?: string } }).filter.text,
      );
      expect(texts.filter((text) => text !== undefined)).toEqual(['checkout']);
      await p.getByTestId('page-clear-filters').click();
      await poll(() => lastGapFilter(opened)).toEqual({});
      expect(await chip.getAttribute('aria-pressed')).toBe('false');
    });

    it('says when nothing matches', async () => {
      const { page: p } = await open(answers({ 'project/list-gaps': [ok(page(gapRows(2))), ok(page([]))] }));
      await p.getByTestId('page-filter-severity').selectOption('warning');
      await poll(() => p.getByTestId('page-no-gaps').textContent()).toBe('No gaps match these filters.');
    });
  });

  describe('epics and their stories', () => {
    it('opens an epic’s stories by keyboard, and loads more of them', async () => {
      const opened = await open(
        answers({
          'project/list-epic-stories': [
            ok(page([storyRow(0), storyRow(1, { po: people.cyrus })], 'stories-2')),
            ok(page([storyRow(2)])),
          ],
        }),
      );
      const { page: p } = opened;
      const row = p.getByTestId('epic-row');
      await poll(() => row.textContent()).toContain('Ana Lima');
      expect(await row.textContent()).toContain('2 of 3 (66%)');
      const toggle = p.getByTestId('epic-toggle');
      await toggle.focus();
      await p.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      const stories = () =>
        p.getByTestId('epic-story').evaluateAll((els) => els.map((el) => el.getAttribute('data-issue')));
      await poll(stories).toEqual(['SHOP-13', 'SHOP-14']);
      // A PO who cannot hold the role says why, in words.
      expect(await p.getByTestId('epic-story').nth(1).getByTestId('person-not-eligible').textContent()).toBe(
        'Not in PO role',
      );
      await p.getByTestId('epic-stories-more').click();
      await poll(stories).toEqual(['SHOP-13', 'SHOP-14', 'SHOP-15']);
      expect(await invokePayloads(opened, 'project/list-epic-stories')).toEqual([
        { epicId: '20012', limit: 25 },
        { epicId: '20012', limit: 25, cursor: 'stories-2' },
      ]);
      await p.keyboard.press('Shift+Tab');
      await toggle.press('Enter');
      await poll(() => p.getByTestId('epic-stories').count()).toBe(0);
    });

    it('lists waived gaps with reason, author and expiry', async () => {
      const { page: p } = await open(answers());
      await p.getByTestId('page-waived-toggle').click();
      const row = p.getByTestId('waived-row');
      await poll(() => row.textContent()).toContain('Spike, closes next sprint');
      expect(await row.textContent()).toContain('Ana Lima');
      expect(await row.textContent()).toContain('Jan 15, 2027');
    });
  });

  describe('CSV export', () => {
    it('fetches every page of the filtered list, 100 at a time, and downloads the CLI’s CSV', async () => {
      const first = [gapRow(1, 'STORY_WITHOUT_PO', { summary: '=cmd|"/c calc"!A1' }), gapRow(2)];
      const second = [gapRow(3, 'PO_NOT_ELIGIBLE', { summary: 'Pay, then "ship"' })];
      const opened = await open(
        answers({
          'project/list-gaps': [
            ok(page(gapRows(2))),
            ok(page(gapRows(2))),
            ok(page(first, 'x2')),
            ok(page(second)),
          ],
        }),
      );
      const { page: p } = opened;
      await p.getByTestId('page-filter-severity').selectOption('error');
      await poll(() => invokePayloads(opened, 'project/list-gaps').then((list) => list.length)).toBe(2);
      const [download] = await Promise.all([
        p.waitForEvent('download'),
        p.getByTestId('page-export-start').click(),
      ]);
      expect(download.suggestedFilename()).toBe(
        `role-split-gaps-SHOP-${new Date().toISOString().slice(0, 10)}.csv`,
      );
      const text = readFileSync(await download.path(), 'utf8');
      expect(text).toBe(UTF8_BOM + gapCsv('SHOP', [...first, ...second]));
      expect(text).toContain(`"'=cmd|""/c calc""!A1"`);
      expect((await invokePayloads(opened, 'project/list-gaps')).slice(2)).toEqual([
        { filter: { severity: 'error' }, limit: 100 },
        { filter: { severity: 'error' }, limit: 100, cursor: 'x2' },
      ]);
      await poll(() => p.getByTestId('page-export-status').textContent()).toContain('(3 gaps)');
    });

    it('shows progress and can be cancelled; nothing is downloaded', async () => {
      const opened = await open(
        answers({ 'project/list-gaps': [ok(page(gapRows(2))), ok(page(gapRows(100), 'x2')), 'pending'] }),
      );
      const { page: p } = opened;
      let downloads = 0;
      p.on('download', () => (downloads += 1));
      await poll(() => rows(p).then((list) => list.length)).toBe(2);
      await p.getByTestId('page-export-start').click();
      await poll(() => p.getByTestId('page-export-progress').textContent()).toBe(
        'Exporting… 100 gaps fetched',
      );
      await p.getByTestId('page-export-cancel').click();
      await poll(() => p.getByTestId('page-export-status').textContent()).toBe(
        'Export cancelled; nothing was downloaded.',
      );
      expect(downloads).toBe(0);
    });
  });

  describe('trend', () => {
    it('draws days without a scan as gaps, says the trend in a sentence, and tabulates every point', async () => {
      const { page: p } = await open(answers());
      const segments = (series: string) =>
        p.locator(`[data-testid="trend-segment"][data-series="${series}"]`).count();
      await poll(() => segments('executionPercent')).toBe(2);
      expect(await segments('strategyPercent')).toBe(2);
      expect(await p.getByTestId('page-trend-summary').textContent()).toBe(
        'Epic PM coverage went from 50% to 80% over 89 days. Story PO coverage went from 40% to 62% over 89 days. 3 days have no scan and show as gaps.',
      );
      const svg = p.getByTestId('trend-svg');
      expect(await svg.getAttribute('role')).toBe('img');
      expect(await p.getByRole('img', { name: /Story PO coverage went from 40% to 62%/ }).count()).toBe(1);
      await p.getByTestId('page-trend-toggle').click();
      const table = p.getByTestId('trend-table');
      expect(await table.locator('tbody tr').count()).toBe(90);
      expect(await table.getByText('No scan').count()).toBe(6);
    });

    it('tells a restricted viewer who sees the trend', async () => {
      const { page: p } = await open(
        answers({ 'project/get-summary': [ok(summary({ trend: null, visibility: 'restricted' }))] }),
      );
      await poll(() => p.getByTestId('page-trend-restricted').textContent()).toContain(
        'shown only to people who can see every issue',
      );
      expect(await p.getByTestId('page-restricted').textContent()).toContain('only the issues you can see');
    });
  });

  describe('status', () => {
    it('offers "Enable" to a project admin, then shows the first scan’s progress until results arrive', async () => {
      const off = status({ enabled: false, canAdminister: true, lastScan: null, resultsAt: null });
      const first = status({ lastScan: null, resultsAt: null, currentScan: runningScan() });
      const done = status();
      const opened = await open(
        answers({
          'project/get-status': [ok(off), ok(first), ok(done)],
          'project/set-enabled': [ok(first)],
        }),
      );
      const { page: p } = opened;
      await poll(() => p.getByTestId('page-disabled').textContent()).toContain(
        'Role Split is off for Webshop',
      );
      expect(await p.getByTestId('page-ask-admin').count()).toBe(0);
      await p.getByTestId('page-enable').click();
      await poll(() => p.getByTestId('page-scan-phase').textContent()).toBe(
        'Reading issues: 1,200 of 10,000',
      );
      expect(await p.getByTestId('page-first-scan').textContent()).toContain('First scan running');
      expect(await p.getByRole('progressbar', { name: 'First scan running: issues read' }).count()).toBe(1);
      expect(await invokePayloads(opened, 'project/set-enabled')).toEqual([{ enabled: true }]);
      // Polled while the scan runs; once it is done, the results load.
      await poll(() => p.getByTestId('page-coverage-pm').count(), { timeout: 10_000 }).toBe(1);
      expect(await p.getByTestId('page-scan-progress').count()).toBe(0);
    });

    it('asks for the status every 2 s while a scan runs, and not at all while the page is hidden', async () => {
      const opened = await open(
        answers({ 'project/get-status': [ok(status({ currentScan: runningScan() }))] }),
      );
      const { page: p } = opened;
      await poll(() => p.getByTestId('page-scan-phase').textContent()).toBe(
        'Reading issues: 1,200 of 10,000',
      );
      // From here on time moves only when the test says so.
      await p.clock.install();
      const asked = async () => (await invokePayloads(opened, 'project/get-status')).length;
      const setVisibility = (state: 'hidden' | 'visible') =>
        p.evaluate((value) => {
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
          document.dispatchEvent(new Event('visibilitychange'));
        }, state);
      await setVisibility('hidden');
      await p.clock.runFor(1_000); // any request already on its way lands
      const whileHidden = await asked();
      // In steps, so the page's own tasks (React's renders, the bridge's answers) run between them.
      for (let step = 0; step < 10; step++) await p.clock.runFor(2_000);
      expect(await asked()).toBe(whileHidden);
      // Back on the tab: asked at once, then every 2 s again.
      await setVisibility('visible');
      await poll(asked).toBe(whileHidden + 1);
      await p.clock.runFor(100);
      await p.clock.runFor(2_000);
      await poll(asked).toBe(whileHidden + 2);
    });

    it('lets a project admin turn Role Split off after confirming', async () => {
      const opened = await open(
        answers({
          'project/get-status': [ok(status({ canAdminister: true }))],
          'project/set-enabled': [ok(status({ enabled: false, canAdminister: true }))],
        }),
      );
      const { page: p } = opened;
      await p.getByTestId('page-disable-start').click();
      await p.getByTestId('page-disable-cancel').click();
      expect(await invokePayloads(opened, 'project/set-enabled')).toEqual([]);
      await p.getByTestId('page-disable-start').click();
      await p.getByTestId('page-disable-confirm').click();
      await poll(() => p.getByTestId('page-disabled').count()).toBe(1);
      expect(await invokePayloads(opened, 'project/set-enabled')).toEqual([{ enabled: false }]);
      expect(await p.getByTestId('page-enable').count()).toBe(1);
    });

    it('tells other viewers of a disabled project to ask a project admin', async () => {
      const { page: p } = await open(answers({ 'project/get-status': [ok(status({ enabled: false }))] }));
      await poll(() => p.getByTestId('page-ask-admin').textContent()).toContain('Ask a project admin');
      expect(await p.getByTestId('page-enable').count()).toBe(0);
      expect(await p.getByTestId('page-rescan').count()).toBe(0);
    });

    it('rescans with progress, then reloads the summary and the lists', async () => {
      const later = new Date().toISOString();
      const opened = await open(
        answers({
          'project/get-status': [
            ok(status()),
            ok(status({ currentScan: runningScan({ kind: 'incremental' }) })),
            ok(status({ resultsAt: later })),
          ],
          'project/rescan': [
            ok(status({ currentScan: runningScan({ kind: 'incremental', state: 'queued' }) })),
          ],
          'project/get-summary': [
            ok(summary()),
            ok(
              summary({
                resultsAt: later,
                coverage: { strategyIssues: 10, withPm: 9, executionIssues: 78, withPo: 70 },
              }),
            ),
          ],
        }),
      );
      const { page: p } = opened;
      await poll(() => p.getByTestId('page-coverage-pm').textContent()).toContain('8 / 10');
      await p.getByTestId('page-rescan').click();
      await poll(() => p.getByTestId('page-scan-phase').textContent()).toBe('Waiting to start');
      expect(await p.getByTestId('page-rescan').isDisabled()).toBe(true);
      await poll(() => p.getByTestId('page-coverage-pm').textContent(), { timeout: 10_000 }).toContain(
        '9 / 10',
      );
      expect(await invokePayloads(opened, 'project/rescan')).toEqual([{}]);
      expect((await invokePayloads(opened, 'project/list-gaps')).length).toBe(2);
      expect((await invokePayloads(opened, 'project/list-epics')).length).toBe(2);
    });

    it('shows a failed last scan’s error and what to do', async () => {
      const failed = status({
        lastScan: runningScan({
          state: 'failed',
          error: { code: 'APP_CANNOT_READ', message: 'The app can read none of the 88 issues.' },
        }),
      });
      const { page: p } = await open(answers({ 'project/get-status': [ok(failed)] }));
      const notice = p.getByTestId('page-scan-failed');
      await poll(() => notice.textContent()).toContain('The app can read none of the 88 issues.');
      expect(await notice.textContent()).toContain('Ask a Jira admin to give the app Browse projects');
    });
  });

  describe('layout and accessibility', () => {
    const longRows = () =>
      page([
        gapRow(1, 'STORY_WITHOUT_PO', {
          summary: LONG,
          epic: { id: '20012', key: 'SHOP-12', summary: LONG },
        }),
        gapRow(2, 'PO_NOT_ELIGIBLE', {
          owner: { ...people.cyrus, displayName: 'Maximiliana Theodora Featherstonehaugh-Wolfeschlegel' },
        }),
      ]);

    /** Elements whose text is cut off: wider content than box, without a scroll container to reach it. */
    const clipped = (p: PlaywrightPage) =>
      p.evaluate(() => {
        const found: string[] = [];
        for (const el of document.querySelectorAll<HTMLElement>('main *')) {
          if (el.scrollWidth <= el.clientWidth + 1) continue;
          const style = getComputedStyle(el);
          if (style.overflowX === 'visible') continue;
          if (el.classList.contains('rs-table-scroll') || el.classList.contains('rs-visually-hidden'))
            continue;
          if (el.classList.contains('rs-ellipsis') && el.title === el.textContent) continue;
          // A table cell holding an ellipsised child reports that child's full width; the child is checked itself.
          if ((el.tagName === 'TD' || el.tagName === 'TH') && el.querySelector('.rs-ellipsis')) continue;
          found.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.slice(0, 40)}`);
        }
        return found;
      });

    for (const width of [900, 1280, 1600]) {
      it(`clips no text at ${width} px: long text ellipsises with its full text as a tooltip`, async () => {
        const { page: p } = await open(
          answers({
            'project/list-gaps': [ok(longRows())],
            'project/list-epics': [ok(page([epicRow({ summary: LONG, pm: people.cyrus })]))],
            'project/list-epic-stories': [
              ok(page([storyRow(0, { summary: LONG }), storyRow(1, { po: people.cyrus })])),
            ],
            'project/list-waived': [ok(page([waivedRow({ reason: LONG, summary: LONG })]))],
          }),
          { width },
        );
        await poll(() => rows(p).then((list) => list.length)).toBe(2);
        const summaryCell = p
          .getByTestId('gap-row')
          .first()
          .locator('.rs-ellipsis', { hasText: LONG })
          .first();
        expect(await summaryCell.getAttribute('title')).toBe(LONG);
        expect(await summaryCell.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
        // Everything open: the epic's stories, the waived gaps and the trend's table have long text too.
        await p.getByTestId('epic-toggle').click();
        await poll(() => p.getByTestId('epic-story').count()).toBe(2);
        await p.getByTestId('page-waived-toggle').click();
        await poll(() => p.getByTestId('waived-row').count()).toBe(1);
        await p.getByTestId('page-trend-toggle').click();
        expect(await clipped(p)).toEqual([]);
        // The page never scrolls sideways; only the tables' own frames may.
        expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      });
    }

    it('has no serious axe findings on the disabled project and the first scan', async () => {
      const { page: p } = await open(
        answers({
          'project/get-status': [
            ok(status({ enabled: false, canAdminister: true, lastScan: null, resultsAt: null })),
            ok(status({ lastScan: null, resultsAt: null, currentScan: runningScan() })),
          ],
          'project/set-enabled': [
            ok(status({ lastScan: null, resultsAt: null, currentScan: runningScan() })),
          ],
        }),
        { colorMode: 'dark' },
      );
      await poll(() => p.getByTestId('page-enable').count()).toBe(1);
      expect(await seriousAxeFindings(p)).toEqual([]);
      await p.getByTestId('page-enable').click();
      await poll(() => p.getByTestId('page-first-scan').count()).toBe(1);
      expect(await seriousAxeFindings(p)).toEqual([]);
    });

    for (const colorMode of ['light', 'dark'] as const) {
      it(`has no serious axe findings in the ${colorMode} theme, everything open`, async () => {
        const { page: p } = await open(
          answers({
            'project/get-status': [ok(status({ canAdminister: true }))],
            'project/list-gaps': [ok(longRows())],
          }),
          { colorMode },
        );
        await poll(() => rows(p).then((list) => list.length)).toBe(2);
        expect(await p.evaluate(() => document.documentElement.dataset.colorMode)).toBe(colorMode);
        await p.getByTestId('page-disable-start').click();
        await p.getByTestId('epic-toggle').click();
        await poll(() => p.getByTestId('epic-story').count()).toBe(2);
        await p.getByTestId('page-trend-toggle').click();
        await p.getByTestId('page-waived-toggle').click();
        await poll(() => p.getByTestId('waived-row').count()).toBe(1);
        expect(await seriousAxeFindings(p)).toEqual([]);
      });
    }
  });
});
