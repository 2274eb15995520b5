// The gap list with its filters: counts by code (which double as a code filter), severity, and free text.
// Filters narrow what the table shows; the counts always describe the whole scan.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { useId, useMemo, useState } from 'react';
import type { Gap, GapCode, Severity } from '../../../src/contract';
import { DEFAULT_SEVERITY, GAP_CODES } from '../../../src/domain/model';
import { countBySeverity, filterGaps, isFiltering, NO_FILTER, type GapFilter } from '../gap-filter';
import { GAP_TEXT } from '../gap-text';
import { GapTable } from './gap-table';

const SEVERITY_OPTIONS: ReadonlyArray<{ value: Severity | 'all'; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'error', label: 'Errors' },
  { value: 'warning', label: 'Warnings' },
];

export function GapExplorer({
  gaps,
  byCode,
}: {
  gaps: readonly Gap[];
  byCode: Partial<Record<GapCode, number>>;
}) {
  const [filter, setFilter] = useState<GapFilter>(NO_FILTER);
  const [page, setPage] = useState(1);
  const searchId = useId();
  const shown = useMemo(() => filterGaps(gaps, filter), [gaps, filter]);
  const severityCounts = useMemo(() => countBySeverity(gaps), [gaps]);
  const codes = GAP_CODES.filter((code) => (byCode[code] ?? 0) > 0);

  // Any filter change starts again at the first page, so a narrowed list never opens on an empty page.
  const update = (change: Partial<GapFilter>) => {
    setFilter((current) => ({ ...current, ...change }));
    setPage(1);
  };

  return (
    <section aria-labelledby="rs-gaps-heading">
      <div className="rs-section-heading">
        <Heading size="medium" as="h2" id="rs-gaps-heading">
          Gaps
        </Heading>
      </div>
      <ul className="rs-code-chips" aria-label="Gaps by type (select to filter)" data-testid="page-codes">
        {codes.map((code) => {
          const selected = filter.code === code;
          const severity = gaps.find((gap) => gap.code === code)?.severity ?? DEFAULT_SEVERITY[code];
          return (
            <li key={code}>
              <button
                type="button"
                className="rs-chip"
                aria-pressed={selected}
                data-testid={`page-code-${code}`}
                onClick={() => update({ code: selected ? null : code })}
              >
                <Lozenge appearance={severity === 'error' ? 'removed' : 'moved'}>
                  {GAP_TEXT[code].title}
                </Lozenge>
                <span className="rs-chip-count">{byCode[code]}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="rs-toolbar" role="search">
        <div className="rs-field">
          <span className="rs-field-label" id={`${searchId}-severity`}>
            Severity
          </span>
          <div className="rs-segmented" role="group" aria-labelledby={`${searchId}-severity`}>
            {SEVERITY_OPTIONS.map((option) => (
              <Button
                key={option.value}
                isSelected={filter.severity === option.value}
                aria-pressed={filter.severity === option.value}
                onClick={() => update({ severity: option.value })}
                testId={`page-severity-${option.value}`}
              >
                {option.value === 'all'
                  ? `${option.label} (${gaps.length})`
                  : `${option.label} (${severityCounts[option.value]})`}
              </Button>
            ))}
          </div>
        </div>
        <div className="rs-field">
          <label className="rs-field-label" htmlFor={searchId}>
            Search
          </label>
          <input
            id={searchId}
            className="rs-search"
            type="search"
            placeholder="Issue key, summary, owner…"
            value={filter.text}
            onChange={(event) => update({ text: event.target.value })}
            data-testid="page-search"
          />
        </div>
        {isFiltering(filter) && (
          <Button appearance="subtle" onClick={() => update(NO_FILTER)} testId="page-clear-filters">
            Clear filters
          </Button>
        )}
      </div>
      <p className="rs-table-summary" aria-live="polite" data-testid="page-gap-count">
        {isFiltering(filter) ? `Showing ${shown.length} of ${gaps.length} gaps` : `${gaps.length} gaps`}
      </p>
      <GapTable
        gaps={shown}
        page={page}
        onSetPage={setPage}
        emptyView={
          <div className="rs-center" data-testid="page-no-match">
            <p>
              No gaps match these filters.{' '}
              <Button appearance="subtle" spacing="compact" onClick={() => update(NO_FILTER)}>
                Clear filters
              </Button>
            </p>
          </div>
        }
      />
    </section>
  );
}
