// The alignment page's filtering, sorting and paging rules, apart from React.
import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import type { Gap } from '../../../src/contract';
import { DEFAULT_SEVERITY, GAP_CODES } from '../../../src/domain/model';
import {
  countBySeverity,
  filterGaps,
  isFiltering,
  NO_FILTER,
  pageCount,
  pageLinks,
  pageOf,
  SORT_COLUMNS,
  sortGaps,
  type GapFilter,
} from '../../../static/src/gap-filter';

function gap(over: Partial<Gap> & Pick<Gap, 'issueKey'>): Gap {
  const code = over.code ?? 'STORY_WITHOUT_PO';
  return {
    code,
    severity: DEFAULT_SEVERITY[code],
    issueType: 'Story',
    summary: 'Guest checkout',
    epicKey: null,
    owner: null,
    ...over,
  };
}

const epicWithoutPm = gap({
  issueKey: 'SHOP-10',
  code: 'EPIC_WITHOUT_PM',
  issueType: 'Epic',
  summary: 'Checkout redesign',
});
const poNotEligible = gap({
  issueKey: 'SHOP-9',
  code: 'PO_NOT_ELIGIBLE',
  owner: { accountId: 'a', displayName: 'Cyrus Okafor' },
});
const storyWithoutEpic = gap({ issueKey: 'SHOP-100', code: 'STORY_WITHOUT_EPIC', summary: 'Loyalty points' });
const samePerson = gap({
  issueKey: 'APP-2',
  code: 'SAME_PERSON_PM_AND_PO',
  epicKey: 'APP-1',
  owner: { accountId: 'b', displayName: 'Bo Chen' },
});
/** In report order: errors first. */
const sample: Gap[] = [epicWithoutPm, poNotEligible, storyWithoutEpic, samePerson];

const arbGap: fc.Arbitrary<Gap> = fc.record({
  code: fc.constantFrom(...GAP_CODES),
  severity: fc.constantFrom('error' as const, 'warning' as const),
  issueKey: fc
    .tuple(fc.constantFrom('SHOP', 'APP'), fc.integer({ min: 1, max: 500 }))
    .map(([p, n]) => `${p}-${n}`),
  issueType: fc.constantFrom('Epic', 'Story'),
  summary: fc.string({ maxLength: 20 }),
  epicKey: fc.option(fc.constant('SHOP-1'), { nil: null }),
  owner: fc.option(
    fc.record({ accountId: fc.string(), displayName: fc.option(fc.string({ maxLength: 8 }), { nil: null }) }),
    { nil: null },
  ),
});

const arbFilter: fc.Arbitrary<GapFilter> = fc.record({
  severity: fc.constantFrom('all' as const, 'error' as const, 'warning' as const),
  code: fc.option(fc.constantFrom(...GAP_CODES), { nil: null }),
  text: fc.string({ maxLength: 4 }),
});

describe('filterGaps', () => {
  it('keeps everything without a filter', () => {
    expect(filterGaps(sample, NO_FILTER)).toEqual(sample);
    expect(isFiltering(NO_FILTER)).toBe(false);
  });

  it('filters by severity and by code', () => {
    expect(filterGaps(sample, { ...NO_FILTER, severity: 'warning' }).map((g) => g.issueKey)).toEqual([
      'SHOP-100',
      'APP-2',
    ]);
    expect(filterGaps(sample, { ...NO_FILTER, code: 'PO_NOT_ELIGIBLE' }).map((g) => g.issueKey)).toEqual([
      'SHOP-9',
    ]);
  });

  it('matches every word of the search, case-insensitively, across key, summary, owner, epic and gap title', () => {
    const keys = (text: string) => filterGaps(sample, { ...NO_FILTER, text }).map((g) => g.issueKey);
    expect(keys('cyrus')).toEqual(['SHOP-9']);
    expect(keys('APP-1')).toEqual(['APP-2']); // the epic key
    expect(keys('no product manager')).toEqual(['SHOP-10']); // the gap's title
    expect(keys('checkout guest')).toEqual(['SHOP-9', 'APP-2']);
    expect(keys('checkout loyalty')).toEqual([]);
    expect(isFiltering({ ...NO_FILTER, text: '  ' })).toBe(false);
  });

  it('only ever narrows: the result is an in-order subset where every gap meets the filter', () => {
    fc.assert(
      fc.property(fc.array(arbGap, { maxLength: 30 }), arbFilter, (gaps, filter) => {
        const shown = filterGaps(gaps, filter);
        let cursor = 0;
        for (const kept of shown) {
          cursor = gaps.indexOf(kept, cursor) + 1;
          expect(cursor).toBeGreaterThan(0);
          if (filter.severity !== 'all') expect(kept.severity).toBe(filter.severity);
          if (filter.code !== null) expect(kept.code).toBe(filter.code);
        }
      }),
    );
  });

  it('counts severities over the whole list', () => {
    expect(countBySeverity(sample)).toEqual({ error: 2, warning: 2 });
  });
});

