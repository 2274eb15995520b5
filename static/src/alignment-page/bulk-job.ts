// Following a bulk job: `bulk/get-job` every 1.5 s while it is queued or running and the page is visible
// (a hidden tab asks nothing; coming back asks at once), never again once it is done or failed. Its rows come
// a page at a time, refused first; "Load more" follows the cursor once the job has finished.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BulkJobRowView, BulkJobView } from '../../../src/contract/bulk';
import { call } from '../api';
import type { UiError } from '../errors';
import { JOB_POLL_MS } from './bulk-limits';

export function isJobActive(job: Pick<BulkJobView, 'state'>): boolean {
  return job.state === 'queued' || job.state === 'running';
}

export function useDocumentVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

export interface FollowedJob {
  job: BulkJobView | null;
  /** Every row loaded so far (the first page while it runs; more with `loadMore` once it is done). */
  rows: BulkJobRowView[];
  /** The first load's or the last poll's failure; polling stops until `retry`. */
  error: UiError | null;
  /** More rows to load: only once the job is finished (while it runs, the first page is refreshed). */
  hasMore: boolean;
  loadMore: () => void;
  loadingMore: boolean;
  moreError: UiError | null;
  retry: () => void;
}

export function useBulkJob(jobId: string): FollowedJob {
  const [job, setJob] = useState<BulkJobView | null>(null);
  const [rows, setRows] = useState<BulkJobRowView[]>([]);
  const [error, setError] = useState<UiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<UiError | null>(null);
  const visible = useDocumentVisible();
  const generation = useRef(0);
  /** Counts answers: the next poll is timed from each answer, even one equal to the last. */
  const [answered, setAnswered] = useState(0);

  // One request per attempt; the next attempt is scheduled below while the job runs.
  useEffect(() => {
    const mine = ++generation.current;
    void call('bulk/get-job', { jobId }).then((envelope) => {
      if (mine !== generation.current) return;
      if (!envelope.ok) {
        setError(envelope.error);
        return;
      }
      setError(null);
      setJob(envelope.data);
      setRows(envelope.data.rows);
      setAnswered((n) => n + 1);
    });
  }, [jobId, attempt]);

  const active = job !== null && isJobActive(job);
  useEffect(() => {
    if (!active || !visible || error) return;
    const timer = setTimeout(() => setAttempt((n) => n + 1), JOB_POLL_MS);
    return () => clearTimeout(timer);
  }, [active, visible, error, answered]);

  // Back on the tab while it ran: ask at once, it may have finished meanwhile.
  const wasVisible = useRef(visible);
  useEffect(() => {
    if (visible && !wasVisible.current && active) setAttempt((n) => n + 1);
    wasVisible.current = visible;
  }, [visible, active]);

  const [cursor, setCursor] = useState<string | null>(null);
  const [cursorOf, setCursorOf] = useState<BulkJobView | null>(null);
  if (cursorOf !== job) {
    setCursorOf(job);
    setCursor(job?.nextCursor ?? null);
  }

  const loadMore = useCallback(() => {
    if (cursor === null || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    void call('bulk/get-job', { jobId, cursor }).then((envelope) => {
      if (mine !== generation.current) return;
      setLoadingMore(false);
      if (!envelope.ok) {
        setMoreError(envelope.error);
        return;
      }
      setMoreError(null);
      setRows((previous) => [...previous, ...envelope.data.rows]);
      setCursor(envelope.data.nextCursor);
    });
  }, [cursor, loadingMore, jobId]);

  const retry = useCallback(() => {
    setError(null);
    setAttempt((n) => n + 1);
  }, []);

  return {
    job,
    rows,
    error,
    hasMore: job !== null && !active && cursor !== null,
    loadMore,
    loadingMore,
    moreError,
    retry,
  };
}
