// The gap list as Atlaskit's dynamic table: sortable columns, 50 rows a page. Sorting and paging happen
// here over the whole filtered list (the table only draws one page), and each row carries its code and
// issue key as data attributes for browser tests.
import { DynamicTableStateless } from '@atlaskit/dynamic-table';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import { useMemo, useState, type ReactElement } from 'react';
import type { Gap } from '../../../src/contract';
import { IssueLink } from '../components/issue-link';
import { Pager } from '../components/pager';
import { PersonAvatar } from '../components/person-avatar';
import { PersonName } from '../components/person-line';
import { SeverityLozenge } from '../components/severity-lozenge';
import {
  pageCount,
  pageOf,
  SORT_COLUMNS,
  sortGaps,
  sortValue,
  type GapSort,
  type SortColumn,
} from '../gap-filter';
import { GAP_TEXT } from '../gap-text';

export const ROWS_PER_PAGE = 50;

const COLUMNS: ReadonlyArray<{ column: SortColumn; title: string; width: number; truncate?: boolean }> = [
  { column: 'severity', title: 'Severity', width: 8 },
  { column: 'gap', title: 'Gap', width: 18 },
  { column: 'issue', title: 'Issue', width: 9 },
  { column: 'type', title: 'Type', width: 7 },
  { column: 'summary', title: 'Summary', width: 24, truncate: true },
  // The nearest strategy ancestor, which may be an initiative.
  { column: 'epic', title: 'Epic / initiative', width: 13 },
  { column: 'owner', title: 'Owner', width: 21, truncate: true },
];

const HEAD: HeadType = {
  cells: COLUMNS.map(({ column, title, width, truncate }) => ({
    key: column,
    content: title,
    isSortable: true,
    width,
    shouldTruncate: truncate ?? false,
  })),
};

function isSortColumn(value: unknown): value is SortColumn {
  return typeof value === 'string' && (SORT_COLUMNS as readonly string[]).includes(value);
}

/** The table reports a header click as `{ key, sortOrder }`; anything else leaves the order alone. */
function readSort(data: unknown): GapSort | null {
  if (typeof data !== 'object' || data === null) return null;
  const { key, sortOrder } = data as { key?: unknown; sortOrder?: unknown };
  if (!isSortColumn(key) || (sortOrder !== 'ASC' && sortOrder !== 'DESC')) return null;
  return { column: key, order: sortOrder };
}

function Dash() {
  return (
    <span className="rs-subtlest" aria-label="None">
      —
    </span>
  );
}

function rowOf(gap: Gap): RowType {
  const text = GAP_TEXT[gap.code];
  const row: RowType & Record<`data-${string}`, string> = {
    key: `${gap.issueKey}:${gap.code}`,
    testId: 'gap-row',
    'data-code': gap.code,
    'data-issue': gap.issueKey,
    'data-severity': gap.severity,
    // Each cell's `key` is its sort value, so the table's own (same) ordering of this page changes nothing.
    cells: [
      { key: sortValue(gap, 'severity'), content: <SeverityLozenge severity={gap.severity} /> },
      { key: sortValue(gap, 'gap'), content: <span title={text.explanation}>{text.title}</span> },
      { key: sortValue(gap, 'issue'), content: <IssueLink issueKey={gap.issueKey} /> },
      { key: sortValue(gap, 'type'), content: gap.issueType },
      { key: sortValue(gap, 'summary'), content: <span title={gap.summary}>{gap.summary}</span> },
      { key: sortValue(gap, 'epic'), content: gap.epicKey ? <IssueLink issueKey={gap.epicKey} /> : <Dash /> },
      {
        key: sortValue(gap, 'owner'),
        content: gap.owner ? (
          <span className="rs-person">
            <PersonAvatar person={gap.owner} size="small" />
            <PersonName person={gap.owner} />
          </span>
        ) : (
          <Dash />
        ),
      },
    ],
  };
  return row;
}

export function GapTable({
  gaps,
  page,
  onSetPage,
  emptyView,
}: {
  gaps: readonly Gap[];
  page: number;
  onSetPage: (page: number) => void;
  emptyView: ReactElement;
}) {
  const [sort, setSort] = useState<GapSort | null>(null);
  const sorted = useMemo(() => sortGaps(gaps, sort), [gaps, sort]);
  const pages = pageCount(sorted.length, ROWS_PER_PAGE);
  const current = Math.min(page, pages);
  const rows = useMemo(() => pageOf(sorted, current, ROWS_PER_PAGE).map(rowOf), [sorted, current]);
  return (
    <div className="rs-table" data-testid="page-gap-table">
      <DynamicTableStateless
        head={HEAD}
        rows={rows}
        sortKey={sort?.column}
        sortOrder={sort?.order}
        onSort={(data: unknown) => {
          const next = readSort(data);
          if (next === null) return;
          setSort(next);
          onSetPage(1);
        }}
        isFixedSize
        label="Gaps"
        emptyView={emptyView}
      />
      <Pager page={current} pages={pages} onSetPage={onSetPage} label="Gap list pages" />
    </div>
  );
}
