// The alignment page's filters, kept pure so the rules ("what does a search match?") are tested apart from
// React. Filters only narrow the list the backend sent; they never invent or drop gaps on their own.
import type { Gap, GapCode, Severity } from '../../src/contract';
import { GAP_TEXT } from './gap-text';

export interface GapFilter {
  severity: Severity | 'all';
  code: GapCode | null;
  /** Free text matched against key, summary, type, epic, owner and the gap's title. */
  text: string;
}

export const NO_FILTER: GapFilter = { severity: 'all', code: null, text: '' };

export function isFiltering(filter: GapFilter): boolean {
  return filter.severity !== 'all' || filter.code !== null || filter.text.trim() !== '';
}

function haystack(gap: Gap): string {
  return [
    gap.issueKey,
    gap.summary,
    gap.issueType,
    gap.epicKey ?? '',
    gap.owner?.displayName ?? '',
    GAP_TEXT[gap.code].title,
    gap.code,
  ]
    .join('\n')
    .toLocaleLowerCase();
}

export function filterGaps(gaps: readonly Gap[], filter: GapFilter): Gap[] {
  const words = filter.text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return gaps.filter((gap) => {
    if (filter.severity !== 'all' && gap.severity !== filter.severity) return false;
    if (filter.code !== null && gap.code !== filter.code) return false;
    if (words.length === 0) return true;
    const text = haystack(gap);
    return words.every((word) => text.includes(word));
  });
}

/** How many gaps of each severity, for the filter's labels. */
export function countBySeverity(gaps: readonly Gap[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0 };
  for (const gap of gaps) counts[gap.severity] += 1;
  return counts;
}

export const SORT_COLUMNS = ['severity', 'gap', 'issue', 'type', 'summary', 'epic', 'owner'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortOrder = 'ASC' | 'DESC';
export interface GapSort {
  column: SortColumn;
  order: SortOrder;
}

/** What each column sorts by. Severity sorts by rank so errors come before warnings. */
export function sortValue(gap: Gap, column: SortColumn): string | number {
  switch (column) {
    case 'severity':
      return gap.severity === 'error' ? 0 : 1;
    case 'gap':
      return GAP_TEXT[gap.code].title;
    case 'issue':
      return gap.issueKey;
    case 'type':
      return gap.issueType;
    case 'summary':
      return gap.summary;
    case 'epic':
      return gap.epicKey ?? '';
    case 'owner':
      return gap.owner?.displayName ?? '';
  }
}

// The same comparison Atlaskit's table uses (numeric collation: SHOP-9 before SHOP-10), so the page of rows
// handed to the table is already in the order it would put them in.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'accent' });

/** Sorts the whole (filtered) list before paging; ties keep the report's order. `null` keeps report order. */
export function sortGaps(gaps: readonly Gap[], sort: GapSort | null): Gap[] {
  if (sort === null) return [...gaps];
  const direction = sort.order === 'ASC' ? 1 : -1;
  return [...gaps].sort((a, b) => {
    const left = sortValue(a, sort.column);
    const right = sortValue(b, sort.column);
    const order =
      typeof left === 'number' && typeof right === 'number'
        ? left - right
        : collator.compare(String(left), String(right));
    return direction * order;
  });
}

export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

export function pageOf<T>(items: readonly T[], page: number, perPage: number): T[] {
  const last = pageCount(items.length, perPage);
  const current = Math.min(Math.max(1, page), last);
  return items.slice((current - 1) * perPage, current * perPage);
}

/**
 * Page numbers to offer, with `null` for a gap: all of them when few, otherwise the first, the last and the
 * neighbours of the current page (1 … 4 5 6 … 20).
 */
export function pageLinks(current: number, last: number): Array<number | null> {
  if (last <= 7) return Array.from({ length: last }, (_, i) => i + 1);
  const wanted = new Set([1, last, current - 1, current, current + 1].filter((p) => p >= 1 && p <= last));
  const sorted = [...wanted].sort((a, b) => a - b);
  const links: Array<number | null> = [];
  for (const page of sorted) {
    const previous = links[links.length - 1];
    if (typeof previous === 'number' && page - previous > 1) links.push(null);
    links.push(page);
  }
  return links;
}
