// Waivers on this issue: each set-aside gap with its reason, author and end, revocable by editors; and a form
// to waive one of the issue's failing gaps with a reason and an end at most 180 days out.
import Heading from '@atlaskit/heading';
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { CheckView, GapCode, Role, WaiverView } from '../../../src/contract';
import { call } from '../api';
import { useAppContext } from '../app-context';
import { events, showFlag } from '../bridge';
import { ErrorMessage } from '../components/error-message';
import { describeError, type UiError } from '../errors';
import { shortDate } from '../format';
import { GAP_TEXT } from '../gap-text';
import { OWNERSHIP_CHANGED } from '../ownership';
import { waiverDateBounds, waiverExpiry, WAIVER_MAX_DAYS } from '../waiver-dates';

/** Mirrors WAIVER_REASON_MAX in src/contract/resolvers.ts (a value import would pull zod into the UI). */
const REASON_MAX = 500;

type WaivableCode = Exclude<GapCode, 'OWNERSHIP_INVALID'>;

function done(title: string, description: string, ok: boolean) {
  try {
    showFlag({
      id: `role-split-waiver-${Date.now()}`,
      type: ok ? 'success' : 'error',
      appearance: ok ? 'success' : 'error',
      title,
      description,
      isAutoDismiss: true,
    });
  } catch (error) {
    console.error('Role Split: could not show a flag', error);
  }
}

export function Waivers({
  waivers,
  checks,
  canWaive,
  slot,
  onChanged,
}: {
  waivers: readonly WaiverView[];
  checks: readonly CheckView[];
  canWaive: boolean;
  slot: Role;
  onChanged: () => void;
}) {
  const { locale, timeZone } = useAppContext();
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const waivable = checks
    .filter((check) => check.status === 'fail' && check.code !== 'OWNERSHIP_INVALID')
    .map((check) => check.code as WaivableCode);

  const finish = (ok: boolean, title: string, text: string, failure: UiError | null) => {
    setBusy(null);
    setError(failure);
    done(title, text, ok);
    if (ok) {
      void events.emit(OWNERSHIP_CHANGED, { slot }).catch(() => undefined);
      onChanged();
    }
  };

  const revoke = async (code: WaivableCode) => {
    setBusy(`revoke-${code}`);
    const envelope = await call('issue/revoke-waiver', { code });
    if (envelope.ok) finish(true, 'Waiver revoked', `${GAP_TEXT[code].title} counts again.`, null);
    else finish(false, describeError(envelope.error, { slot }).title, envelope.error.message, envelope.error);
  };

  const set = async (code: WaivableCode, reason: string, expiresAt: string) => {
    setBusy('set');
    const envelope = await call('issue/set-waiver', { code, reason, expiresAt });
    if (envelope.ok) {
      finish(
        true,
        'Gap waived',
        `${GAP_TEXT[code].title} is set aside until ${shortDate(expiresAt, locale, timeZone) ?? expiresAt}.`,
        null,
      );
      return true;
    }
    finish(false, describeError(envelope.error, { slot }).title, envelope.error.message, envelope.error);
    return false;
  };

  return (
    <section className="rs-section" aria-labelledby="rs-waivers-heading" data-testid="panel-waivers">
      <div className="rs-section-heading">
        <Heading size="xsmall" as="h2" id="rs-waivers-heading">
          Waivers
        </Heading>
      </div>
      {error && (
        <ErrorMessage
          error={error}
          situation={{ slot }}
          onRetry={() => setError(null)}
          retryLabel="Dismiss"
          testId="panel-waiver-error"
        />
      )}
      {waivers.length === 0 ? (
        <p className="rs-subtle">No gap of this issue is waived.</p>
      ) : (
        <ul className="rs-waived-list">
          {waivers.map((waiver) => (
            <li key={waiver.code} className="rs-waived-item" data-testid={`panel-waiver-${waiver.code}`}>
              <strong>{GAP_TEXT[waiver.code].title}</strong>
              <span className="rs-subtle rs-small">
                by {waiver.author.displayName ?? 'an unknown account'}, until{' '}
                {shortDate(waiver.expiresAt, locale, timeZone) ?? waiver.expiresAt}
              </span>
              {canWaive ? (
                <button
                  type="button"
                  className="rs-btn rs-btn--subtle"
                  disabled={busy !== null}
                  onClick={() => void revoke(waiver.code as WaivableCode)}
                >
                  {busy === `revoke-${waiver.code}` ? 'Revoking…' : 'Revoke'}
                </button>
              ) : (
                <span />
              )}
              <span className="rs-waived-reason">“{waiver.reason}”</span>
            </li>
          ))}
        </ul>
      )}
      {canWaive && waivable.length > 0 && (
        <WaiverForm codes={waivable} busy={busy === 'set'} onSubmit={set} />
      )}
      {!canWaive && (
        <p className="rs-subtlest rs-small">Only people who can edit this issue can waive its gaps.</p>
      )}
    </section>
  );
}

function WaiverForm({
  codes,
  busy,
  onSubmit,
}: {
  codes: readonly WaivableCode[];
  busy: boolean;
  onSubmit: (code: WaivableCode, reason: string, expiresAt: string) => Promise<boolean>;
}) {
  const id = useId();
  const bounds = useMemo(() => waiverDateBounds(new Date()), []);
  const [code, setCode] = useState<WaivableCode>(codes[0] ?? 'STORY_WITHOUT_PO');
  const [reason, setReason] = useState('');
  const [day, setDay] = useState(bounds.initial);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = waiverExpiry(day, new Date());
    if (reason.trim() === '') return setProblem('Say why this gap may be set aside.');
    if (expiresAt === null)
      return setProblem(`Pick an end date from tomorrow up to ${WAIVER_MAX_DAYS} days from today.`);
    setProblem(null);
    void onSubmit(code, reason.trim(), expiresAt).then((ok) => ok && setReason(''));
  };

  return (
    <form className="rs-waiver-form" onSubmit={submit} data-testid="panel-waiver-form" noValidate>
      <h3 className="rs-form-title">Waive a gap</h3>
      <div className="rs-field">
        <label className="rs-field-label" htmlFor={`${id}-code`}>
          Gap
        </label>
        <select
          id={`${id}-code`}
          className="rs-input"
          value={code}
          onChange={(event) => setCode(event.target.value as WaivableCode)}
        >
          {codes.map((c) => (
            <option key={c} value={c}>
              {GAP_TEXT[c].title}
            </option>
          ))}
        </select>
      </div>
      <div className="rs-field">
        <label className="rs-field-label" htmlFor={`${id}-reason`}>
          Reason
        </label>
        <textarea
          id={`${id}-reason`}
          className="rs-input rs-textarea"
          maxLength={REASON_MAX}
          required
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      <div className="rs-field">
        <label className="rs-field-label" htmlFor={`${id}-until`}>
          Until (at most {WAIVER_MAX_DAYS} days)
        </label>
        <input
          id={`${id}-until`}
          className="rs-input"
          type="date"
          min={bounds.min}
          max={bounds.max}
          required
          value={day}
          onChange={(event) => setDay(event.target.value)}
        />
      </div>
      {problem && (
        <p className="rs-field-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="rs-actions">
        <button type="submit" className="rs-btn rs-btn--primary" disabled={busy}>
          {busy ? 'Waiving…' : 'Waive gap'}
        </button>
      </div>
    </form>
  );
}
