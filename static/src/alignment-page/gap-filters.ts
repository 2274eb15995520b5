// The gap list's filters as the page holds them, and the payload `project/list-gaps` takes. Owner and epic
// choices come from the rows the page has loaded (the page never receives a whole project), so the labels say
// so; a chosen option stays offered while its rows are narrowed away.
import type { EpicRowView, GapFilter, GapRowView } from '../../../src/contract/alignment';
import type { GapCode, Severity } from '../../../src/contract';
import { personName } from '../format';

export const ANY = 'any';
/** The contract's owner filter value for an empty slot. */
export const NO_OWNER = 'none';

export interface GapFilterState {
  codes: readonly GapCode[];
  severity: Severity | typeof ANY;
  /** An account id, NO_OWNER, or ANY. */
  owner: string;
  /** An epic's issue id, or ANY. */
  epicId: string;
  text: string;
}

export const NO_FILTERS: GapFilterState = { codes: [], severity: ANY, owner: ANY, epicId: ANY, text: '' };

/** The contract's text filter is at most 100 characters once trimmed. */
export const MAX_SEARCH = 100;

export function toGapFilter(state: GapFilterState): GapFilter {
  const filter: GapFilter = {};
  if (state.codes.length > 0) filter.codes = [...state.codes];
  if (state.severity !== ANY) filter.severity = state.severity;
  if (state.owner !== ANY) filter.owner = state.owner;
  if (state.epicId !== ANY) filter.epicId = state.epicId;
  const text = state.text.trim().slice(0, MAX_SEARCH);
  if (text !== '') filter.text = text;
  return filter;
}

export function isFiltering(state: GapFilterState): boolean {
  return Object.keys(toGapFilter(state)).length > 0;
}

export interface FilterOption {
  value: string;
  label: string;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const byLabel = (a: FilterOption, b: FilterOption) => collator.compare(a.label, b.label);

/** Owners seen in the rows so far (plus "No owner"), merged into what was offered before. */
export function mergeOwnerOptions(
  known: ReadonlyMap<string, string>,
  rows: readonly GapRowView[],
): Map<string, string> {
  const next = new Map(known);
  for (const row of rows) {
    if (row.owner) next.set(row.owner.accountId, personName(row.owner));
    else next.set(NO_OWNER, 'No owner');
  }
  return next;
}

/** Epics and initiatives seen in gap rows and in the epics table, by issue id: "SHOP-12 Checkout redesign". */
export function mergeEpicOptions(
  known: ReadonlyMap<string, string>,
  gaps: readonly GapRowView[],
  epics: readonly EpicRowView[] = [],
): Map<string, string> {
  const next = new Map(known);
  for (const gap of gaps) if (gap.epic) next.set(gap.epic.id, `${gap.epic.key} ${gap.epic.summary}`);
  for (const epic of epics) next.set(epic.issueId, `${epic.issueKey} ${epic.summary}`);
  return next;
}

export function sortedOptions(options: ReadonlyMap<string, string>): FilterOption[] {
  return [...options].map(([value, label]) => ({ value, label })).sort(byLabel);
}
