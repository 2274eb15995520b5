// The settings page's "Gap emails" section (issue 12): when and to whom Role Split emails the gaps of this
// project, the caps, what the last run did, and a preview of the next. Its own resolvers (`notifications/*`) and
// its own Save, so the policy form above and this one never overwrite each other's drafts. A refused save keeps
// everything typed; the backend checks everything again.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PersonView } from '../../../../src/contract';
import type {
  NotificationPreviewView,
  NotificationSettingsView,
  Weekday,
} from '../../../../src/contract/notifications';
import { call } from '../../api';
import { useAppContext } from '../../app-context';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { describeError, type UiError } from '../../errors';
import { absoluteTime, personName } from '../../format';
import { PersonSearch } from '../source-search';
import {
  draftOf,
  firstProblem,
  hourNote,
  hourLabel,
  impersonationText,
  isDirty,
  LIMITS,
  lastRunText,
  settingsOf,
  SITE_CAP_LIMITS,
  SKIP_REASON,
  timeZoneChoices,
  validateDraft,
  WEEKDAY_NAME,
  WEEKDAY_ORDER,
  wholeNumber,
  type DraftErrors,
  type DraftField,
  type NotificationsDraft,
} from './notifications-form';
import './notifications.css';

type Load =
  | { status: 'loading' }
  | { status: 'error'; error: UiError }
  | { status: 'ready'; view: NotificationSettingsView };

const EMPTY = {};
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

const FIELD_ID: Readonly<Record<DraftField, string>> = {
  timeZone: 'rs-notify-tz',
  weekdays: 'rs-notify-day-mon',
  reminderDays: 'rs-notify-reminder-days',
  perRunCap: 'rs-notify-run-cap',
  pmLeads: 'rs-notify-pm-leads-search',
  extra: 'rs-notify-extra-search',
};

function FieldProblem({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <span id={id} className="rs-field-problem rs-notify-problem">
      {text}
    </span>
  );
}

/** A refused write: the backend's own sentence for validation refusals (it names what to change). */
function SaveError({ error, testId }: { error: UiError; testId: string }) {
  if (error.code === 'BAD_REQUEST') {
    return (
      <Notice appearance="error" title="These settings were not saved" testId={testId}>
        <p data-error-code={error.code}>{error.message}</p>
      </Notice>
    );
  }
  return <ErrorMessage error={error} testId={testId} />;
}

