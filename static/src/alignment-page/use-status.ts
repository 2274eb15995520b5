// The page's status: enabled or not, the viewer's rights, the scan under way and when the results were made.
// While a scan is queued or running it is asked again every 2 s, but only while the page is visible (a
// hidden tab costs nothing); `resultsVersion` moves whenever the stored results changed (a scan finished, a
// patch landed), so the summary and the lists reload then and only then.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AlignmentStatusView } from '../../../src/contract/alignment';
import { call, type ResolverState } from '../api';
import { isScanActive } from './status-text';

export const STATUS_POLL_MS = 2_000;
/** With no scan under way: enough to pick up the rescans product events cause. */
export const IDLE_POLL_MS = 30_000;

function useDocumentVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

export function useAlignmentStatus(): {
  state: ResolverState<AlignmentStatusView>;
  retry: () => void;
  /** Shows a status a write answered with (enable, rescan) without asking again. */
  accept: (view: AlignmentStatusView) => void;
  resultsVersion: number;
} {
  const [state, setState] = useState<ResolverState<AlignmentStatusView>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [resultsVersion, setResultsVersion] = useState(0);
  const seen = useRef<{ active: boolean; resultsAt: string | null } | null>(null);
  const visible = useDocumentVisible();

  const accept = useCallback((view: AlignmentStatusView) => {
    const active = isScanActive(view.currentScan);
    const before = seen.current;
    if (before && ((before.active && !active) || before.resultsAt !== view.resultsAt))
      setResultsVersion((n) => n + 1);
    seen.current = { active, resultsAt: view.resultsAt };
    setState({ status: 'ready', data: view, refreshing: false, refreshError: null });
  }, []);

  useEffect(() => {
    let current = true;
    void call('project/get-status', {}).then((envelope) => {
      if (!current) return;
      if (envelope.ok) accept(envelope.data);
      else
        setState((previous) =>
          previous.status === 'ready'
            ? { ...previous, refreshing: false, refreshError: envelope.error }
            : { status: 'error', error: envelope.error },
        );
    });
    return () => {
      current = false;
    };
  }, [attempt, accept]);

  // Coming back to the tab asks at once: a scan may have finished while nobody looked.
  const wasVisible = useRef(visible);
  useEffect(() => {
    if (visible && !wasVisible.current) setAttempt((n) => n + 1);
    wasVisible.current = visible;
  }, [visible]);

  const active = state.status === 'ready' && isScanActive(state.data.currentScan);
  useEffect(() => {
    if (!visible) return;
    // Between scans too, slowly: edits in Jira are rescanned within about 30 s, and an open page shows them.
    const timer = setTimeout(() => setAttempt((n) => n + 1), active ? STATUS_POLL_MS : IDLE_POLL_MS);
    return () => clearTimeout(timer);
  }, [active, visible, state]);

  const retry = useCallback(() => {
    setState((previous) =>
      previous.status === 'ready'
        ? { ...previous, refreshing: true, refreshError: null }
        : { status: 'loading' },
    );
    setAttempt((n) => n + 1);
  }, []);

  return { state, retry, accept, resultsVersion };
}
