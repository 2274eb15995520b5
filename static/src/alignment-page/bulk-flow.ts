// The steps every bulk change shares: a preview asked again whenever the target or the person changes (an
// answer overtaken by a newer question is dropped), then apply, which queues the job and hands back its id.
// Apply names the preview shown (its previewId): the job holds each slot to who held it in that preview, so a
// slot someone changed since is left as they set it (CONFLICT) instead of overwritten.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BulkPreviewView, BulkTarget } from '../../../src/contract/bulk';
import { call } from '../api';
import type { UiError } from '../errors';

export type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: UiError }
  | { status: 'ready'; view: BulkPreviewView };

export function usePreview(
  target: BulkTarget | null,
  accountId: string | null,
): { state: PreviewState; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const question = target && accountId ? JSON.stringify({ target, accountId }) : null;
  const asked = `${question} ${attempt}`;
  // The last answer and the question it answers: a different question shows as loading until its own lands.
  const [answer, setAnswer] = useState<{ asked: string; state: PreviewState } | null>(null);
  const generation = useRef(0);
  useEffect(() => {
    const mine = ++generation.current;
    if (question === null) return;
    const payload = JSON.parse(question) as { target: BulkTarget; accountId: string };
    void call('bulk/preview', payload).then((envelope) => {
      if (mine !== generation.current) return;
      setAnswer({
        asked: `${question} ${attempt}`,
        state: envelope.ok
          ? { status: 'ready', view: envelope.data }
          : { status: 'error', error: envelope.error },
      });
    });
  }, [question, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const state: PreviewState =
    question === null ? { status: 'idle' } : answer?.asked === asked ? answer.state : { status: 'loading' };
  return { state, retry };
}

export function useApply(onQueued: (jobId: string) => void): {
  apply: (target: BulkTarget, accountId: string, previewId?: string) => void;
  busy: boolean;
  error: UiError | null;
  /** Forgets a failed apply (a new preview is being asked). */
  clearError: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const apply = useCallback(
    (target: BulkTarget, accountId: string, previewId?: string) => {
      setBusy(true);
      setError(null);
      void call('bulk/apply', { target, accountId, ...(previewId ? { previewId } : {}) }).then((envelope) => {
        setBusy(false);
        if (envelope.ok) onQueued(envelope.data.jobId);
        else setError(envelope.error);
      });
    },
    [onQueued],
  );
  const clearError = useCallback(() => setError(null), []);
  return { apply, busy, error, clearError };
}
