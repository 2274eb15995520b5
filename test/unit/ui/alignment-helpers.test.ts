// The Alignment page's pure helpers: CSV assembly and the export's paging, the trend's segments and its
// sentence, the status line's words, and the mapping from the filters on screen to `project/list-gaps`.
import { gapFixText } from '../../../static/src/alignment-page/gap-fix';
import { describe, expect, it } from '@jest/globals';
import { alignmentPayloads, MAX_PAGE_SIZE, type GapRowView } from '../../../src/contract/alignment';
import { CSV_HEADER } from '../../../src/contract/csv';
import { formatCsv } from '../../../src/cli/format-csv';
import {
  csvFileName,
  EXPORT_PAGE_SIZE,
  fetchAllGaps,
  gapCsv,
  type FetchGapPage,
} from '../../../static/src/alignment-page/gap-csv';
import {
  mergeEpicOptions,
  mergeOwnerOptions,
  NO_FILTERS,
  NO_OWNER,
  sortedOptions,
  toGapFilter,
} from '../../../static/src/alignment-page/gap-filters';
import {
  resultsAgeText,
  scanFailureAdvice,
  scanFraction,
  scanProgressText,
} from '../../../static/src/alignment-page/status-text';
import { seriesSentence, trendSegments, trendSummary } from '../../../static/src/alignment-page/trend';
import { gapRow, gapRows, page, runningScan, trend } from './alignment.fixtures';
import { people } from './views.fixtures';

describe('gap CSV', () => {
  it('has the CLI’s header and one CRLF-terminated row per gap, epic key and owner included', () => {
    const text = gapCsv('SHOP', [gapRow(1, 'PO_NOT_ELIGIBLE')]);
    expect(text).toBe(
      `${CSV_HEADER.join(',')}\r\n` +
        'SHOP,PO_NOT_ELIGIBLE,error,SHOP-101,Story,Summary 1,SHOP-12,acc-cyrus,Cyrus Okafor\r\n',
    );
  });

  it('reads the same as the CLI’s audit CSV for the same gaps', () => {
    const rows = gapRows(6);
    const cli = formatCsv({
      projects: [
        {
          key: 'SHOP',
          gaps: rows.map((row) => ({
            code: row.code,
            severity: row.severity,
            issueKey: row.issueKey,
            issueType: row.issueType,
            summary: row.summary,
            epicKey: row.epic?.key ?? null,
            owner: row.owner ? { accountId: row.owner.accountId, displayName: row.owner.displayName } : null,
          })),
        },
      ],
    } as unknown as Parameters<typeof formatCsv>[0]);
    expect(gapCsv('SHOP', rows)).toBe(cli);
  });

  it('quotes commas, quotes and line breaks, and neutralises formulas', () => {
    const text = gapCsv('SHOP', [
      gapRow(1, 'STORY_WITHOUT_PO', { summary: '=HYPERLINK("http://evil","click")' }),
      gapRow(2, 'STORY_WITHOUT_PO', { summary: 'Pay, then "ship"\r\nlater' }),
      gapRow(3, 'STORY_WITHOUT_PO', { summary: '@SUM(A1)', owner: { ...people.bo, displayName: '+Bo' } }),
      gapRow(4, 'STORY_WITHOUT_PO', { summary: 'Café ✓ 日本' }),
    ]);
    const lines = text.split('\r\n');
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://evil"",""click"")",`);
    expect(text).toContain(`,"Pay, then ""ship""\r\nlater",`);
    expect(lines.find((line) => line.includes('SHOP-103'))).toContain(",'@SUM(A1),");
    expect(lines.find((line) => line.includes('SHOP-103'))?.endsWith(",'+Bo")).toBe(true);
    expect(text).toContain(',Café ✓ 日本,');
  });

  it('names the file after the project and the viewer’s day', () => {
    const late = new Date('2026-11-30T23:30:00Z');
    expect(csvFileName('SHOP', late, 'UTC')).toBe('role-split-gaps-SHOP-2026-11-30.csv');
    expect(csvFileName('SHOP', late, 'Asia/Tokyo')).toBe('role-split-gaps-SHOP-2026-12-01.csv');
  });

  it('asks for the contract’s largest page', () => {
    expect(EXPORT_PAGE_SIZE).toBe(MAX_PAGE_SIZE);
    expect(alignmentPayloads['project/list-gaps'].safeParse({ limit: EXPORT_PAGE_SIZE }).success).toBe(true);
  });
});

