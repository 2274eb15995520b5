// Words for the issue panel's checks that are not tied to one gap code: why a rule was not checked, and the
// one-line summary over the list. Pure, so they can be unit-tested in Node.
import type { CheckView, Role } from '../../src/contract';
import { ROLE_ABBR } from './format';

export type CheckStatus = CheckView['status'];
export type SkipReason = NonNullable<CheckView['skipReason']>;

/**
 * Problems first, then set-aside gaps, then passing rules, then rules that were not checked (they say nothing
 * about the issue yet, so they go last).
 */
export const STATUS_ORDER: Readonly<Record<CheckStatus, number>> = {
  fail: 0,
  waived: 1,
  pass: 2,
  skipped: 3,
};

/** The state in words, for screen readers (the mark and colour say it for the eye). */
export const STATUS_WORD: Readonly<Record<CheckStatus, string>> = {
  pass: 'Passed',
  fail: 'Failed',
  waived: 'Waived',
  skipped: 'Not checked',
};

/** Why a rule was not evaluated, in the user's words; `slot` is the issue's own slot. */
export function skipText(reason: SkipReason | null, slot: Role | null): string {
  switch (reason) {
    case 'ownership-invalid':
      return 'Not checked: the ownership data can’t be read.';
    case 'slot-empty':
      return `Not checked: no ${slot ? ROLE_ABBR[slot] : 'owner'} set yet.`;
    case 'no-epic-pm':
      return 'Not checked: the epic has no PM.';
    case 'grace-period':
      return 'Not checked yet: the issue is in its grace period.';
    case null:
      return 'Not checked for this issue right now.';
  }
}

/** Stable sort by status group; the backend's rule order is kept within each group. */
export function orderChecks(checks: readonly CheckView[]): CheckView[] {
  return [...checks].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
}

/**
 * The line over the checks. Only failures need attention; a skipped rule is neither a pass nor a problem, so
 * it is named on its own ("2 pass, 1 not checked") and never folded into "All pass".
 */
export function checksSummary(checks: readonly CheckView[]): string | null {
  const total = checks.length;
  if (total === 0) return null;
  const count = (status: CheckStatus) => checks.filter((check) => check.status === status).length;
  const failing = count('fail');
  const waived = count('waived');
  const skipped = count('skipped');
  if (failing > 0) return `${failing} of ${total} ${failing === 1 ? 'needs' : 'need'} attention`;
  if (waived === 0 && skipped === 0) return `All ${total} pass`;
  const parts = [`${count('pass')} pass`];
  if (waived > 0) parts.push(`${waived} waived`);
  if (skipped > 0) parts.push(`${skipped} not checked`);
  return parts.join(', ');
}
