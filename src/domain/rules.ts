// The nine gap rules of "The gap rules, precisely", one small function each, in the table's order. A rule
// looks at one in-scope issue (a `RuleSubject`) and says `pass`, `fail` (with the report's owner) or
// `not-checked` (with the reason). Scope, rule switches, severities and waivers are applied around the rules
// by `explain`, the one caller: the scan, the issue panel and the CLI all read the rules through it.
import { isEligible } from './eligibility';
import type { EpicLookup } from './hierarchy';
import {
  DEFAULT_SEVERITY,
  type Account,
  type GapCode,
  type IssueFacts,
  type IssueKind,
  type Roster,
  type Severity,
} from './model';
import { isOwnershipSchema1 } from './ownership';
import type { Policy, RuleSetting } from './policy';
import { inGracePeriod, isOpen } from './scope';

/** Why a rule said nothing about an issue. */
export type NotCheckedReason =
  /** The issue itself is not checked (see the explanation's `scope`). */
  | 'out-of-scope'
  /** The rule is for the other kind of issue (an epic rule on a story, say). */
  | 'not-applicable'
  /** The project switched the rule off. */
  | 'rule-off'
  /** The issue's ownership property is there but unreadable: slot rules never act on it. */
  | 'ownership-invalid'
  /** The slot the rule judges is empty. */
  | 'slot-empty'
  /** The story has no epic (and no parent link leads out of sight). */
  | 'no-epic'
  /** The walk up ended at a parent the scan could not see, so any epic above it is unknown. */
  | 'parent-not-visible'
  /** The epic has no PM to compare with. */
  | 'no-epic-pm'
  /** The epic's own ownership property is unreadable, so it has no trustworthy PM. */
  | 'epic-ownership-invalid'
  /** The issue is younger than the project's grace period. */
  | 'grace-period'
  /** The rule applies to open issues and this one is done (checked only because done issues are included). */
  | 'issue-done';

/** What a rule says about one issue, before switches and waivers. */
export type Verdict =
  | { status: 'pass' }
  | { status: 'fail'; owner: string | null }
  | { status: 'not-checked'; reason: NotCheckedReason };

/** The account ids in the slots of a property that can be trusted. */
export interface Slots {
  pm?: string;
  po?: string;
}

/** What the rules may look at for one in-scope issue. */
export interface RuleSubject {
  issue: IssueFacts;
  kind: Exclude<IssueKind, 'out-of-scope'>;
  /** The issue's slots (none when it has no property); null when the property is there but unreadable. */
  slots: Slots | null;
  /** The nearest known ancestor at level >= 1. */
  epic: EpicLookup;
  /** An in-scope execution issue sits beneath (any depth, status or project). */
  hasExecutionBelow: boolean;
  policy: Pick<Policy, 'graceDays'>;
  now: Date;
  roster: Extract<Roster, { ok: true }>;
  accounts: ReadonlyMap<string, Account>;
}

export type Rule = (subject: RuleSubject) => Verdict;

const PASS: Verdict = { status: 'pass' };
const fail = (owner: string | undefined): Verdict => ({ status: 'fail', owner: owner ?? null });
const notChecked = (reason: NotCheckedReason): Verdict => ({ status: 'not-checked', reason });

/**
 * The slots of a raw `role-split-ownership` value: none when the issue has no property, null when the property
 * is there but does not parse as schema 1 (then no rule may act on it).
 */
export function trustedSlots(raw: unknown): Slots | null {
  if (raw === undefined) return {};
  if (!isOwnershipSchema1(raw)) return null;
  return { pm: raw.pm?.accountId, po: raw.po?.accountId };
}

/** Set, trusted and held by an eligible person: what coverage counts. */
export function slotCovered(subject: RuleSubject): boolean {
  const role = subject.kind === 'strategy' ? 'pm' : 'po';
  const owner = subject.slots?.[role];
  return owner !== undefined && isEligible(owner, role, subject.roster, subject.accounts);
}

/** Quiet during the grace period: the three rules about a slot or stories not there *yet*. */
function inGrace(s: RuleSubject): boolean {
  return inGracePeriod(s.issue, s.policy, s.now);
}

/** OWNERSHIP_INVALID: the property exists but does not parse as schema 1. */
export const ownershipInvalid: Rule = (s) => (s.slots === null ? fail(undefined) : PASS);

/** EPIC_WITHOUT_PM: a strategy issue with no `pm` (quiet during the grace period). */
export const epicWithoutPm: Rule = (s) => {
  const { slots } = s;
  if (slots === null) return notChecked('ownership-invalid');
  if (slots.pm !== undefined) return PASS;
  if (inGrace(s)) return notChecked('grace-period');
  return fail(undefined);
};

/** PM_NOT_ELIGIBLE: `pm` set, person not eligible for the PM role. */
export const pmNotEligible: Rule = (s) => ineligibleOwner(s, 'pm');

/** STORY_WITHOUT_PO: an execution issue with no `po` (quiet during the grace period). */
export const storyWithoutPo: Rule = (s) => {
  const { slots } = s;
  if (slots === null) return notChecked('ownership-invalid');
  if (slots.po !== undefined) return PASS;
  if (inGrace(s)) return notChecked('grace-period');
  return fail(undefined);
};