describe('fetchAllGaps', () => {
  const pages = (answers: Array<ReturnType<typeof page<GapRowView>> | 'fail'>) => {
    const cursors: Array<string | undefined> = [];
    const fetch: FetchGapPage = (_filter, cursor) => {
      cursors.push(cursor);
      const answer = answers[cursors.length - 1];
      if (answer === undefined) throw new Error('asked past the last page');
      return Promise.resolve(
        answer === 'fail' ? { ok: false, error: { code: 'RATE_LIMITED' } } : { ok: true, data: answer },
      );
    };
    return { fetch, cursors };
  };

  it('follows the cursor to the last page, reporting progress', async () => {
    const { fetch, cursors } = pages([
      page(gapRows(2), 'c2'),
      page(gapRows(2, 2), 'c3'),
      page(gapRows(1, 4)),
    ]);
    const progress: number[] = [];
    const outcome = await fetchAllGaps(fetch, { severity: 'error' }, { onProgress: (n) => progress.push(n) });
    expect(outcome.status === 'done' && outcome.gaps.map((g) => g.issueKey)).toEqual([
      'SHOP-100',
      'SHOP-101',
      'SHOP-102',
      'SHOP-103',
      'SHOP-104',
    ]);
    expect(cursors).toEqual([undefined, 'c2', 'c3']);
    expect(progress).toEqual([2, 4, 5]);
  });

  it('stops when cancelled, and reports a failed page with how far it got', async () => {
    const controller = new AbortController();
    const { fetch, cursors } = pages([page(gapRows(2), 'c2'), page(gapRows(2, 2), 'c3')]);
    const outcome = await fetchAllGaps(
      fetch,
      {},
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    expect(outcome).toEqual({ status: 'cancelled' });
    expect(cursors).toEqual([undefined]);

    // A request that never answers does not hold the cancel back.
    const stuck = new AbortController();
    const pending = fetchAllGaps(() => new Promise(() => undefined), {}, { signal: stuck.signal });
    stuck.abort();
    expect(await pending).toEqual({ status: 'cancelled' });

    const failing = pages([page(gapRows(3), 'c2'), 'fail']);
    expect(await fetchAllGaps(failing.fetch, {})).toEqual({
      status: 'failed',
      error: { code: 'RATE_LIMITED' },
      fetched: 3,
    });
  });
});

describe('trend', () => {
  const points = [
    { day: '2026-09-01', strategyPercent: 50, executionPercent: 40 },
    { day: '2026-09-02', strategyPercent: 52, executionPercent: null },
    { day: '2026-09-03', strategyPercent: null, executionPercent: null },
    { day: '2026-09-04', strategyPercent: 55, executionPercent: 45 },
    { day: '2026-09-05', strategyPercent: 56, executionPercent: 46 },
  ];

  it('splits a series at null days instead of joining across them', () => {
    expect(trendSegments(points, 'strategyPercent')).toEqual([
      [
        { index: 0, value: 50 },
        { index: 1, value: 52 },
      ],
      [
        { index: 3, value: 55 },
        { index: 4, value: 56 },
      ],
    ]);
    expect(trendSegments(points, 'executionPercent')).toEqual([
      [{ index: 0, value: 40 }],
      [
        { index: 3, value: 45 },
        { index: 4, value: 46 },
      ],
    ]);
  });

  it('says where each series went, over the measured days only', () => {
    const ninety = trend(91);
    expect(seriesSentence(ninety, 'executionPercent')).toBe(
      'Story PO coverage went from 40% to 62% over 90 days.',
    );
    const trailingGap = [...points, { day: '2026-09-06', strategyPercent: null, executionPercent: null }];
    expect(seriesSentence(trailingGap, 'strategyPercent')).toBe(
      'Epic PM coverage went from 50% to 56% over 4 days.',
    );
    expect(seriesSentence([points[0]!, { ...points[0]!, day: '2026-09-03' }], 'executionPercent')).toBe(
      'Story PO coverage stayed at 40% over 2 days.',
    );
    expect(seriesSentence([points[0]!], 'strategyPercent')).toBe(
      'Epic PM coverage was 50% on the one day measured.',
    );
    expect(seriesSentence([points[2]!], 'strategyPercent')).toBe(
      'Epic PM coverage has no measured days yet.',
    );
  });

  it('counts the days without a scan in the summary', () => {
    expect(trendSummary(points)).toBe(
      'Epic PM coverage went from 50% to 56% over 4 days. Story PO coverage went from 40% to 46% over 4 days. ' +
        '1 day has no scan and shows as a gap.',
    );
  });
});

describe('status line', () => {
  const now = new Date('2026-11-30T12:00:00Z');

  it('says how old the results are', () => {
    expect(resultsAgeText('2026-11-30T11:48:00Z', now, 'en')).toBe('Results from 12 minutes ago');
    expect(resultsAgeText('2026-11-30T11:59:30Z', now, 'en')).toBe('Results from less than a minute ago');
    expect(resultsAgeText('2026-11-29T12:00:00Z', now, 'en')).toBe('Results from yesterday');
    expect(resultsAgeText('2026-11-30T09:00:00Z', now, 'de')).toBe('Results: vor 3 Stunden');
    expect(resultsAgeText('not a date', now, 'en')).toBeNull();
  });

  it('says what a scan is doing, with numbers in the viewer’s locale', () => {
    expect(scanProgressText(runningScan(), 'en-US')).toBe('Reading issues: 1,200 of 10,000');
    expect(scanProgressText(runningScan(), 'de-DE')).toBe('Reading issues: 1.200 of 10.000');
    expect(scanProgressText(runningScan({ phase: 'finding', done: 0, total: null }), 'en')).toBe(
      'Finding the project’s issues',
    );
    expect(scanProgressText(runningScan({ state: 'queued' }), 'en')).toBe('Waiting to start');
    expect(scanFraction(runningScan({ total: null }))).toBeNull();
    expect(scanFraction(runningScan({ done: 12, total: 10 }))).toEqual({ done: 10, total: 10 });
  });

  it('tells who can fix a failed scan, and never calls a lasting failure temporary', () => {
    expect(scanFailureAdvice('APP_CANNOT_READ')).toContain('Ask a Jira admin');
    for (const code of ['APP_CANNOT_READ', 'RATE_LIMITED', 'JIRA_UNAVAILABLE', 'INTERNAL', 'TIMEOUT'])
      expect(scanFailureAdvice(code)).not.toMatch(/temporar/i);
  });
});

describe('gap filters → list-gaps payload', () => {
  it('sends nothing for no filter', () => {
    expect(toGapFilter(NO_FILTERS)).toEqual({});
  });

  it('maps each filter, trims the text and keeps it within the contract', () => {
    const filter = toGapFilter({
      codes: ['STORY_WITHOUT_PO', 'PO_NOT_ELIGIBLE'],
      severity: 'error',
      owner: NO_OWNER,
      epicId: '20012',
      text: `  ${'x'.repeat(150)}  `,
    });
    expect(filter).toEqual({
      codes: ['STORY_WITHOUT_PO', 'PO_NOT_ELIGIBLE'],
      severity: 'error',
      owner: 'none',
      epicId: '20012',
      text: 'x'.repeat(100),
    });
    expect(alignmentPayloads['project/list-gaps'].safeParse({ filter }).success).toBe(true);
    expect(toGapFilter({ ...NO_FILTERS, text: '   ' })).toEqual({});
  });

  it('offers the owners and epics seen so far, keeping earlier ones', () => {
    const first = mergeOwnerOptions(new Map(), [gapRow(1, 'PO_NOT_ELIGIBLE'), gapRow(2)]);
    const later = mergeOwnerOptions(first, [gapRow(3, 'STORY_WITHOUT_PO', { owner: people.bo })]);
    expect(sortedOptions(later)).toEqual([
      { value: 'acc-bo', label: 'Bo Chen' },
      { value: 'acc-cyrus', label: 'Cyrus Okafor' },
      { value: 'none', label: 'No owner' },
    ]);
    expect(sortedOptions(mergeEpicOptions(new Map(), gapRows(4)))).toEqual([
      { value: '20012', label: 'SHOP-12 Checkout redesign' },
    ]);
  });
});

describe('who can fix a gap in the list', () => {
  const person = (reason: 'not-in-role' | 'inactive' | null) => ({
    accountId: 'acc-1',
    displayName: 'Yuki Tanaka',
    eligible: reason === null,
    reason,
  });
  it('says who and how for each code, as the issue context does', () => {
    expect(gapFixText({ code: 'STORY_WITHOUT_PO', owner: null })).toBe(
      'Assign a PO (anyone who can edit the issue)',
    );
    expect(gapFixText({ code: 'EPIC_WITHOUT_PM', owner: null })).toBe(
      'Assign a PM (anyone who can edit the issue)',
    );
    expect(gapFixText({ code: 'PO_NOT_ELIGIBLE', owner: person('not-in-role') })).toBe(
      'Add Yuki Tanaka to the Product Owner role, or choose another PO (a project admin)',
    );
    expect(gapFixText({ code: 'PO_NOT_ELIGIBLE', owner: person('inactive') })).toBe(
      'Choose another PO (anyone who can edit the issue)',
    );
    expect(gapFixText({ code: 'ROLE_MISPLACED', owner: null })).toContain('wrong slot');
  });
});
