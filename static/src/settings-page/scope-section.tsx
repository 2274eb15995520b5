// Which issues Role Split checks: the level-0 issue types a PO owns (the project's own types; a type the settings
// name that this project does not have is shown so it can be cleared), whether done issues count, and the grace
// period new issues get.
import {
  LIMITS,
  toggleListed,
  unknownExecutionTypes,
  type FieldErrors,
  type SettingsDraft,
} from './form-state';

export function ScopeSection({
  draft,
  choices,
  errors,
  onChange,
}: {
  draft: SettingsDraft;
  choices: readonly string[];
  errors: FieldErrors;
  onChange: (change: Partial<SettingsDraft>) => void;
}) {
  const typesError = errors['execution-types'];
  const graceError = errors['grace-days'];
  const unknown = unknownExecutionTypes(draft, choices);
  const isChecked = (name: string) =>
    draft.executionTypes.some((t) => t.localeCompare(name, undefined, { sensitivity: 'accent' }) === 0);
  const toggle = (name: string, on: boolean) =>
    onChange({ executionTypes: toggleListed(draft.executionTypes, name, on) });
  return (
    <section
      className="rs-settings-section"
      aria-labelledby="rs-settings-scope-heading"
      data-testid="settings-scope"
    >
      <h2 id="rs-settings-scope-heading" className="rs-settings-h2">
        What Role Split checks
      </h2>
      <fieldset
        id="rs-field-execution-types"
        className={typesError ? 'rs-settings-sub rs-settings-sub--invalid' : 'rs-settings-sub'}
        aria-describedby={`rs-settings-types-help${typesError ? ' rs-settings-types-error' : ''}`}
      >
        <legend className="rs-field-label">Issue types a Product Owner owns</legend>
        <p id="rs-settings-types-help" className="rs-subtle rs-small">
          Stories by default; bugs and tasks if your POs own them. Epics and initiatives always take a PM;
          sub-tasks have no owner.
        </p>
        {typesError && (
          <p
            id="rs-settings-types-error"
            className="rs-field-problem rs-small"
            data-testid="settings-types-error"
          >
            {typesError}
          </p>
        )}
        <ul className="rs-settings-checks rs-settings-checks--inline">
          {choices.map((name, index) => {
            const id = `rs-settings-type-${index}`;
            return (
              <li key={name}>
                <input
                  id={id}
                  type="checkbox"
                  checked={isChecked(name)}
                  onChange={(event) => toggle(name, event.target.checked)}
                  data-testid="settings-type"
                  data-type-name={name}
                />
                <label htmlFor={id}>{name}</label>
              </li>
            );
          })}
          {unknown.map((name, index) => {
            const id = `rs-settings-unknown-type-${index}`;
            return (
              <li key={`unknown:${name}`} data-testid="settings-type-unknown" data-type-name={name}>
                <input id={id} type="checkbox" checked onChange={() => toggle(name, false)} />
                <label htmlFor={id}>{name} (not an issue type of this project)</label>
              </li>
            );
          })}
        </ul>
        {choices.length === 0 && (
          <p className="rs-subtle rs-small">
            This project has no standard issue types Role Split can read; ask a Jira admin to check its issue
            type scheme.
          </p>
        )}
      </fieldset>
      <div className="rs-settings-sub rs-settings-check-line">
        <input
          id="rs-settings-include-done"
          type="checkbox"
          checked={draft.includeDone}
          onChange={(event) => onChange({ includeDone: event.target.checked })}
          aria-describedby="rs-settings-include-done-help"
          data-testid="settings-include-done"
        />
        <label htmlFor="rs-settings-include-done">Check done issues too</label>
        <p id="rs-settings-include-done-help" className="rs-subtle rs-small">
          Off by default: finished work keeps showing its owner but raises no gaps.
        </p>
      </div>
      <div className="rs-field rs-settings-sub" id="rs-field-grace-days">
        <label className="rs-field-label" htmlFor="rs-settings-grace-days">
          Grace period for new issues (days)
        </label>
        <input
          id="rs-settings-grace-days"
          className="rs-input rs-settings-number"
          type="text"
          inputMode="numeric"
          value={draft.graceDays}
          onChange={(event) => onChange({ graceDays: event.target.value })}
          aria-invalid={graceError ? true : undefined}
          aria-describedby={`rs-settings-grace-help${graceError ? ' rs-settings-grace-error' : ''}`}
          data-testid="settings-grace-days"
        />
        <p id="rs-settings-grace-help" className="rs-subtle rs-small">
          For this many days after an issue is created, a missing PM or PO and an epic without stories are not
          reported yet, so new work has time to get its owner. 0 to {LIMITS.graceDays}; 0 reports at once.
        </p>
        {graceError && (
          <p
            id="rs-settings-grace-error"
            className="rs-field-problem rs-small"
            data-testid="settings-grace-error"
          >
            {graceError}
          </p>
        )}
      </div>
    </section>
  );
}
