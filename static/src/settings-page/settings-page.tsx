// The project settings page (`jira:projectSettingsPage`): the whole Role Split policy of one project, for project
// and Jira admins (the resolvers check as the viewer and refuse anyone else with FORBIDDEN, and then the page
// shows who can change these settings instead of a form). The form is a draft: nothing is sent until Save, a
// refused save keeps everything typed, and "Reset to saved" goes back to what is stored.
import Heading from '@atlaskit/heading';
import { useEffect, useMemo, useState } from 'react';
import type { PersonView } from '../../../src/contract';
import type { RoleSourcesInput, SettingsView } from '../../../src/contract/settings';
import { call } from '../api';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import { Notice } from '../components/notice';
import { Tag } from '../components/tag';
import type { UiError } from '../errors';
import {
  draftFromPolicy,
  executionTypeChoices,
  firstError,
  initialDraft,
  isDirty,
  policyFromDraft,
  ROLE_KEYS,
  validateDraft,
  type FieldErrors,
  type FieldId,
  type RoleKey,
  type SettingsDraft,
} from './form-state';
import { HealthBox } from './health-box';
import { NotificationsSection } from './notifications/notifications-section';
import { OnboardingNotice } from './onboarding-notice';
import { groupInputId, RoleSources } from './role-sources';
import { RulesSection } from './rules-section';
import { ScopeSection } from './scope-section';
import { WorkflowHelp } from './workflow-help';
import { FORBIDDEN_TEXT, onboardingText, settingsErrorText, sourceNote } from './settings-text';
import './settings-page.css';

type Load =
  { status: 'loading' } | { status: 'error'; error: UiError } | { status: 'ready'; view: SettingsView };

/** Where the focus goes for a field that cannot be saved: its first control. */
const FIELD_ELEMENT: Readonly<Record<FieldId, string>> = {
  'pm-sources': 'rs-field-pm-sources',
  'po-sources': 'rs-field-po-sources',
  'execution-types': 'rs-field-execution-types',
  'grace-days': 'rs-field-grace-days',
};

function focusField(field: FieldId) {
  const region = document.getElementById(FIELD_ELEMENT[field]);
  const control = region?.querySelector<HTMLElement>('input:not([disabled]), select, button');
  (control ?? region)?.focus();
}

function peopleMap(people: readonly PersonView[], into = new Map<string, PersonView>()) {
  const next = new Map(into);
  for (const person of people) next.set(person.accountId, person);
  return next;
}

function SourceNote({ view }: { view: SettingsView }) {
  const note = sourceNote(view);
  if (!note) return null;
  return (
    <div data-testid="settings-source" data-source={view.source}>
      <Notice appearance={view.source === 'unreadable' ? 'warning' : 'information'} title={note.title}>
        <p>{note.body}</p>
      </Notice>
    </div>
  );
}

function SaveBar({
  dirty,
  saving,
  saved,
  problems,
  onSave,
  onReset,
}: {
  dirty: boolean;
  saving: boolean;
  saved: boolean;
  problems: number;
  onSave: () => void;
  onReset: () => void;
}) {
  return (
    <div className="rs-settings-savebar" data-testid="settings-savebar">
      <button
        type="button"
        className="rs-btn rs-btn--primary"
        onClick={onSave}
        disabled={saving}
        aria-disabled={saving}
        data-testid="settings-save"
      >
        {saving ? 'Saving…' : 'Save settings'}
      </button>
      <button
        type="button"
        className="rs-btn rs-btn--subtle"
        onClick={onReset}
        disabled={saving || !dirty}
        data-testid="settings-reset"
      >
        Reset to saved
      </button>
      <span role="status" className="rs-settings-save-status" data-testid="settings-save-status">
        {problems > 0 ? (
          <span className="rs-field-problem">
            {problems === 1
              ? 'One setting needs fixing before it can be saved.'
              : `${problems} settings need fixing before they can be saved.`}
          </span>
        ) : saving ? (
          'Saving…'
        ) : dirty ? (
          <Tag appearance="moved" testId="settings-unsaved">
            Unsaved changes
          </Tag>
        ) : saved ? (
          <span data-testid="settings-saved">Saved — a rescan is queued</span>
        ) : (
          <span className="rs-subtle">No unsaved changes</span>
        )}
      </span>
    </div>
  );
}

