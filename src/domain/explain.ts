// For one issue, what each of the nine rules says about it and why: `pass`, `fail` (the gap), `waived` (the
// gap and the waiver that moves it aside) or `not-checked` (with the reason). The gap engine builds its report
// from exactly these outcomes, so the issue panel's "why" and the scan's gaps cannot disagree.
//
// Where the rules leave a choice open, the choice neither invents nor hides a gap:
// - Only issues in `issues` whose project is in `projectKeys` are checked; anything else is context.
// - A key seen twice: the first occurrence wins (`issues` before `related`).
// - A parent the scan did not supply ends the walk up: the story has no *known* epic (STORY_WITHOUT_EPIC).
// - With OWNERSHIP_INVALID switched off, an invalid property still keeps the slot rules off that issue.
// - A creation date that does not parse never grants grace; a waiver whose expiry does not parse is not in
//   force; of two waivers for one gap, the later expiry wins.
import { issuesWithExecutionBelow, indexByKey, kindOf, lookUpEpic } from './hierarchy';
import type { Account, Gap, GapCode, IssueFacts, IssueKind, Roster, Severity, Waiver } from './model';
import type { Policy } from './policy';
import {
  effectiveRule,
  RULES,
  slotCovered,
  trustedSlots,
  type NotCheckedReason,
  type RuleSubject,
} from './rules';
import { policyScopeOf, type PolicyScope } from './scope';
import { activeWaivers, type ActiveWaivers } from './waivers';

export interface EngineInput {
  /** The scanned projects: only issues of these projects, taken from `issues`, are checked and reported. */
  projectKeys: string[];
  /** Issues of the scanned projects, unfiltered: the engine applies the policy (types, done, sub-tasks). */
  issues: IssueFacts[];
  /** Issues of other projects: ancestors of scanned issues and descendants of scanned strategy issues. */
  related: IssueFacts[];
  policy: Policy;
  roster: Roster;
  accounts: ReadonlyMap<string, Account>;
  waivers: Waiver[];
  now: Date;
}

export type RosterUnavailable = { code: 'ROSTER_UNAVAILABLE'; source: string; message: string };

/** One rule's outcome for one issue, with the rule's effective severity in the project. */
export type RuleOutcome = { code: GapCode; severity: Severity } & (
  | { status: 'pass' }
  | { status: 'fail'; gap: Gap }
  | { status: 'waived'; gap: Gap; waiver: Waiver }
  | { status: 'not-checked'; reason: NotCheckedReason }
);

/**
 * Why an issue is or is not checked: the policy's answer (`PolicyScope`); `not-scanned` for an issue that is
 * only context (another project, or in `related`); `duplicate` for a later issue with an earlier one's key;
 * `unknown` for an issue (or key) the input does not hold.
 */
export type IssueScope = PolicyScope | 'not-scanned' | 'duplicate' | 'unknown';

export interface Explanation {
  issueKey: string;
  kind: IssueKind;
  scope: IssueScope;
  /** The nearest known ancestor at level >= 1 (the report's `epicKey`), or null. */
  epic: IssueFacts | null;
  /** The issue's own slot is set, trusted and held by an eligible person (what coverage counts). */
  covered: boolean;
  /** One outcome per rule, in the rules table's order. */
  outcomes: RuleOutcome[];
}

/** Everything the rules need that does not depend on the issue at hand, worked out once per input. */
export interface RuleContext {
  input: EngineInput;
  roster: Extract<Roster, { ok: true }>;
  /** Every known issue by key, `issues` first: the first occurrence of a key wins. */
  known: ReadonlyMap<string, IssueFacts>;
  /** The issues of `related`: context, never checked. */
  related: ReadonlySet<IssueFacts>;
  projectKeys: ReadonlySet<string>;
  executionBelow: ReadonlySet<string>;
  waivers: ActiveWaivers;
}

export function ruleContext(
  input: EngineInput,
): { ok: true; context: RuleContext } | { ok: false; error: RosterUnavailable } {
  const { roster } = input;
  if (!roster.ok) {
    return {
      ok: false,
      error: { code: 'ROSTER_UNAVAILABLE', source: roster.source, message: roster.message },
    };
  }
  const known = indexByKey(input.issues, input.related);
  return {
    ok: true,
    context: {
      input,
      roster,
      known,
      related: new Set(input.related),
      projectKeys: new Set(input.projectKeys),
      executionBelow: issuesWithExecutionBelow(known, input.policy),
      waivers: activeWaivers(input.waivers, input.now),
    },
  };
}

