// The rules that apply to this issue and how each one fares. Each row says its state in words (a visually
// hidden prefix and a lozenge) as well as with a mark and colour.
import Lozenge from '@atlaskit/lozenge';
import type { CheckView } from '../../../src/contract';
import { SeverityLozenge } from '../components/severity-lozenge';
import { GAP_TEXT } from '../gap-text';

/** Problems first, then set-aside gaps, then passing rules; the rule order is kept within each group. */
const STATUS_ORDER: Readonly<Record<CheckView['status'], number>> = { fail: 0, waived: 1, pass: 2 };

const STATUS_WORD: Readonly<Record<CheckView['status'], string>> = {
  pass: 'Passed',
  fail: 'Failed',
  waived: 'Waived',
};

function markOf(check: CheckView): { glyph: string; tone: string } {
  if (check.status === 'pass') return { glyph: '✓', tone: 'pass' };
  if (check.status === 'waived') return { glyph: '–', tone: 'waived' };
  return { glyph: check.severity === 'error' ? '✕' : '!', tone: check.severity };
}

export function ChecksList({ checks }: { checks: readonly CheckView[] }) {
  if (checks.length === 0) {
    return <p className="rs-subtle">No rules apply to this issue right now.</p>;
  }
  const ordered = [...checks].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
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
          >
            <span className={`rs-check-mark rs-check-mark--${mark.tone}`} aria-hidden="true">
              {mark.glyph}
            </span>
            <span className="rs-check-title">
              <span className="rs-visually-hidden">{STATUS_WORD[check.status]}: </span>
              {check.status === 'pass' ? text.check : text.title}
            </span>
            <span>
              {check.status === 'fail' && <SeverityLozenge severity={check.severity} />}
              {check.status === 'waived' && <Lozenge appearance="default">Waived</Lozenge>}
            </span>
            <span className="rs-check-explanation">{text.explanation}</span>
          </li>
        );
      })}
    </ul>
  );
}