function SettingsForm({ initial }: { initial: SettingsView }) {
  const [view, setView] = useState(initial);
  const [draft, setDraft] = useState<SettingsDraft>(() => initialDraft(initial));
  /** People picked from a search this visit; names of those already saved come with the view. */
  const [picked, setPicked] = useState<PersonView[]>([]);
  /** Errors show from the first attempt to save on, and then follow every change. */
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [saveError, setSaveError] = useState<UiError | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<UiError | null>(null);

  const choices = useMemo(() => executionTypeChoices(view), [view]);
  const people = useMemo(() => peopleMap(picked, peopleMap(view.people)), [picked, view.people]);
  const roleNames = useMemo(() => view.projectRoles.map((r) => r.name), [view.projectRoles]);
  const errors: FieldErrors = checked ? validateDraft(draft, choices, roleNames) : {};
  const problems = Object.keys(errors).length;
  const dirty = isDirty(draft, view.policy);
  const onboarding = onboardingText(view.onboarding);

  const edit = (change: Partial<SettingsDraft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setSaved(false);
  };
  const editRole = (role: RoleKey, sources: RoleSourcesInput) =>
    edit({ roles: { ...draft.roles, [role]: sources } });

  const save = () => {
    const found = validateDraft(draft, choices, roleNames);
    setChecked(true);
    const first = firstError(found);
    if (first) {
      focusField(first);
      return;
    }
    setSaving(true);
    setSaveError(null);
    setSaved(false);
    const sent = draft;
    void call('settings/save', { policy: policyFromDraft(sent) }).then((envelope) => {
      setSaving(false);
      if (!envelope.ok) {
        setSaveError(envelope.error);
        return;
      }
      setChecked(false);
      setSaved(true);
      // The stored form of what was sent (trimmed, in the backend's order); anything changed while it was on
      // its way stays as typed.
      setDraft((current) => (current === sent ? draftFromPolicy(envelope.data.policy) : current));
      setView(envelope.data);
    });
  };

  // "Check again" reads the page afresh for the scan box; a newer stored policy replaces the draft only when
  // nothing is being edited, so an admin's unsaved changes are never overwritten.
  const refresh = () => {
    setRefreshing(true);
    setRefreshError(null);
    const before = view.policy;
    void call('settings/get', {}).then((envelope) => {
      setRefreshing(false);
      if (!envelope.ok) {
        setRefreshError(envelope.error);
        return;
      }
      setDraft((current) => (isDirty(current, before) ? current : draftFromPolicy(envelope.data.policy)));
      setView(envelope.data);
    });
  };

  const reset = () => {
    setDraft(draftFromPolicy(view.policy));
    setChecked(false);
    setSaveError(null);
  };

  return (
    <>
      {!view.enabled && (
        <p className="rs-subtle rs-page-note" data-testid="settings-disabled">
          Role Split is off for this project. These settings apply once a project admin enables it on the
          project’s Alignment page.
        </p>
      )}
      <SourceNote view={view} />
      <OnboardingNotice
        onboarding={view.onboarding}
        onChooseGroups={() => document.getElementById(groupInputId('pm'))?.focus()}
      />
      <HealthBox health={view.health} source={view.source} refreshing={refreshing} onRefresh={refresh} />
      {refreshError && <SettingsError error={refreshError} action="check" testId="settings-refresh-error" />}
      <section
        className="rs-settings-section"
        aria-labelledby="rs-settings-roles-heading"
        data-testid="settings-roles"
      >
        <h2 id="rs-settings-roles-heading" className="rs-settings-h2">
          Who is a PM and who is a PO
        </h2>
        <p className="rs-subtle rs-small">
          Only people named here can own epics (PM) and stories (PO); the pickers on each issue offer only
          them.
        </p>
        <div className="rs-settings-roles">
          {ROLE_KEYS.map((role) => (
            <RoleSources
              key={role}
              role={role}
              sources={draft.roles[role]}
              view={view}
              people={people}
              preferGroupsAndPeople={onboarding?.preferGroupsAndPeople ?? false}
              error={errors[role === 'pm' ? 'pm-sources' : 'po-sources']}
              onChange={(sources) => editRole(role, sources)}
              onPerson={(person) => setPicked((current) => [...current, person])}
            />
          ))}
        </div>
      </section>
      <ScopeSection draft={draft} choices={choices} errors={errors} onChange={edit} />
      <RulesSection
        rules={draft.rules}
        roles={draft.roles}
        onChange={(code, change) =>
          edit({ rules: { ...draft.rules, [code]: { ...draft.rules[code], ...change } } })
        }
      />
      {saveError && <SettingsError error={saveError} action="save" testId="settings-save-error" />}
      <SaveBar
        dirty={dirty}
        saving={saving}
        saved={saved}
        problems={problems}
        onSave={save}
        onReset={reset}
      />
      {/* Gap emails (issue 12): their own section, resolvers and Save, after the policy's Save bar. */}
      <NotificationsSection />
      <WorkflowHelp style={view.project.style} />
    </>
  );
}

function SettingsError({
  error,
  action,
  testId,
}: {
  error: UiError;
  action: 'save' | 'check';
  testId: string;
}) {
  const text = settingsErrorText(error, action);
  return (
    <Notice appearance="error" title={text.title} testId={testId}>
      <p data-error-code={error.code}>{text.body}</p>
      {text.detail && <p className="rs-subtle rs-small">Details: {text.detail}.</p>}
    </Notice>
  );
}

/** The first read of the page: a spinner, then the form, or who may change these settings, or an error. */
export function SettingsPage() {
  const [attempt, setAttempt] = useState(0);
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    void call('settings/get', {}).then((envelope) => {
      if (!current) return;
      setLoad(
        envelope.ok ? { status: 'ready', view: envelope.data } : { status: 'error', error: envelope.error },
      );
    });
    return () => {
      current = false;
    };
  }, [attempt]);

  const retry = () => {
    setLoad({ status: 'loading' });
    setAttempt((n) => n + 1);
  };
  const view = load.status === 'ready' ? load.view : null;
  return (
    <main className="rs-page rs-settings" data-testid="settings-page">
      <header className="rs-page-header">
        <div className="rs-page-title">
          <Heading size="large" as="h1">
            Role Split settings
          </Heading>
          {view && (
            <div className="rs-meta">
              <span data-testid="settings-project">{view.project.name}</span>
              <span>{view.project.key}</span>
              {view.project.style === 'team-managed' && <span>Team-managed project</span>}
            </div>
          )}
        </div>
      </header>
      {load.status === 'loading' && <Loading label="Loading Role Split’s settings for this project" />}
      {load.status === 'error' &&
        (load.error.code === 'FORBIDDEN' ? (
          <Notice appearance="warning" title={FORBIDDEN_TEXT.title} testId="settings-forbidden">
            <p>{FORBIDDEN_TEXT.body}</p>
          </Notice>
        ) : (
          <ErrorMessage error={load.error} onRetry={retry} testId="settings-error" />
        ))}
      {view && <SettingsForm initial={view} />}
    </main>
  );
}
