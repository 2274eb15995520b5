// "Mute reminders": the viewer's own switch for Role Split's gap emails about one project, on the issue's full
// view and on the Alignment page (where the email's own mute link lands). Muting is for the viewer only and is
// undone with one click; every change is confirmed in words, announced to screen readers, with Undo focused.
// It starts as one button and asks the backend only when opened (or when the page was opened from the email's
// link), so the views that carry it cost no extra call until someone wants it.
import { useEffect, useRef, useState } from 'react';
import type { MuteView } from '../../../src/contract';
import { call } from '../api';
import { useAppContext } from '../app-context';
import type { UiError } from '../errors';
import { shortDate } from '../format';
import { ErrorMessage } from './error-message';
import { Notice } from './notice';
import { useMuteLanding } from './mute-landing';
import './mute-reminders.css';

export type MuteScope = 'issue' | 'project';

const KEYS = {
  issue: { get: 'issue/get-mute', set: 'issue/set-mute' },
  project: { get: 'project/get-mute', set: 'project/set-mute' },
} as const;

type Load = { status: 'loading' } | { status: 'error'; error: UiError } | { status: 'ready'; view: MuteView };

/** What the last click did, until the next one: the confirmation and its Undo. */
type Change = { muted: boolean } | null;

const EMPTY = {};

export function MuteReminders({ scope }: { scope: MuteScope }) {
  const { locale, timeZone } = useAppContext();
  const keys = KEYS[scope];
  const [attempt, setAttempt] = useState(0);
  const [open, setOpen] = useState(false);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const [change, setChange] = useState<Change>(null);
  const [writeError, setWriteError] = useState<{ error: UiError; muted: boolean } | null>(null);
  const { landing, landed, done } = useMuteLanding(scope === 'project');
  const undoRef = useRef<HTMLButtonElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  /** Opened with the keyboard or a click: the switch takes the focus from the button that opened it. */
  const focusOnReady = useRef(false);

  // Opened by the email's link: the switch stays open once the question is answered.
  const shown = open || landed;
  useEffect(() => {
    if (!shown) return;
    let current = true;
    void call(keys.get, EMPTY).then((envelope) => {
      if (!current) return;
      setLoad(
        envelope.ok ? { status: 'ready', view: envelope.data } : { status: 'error', error: envelope.error },
      );
    });
    return () => {
      current = false;
    };
  }, [keys.get, attempt, shown]);

  useEffect(() => {
    if (load.status === 'ready' && focusOnReady.current) {
      focusOnReady.current = false;
      toggleRef.current?.focus();
    }
  }, [load]);

  // The confirmation's Undo takes the focus from the button that went away.
  useEffect(() => {
    if (change) undoRef.current?.focus();
  }, [change]);

  const set = (muted: boolean) => {
    setBusy(true);
    setWriteError(null);
    void call(keys.set, { muted }).then((envelope) => {
      setBusy(false);
      if (!envelope.ok) {
        setWriteError({ error: envelope.error, muted });
        return;
      }
      setLoad({ status: 'ready', view: envelope.data });
      setChange({ muted: envelope.data.muted });
      done();
    });
  };

  if (!shown) {
    return (
      <div className="rs-mute" data-testid={`mute-${scope}`}>
        <button
          type="button"
          className="rs-btn rs-btn--link"
          aria-expanded={false}
          onClick={() => {
            focusOnReady.current = true;
            setOpen(true);
          }}
          data-testid={`mute-${scope}-open`}
        >
          Reminder emails for this project
        </button>
      </div>
    );
  }
  if (load.status === 'loading') {
    return (
      <p className="rs-mute rs-subtle rs-small" data-testid={`mute-${scope}-loading`}>
        Checking your reminder emails…
      </p>
    );
  }
  if (load.status === 'error') {
    return (
      <div className="rs-mute" data-testid={`mute-${scope}`}>
        <ErrorMessage
          error={load.error}
          testId={`mute-${scope}-error`}
          retryLabel="Check again"
          onRetry={() => {
            setLoad({ status: 'loading' });
            setAttempt((n) => n + 1);
          }}
        />
      </div>
    );
  }

  const { view } = load;
  const since = view.mutedAt ? shortDate(view.mutedAt, locale, timeZone) : null;
  return (
    <div className="rs-mute" data-testid={`mute-${scope}`} data-muted={view.muted}>
      {landing && !view.muted && !change && (
        <Notice
          appearance="discovery"
          title="Mute Role Split reminders for this project?"
          testId="mute-landing"
          actions={
            <>
              <button
                type="button"
                className="rs-btn rs-btn--primary"
                onClick={() => set(true)}
                disabled={busy}
                data-testid="mute-landing-confirm"
              >
                {busy ? 'Muting…' : 'Mute reminders'}
              </button>
              <button
                type="button"
                className="rs-btn rs-btn--subtle"
                onClick={done}
                disabled={busy}
                data-testid="mute-landing-cancel"
              >
                Keep them
              </button>
            </>
          }
        >
          <p>
            You opened the mute link of a Role Split email. Muting stops the gap emails about this project for
            you only; others still get theirs, and you can turn them back on here at any time.
          </p>
        </Notice>
      )}
      {landing && view.muted && !change && (
        <p className="rs-small" data-testid="mute-landing-already">
          Your reminders for this project are already muted.
        </p>
      )}
      <div role="status" aria-live="polite">
        {change && (
          <Notice
            appearance="success"
            title={change.muted ? 'Reminders muted' : 'Reminders back on'}
            testId="mute-confirmation"
            actions={
              <button
                ref={undoRef}
                type="button"
                className="rs-btn rs-btn--link"
                onClick={() => set(!change.muted)}
                disabled={busy}
                data-testid="mute-undo"
              >
                Undo
              </button>
            }
          >
            <p>
              {change.muted
                ? 'Role Split will send you no more emails about gaps in this project. The gaps still show here and on each issue.'
                : 'Role Split will email you again about gaps in this project that you can help close.'}
            </p>
          </Notice>
        )}
      </div>
      {writeError && (
        <ErrorMessage
          error={writeError.error}
          testId={`mute-${scope}-write-error`}
          onRetry={() => set(writeError.muted)}
          retrying={busy}
        />
      )}
      {!change && !(landing && !view.muted) && (
        <p className="rs-mute-line rs-small">
          <span data-testid={`mute-${scope}-state`}>
            {view.muted
              ? `Your gap reminder emails for this project are muted${since ? ` (since ${since})` : ''}.`
              : 'You get Role Split’s gap reminder emails for this project.'}
          </span>{' '}
          <button
            ref={toggleRef}
            type="button"
            className="rs-btn rs-btn--link"
            onClick={() => set(!view.muted)}
            disabled={busy}
            data-testid={`mute-${scope}-toggle`}
          >
            {busy ? 'Saving…' : view.muted ? 'Unmute reminders' : 'Mute reminders'}
          </button>
        </p>
      )}
    </div>
  );
}
