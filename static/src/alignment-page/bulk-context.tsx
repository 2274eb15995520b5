// Bulk assignment's state on the Alignment page: the issues picked on the gap list, the owners the page has
// seen (offered when replacing someone), and the one dialog open (assign, replace, or a job followed). The gap
// list, the epics table and the header reach it through context, so the page's components only gain a
// checkbox or a button. The dialogs load on demand: the page's first paint does not carry the people picker.
import { createContext, lazy, Suspense, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { EpicRowView } from '../../../src/contract/alignment';
import { Loading } from '../components/loading';
import {
  EMPTY_SELECTION,
  narrowTo,
  toggleIssue,
  toggleShown,
  type PickedIssue,
  type Selection,
} from './bulk-selection';
import type { Role } from '../../../src/contract';

/** Someone the page can name: enough to choose them as "replace X" or show them picked. */
export interface KnownPerson {
  accountId: string;
  displayName: string | null;
}

export type BulkDialog =
  | { kind: 'assign-selection' }
  | { kind: 'assign-epic'; epic: Pick<EpicRowView, 'issueId' | 'issueKey' | 'summary'> }
  | { kind: 'replace'; from: KnownPerson | null }
  | { kind: 'job'; jobId: string };

export interface BulkApi {
  selection: Selection;
  toggle: (issue: PickedIssue) => void;
  toggleShown: (shown: readonly PickedIssue[]) => void;
  narrow: (slot: Role) => void;
  clearSelection: () => void;
  open: (dialog: BulkDialog) => void;
  close: () => void;
  /** The gap list reports the owners its loaded rows show (the owner filter's options). */
  reportOwners: (owners: ReadonlyMap<string, string>) => void;
  knownOwners: () => KnownPerson[];
  /** A job was started: the recent-jobs list reloads, and the selection is spent once the dialog closes. */
  jobStarted: () => void;
  /** Moves whenever a job was started, so the recent-jobs list reloads. */
  jobsVersion: number;
}

const BulkContext = createContext<BulkApi | null>(null);

/** The page's bulk state, or null outside the page (the components then show no bulk controls). */
export function useBulk(): BulkApi | null {
  return useContext(BulkContext);
}

const BulkDialogs = lazy(() => import('./bulk-dialogs').then((m) => ({ default: m.BulkDialogs })));

/**
 * `enabled` false (the viewer lacks Edit Issues in the project): no bulk controls anywhere on the page, since
 * every issue would be refused; the page says why in one line.
 */
export function BulkProvider({ children, enabled = true }: { children: ReactNode; enabled?: boolean }) {
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [dialog, setDialog] = useState<BulkDialog | null>(null);
  const [jobsVersion, setJobsVersion] = useState(0);
  const owners = useRef<ReadonlyMap<string, string>>(new Map());
  const spent = useRef(false);

  const toggle = useCallback((issue: PickedIssue) => setSelection((s) => toggleIssue(s, issue)), []);
  const toggleAll = useCallback(
    (shown: readonly PickedIssue[]) => setSelection((s) => toggleShown(s, shown)),
    [],
  );
  const narrow = useCallback((slot: Role) => setSelection((s) => narrowTo(s, slot)), []);
  const clearSelection = useCallback(() => setSelection(EMPTY_SELECTION), []);
  const open = useCallback((next: BulkDialog) => {
    spent.current = false;
    setDialog(next);
  }, []);
  const close = useCallback(() => {
    // The picked issues went into a job: start afresh, as after any Jira bulk change.
    if (spent.current) setSelection(EMPTY_SELECTION);
    spent.current = false;
    setDialog(null);
  }, []);
  const reportOwners = useCallback((next: ReadonlyMap<string, string>) => {
    owners.current = next;
  }, []);
  const knownOwners = useCallback(
    () =>
      [...owners.current]
        .filter(([accountId]) => accountId !== 'none')
        .map(([accountId, displayName]) => ({ accountId, displayName })),
    [],
  );
  const jobStarted = useCallback(() => {
    spent.current = true;
    setJobsVersion((n) => n + 1);
  }, []);

  const api = useMemo<BulkApi>(
    () => ({
      selection,
      toggle,
      toggleShown: toggleAll,
      narrow,
      clearSelection,
      open,
      close,
      reportOwners,
      knownOwners,
      jobStarted,
      jobsVersion,
    }),
    [
      selection,
      toggle,
      toggleAll,
      narrow,
      clearSelection,
      open,
      close,
      reportOwners,
      knownOwners,
      jobStarted,
      jobsVersion,
    ],
  );

  return (
    <BulkContext.Provider value={enabled ? api : null}>
      {children}
      {enabled && dialog && (
        <Suspense fallback={<Loading label="Loading bulk assignment" />}>
          <BulkDialogs dialog={dialog} api={api} />
        </Suspense>
      )}
    </BulkContext.Provider>
  );
}
