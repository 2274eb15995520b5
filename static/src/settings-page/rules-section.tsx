// Each gap rule on or off, and whether it counts as an error or a warning, with what the rule is for (the same
// words the issue panel and the Alignment page use, static/src/gap-text.ts).
import type { GapCode, Severity } from '../../../src/contract';
import { DEFAULT_SEVERITY, GAP_CODES } from '../../../src/domain/model';
import { GAP_TEXT, SEVERITY_LABEL } from '../gap-text';
import type { SettingsDraft } from './form-state';
import { eligibilityText } from './settings-text';

/** The eligibility rules follow the sources chosen above; the others read as everywhere else. */
const ELIGIBILITY: Partial<Record<GapCode, 'pm' | 'po'>> = { PM_NOT_ELIGIBLE: 'pm', PO_NOT_ELIGIBLE: 'po' };

export function RulesSection({
  rules,
  roles,
  onChange,
}: {
  rules: SettingsDraft['rules'];
  roles: SettingsDraft['roles'];
  onChange: (code: GapCode, change: Partial<SettingsDraft['rules'][GapCode]>) => void;
}) {
  return (
    <section
      className="rs-settings-section"
      aria-labelledby="rs-settings-rules-heading"
      data-testid="settings-rules"
    >
      <h2 id="rs-settings-rules-heading" className="rs-settings-h2">
        Rules
      </h2>
      <p className="rs-subtle rs-small">
        A rule that is off reports nothing. Errors and warnings both show on the Alignment page and on each
        issue; errors come first, and the audit CLI fails on errors by default (its --fail-on option).
      </p>
      <table className="rs-settings-rules">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Checked</th>
            <th scope="col">Reported as</th>
          </tr>
        </thead>
        <tbody>
          {GAP_CODES.map((code) => {
            const rule = rules[code];
            const text = GAP_TEXT[code];
            const onId = `rs-settings-rule-${code}-on`;
            const severityId = `rs-settings-rule-${code}-severity`;
            return (
              <tr key={code} data-testid="settings-rule" data-code={code}>
                <th scope="row" className="rs-settings-rule-name">
                  <div className="rs-settings-rule-text">
                    <span className="rs-settings-rule-title">{text.title}</span>
                    <span className="rs-subtle rs-small" id={`rs-settings-rule-${code}-why`}>
                      {ELIGIBILITY[code]
                        ? eligibilityText(ELIGIBILITY[code], roles[ELIGIBILITY[code]])
                        : text.explanation}
                    </span>
                    <code className="rs-subtlest rs-small">{code}</code>
                  </div>
                </th>
                <td>
                  <span className="rs-settings-check-line">
                    <input
                      id={onId}
                      type="checkbox"
                      checked={rule.enabled}
                      onChange={(event) => onChange(code, { enabled: event.target.checked })}
                      aria-describedby={`rs-settings-rule-${code}-why`}
                      data-testid="settings-rule-enabled"
                    />
                    <label htmlFor={onId}>
                      <span className="rs-visually-hidden">Check “{text.title}”: </span>
                      {rule.enabled ? 'On' : 'Off'}
                    </label>
                  </span>
                </td>
                <td>
                  <label htmlFor={severityId} className="rs-visually-hidden">
                    “{text.title}” reported as
                  </label>
                  <select
                    id={severityId}
                    className="rs-select rs-settings-severity"
                    value={rule.severity}
                    disabled={!rule.enabled}
                    onChange={(event) => onChange(code, { severity: event.target.value as Severity })}
                    data-testid="settings-rule-severity"
                  >
                    {(['error', 'warning'] as const).map((severity) => (
                      <option key={severity} value={severity}>
                        {SEVERITY_LABEL[severity]}
                        {severity === DEFAULT_SEVERITY[code] ? ' (default)' : ''}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
