// The gap list: filters (code, severity, owner, epic, text), each issue with its epic's key and summary,
// read a page at a time from the stored results, and exported as CSV exactly as filtered.
import Heading from '@atlaskit/heading';
import { useEffect, useId, useMemo, useState } from 'react';
import type { GapRowView } from '../../../src/contract/alignment';
import type { GapCode } from '../../../src/contract';
import { gapFixText } from './gap-fix';
import { useAppContext } from '../app-context';
import { ErrorMessage } from '../components/error-message';
import { IssueLink } from '../components/issue-link';
import { Loading } from '../components/loading';
import { SeverityLozenge } from '../components/severity-lozenge';
import { GAP_TEXT } from '../gap-text';
import { Dash, Ellipsis, LoadMore, PersonCell, TableScroll } from './cells';
import { CsvExport } from './csv-export';
import { GapFilterBar } from './gap-filter-bar';
import {
  isFiltering,
  mergeEpicOptions,
  mergeOwnerOptions,
  toGapFilter,
  type GapFilterState,
} from './gap-filters';
import { usePagedList } from './use-load';
import { useBulk } from './bulk-context';
import { BulkSelectionBar, SelectAllShown, SelectIssue } from './bulk-selection-bar';

const PAGE = 50;
/** Typing pauses this long before the list asks again, so a word is one request, not one per letter. */
export const SEARCH_DEBOUNCE_MS = 300;

function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

function GapRow({ gap, selectable }: { gap: GapRowView; selectable: boolean }) {
  const text = GAP_TEXT[gap.code];
  return (
    <tr data-testid="gap-row" data-code={gap.code} data-issue={gap.issueKey} data-severity={gap.severity}>
      {selectable && (
        <td>
          <SelectIssue row={gap} />
        </td>
      )}
      <td>
        <SeverityLozenge severity={gap.severity} />
      </td>
      <td>
        <Ellipsis text={text.title} />
        <span data-testid="gap-fix" className="rs-gap-fix">
          <Ellipsis text={gapFixText(gap)} className="rs-subtle" />
        </span>
      </td>
      <td>
        <IssueLink issueKey={gap.issueKey} />
      </td>
      <td>
        <Ellipsis text={gap.summary} />
      </td>
      <td>
        <Ellipsis text={gap.issueType} />
      </td>
      <td data-testid="gap-epic">
        {gap.epic ? (
          <span className="rs-epic-cell">
            <IssueLink issueKey={gap.epic.key} />
            <Ellipsis text={gap.epic.summary} className="rs-subtle" />
          </span>
        ) : (
          <Dash />
        )}
      </td>
      <td>
        <PersonCell person={gap.owner} />
      </td>
    </tr>
  );
}

/** How many gaps the filter matches, when the summary's counts can say (codes only); null otherwise. */
function knownTotal(state: GapFilterState, byCode: Partial<Record<GapCode, number>>): number | null {
  const { codes, ...rest } = state;
  if (isFiltering({ ...rest, codes: [] })) return null;
  const counted = codes.length > 0 ? codes : (Object.keys(byCode) as GapCode[]);
  return counted.reduce((sum, code) => sum + (byCode[code] ?? 0), 0);
}

export function GapList({
  projectKey,
  byCode,
  filters,
  onFilters,
  version,
}: {
  projectKey: string;
  byCode: Partial<Record<GapCode, number>>;
  filters: GapFilterState;
  onFilters: (next: GapFilterState) => void;
  version: number;
}) {
  const { locale } = useAppContext();
  const headingId = useId();
  const text = useDebounced(filters.text, SEARCH_DEBOUNCE_MS);
  const filter = useMemo(() => toGapFilter({ ...filters, text }), [filters, text]);
  const list = usePagedList('project/list-gaps', { filter, limit: PAGE }, version);
  const [owners, setOwners] = useState<Map<string, string>>(new Map());
  const [epics, setEpics] = useState<Map<string, string>>(new Map());
  // Options grow with every page that arrives (state adjusted while rendering, as React recommends over an
  // effect), so a chosen owner or epic stays offered while the filter narrows the rows.
  const [merged, setMerged] = useState<readonly GapRowView[] | null>(null);
  if (merged !== list.items) {
    setMerged(list.items);
    setOwners(mergeOwnerOptions(owners, list.items));
    setEpics(mergeEpicOptions(epics, list.items));
  }

  // Bulk assignment (when the page offers it): the owners seen are offered when replacing someone.
  const bulk = useBulk();
  const reportOwners = bulk?.reportOwners;
  useEffect(() => reportOwners?.(owners), [reportOwners, owners]);

  const number = new Intl.NumberFormat(locale);
  const total = knownTotal(filters, byCode);
  const shown =
    total !== null
      ? `Showing ${number.format(list.items.length)} of ${number.format(total)} gaps`
      : `Showing ${number.format(list.items.length)} matching ${list.items.length === 1 ? 'gap' : 'gaps'}${list.hasMore ? ' so far' : ''}`;

  return (
    <section className="rs-section" aria-labelledby={headingId} data-testid="page-gaps">
      <div className="rs-section-heading">
        <Heading size="medium" as="h2" id={headingId}>
          Gaps
        </Heading>
        <CsvExport projectKey={projectKey} filter={filter} />
      </div>
      <GapFilterBar filters={filters} onFilters={onFilters} owners={owners} epics={epics} />
      <BulkSelectionBar owner={filters.owner} ownerName={owners.get(filters.owner) ?? null} />
      {list.status === 'loading' && <Loading label="Loading gaps" />}
      {list.status === 'error' && list.error && (
        <ErrorMessage error={list.error} onRetry={list.retry} testId="page-gaps-error" />
      )}
      {list.status === 'ready' && list.items.length === 0 && (
        <p className="rs-center" data-testid="page-no-gaps">
          {isFiltering(filters)
            ? 'No gaps match these filters.'
            : 'No gaps: every epic and initiative you can see has a PM and every story a PO.'}
        </p>
      )}
      {list.status === 'ready' && list.items.length > 0 && (
        <>
          <TableScroll label="Gaps" testId="page-gap-table">
            <table className="rs-table-plain rs-gaps-table" aria-busy={list.refreshing}>
              <colgroup>
                {bulk && <col className="rs-col-check" />}
                <col className="rs-col-severity" />
                <col className="rs-col-gap" />
                <col className="rs-col-key" />
                <col />
                <col className="rs-col-type" />
                <col className="rs-col-epic" />
                <col className="rs-col-person" />
              </colgroup>
              <thead>
                <tr>
                  {bulk && (
                    <th scope="col">
                      <SelectAllShown rows={list.items} />
                    </th>
                  )}
                  <th scope="col">Severity</th>
                  <th scope="col">Gap</th>
                  <th scope="col">Issue</th>
                  <th scope="col">Summary</th>
                  <th scope="col">Type</th>
                  <th scope="col">Epic / initiative</th>
                  <th scope="col">Owner</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((gap) => (
                  <GapRow key={`${gap.issueId}:${gap.code}`} gap={gap} selectable={bulk !== null} />
                ))}
              </tbody>
            </table>
          </TableScroll>
          <LoadMore
            hasMore={list.hasMore}
            loading={list.loadingMore}
            error={list.error}
            onLoadMore={list.loadMore}
            shown={shown}
            noun="gaps"
            testId="page-gaps-more"
          />
        </>
      )}
    </section>
  );
}
