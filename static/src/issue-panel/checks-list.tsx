// The rules that apply to this issue and how each one fares. Each row says its state in words (a visually
// hidden prefix and a lozenge) as well as with a mark and colour.
import Lozenge from '@atlaskit/lozenge';
import type { CheckView, Role } from '../../../src/contract';
import { orderChecks, skipText, STATUS_WORD } from '../check-text';
import { SeverityLozenge } from '../components/severity-lozenge';
import { GAP_TEXT } from '../gap-text';

function markOf(check: CheckView): { glyph: string; tone: string } {
  if (check.status === 'pass') return { glyph: '✓', tone: 'pass' };
  if (check.status === 'waived') return { glyph: '–', tone: 'waived' };
  // A hollow circle, never the tick: a rule that was not checked has not passed.
  if (check.status === 'skipped') return { glyph: '○', tone: 'skipped' };
  return { glyph: check.severity === 'error' ? '✕' : '!', tone: check.severity };
}

function explanationOf(check: CheckView, slot: Role | null): string {
  if (check.status !== 'skipped') return GAP_TEXT[check.code].explanation;
  return skipText(check.skipReason, slot);
}

export function ChecksList({ checks, slot }: { checks: readonly CheckView[]; slot: Role | null }) {
  if (checks.length === 0) {
    return <p className="rs-subtle">No rules apply to this issue right now.</p>;
  }
  const ordered = orderChecks(checks);
  return (
    <ul className="rs-checks">
      {ordered.map((check) => {
        const text = GAP_TEXT[check.code];
        const mark = markOf(check);
        return (
          <li
            key={check.code}
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
            <span className="rs-check-explanation">{explanationOf(check, slot)}</span>
          </li>
        );
      })}
    </ul>
  );
}