/** PO_NOT_ELIGIBLE: `po` set, person not eligible for the PO role. */
export const poNotEligible: Rule = (s) => ineligibleOwner(s, 'po');

function ineligibleOwner(s: RuleSubject, role: 'pm' | 'po'): Verdict {
  const { slots } = s;
  if (slots === null) return notChecked('ownership-invalid');
  const owner = slots[role];
  if (owner === undefined) return notChecked('slot-empty');
  return isEligible(owner, role, s.roster, s.accounts) ? PASS : fail(owner);
}

/** ROLE_MISPLACED: a `po` on a strategy issue, or a `pm` on an execution issue. */
export const roleMisplaced: Rule = (s) => {
  const { slots } = s;
  if (slots === null) return notChecked('ownership-invalid');
  const misplaced = s.kind === 'strategy' ? slots.po : slots.pm;
  return misplaced === undefined ? PASS : fail(misplaced);
};

/**
 * SAME_PERSON_PM_AND_PO: the story's `po` is the `pm` of its direct strategy parent, i.e. its epic (in Jira a
 * story's parent is its epic), whatever that epic's status or project: the split is about people, not state.
 */
export const samePersonPmAndPo: Rule = (s) => {
  const { slots } = s;
  if (slots === null) return notChecked('ownership-invalid');
  if (slots.po === undefined) return notChecked('slot-empty');
  const { epic, parentNotVisible } = s.epic;
  if (epic === null) return notChecked(parentNotVisible ? 'parent-not-visible' : 'no-epic');
  const epicSlots = trustedSlots(epic.ownership);
  if (epicSlots === null) return notChecked('epic-ownership-invalid');
  if (epicSlots.pm === undefined) return notChecked('no-epic-pm');
  return epicSlots.pm === slots.po ? fail(slots.po) : PASS;
};

/**
 * STORY_WITHOUT_EPIC: no known ancestor at level >= 1. A parent the scan could not see ends the walk: the
 * story has no *known* epic, so the gap shows. Not a slot rule, so an unreadable property does not stop it.
 */
export const storyWithoutEpic: Rule = (s) => (s.epic.epic !== null ? PASS : fail(s.slots?.po));

/** EPIC_WITHOUT_STORIES: an open strategy issue with no in-scope execution issue beneath it. */
export const epicWithoutStories: Rule = (s) => {
  if (s.hasExecutionBelow) return PASS;
  if (!isOpen(s.issue)) return notChecked('issue-done');
  if (inGrace(s)) return notChecked('grace-period');
  return fail(s.slots?.pm);
};

/** The rules table: each rule with the kinds it applies to, in the table's (and the report's) order. */
export const RULES: ReadonlyArray<{
  code: GapCode;
  appliesTo: ReadonlyArray<RuleSubject['kind']>;
  check: Rule;
}> = [
  { code: 'OWNERSHIP_INVALID', appliesTo: ['strategy', 'execution'], check: ownershipInvalid },
  { code: 'EPIC_WITHOUT_PM', appliesTo: ['strategy'], check: epicWithoutPm },
  { code: 'PM_NOT_ELIGIBLE', appliesTo: ['strategy'], check: pmNotEligible },
  { code: 'STORY_WITHOUT_PO', appliesTo: ['execution'], check: storyWithoutPo },
  { code: 'PO_NOT_ELIGIBLE', appliesTo: ['execution'], check: poNotEligible },
  { code: 'ROLE_MISPLACED', appliesTo: ['strategy', 'execution'], check: roleMisplaced },
  { code: 'SAME_PERSON_PM_AND_PO', appliesTo: ['execution'], check: samePersonPmAndPo },
  { code: 'STORY_WITHOUT_EPIC', appliesTo: ['execution'], check: storyWithoutEpic },
  { code: 'EPIC_WITHOUT_STORIES', appliesTo: ['strategy'], check: epicWithoutStories },
];

/** Which rules can fire on which kind of issue (the "applies to" column of the rules table). */
export const RULES_FOR_KIND: Readonly<Record<IssueKind, readonly GapCode[]>> = {
  strategy: RULES.filter((r) => r.appliesTo.includes('strategy')).map((r) => r.code),
  execution: RULES.filter((r) => r.appliesTo.includes('execution')).map((r) => r.code),
  'out-of-scope': [],
};

/** A rule's switch and severity in a project. */
export function effectiveRule(policy: Pick<Policy, 'rules'>, code: GapCode): RuleSetting {
  // Policies come through `parsePolicy`, which fills every rule; a hand-built one may not, so fall back.
  const rules = policy.rules as Partial<Record<GapCode, RuleSetting>> | undefined;
  return rules?.[code] ?? { enabled: true, severity: DEFAULT_SEVERITY[code] };
}

/** A rule as it applies in a project: its code and effective severity. */
export interface Check {
  code: GapCode;
  severity: Severity;
}

/** The enabled rules that apply to an issue of this kind, in table order. */
export function checksFor(kind: IssueKind, policy: Pick<Policy, 'rules'>): Check[] {
  return RULES_FOR_KIND[kind]
    .map((code) => ({ code, rule: effectiveRule(policy, code) }))
    .filter(({ rule }) => rule.enabled)
    .map(({ code, rule }) => ({ code, severity: rule.severity }));
}
