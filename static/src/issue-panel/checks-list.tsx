// The rules that apply to this issue and how each one fares. Each row says its state in words (a visually
// hidden prefix and a lozenge) as well as with a mark and colour.
import Lozenge from '@atlaskit/lozenge';
import type { CheckView } from '../../../src/contract';
import { orderChecks, skipText, STATUS_WORD } from '../check-text';
import { fixText, type FixSituation } from '../context-text';
import { SeverityLozenge } from '../components/severity-lozenge';
import { GAP_TEXT } from '../gap-text';

function markOf(check: CheckView): { glyph: string; tone: string } {
  if (check.status === 'pass') return { glyph: '✓', tone: 'pass' };
  if (check.status === 'waived') return { glyph: '–', tone: 'waived' };
  // A hollow circle, never the tick: a rule that was not checked has not passed.
  if (check.status === 'skipped') return { glyph: '○', tone: 'skipped' };
  return { glyph: check.severity === 'error' ? '✕' : '!', tone: check.severity };
}

function explanationOf(check: CheckView, situation: FixSituation): string {
  if (check.status !== 'skipped') return GAP_TEXT[check.code].explanation;
  return skipText(check.skipReason, situation.slot);
}

function CheckRow({ check, situation }: { check: CheckView; situation: FixSituation }) {
  const text = GAP_TEXT[check.code];
  const mark = markOf(check);
  return (
    <li
      className={`rs-check rs-check--${check.status}`}
      data-testid={`panel-check-${check.code}`}
      data-status={check.status}
      data-severity={check.severity}
      data-skip-reason={check.skipReason ?? undefined}
    >
      <span className={`rs-check-mark rs-check-mark--${mark.tone}`} aria-hidden="true">
        {mark.glyph}
      </span>
      <span className="rs-check-title">
        <span className="rs-visually-hidden">{STATUS_WORD[check.status]}: </span>
        {/* A failed or waived rule is named by its gap; a passing or unchecked one by the rule itself. */}
        {check.status === 'fail' || check.status === 'waived' ? text.title : text.check}
      </span>
      <span>
        {check.status === 'fail' && <SeverityLozenge severity={check.severity} />}
        {check.status === 'waived' && <Lozenge appearance="default">Waived</Lozenge>}
      </span>
      <span className="rs-check-explanation">{explanationOf(check, situation)}</span>
      {/* Only a failing check has a fix: who can do it and how, in the compact section's words. */}
      {check.fix && (
        <span className="rs-check-fix" data-testid={`panel-fix-${check.code}`} data-who={check.fix.who}>
          {fixText(check.fix, situation)}
        </span>
      )}
    </li>
  );
}

/**
 * Problems first, each with its explanation; the passing rules fold into one line ("✓ 4 checks pass") that
 * opens to list them; rules not checked come last, saying why.
 */
export function ChecksList({
  checks,
  situation,
}: {
  checks: readonly CheckView[];
  /** The issue's slot and its owner's name, for the fix line ("add Yuki to the Product Owner role"). */
  situation: FixSituation;
}) {
  if (checks.length === 0) {
    return <p className="rs-subtle">No rules apply to this issue right now.</p>;
  }
  const ordered = orderChecks(checks);
  const passing = ordered.filter((check) => check.status === 'pass');
  const before = ordered.filter((check) => check.status === 'fail' || check.status === 'waived');
  const after = ordered.filter((check) => check.status === 'skipped');
  return (
    <ul className="rs-checks">
      {before.map((check) => (
        <CheckRow key={check.code} check={check} situation={situation} />
      ))}
      {passing.length > 0 && (
        <li className="rs-check-group" data-testid="panel-checks-passing">
          <details>
            <summary className="rs-check-summary">
              <span className="rs-check-mark rs-check-mark--pass" aria-hidden="true">
                ✓
              </span>
              {passing.length === 1 ? '1 check passes' : `${passing.length} checks pass`}
            </summary>
            <ul className="rs-checks rs-checks--nested">
              {passing.map((check) => (
                <CheckRow key={check.code} check={check} situation={situation} />
              ))}
            </ul>
          </details>
        </li>
      )}
      {after.map((check) => (
        <CheckRow key={check.code} check={check} situation={situation} />
      ))}
    </ul>
  );
}
