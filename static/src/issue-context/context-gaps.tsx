// The one or two gaps that matter (the backend picks them), each as what is wrong and what to do about it,
// addressed to whoever can do it. No gaps: one quiet line, not a list of passes.
import type { IssueContextView, Role } from '../../../src/contract';
import { fixText } from '../context-text';
import { GAP_TEXT } from '../gap-text';

export function ContextGaps({ view, slot }: { view: IssueContextView; slot: Role }) {
  if (view.gaps.length === 0) {
    return (
      <p className="rs-context-ok rs-small" data-testid="context-no-gaps">
        <span aria-hidden="true">✓ </span>
        All checks pass.
      </p>
    );
  }
  const situation = { slot, ownerName: view.owner?.displayName ?? null };
  return (
    <ul className="rs-context-gaps" aria-label="What needs doing">
      {view.gaps.map((gap) => (
        <li
          key={gap.code}
          className={`rs-context-gap rs-context-gap--${gap.severity}`}
          data-testid={`context-gap-${gap.code}`}
          data-who={gap.fix.who}
        >
          <span className="rs-context-gap-title">
            <span className="rs-visually-hidden">{gap.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
            {GAP_TEXT[gap.code].title}
          </span>
          <span className="rs-context-gap-fix">{fixText(gap.fix, situation)}</span>
        </li>
      ))}
    </ul>
  );
}
