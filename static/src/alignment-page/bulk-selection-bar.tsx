// Above the gap list: how many issues are picked, "Assign owner…" and "Clear selection"; and, while the owner
// filter names someone, "Replace <them>…" (every slot they hold, not only the rows shown).
import type { GapRowView } from '../../../src/contract/alignment';
import { useAppContext } from '../app-context';
import { MAX_BULK_ISSUES } from './bulk-limits';
import { useBulk } from './bulk-context';
import { allSelected, pickedOf, someSelected } from './bulk-selection';
import { NO_OWNER, ANY } from './gap-filters';

export function BulkSelectionBar({ owner, ownerName }: { owner: string; ownerName: string | null }) {
  const bulk = useBulk();
  const { locale } = useAppContext();
  if (!bulk) return null;
  const count = bulk.selection.size;
  const number = new Intl.NumberFormat(locale);
  const person = owner !== ANY && owner !== NO_OWNER ? { accountId: owner, displayName: ownerName } : null;
  if (count === 0 && !person) return null;
  return (
    <div className="rs-bulk-bar" role="group" aria-label="Bulk assignment" data-testid="bulk-bar">
      {count > 0 && (
        <>
          <span aria-live="polite" data-testid="bulk-selected-count">
            {number.format(count)} selected
            {count >= MAX_BULK_ISSUES && ` (the most one change can take)`}
          </span>
          <button
            type="button"
            className="rs-btn rs-btn--primary"
            onClick={() => bulk.open({ kind: 'assign-selection' })}
            data-testid="bulk-assign-open"
          >
            Assign owner…
          </button>
          <button
            type="button"
            className="rs-btn rs-btn--subtle"
            onClick={bulk.clearSelection}
            data-testid="bulk-clear-selection"
          >
            Clear selection
          </button>
        </>
      )}
      {person && (
        <button
          type="button"
          className="rs-btn"
          onClick={() => bulk.open({ kind: 'replace', from: person })}
          data-testid="bulk-replace-owner"
        >
          Replace {ownerName ?? 'this person'} everywhere…
        </button>
      )}
    </div>
  );
}

/** The gap table's first header cell: "select all shown" (mixed when only some are). */
export function SelectAllShown({ rows }: { rows: readonly GapRowView[] }) {
  const bulk = useBulk();
  if (!bulk) return null;
  const shown = rows.map(pickedOf);
  const all = allSelected(bulk.selection, shown);
  const some = !all && someSelected(bulk.selection, shown);
  return (
    <input
      type="checkbox"
      className="rs-bulk-checkbox"
      aria-label={`Select all ${rows.length} shown`}
      checked={all}
      ref={(el) => {
        if (el) el.indeterminate = some;
      }}
      onChange={() => bulk.toggleShown(shown)}
      data-testid="bulk-select-all"
    />
  );
}

/** One gap row's checkbox (an issue under two gaps is picked once, and shows picked on both rows). */
export function SelectIssue({ row }: { row: GapRowView }) {
  const bulk = useBulk();
  if (!bulk) return null;
  return (
    <input
      type="checkbox"
      className="rs-bulk-checkbox"
      aria-label={`Select ${row.issueKey}`}
      checked={bulk.selection.has(row.issueId)}
      onChange={() => bulk.toggle(pickedOf(row))}
      data-testid="bulk-select"
    />
  );
}

/** The page header's "Replace a person…" (every slot one person holds here moves to someone else). */
export function BulkReplaceButton() {
  const bulk = useBulk();
  if (!bulk) return null;
  return (
    <button
      type="button"
      className="rs-btn"
      onClick={() => bulk.open({ kind: 'replace', from: null })}
      data-testid="bulk-replace-open"
    >
      Replace a person…
    </button>
  );
}
