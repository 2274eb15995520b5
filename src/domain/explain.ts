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
import { issuesWithExecutionBelow, indexByKey, kindOf, lookUpEpic, type EpicLookup } from './hierarchy';
import {
  type Account,
  type Gap,
  type GapCode,
  type IssueFacts,
  type IssueKind,
  type Roster,
  type Severity,
  type Waiver,
} from './model';
import { readOwnership } from './ownership';
import type { Policy } from './policy';
import { effectiveRule, RULES, slotCovered, type NotCheckedReason, type RuleSubject } from './rules';
import { inGracePeriod, policyScopeOf, type PolicyScope } from './scope';
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
 * Why an issue is or is not checked: the policy's answer (`PolicyScope`), or `not-scanned` for an issue that
 * is only context (another project, or only in `related`), or `unknown` for a key the input does not hold.
 */
export type IssueScope = PolicyScope | 'not-scanned' | 'unknown';

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
  /** Keys whose first occurrence is in `issues` and of a scanned project: the only issues ever checked. */
  scanned: ReadonlySet<string>;
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
  const projects = new Set(input.projectKeys);
  const scanned = new Set<string>();
  for (const issue of input.issues) {
    if (known.get(issue.key) === issue && projects.has(issue.projectKey)) scanned.add(issue.key);
  }
  return {
    ok: true,
    context: {
      input,
      roster,
      known,
      scanned,
      executionBelow: issuesWithExecutionBelow(known, input.policy),
      waivers: activeWaivers(input.waivers, input.now),
    },
  };
}

/** The scope of the issue known under `issueKey`. */
export function scopeIn(context: RuleContext, issueKey: string): IssueScope {
  const issue = context.known.get(issueKey);
  if (issue === undefined) return 'unknown';
  if (!context.scanned.has(issueKey)) return 'not-scanned';
  return policyScopeOf(issue, context.input.policy);
}

/** Each rule's outcome for the issue known under `issueKey`, in the context of one scan's input. */
export function explainIn(context: RuleContext, issueKey: string): Explanation {
  const { input } = context;
  const issue = context.known.get(issueKey);
  const scope = scopeIn(context, issueKey);
  const kind = issue === undefined ? 'out-of-scope' : kindOf(issue, input.policy);
  const epic: EpicLookup =
    issue === undefined ? { epic: null, parentNotVisible: false } : lookUpEpic(issue, context.known);
  const base = { issueKey, kind, scope, epic: epic.epic };
  if (issue === undefined || scope !== 'in-scope' || kind === 'out-of-scope') {
    const outcomes = RULES.map(({ code }) => notChecked(code, input.policy, 'out-of-scope'));
    return { ...base, covered: false, outcomes };
  }
  const subject: RuleSubject = {
    issue,
    kind,
    ownership: readOwnership(issue.ownership),
    epic,
    hasExecutionBelow: context.executionBelow.has(issueKey),
    inGrace: inGracePeriod(issue, input.policy, input.now),
    roster: context.roster,
    accounts: input.accounts,
  };
  const outcomes = RULES.map(({ code, appliesTo, check }): RuleOutcome => {
    if (!appliesTo.includes(kind)) return notChecked(code, input.policy, 'not-applicable');
    const { enabled, severity } = effectiveRule(input.policy, code);
    if (!enabled) return { code, severity, status: 'not-checked', reason: 'rule-off' };
    const verdict = check(subject);
    if (verdict.status !== 'fail') return { code, severity, ...verdict };
    const gap = gapOf(code, severity, subject, verdict.owner);
    const waiver = context.waivers.get(issueKey)?.get(code);
    return waiver === undefined
      ? { code, severity, status: 'fail', gap }
      : { code, severity, status: 'waived', gap, waiver };
  });
  return { ...base, covered: slotCovered(subject), outcomes };
}

/**
 * Each rule's outcome for one issue. For many issues of one input, build the context once with `ruleContext`
 * and call `explainIn`.
 */
export function explain(
  issueKey: string,
  input: EngineInput,
): { ok: true; explanation: Explanation } | { ok: false; error: RosterUnavailable } {
  const prepared = ruleContext(input);
  if (!prepared.ok) return prepared;
  return { ok: true, explanation: explainIn(prepared.context, issueKey) };
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

/** The failing and waived outcomes of an explanation, as gaps (`GAP_CODES` order). */
export function gapsOf(explanation: Explanation): { gaps: Gap[]; waived: Array<Gap & { waiver: Waiver }> } {
  const gaps: Gap[] = [];
  const waived: Array<Gap & { waiver: Waiver }> = [];
  for (const outcome of explanation.outcomes) {
    if (outcome.status === 'fail') gaps.push(outcome.gap);
    if (outcome.status === 'waived') waived.push({ ...outcome.gap, waiver: outcome.waiver });
  }
  return { gaps, waived };
}
