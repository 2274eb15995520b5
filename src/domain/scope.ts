// Which issues the rules look at, and when some of them stay quiet: the "Scope" paragraph and the grace period
// of "The gap rules, precisely", as named helpers the engine, `explain` and the issue panel share.
import { kindOf } from './hierarchy';
import type { IssueFacts } from './model';
import type { Policy } from './policy';

/**
 * Whether the rules check an issue under a policy, and if not, why: sub-tasks (any level below 0), level-0
 * types that are not execution types (and levels that make no sense), done issues unless the policy includes
 * them. Whether the issue belongs to a scanned project is the caller's question (see `explain`).
 */
export type PolicyScope = 'in-scope' | 'subtask' | 'type-not-in-scope' | 'done';

export function policyScopeOf(
  issue: IssueFacts,
  policy: Pick<Policy, 'executionTypes' | 'includeDone'>,
): PolicyScope {
  if (issue.issueType.hierarchyLevel < 0) return 'subtask';
  if (kindOf(issue, policy) === 'out-of-scope') return 'type-not-in-scope';
  if (!isOpen(issue) && !policy.includeDone) return 'done';
  return 'in-scope';
}

/** Open = any status category but `done` (an unknown category counts as open). */
export function isOpen(issue: IssueFacts): boolean {
  return issue.statusCategory !== 'done';
}

const MS_PER_DAY = 86_400_000;

/**
 * Still in its grace period: created less than `graceDays` before `now`. A creation date that does not parse
 * never grants grace (the gap shows rather than hides), nor does a bad `now`; one in the future does while
 * graceDays > 0 (clock skew).
 */
export function inGracePeriod(issue: IssueFacts, policy: Pick<Policy, 'graceDays'>, now: Date): boolean {
  const graceMs = Math.max(0, policy.graceDays) * MS_PER_DAY;
  return graceMs > 0 && Date.parse(issue.created) > now.getTime() - graceMs;
}