describe('sortGaps', () => {
  it('sorts issue keys by project, then numerically', () => {
    const sorted = sortGaps(sample, { column: 'issue', order: 'ASC' }).map((g) => g.issueKey);
    expect(sorted).toEqual(['APP-2', 'SHOP-9', 'SHOP-10', 'SHOP-100']);
    expect(sortGaps(sample, { column: 'issue', order: 'DESC' }).map((g) => g.issueKey)).toEqual(
      [...sorted].reverse(),
    );
  });

  it('puts errors before warnings and keeps the report order among equals', () => {
    const sorted = sortGaps([storyWithoutEpic, epicWithoutPm, samePerson, poNotEligible], {
      column: 'severity',
      order: 'ASC',
    });
    expect(sorted.map((g) => g.issueKey)).toEqual(['SHOP-10', 'SHOP-9', 'SHOP-100', 'APP-2']);
  });

  it('keeps the report order when no column is chosen', () => {
    expect(sortGaps(sample, null)).toEqual(sample);
  });

  it('is a permutation for every column and order', () => {
    fc.assert(
      fc.property(
        fc.array(arbGap, { maxLength: 30 }),
        fc.constantFrom(...SORT_COLUMNS),
        fc.constantFrom('ASC' as const, 'DESC' as const),
        (gaps, column, order) => {
          const sorted = sortGaps(gaps, { column, order });
          expect(sorted).toHaveLength(gaps.length);
          for (const g of gaps)
            expect(sorted.filter((s) => s === g).length).toBe(gaps.filter((x) => x === g).length);
        },
      ),
    );
  });
});

describe('paging', () => {
  it('cuts pages of 50 and clamps a page past the end to the last one', () => {
    const items = Array.from({ length: 63 }, (_, i) => i);
    expect(pageCount(63, 50)).toBe(2);
    expect(pageCount(0, 50)).toBe(1);
    expect(pageOf(items, 1, 50)).toHaveLength(50);
    expect(pageOf(items, 2, 50)).toEqual(items.slice(50));
    expect(pageOf(items, 9, 50)).toEqual(items.slice(50));
  });

  it('offers every page when few, and the ends plus neighbours when many', () => {
    expect(pageLinks(2, 3)).toEqual([1, 2, 3]);
    expect(pageLinks(1, 20)).toEqual([1, 2, null, 20]);
    expect(pageLinks(10, 20)).toEqual([1, null, 9, 10, 11, null, 20]);
    expect(pageLinks(20, 20)).toEqual([1, null, 19, 20]);
  });

  it('always offers the current, first and last page, in order', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 400 })
          .chain((last) => fc.tuple(fc.integer({ min: 1, max: last }), fc.constant(last))),
        ([current, last]) => {
          const pages = pageLinks(current, last).filter((p): p is number => p !== null);
          expect(pages).toContain(current);
          expect(pages[0]).toBe(1);
          expect(pages[pages.length - 1]).toBe(last);
          expect([...pages].sort((a, b) => a - b)).toEqual(pages);
        },
      ),
    );
  });
});
