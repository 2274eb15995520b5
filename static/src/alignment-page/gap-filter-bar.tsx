// The gap list's filters other than the code counts above it: severity, owner, epic and a text search.
// Native selects, styled with design tokens: keyboard and screen-reader behaviour come from the browser.
import Button from '@atlaskit/button/new';
import { useId } from 'react';
import type { Severity } from '../../../src/contract';
import { GAP_CODES } from '../../../src/domain/model';
import { GAP_TEXT } from '../gap-text';
import { ANY, isFiltering, MAX_SEARCH, NO_FILTERS, sortedOptions, type GapFilterState } from './gap-filters';

function FilterSelect({
  label,
  value,
  options,
  anyLabel,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  anyLabel: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  const id = useId();
  return (
    <div className="rs-field">
      <label className="rs-field-label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="rs-select"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      >
        <option value={ANY}>{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const SEVERITY_OPTIONS = [
  { value: 'error', label: 'Errors' },
  { value: 'warning', label: 'Warnings' },
];

export function GapFilterBar({
  filters,
  onFilters,
  owners,
  epics,
}: {
  filters: GapFilterState;
  onFilters: (next: GapFilterState) => void;
  owners: ReadonlyMap<string, string>;
  epics: ReadonlyMap<string, string>;
}) {
  const searchId = useId();
  const update = (change: Partial<GapFilterState>) => onFilters({ ...filters, ...change });
  const code = filters.codes.length === 1 ? (filters.codes[0] ?? ANY) : ANY;
  return (
    <div className="rs-toolbar" role="search" aria-label="Filter gaps" data-testid="page-gap-filters">
      <FilterSelect
        label="Gap"
        value={filters.codes.length > 1 ? 'several' : code}
        anyLabel="Any gap"
        options={[
          ...(filters.codes.length > 1
            ? [{ value: 'several', label: `${filters.codes.length} gap types` }]
            : []),
          ...GAP_CODES.map((value) => ({ value, label: GAP_TEXT[value].title })),
        ]}
        onChange={(value) =>
          update({ codes: value === ANY ? [] : GAP_CODES.filter((candidate) => candidate === value) })
        }
        testId="page-filter-code"
      />
      <FilterSelect
        label="Severity"
        value={filters.severity}
        anyLabel="Any severity"
        options={SEVERITY_OPTIONS}
        onChange={(value) => update({ severity: value === ANY ? ANY : (value as Severity) })}
        testId="page-filter-severity"
      />
      <FilterSelect
        label="Owner (from the rows loaded)"
        value={filters.owner}
        anyLabel="Anyone"
        options={sortedOptions(owners)}
        onChange={(owner) => update({ owner })}
        testId="page-filter-owner"
      />
      <FilterSelect
        label="Epic or initiative (from the rows loaded)"
        value={filters.epicId}
        anyLabel="Any epic"
        options={sortedOptions(epics)}
        onChange={(epicId) => update({ epicId })}
        testId="page-filter-epic"
      />
      <div className="rs-field">
        <label className="rs-field-label" htmlFor={searchId}>
          Search
        </label>
        <input
          id={searchId}
          className="rs-search"
          type="search"
          placeholder="Issue key or summary"
          maxLength={MAX_SEARCH}
          value={filters.text}
          onChange={(event) => update({ text: event.target.value })}
          data-testid="page-search"
        />
      </div>
      {isFiltering(filters) && (
        <Button appearance="subtle" onClick={() => onFilters(NO_FILTERS)} testId="page-clear-filters">
          Clear filters
        </Button>
      )}
    </div>
  );
}