function PeopleList({
  label,
  ids,
  people,
  onRemove,
  testId,
}: {
  label: string;
  ids: readonly string[];
  people: ReadonlyMap<string, PersonView>;
  onRemove: (accountId: string) => void;
  testId: string;
}) {
  if (ids.length === 0)
    return (
      <p className="rs-notify-none rs-subtle rs-small" data-testid={`${testId}-none`}>
        No one yet.
      </p>
    );
  return (
    <ul className="rs-notify-people" aria-label={label} data-testid={testId}>
      {ids.map((id) => {
        const person = people.get(id);
        const name = person ? personName(person) : 'An account Jira does not know';
        return (
          <li key={id} className="rs-notify-person">
            <span>{name}</span>
            {person && !person.eligible && (
              <span className="rs-field-problem rs-small"> (cannot receive email)</span>
            )}
            <button
              type="button"
              className="rs-btn rs-btn--subtle rs-small"
              onClick={() => onRemove(id)}
              aria-label={`Remove ${name} from ${label}`}
            >
              Remove
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function RunStatus({ view }: { view: NotificationSettingsView }) {
  const { locale, timeZone } = useAppContext();
  const run = lastRunText(view.lastRun);
  const access = impersonationText(view.impersonation);
  return (
    <div className="rs-notify-status" data-testid="notifications-status">
      <h3 className="rs-settings-h3">Last run</h3>
      <dl className="rs-settings-facts">
        <dt>When</dt>
        <dd data-testid="notifications-last-run-at">
          {view.lastRun ? (absoluteTime(view.lastRun.at, locale, timeZone) ?? view.lastRun.at) : 'Never'}
        </dd>
        <dt>Emails</dt>
        <dd data-testid="notifications-last-run">{run.summary}</dd>
        <dt>Sent today</dt>
        <dd data-testid="notifications-sent-today">
          {view.sentToday} of the site’s {view.siteDailyCap} a day
        </dd>
      </dl>
      {run.mailOff && (
        <Notice appearance="error" title="Outgoing mail is off" testId="notifications-mail-off">
          <p>
            Jira refused to send (403): outgoing mail is turned off for this site. A Jira admin can turn it on
            in Settings › System › Outgoing mail. Nothing is lost: the gaps are emailed on the next run after
            that.
          </p>
        </Notice>
      )}
      <div data-testid="notifications-impersonation" data-state={view.impersonation}>
        <Notice
          appearance={view.impersonation === 'not-granted' ? 'warning' : 'information'}
          title={access.title}
        >
          <p>{access.body}</p>
        </Notice>
      </div>
    </div>
  );
}

function Preview({ dirty }: { dirty: boolean }) {
  const [state, setState] = useState<
    | { status: 'idle' }
    | { status: 'loading' }
    | { status: 'error'; error: UiError }
    | { status: 'ready'; preview: NotificationPreviewView }
  >({ status: 'idle' });
  const run = () => {
    setState({ status: 'loading' });
    void call('notifications/preview', EMPTY).then((envelope) =>
      setState(
        envelope.ok
          ? { status: 'ready', preview: envelope.data }
          : { status: 'error', error: envelope.error },
      ),
    );
  };
  return (
    <div className="rs-notify-preview" data-testid="notifications-preview">
      <h3 className="rs-settings-h3">Preview of the next run</h3>
      <p className="rs-subtle rs-small">
        Who the next run would email and how many gaps each email names, from the saved settings (as if emails
        were on). Nothing is sent.
        {dirty && ' Save your changes first to see their effect.'}
      </p>
      <button
        type="button"
        className="rs-btn"
        onClick={run}
        disabled={state.status === 'loading'}
        data-testid="notifications-preview-run"
      >
        {state.status === 'loading'
          ? 'Working it out…'
          : state.status === 'ready'
            ? 'Preview again'
            : 'Preview the next run'}
      </button>
      <div role="status" aria-live="polite">
        {state.status === 'error' && (
          <ErrorMessage error={state.error} onRetry={run} testId="notifications-preview-error" />
        )}
        {state.status === 'ready' && <PreviewResult preview={state.preview} />}
      </div>
    </div>
  );
}

function PreviewResult({ preview }: { preview: NotificationPreviewView }) {
  const total = preview.recipients.length;
  return (
    <div data-testid="notifications-preview-result">
      <p data-testid="notifications-preview-summary">
        {total === 0
          ? 'The next run would email no one: nothing is due.'
          : `The next run would email ${total} ${total === 1 ? 'person' : 'people'}.`}
        {preview.cappedOut > 0 &&
          ` ${preview.cappedOut} more ${preview.cappedOut === 1 ? 'is' : 'are'} left for a later run by the caps.`}
      </p>
      {total > 0 && (
        <table className="rs-notify-table">
          <caption className="rs-visually-hidden">Emails the next run would send</caption>
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">Gaps</th>
              <th scope="col">Of which reminders</th>
              <th scope="col">Subject</th>
            </tr>
          </thead>
          <tbody>
            {preview.recipients.map((r) => (
              <tr key={r.person.accountId} data-testid="notifications-preview-row">
                <td>{personName(r.person)}</td>
                <td>{r.gaps}</td>
                <td>{r.reminders}</td>
                <td className="rs-notify-subject">{r.subject}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.skipped.length > 0 && (
        <>
          <h4 className="rs-notify-h4">Not emailed</h4>
          <ul className="rs-notify-skipped" data-testid="notifications-preview-skipped">
            {preview.skipped.map((s) => (
              <li key={`${s.accountId ?? ''}|${s.reason}`}>
                {s.accountId ? (s.displayName ?? 'An account Jira does not know') : 'No one'}:{' '}
                {SKIP_REASON[s.reason]}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function SiteCap({
  view,
  onSaved,
}: {
  view: NotificationSettingsView;
  onSaved: (view: NotificationSettingsView) => void;
}) {
  const [value, setValue] = useState(String(view.siteDailyCap));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const note = 'Jira Free sends at most 100 emails a day for the whole site, Jira’s own included.';
  if (!view.canEditSiteCap) {
    return (
      <div className="rs-field" data-testid="notifications-site-cap">
        <span className="rs-field-label">Site-wide daily cap</span>
        <p className="rs-notify-value">
          <span data-testid="notifications-site-cap-value">{view.siteDailyCap}</span> emails a day across
          every project. Only a Jira admin can change it.
        </p>
        <p className="rs-subtle rs-small">{note}</p>
      </div>
    );
  }
  const save = () => {
    const cap = wholeNumber(value);
    if (cap === null || cap < SITE_CAP_LIMITS.min || cap > SITE_CAP_LIMITS.max) {
      setProblem(`Enter a whole number from ${SITE_CAP_LIMITS.min} to ${SITE_CAP_LIMITS.max}.`);
      document.getElementById('rs-notify-site-cap')?.focus();
      return;
    }
    setProblem(null);
    setSaving(true);
    setError(null);
    setSaved(false);
    void call('notifications/save-site-cap', { siteDailyCap: cap }).then((envelope) => {
      setSaving(false);
      if (!envelope.ok) return setError(envelope.error);
      setSaved(true);
      onSaved(envelope.data);
    });
  };
  return (
    <div className="rs-field" data-testid="notifications-site-cap">
      <label className="rs-field-label" htmlFor="rs-notify-site-cap">
        Site-wide daily cap (Jira admins)
      </label>
      <div className="rs-notify-inline">
        <input
          id="rs-notify-site-cap"
          className="rs-input rs-notify-number"
          type="number"
          inputMode="numeric"
          min={SITE_CAP_LIMITS.min}
          max={SITE_CAP_LIMITS.max}
          value={value}
          aria-invalid={problem !== null}
          aria-describedby="rs-notify-site-cap-help"
          onChange={(event) => {
            setValue(event.target.value);
            setSaved(false);
          }}
        />
        <span>emails a day, every project together</span>
        <button
          type="button"
          className="rs-btn"
          onClick={save}
          disabled={saving}
          data-testid="notifications-site-cap-save"
        >
          {saving ? 'Saving…' : 'Save site cap'}
        </button>
        <span role="status" className="rs-small">
          {saved && 'Saved'}
        </span>
      </div>
      <p id="rs-notify-site-cap-help" className="rs-subtle rs-small">
        {note} The default, 80, leaves room for Jira’s own.
      </p>
      {problem && <FieldProblem id="rs-notify-site-cap-problem" text={problem} />}
      {error && <SaveError error={error} testId="notifications-site-cap-error" />}
    </div>
  );
}

function NotificationsForm({ initial }: { initial: NotificationSettingsView }) {
  const { timeZone: browserZone } = useAppContext();
  const [view, setView] = useState(initial);
  const [draft, setDraft] = useState<NotificationsDraft>(() => draftOf(initial.settings));
  const [picked, setPicked] = useState<PersonView[]>([]);
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [saveError, setSaveError] = useState<UiError | null>(null);
  const localZone = useMemo(() => {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      return browserZone;
    }
  }, [browserZone]);
  const zones = useMemo(
    () => timeZoneChoices(draft.timeZone, localZone ?? browserZone),
    [draft.timeZone, localZone, browserZone],
  );
  const people = useMemo(() => {
    const all = new Map<string, PersonView>();
    for (const p of [...view.people, ...picked]) all.set(p.accountId, p);
    return all;
  }, [view.people, picked]);
  const errors: DraftErrors = checked ? validateDraft(draft, view.siteDailyCap) : {};
  const dirty = isDirty(draft, view.settings);
  const statusRef = useRef<HTMLSpanElement>(null);

  const edit = (change: Partial<NotificationsDraft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setSaved(false);
  };
  const toggleDay = (day: Weekday, on: boolean) =>
    edit({ weekdays: on ? [...draft.weekdays, day] : draft.weekdays.filter((d) => d !== day) });
  const addPerson = (list: 'pmLeads' | 'extra', person: PersonView) => {
    setPicked((current) => [...current, person]);
    if (!draft[list].includes(person.accountId)) edit({ [list]: [...draft[list], person.accountId] });
  };

  /** One list of named recipients: who is on it (each removable), a search to add someone, its problem. */
  const recipients = (
    list: 'pmLeads' | 'extra',
    text: { heading: string; listLabel: string; addLabel: string; testId: string },
  ) => (
    <>
      <h4 className="rs-notify-h4">{text.heading}</h4>
      <PeopleList
        label={text.listLabel}
        ids={draft[list]}
        people={people}
        onRemove={(id) => edit({ [list]: draft[list].filter((x) => x !== id) })}
        testId={text.testId}
      />
      <PersonSearch
        inputId={FIELD_ID[list]}
        label={text.addLabel}
        chosen={draft[list]}
        onAdd={(person) => addPerson(list, person)}
        testId={`${text.testId}-search`}
      />
      <FieldProblem id={`${FIELD_ID[list]}-problem`} text={errors[list]} />
    </>
  );

  const save = () => {
    const found = validateDraft(draft, view.siteDailyCap);
    setChecked(true);
    const first = firstProblem(found);
    if (first) {
      document.getElementById(FIELD_ID[first])?.focus();
      return;
    }
    setSaving(true);
    setSaved(false);
    setSaveError(null);
    const sent = draft;
    void call('notifications/save', { settings: settingsOf(sent) }).then((envelope) => {
      setSaving(false);
      if (!envelope.ok) {
        setSaveError(envelope.error);
        return;
      }
      setChecked(false);
      setSaved(true);
      setView(envelope.data);
      setDraft((current) => (current === sent ? draftOf(envelope.data.settings) : current));
    });
  };

  const problemId = (field: DraftField) => (errors[field] ? `${FIELD_ID[field]}-problem` : undefined);
  const leadName = view.projectLead ? personName(view.projectLead) : null;

  return (
    <>
      {view.source === 'unreadable' && (
        <Notice
          appearance="warning"
          title="The stored notification settings cannot be read"
          testId="notifications-unreadable"
        >
          <p>{view.problem} No emails are sent until they are saved again; the form shows the defaults.</p>
        </Notice>
      )}
      {!view.projectEnabled && (
        <p className="rs-subtle rs-small" data-testid="notifications-project-off">
          Role Split is off for this project, so nothing is sent even with emails on. A project admin can
          enable it on the project’s Alignment page.
        </p>
      )}
      <div className="rs-field">
        <label className="rs-notify-check">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(event) => edit({ enabled: event.target.checked })}
            data-testid="notifications-enabled"
          />
          <span>Email people about the gaps in this project</span>
        </label>
        <p className="rs-subtle rs-small">
          Off until a project admin turns it on. New gaps are emailed on the next run; gaps still open are
          emailed again after the reminder interval. Each person gets at most one email a run, for all
          projects together.
        </p>
      </div>

      <fieldset className="rs-notify-group">
        <legend className="rs-settings-h3">When</legend>
        <div className="rs-notify-row">
          <div className="rs-field">
            <label className="rs-field-label" htmlFor={FIELD_ID.timeZone}>
              Time zone
            </label>
            <select
              id={FIELD_ID.timeZone}
              className="rs-select"
              value={draft.timeZone}
              onChange={(event) => edit({ timeZone: event.target.value })}
              aria-invalid={errors.timeZone !== undefined}
              aria-describedby={problemId('timeZone')}
              data-testid="notifications-time-zone"
            >
              {!zones.includes(draft.timeZone) && (
                <option value={draft.timeZone}>{draft.timeZone} (not known)</option>
              )}
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone === localZone ? `${zone} (your browser)` : zone}
                </option>
              ))}
            </select>
            <FieldProblem id={`${FIELD_ID.timeZone}-problem`} text={errors.timeZone} />
          </div>
          <div className="rs-field">
            <label className="rs-field-label" htmlFor="rs-notify-hour">
              Hour
            </label>
            <select
              id="rs-notify-hour"
              className="rs-select"
              value={draft.hour}
              onChange={(event) => edit({ hour: Number(event.target.value) })}
              aria-describedby="rs-notify-hour-note"
              data-testid="notifications-hour"
            >
              {HOURS.map((hour) => (
                <option key={hour} value={hour}>
                  {hourLabel(hour)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p id="rs-notify-hour-note" className="rs-subtle rs-small" data-testid="notifications-hour-note">
          {hourNote(draft.hour)}
        </p>
        <fieldset
          className="rs-notify-days"
          aria-describedby={problemId('weekdays')}
          aria-invalid={errors.weekdays !== undefined}
          data-testid="notifications-weekdays"
        >
          <legend className="rs-field-label">Days</legend>
          {WEEKDAY_ORDER.map((day) => (
            <label key={day} className="rs-notify-check">
              <input
                id={`rs-notify-day-${day}`}
                type="checkbox"
                checked={draft.weekdays.includes(day)}
                onChange={(event) => toggleDay(day, event.target.checked)}
              />
              <span>{WEEKDAY_NAME[day]}</span>
            </label>
          ))}
        </fieldset>
        <FieldProblem id={`${FIELD_ID.weekdays}-problem`} text={errors.weekdays} />
        <div className="rs-field">
          <label className="rs-field-label" htmlFor={FIELD_ID.reminderDays}>
            Remind about a gap still open every
          </label>
          <div className="rs-notify-inline">
            <input
              id={FIELD_ID.reminderDays}
              className="rs-input rs-notify-number"
              type="number"
              inputMode="numeric"
              min={LIMITS.reminderDays.min}
              max={LIMITS.reminderDays.max}
              value={draft.reminderDays}
              onChange={(event) => edit({ reminderDays: event.target.value })}
              aria-invalid={errors.reminderDays !== undefined}
              aria-describedby={problemId('reminderDays')}
              data-testid="notifications-reminder-days"
            />
            <span>days</span>
          </div>
          <FieldProblem id={`${FIELD_ID.reminderDays}-problem`} text={errors.reminderDays} />
        </div>
      </fieldset>

      <fieldset className="rs-notify-group">
        <legend className="rs-settings-h3">Who</legend>
        <p className="rs-subtle rs-small">
          Epic and initiative gaps go to the project lead and the PM leads. Story gaps go to the PM of the
          story’s epic, or — when the epic has none — to the project lead and the people below. A story
          without an epic goes to its PO. No one is told about a “not eligible” gap that names them.
        </p>
        <label className="rs-notify-check">
          <input
            type="checkbox"
            checked={draft.projectLead}
            onChange={(event) => edit({ projectLead: event.target.checked })}
            data-testid="notifications-project-lead"
          />
          <span>
            The project lead{leadName ? ` (${leadName})` : ' (this project has none)'}
            {view.projectLead && !view.projectLead.eligible && ' — deactivated, so skipped'}
          </span>
        </label>
        {recipients('pmLeads', {
          heading: 'PM leads',
          listLabel: 'PM leads',
          addLabel: 'Add a PM lead',
          testId: 'notifications-pm-leads',
        })}
        {recipients('extra', {
          heading: 'Also tell',
          listLabel: 'other recipients',
          addLabel: 'Add someone to tell',
          testId: 'notifications-extra',
        })}
        <label className="rs-notify-check">
          <input
            type="checkbox"
            checked={draft.warnings}
            onChange={(event) => edit({ warnings: event.target.checked })}
            data-testid="notifications-warnings"
          />
          <span>Warnings too (errors are always emailed)</span>
        </label>
      </fieldset>

      <fieldset className="rs-notify-group">
        <legend className="rs-settings-h3">How many</legend>
        <div className="rs-field">
          <label className="rs-field-label" htmlFor={FIELD_ID.perRunCap}>
            At most this many emails a run for this project
          </label>
          <input
            id={FIELD_ID.perRunCap}
            className="rs-input rs-notify-number"
            type="number"
            inputMode="numeric"
            min={LIMITS.perRunCap.min}
            max={Math.min(LIMITS.perRunCap.max, view.siteDailyCap)}
            value={draft.perRunCap}
            onChange={(event) => edit({ perRunCap: event.target.value })}
            aria-invalid={errors.perRunCap !== undefined}
            aria-describedby={problemId('perRunCap') ?? 'rs-notify-run-cap-help'}
            data-testid="notifications-run-cap"
          />
          <p id="rs-notify-run-cap-help" className="rs-subtle rs-small">
            Default 50, under the site-wide daily cap. People left out by a cap are emailed on a later run.
          </p>
          <FieldProblem id={`${FIELD_ID.perRunCap}-problem`} text={errors.perRunCap} />
        </div>
      </fieldset>

      {saveError && <SaveError error={saveError} testId="notifications-save-error" />}
      <div className="rs-settings-savebar" data-testid="notifications-savebar">
        <button
          type="button"
          className="rs-btn rs-btn--primary"
          onClick={save}
          disabled={saving}
          data-testid="notifications-save"
        >
          {saving ? 'Saving…' : 'Save email settings'}
        </button>
        <button
          type="button"
          className="rs-btn rs-btn--subtle"
          onClick={() => {
            setDraft(draftOf(view.settings));
            setChecked(false);
            setSaveError(null);
          }}
          disabled={saving || !dirty}
          data-testid="notifications-reset"
        >
          Reset to saved
        </button>
        <span ref={statusRef} role="status" className="rs-small" data-testid="notifications-save-status">
          {saving ? 'Saving…' : dirty ? 'Unsaved changes' : saved ? 'Saved' : ''}
        </span>
      </div>

      <fieldset className="rs-notify-group">
        <legend className="rs-settings-h3">Site</legend>
        <SiteCap view={view} onSaved={setView} />
      </fieldset>
      <RunStatus view={view} />
      <Preview dirty={dirty} />
    </>
  );
}

/** The section: loads its own settings; a viewer who may not see them is told who can. */
export function NotificationsSection() {
  const [attempt, setAttempt] = useState(0);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    void call('notifications/get', EMPTY).then((envelope) => {
      if (current)
        setLoad(
          envelope.ok ? { status: 'ready', view: envelope.data } : { status: 'error', error: envelope.error },
        );
    });
    return () => {
      current = false;
    };
  }, [attempt]);
  return (
    <section
      className="rs-settings-section rs-notify"
      aria-labelledby="rs-notify-heading"
      data-testid="notifications-section"
    >
      <h2 id="rs-notify-heading" className="rs-settings-h2">
        Gap emails
      </h2>
      <p className="rs-subtle rs-small">
        Role Split can email the people who can close this project’s gaps, on a schedule, through Jira’s own
        notifications. People can mute them from any issue, the Alignment page or the email itself.
      </p>
      {load.status === 'loading' && <Loading label="Loading the email settings" />}
      {load.status === 'error' &&
        (load.error.code === 'FORBIDDEN' ? (
          <Notice
            appearance="warning"
            title={describeError(load.error).title}
            testId="notifications-forbidden"
          >
            <p>{load.error.message}</p>
          </Notice>
        ) : (
          <ErrorMessage
            error={load.error}
            testId="notifications-error"
            onRetry={() => {
              setLoad({ status: 'loading' });
              setAttempt((n) => n + 1);
            }}
          />
        ))}
      {load.status === 'ready' && <NotificationsForm initial={load.view} />}
    </section>
  );
}