/**
 * Whether the rules check this issue of the input, and if not, why. A later issue with an earlier one's key is
 * a `duplicate` (the first is checked); an issue that is not part of the input at all is `unknown`.
 */
export function scopeIn(context: RuleContext, issue: IssueFacts): IssueScope {
  if (context.known.get(issue.key) !== issue) return context.known.has(issue.key) ? 'duplicate' : 'unknown';
  if (context.related.has(issue) || !context.projectKeys.has(issue.projectKey)) return 'not-scanned';
  return policyScopeOf(issue, context.input.policy);
}

/**
 * Each rule's outcome for one issue of the input, in the context of one scan's input. `issue` may be given by
 * key: the first issue with that key (the one the scan checks).
 */
export function explainIn(context: RuleContext, issue: IssueFacts | string): Explanation {
  const { policy } = context.input;
  const facts = typeof issue === 'string' ? context.known.get(issue) : issue;
  if (facts === undefined) return unchecked(typeof issue === 'string' ? issue : '', 'unknown', policy);
  const scope = scopeIn(context, facts);
  const kind = kindOf(facts, policy);
  const epic = lookUpEpic(facts, context.known);
  if (scope !== 'in-scope' || kind === 'out-of-scope') {
    return { ...unchecked(facts.key, scope, policy), kind, epic: epic.epic };
  }
  const subject: RuleSubject = {
    issue: facts,
    kind,
    slots: trustedSlots(facts.ownership),
    epic,
    hasExecutionBelow: context.executionBelow.has(facts.key),
    policy,
    now: context.input.now,
    roster: context.roster,
    accounts: context.input.accounts,
  };
  const waivers = context.waivers.get(facts.key);
  const outcomes = RULES.map(({ code, appliesTo, check }): RuleOutcome => {
    if (!appliesTo.includes(kind)) return notChecked(code, policy, 'not-applicable');
    const { enabled, severity } = effectiveRule(policy, code);
    if (!enabled) return notChecked(code, policy, 'rule-off');
    const verdict = check(subject);
    switch (verdict.status) {
      case 'pass':
        return { code, severity, status: 'pass' };
      case 'not-checked':
        return { code, severity, status: 'not-checked', reason: verdict.reason };
      case 'fail': {
        const gap = gapOf(code, severity, subject, verdict.owner);
        const waiver = waivers?.get(code);
        return waiver === undefined
          ? { code, severity, status: 'fail', gap }
          : { code, severity, status: 'waived', gap, waiver };
      }
    }
  });
  return { issueKey: facts.key, kind, scope, epic: epic.epic, covered: slotCovered(subject), outcomes };
}

/** The explanation of an issue the rules do not check: every rule `not-checked`, `out-of-scope`. */
function unchecked(issueKey: string, scope: IssueScope, policy: Pick<Policy, 'rules'>): Explanation {
  const outcomes = RULES.map(({ code }) => notChecked(code, policy, 'out-of-scope'));
  return { issueKey, kind: 'out-of-scope', scope, epic: null, covered: false, outcomes };
}

/**
 * Each rule's outcome for one issue. For many issues of one input, build the context once with `ruleContext`
 * and call `explainIn`.
 */
export function explain(
  issue: IssueFacts | string,
  input: EngineInput,
): { ok: true; explanation: Explanation } | { ok: false; error: RosterUnavailable } {
  const prepared = ruleContext(input);
  if (!prepared.ok) return prepared;
  return { ok: true, explanation: explainIn(prepared.context, issue) };
}

function notChecked(code: GapCode, policy: Pick<Policy, 'rules'>, reason: NotCheckedReason): RuleOutcome {
  return { code, severity: effectiveRule(policy, code).severity, status: 'not-checked', reason };
}

/** The gap a failing rule reports, with exactly the report fields the product fixes. */
function gapOf(code: GapCode, severity: Severity, subject: RuleSubject, ownerId: string | null): Gap {
  const { issue, accounts } = subject;
  return {
    code,
    severity,
    issueKey: issue.key,
    issueType: issue.issueType.name,
    summary: issue.summary,
    epicKey: subject.epic.epic?.key ?? null,
    owner:
      ownerId === null
        ? null
        : { accountId: ownerId, displayName: accounts.get(ownerId)?.displayName ?? null },
  };
}
