// The gap engine: from the facts of a scan to the report every surface shows (panel, alignment page, emails,
// exports, CLI). It implements "The gap rules, precisely" of the product brief and nothing else. Pure and
// total: whatever the input (missing parents, cycles, duplicate keys, garbage dates, malformed properties)
// it returns a report and never throws.
//
// Built for 100k issues in well under 150 ms (see bench/engine.ts). At that size the cost is mostly memory
// traffic, so: issues are indexed into flat typed arrays (no object per issue, nothing for the garbage
// collector to copy) with an off-heap key table; each issue's facts are read in one pass, in input order;
// each property is checked at most once, without copying it; gaps go straight into (severity, rule) buckets,
// and only when the input was not already in key order are the buckets put in report order, by a numeric
// sort of the gaps' ranks.
//
// Where the rules leave a choice open, the engine takes the one that neither invents nor hides a gap:
// - Only issues in `issues` whose project is in `projectKeys` are checked; anything else is context.
// - A key seen twice: the first occurrence wins (`issues` before `related`).
// - A parent the scan did not supply ends the walk up: the story has no *known* epic (STORY_WITHOUT_EPIC).
//   The scan must put every ancestor it can see in `related`.
// - "Direct strategy parent" (SAME_PERSON_PM_AND_PO) is the nearest ancestor at level >= 1, i.e. the epic
//   (in Jira a story's parent is its epic); an epic whose own property is invalid has no PM to compare with.
// - With OWNERSHIP_INVALID switched off, an invalid property still keeps the slot rules off that issue: the
//   engine never acts on a value it cannot trust.
// - A creation date that does not parse never grants grace; one in the future does (while graceDays > 0).
//   A waiver whose expiry does not parse is not in force; of two waivers for one gap, the later expiry wins.
// - Any status category other than `done` is open.
import { isEligible } from './eligibility';
import {
  CODE_INDEX,
  compareKeyParts,
  numberOfKey,
  projectOfKey,
  severityRank,
  keyOrderPermutation,
  sortByRank,
} from './gap-order';
import { findAncestor, issueKindClassifier } from './hierarchy';
import { KeyIndex } from './key-index';
import {
  DEFAULT_SEVERITY,
  GAP_CODES,
  type Account,
  type Coverage,
  type EngineResult,
  type Gap,
  type GapCode,
  type GapReport,
  type IssueFacts,
  type IssueKind,
  type Ownership,
  type Roster,
  type Severity,
  type Waiver,
} from './model';
import { isOwnershipSchema1 } from './ownership';
import type { Policy, RuleSetting } from './policy';

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

/** Which rules can fire on which kind of issue (the "applies to" column of the rules table). */
export const RULES_FOR_KIND: Readonly<Record<IssueKind, readonly GapCode[]>> = {
  strategy: [
    'OWNERSHIP_INVALID',
    'EPIC_WITHOUT_PM',
    'PM_NOT_ELIGIBLE',
    'ROLE_MISPLACED',
    'EPIC_WITHOUT_STORIES',
  ],
  execution: [
    'OWNERSHIP_INVALID',
    'STORY_WITHOUT_PO',
    'PO_NOT_ELIGIBLE',
    'ROLE_MISPLACED',
    'SAME_PERSON_PM_AND_PO',
    'STORY_WITHOUT_EPIC',
  ],
  'out-of-scope': [],
};

/** A rule as it applies in a project: its code and effective severity. */
export interface Check {
  code: GapCode;
  severity: Severity;
}

/** The enabled rules that apply to an issue of this kind, in table order: the issue panel's checklist. */
export function checksFor(kind: IssueKind, policy: Pick<Policy, 'rules'>): Check[] {
  const checks: Check[] = [];
  for (const code of RULES_FOR_KIND[kind]) {
    const rule = effectiveRule(policy, code);
    if (rule.enabled) checks.push({ code, severity: rule.severity });
  }
  return checks;
}

function effectiveRule(policy: Pick<Policy, 'rules'>, code: GapCode): RuleSetting {
  // Policies come through `parsePolicy`, which fills every rule; a hand-built one may not, so fall back.
  const rules = policy.rules as Partial<Record<GapCode, RuleSetting>> | undefined;
  return rules?.[code] ?? { enabled: true, severity: DEFAULT_SEVERITY[code] };
}

const MS_PER_DAY = 86_400_000;
const NONE = -1;

// Issue kinds and property states as small integers, stored in typed arrays (one byte per issue).
const OUT_OF_SCOPE = 0;
const STRATEGY = 1;
const EXECUTION = 2;
/** A later occurrence of a key already indexed: ignored everywhere. */
const DUPLICATE = 3;
const KIND_CODES: Readonly<Record<IssueKind, number>> = {
  'out-of-scope': OUT_OF_SCOPE,
  strategy: STRATEGY,
  execution: EXECUTION,
};

const UNREAD = 0;
const ABSENT = 1;
const VALID = 2;
const INVALID = 3;

const UNRESOLVED = -2;

/**
 * Every known issue, addressed by position: `issues` first, then `related`. The first occurrence of a key
 * wins, so a duplicate is never reported twice. Flat typed arrays, not an object per issue; each issue's
 * facts are read in as few passes as possible, since at 100k issues the cost is mostly memory traffic.
 */
class IssueIndex {
  readonly size: number;
  readonly kinds: Uint8Array;
  /** 1 when an in-scope execution issue (any status, any project) sits beneath, at any depth. */
  readonly hasExecutionBelow: Uint8Array;
  /**
   * The issues to check, in input order (memory order: visiting 100k issues in any other order costs a cache
   * miss each): issues of the scanned projects that came in `issues`, of a kind in scope, and not done unless
   * the policy includes done issues. Anything else is context, like `related`.
   */
  readonly inScope: number[] = [];
  /**
   * Each in-scope issue's place in report order (project key, then number), by position; undefined when the
   * input already came in that order, as Jira searches usually return it.
   */
  readonly reportRanks: Int32Array | undefined;
  private readonly keys: KeyIndex;
  /** Parent positions, resolved on first need: sub-tasks and out-of-scope types are rarely walked from. */
  private readonly parents: Int32Array;
  private readonly ownershipStates: Uint8Array;
  private readonly issues: readonly IssueFacts[];
  private readonly related: readonly IssueFacts[];
  private readonly parentOf = (i: number): number | undefined => {
    const parent = this.parent(i);
    return parent === NONE ? undefined : parent;
  };
  private readonly isStrategy = (i: number): boolean => this.kinds[i] === STRATEGY;

  constructor(input: EngineInput) {
    this.issues = input.issues;
    this.related = input.related;
    const size = (this.size = this.issues.length + this.related.length);
    this.kinds = new Uint8Array(size);
    this.parents = new Int32Array(size).fill(UNRESOLVED);
    this.hasExecutionBelow = new Uint8Array(size);
    this.ownershipStates = new Uint8Array(size);
    this.keys = new KeyIndex((i) => this.facts(i).key, size);

    const kindOf = issueKindClassifier(input.policy);
    const scannedProjects = new Set(input.projectKeys);
    const includeDone = input.policy.includeDone;
    // Sort fields of the in-scope issues, parallel to `inScope`, taken while each issue's facts are at hand.
    const projects: string[] = [];
    const numbers: number[] = [];
    let sorted = true;
    for (let i = 0; i < size; i++) {
      if (this.keys.insert(i) !== i) {
        this.kinds[i] = DUPLICATE;
        continue;
      }
      const facts = this.facts(i);
      const kind = KIND_CODES[kindOf(facts.issueType.hierarchyLevel, facts.issueType.name)];
      this.kinds[i] = kind;
      if (
        kind !== OUT_OF_SCOPE &&
        i < this.issues.length &&
        (includeDone || facts.statusCategory !== 'done') &&
        scannedProjects.has(facts.projectKey)
      ) {
        const project = projectOfKey(facts.key, facts.projectKey);
        const number = numberOfKey(facts.key);
        const previous = this.inScope.length - 1;
        if (sorted && previous >= 0) {
          const previousKey = this.facts(this.inScope[previous] ?? NONE).key;
          sorted =
            compareKeyParts(
              projects[previous] ?? '',
              numbers[previous] ?? NaN,
              previousKey,
              project,
              number,
              facts.key,
            ) <= 0;
        }
        projects.push(project);
        numbers.push(number);
        this.inScope.push(i);
      }
    }
    if (!sorted) {
      const order = keyOrderPermutation(projects, numbers, (k) => this.facts(this.inScope[k] ?? NONE).key);
      const ranks = new Int32Array(size);
      for (let rank = 0; rank < order.length; rank++) ranks[this.inScope[order[rank] ?? 0] ?? 0] = rank;
      this.reportRanks = ranks;
    }

    this.markExecutionAncestors();
  }

  facts(i: number): IssueFacts {
    return (i < this.issues.length ? this.issues[i] : this.related[i - this.issues.length]) as IssueFacts;
  }

  /** The position of the issue with this key, or NONE. */
  positionOf(key: string): number {
    return typeof key === 'string' ? this.keys.get(key) : NONE;
  }

  /** The position of the issue's parent, or NONE when it has none or the scan did not supply it. */
  parent(i: number): number {
    let parent = this.parents[i] ?? NONE;
    if (parent === UNRESOLVED) {
      const parentKey = this.facts(i).parentKey;
      parent = typeof parentKey === 'string' && this.kinds[i] !== DUPLICATE ? this.keys.get(parentKey) : NONE;
      this.parents[i] = parent;
    }
    return parent;
  }

  // Marks every ancestor of every in-scope execution issue, stopping at the first one already marked (its
  // ancestors were marked by the walk that marked it); that also ends any parent cycle.
  private markExecutionAncestors(): void {
    for (let i = 0; i < this.size; i++) {
      if (this.kinds[i] !== EXECUTION) continue;
      let above = this.parent(i);
      while (above !== NONE && above !== i && this.hasExecutionBelow[above] === 0) {
        this.hasExecutionBelow[above] = 1;
        above = this.parent(above);
      }
    }
  }

  /** The nearest ancestor at hierarchy level >= 1, or NONE. */
  nearestStrategy(i: number): number {
    const parent = this.parent(i);
    if (parent === NONE) return NONE;
    if (parent !== i && this.kinds[parent] === STRATEGY) return parent; // the usual case: no walk needed
    return findAncestor(i, this.parentOf, this.isStrategy) ?? NONE;
  }

  /** The issue's property, checked on first use (related issues only when a story compares with its epic). */
  ownershipState(i: number): number {
    let state = this.ownershipStates[i] ?? UNREAD;
    if (state === UNREAD) {
      const raw = this.facts(i).ownership;
      state = raw === undefined ? ABSENT : isOwnershipSchema1(raw) ? VALID : INVALID;
      this.ownershipStates[i] = state;
    }
    return state;
  }

  /** The property when it is valid schema 1, else undefined. */
  ownership(i: number): Ownership | undefined {
    return this.ownershipState(i) === VALID ? (this.facts(i).ownership as Ownership) : undefined;
  }
}

/**
 * Collects gaps while issues are visited. Buckets follow report order, (error, warning) x rule table order,
 * so the report is their concatenation. Issues are visited in input order; when that is not report order,
 * each gap remembers its issue's rank and every bucket is put in rank order at the end (a numeric sort of
 * the gaps only, far cheaper than visiting the issues out of memory order).
 */
class GapCollector {
  private readonly rules: RuleSetting[];
  private readonly gapBuckets: Gap[][];
  private readonly waivedBuckets: GapReport['waived'][];
  private readonly gapRanks: number[][];
  private readonly waivedRanks: number[][];

  constructor(
    policy: Pick<Policy, 'rules'>,
    private readonly accounts: ReadonlyMap<string, Account>,
    /** Active waivers by issue position (see `IssueIndex`), then code. */
    private readonly waivers: ReadonlyMap<number, ReadonlyMap<GapCode, Waiver>>,
    /** Report rank by issue position, or undefined when issues are visited in report order. */
    private readonly reportRanks: Int32Array | undefined,
  ) {
    this.rules = GAP_CODES.map((code) => effectiveRule(policy, code));
    const buckets = <T>() => Array.from({ length: GAP_CODES.length * 2 }, (): T[] => []);
    this.gapBuckets = buckets();
    this.waivedBuckets = buckets();
    this.gapRanks = buckets();
    this.waivedRanks = buckets();
  }

  enabled(code: GapCode): boolean {
    return this.rules[CODE_INDEX[code]]?.enabled ?? false;
  }

  add(
    i: number,
    facts: IssueFacts,
    code: GapCode,
    epicKey: string | null,
    ownerId: string | undefined,
  ): void {
    const rule = this.rules[CODE_INDEX[code]];
    if (rule === undefined || !rule.enabled) return;
    const gap: Gap = {
      code,
      severity: rule.severity,
      issueKey: facts.key,
      issueType: facts.issueType.name,
      summary: facts.summary,
      epicKey,
      owner:
        ownerId === undefined
          ? null
          : { accountId: ownerId, displayName: this.accounts.get(ownerId)?.displayName ?? null },
    };
    const bucket = severityRank(rule.severity) * GAP_CODES.length + CODE_INDEX[code];
    const waiver = this.waivers.get(i)?.get(code);
    const rank = this.reportRanks?.[i];
    if (waiver === undefined) {
      this.gapBuckets[bucket]?.push(gap);
      if (rank !== undefined) this.gapRanks[bucket]?.push(rank);
    } else {
      this.waivedBuckets[bucket]?.push({ ...gap, waiver });
      if (rank !== undefined) this.waivedRanks[bucket]?.push(rank);
    }
  }

  report(coverage: Coverage): GapReport {
    if (this.reportRanks !== undefined) {
      this.gapBuckets.forEach((bucket, b) => sortByRank(bucket, this.gapRanks[b] ?? []));
      this.waivedBuckets.forEach((bucket, b) => sortByRank(bucket, this.waivedRanks[b] ?? []));
    }
    return { coverage, gaps: this.gapBuckets.flat(), waived: this.waivedBuckets.flat() };
  }
}

export function evaluateGaps(input: EngineInput): EngineResult {
  const { roster } = input;
  if (!roster.ok) {
    return {
      ok: false,
      error: { code: 'ROSTER_UNAVAILABLE', source: roster.source, message: roster.message },
    };
  }
  const { policy, accounts } = input;
  const index = new IssueIndex(input);
  const { kinds } = index;

  const nowMs = input.now.getTime();
  const graceMs = Math.max(0, policy.graceDays) * MS_PER_DAY;
  // Created after `graceStartMs` = still in the grace period. A bad `now` (NaN) graces nothing, and neither
  // does a creation date that does not parse: the gap shows rather than hides.
  const graceStartMs = nowMs - graceMs;
  const inGrace = graceMs > 0 ? (facts: IssueFacts) => Date.parse(facts.created) > graceStartMs : () => false;

  const waivers = indexActiveWaivers(input.waivers, nowMs, index);
  const collector = new GapCollector(policy, accounts, waivers, index.reportRanks);
  const coverage: Coverage = { strategyIssues: 0, withPm: 0, executionIssues: 0, withPo: 0 };
  const checkEpicsForStories = collector.enabled('EPIC_WITHOUT_STORIES');

  for (const i of index.inScope) {
    const facts = index.facts(i);
    const state = index.ownershipState(i);
    const ownership = state === VALID ? (facts.ownership as Ownership) : undefined;
    const pm = ownership?.pm?.accountId;
    const po = ownership?.po?.accountId;
    const epic = index.nearestStrategy(i);
    const epicKey = epic === NONE ? null : index.facts(epic).key;
    if (state === INVALID) collector.add(i, facts, 'OWNERSHIP_INVALID', epicKey, undefined);

    if (kinds[i] === STRATEGY) {
      coverage.strategyIssues++;
      const pmEligible = pm !== undefined && isEligible(pm, 'pm', roster, accounts);
      if (pmEligible) coverage.withPm++;
      if (state !== INVALID) {
        if (pm === undefined) {
          if (!inGrace(facts)) collector.add(i, facts, 'EPIC_WITHOUT_PM', epicKey, undefined);
        } else if (!pmEligible) collector.add(i, facts, 'PM_NOT_ELIGIBLE', epicKey, pm);
        if (po !== undefined) collector.add(i, facts, 'ROLE_MISPLACED', epicKey, po);
      }
      if (
        checkEpicsForStories &&
        index.hasExecutionBelow[i] === 0 &&
        facts.statusCategory !== 'done' &&
        !inGrace(facts)
      ) {
        collector.add(i, facts, 'EPIC_WITHOUT_STORIES', epicKey, pm);
      }
    } else {
      coverage.executionIssues++;
      const poEligible = po !== undefined && isEligible(po, 'po', roster, accounts);
      if (poEligible) coverage.withPo++;
      if (state !== INVALID) {
        if (po === undefined) {
          if (!inGrace(facts)) collector.add(i, facts, 'STORY_WITHOUT_PO', epicKey, undefined);
        } else if (!poEligible) collector.add(i, facts, 'PO_NOT_ELIGIBLE', epicKey, po);
        if (pm !== undefined) collector.add(i, facts, 'ROLE_MISPLACED', epicKey, pm);
        // The epic's PM counts whatever the epic's status or project: the split is about people, not state.
        if (po !== undefined && epic !== NONE && index.ownership(epic)?.pm?.accountId === po) {
          collector.add(i, facts, 'SAME_PERSON_PM_AND_PO', epicKey, po);
        }
      }
      if (epic === NONE) collector.add(i, facts, 'STORY_WITHOUT_EPIC', null, po);
    }
  }

  return { ok: true, report: collector.report(coverage) };
}

/**
 * Waivers still in force at `nowMs`, by the position of their issue and by code; waivers of issues the scan
 * does not know are dropped. Of two waivers for the same gap, the later expiry wins.
 */
function indexActiveWaivers(
  waivers: readonly Waiver[],
  nowMs: number,
  index: IssueIndex,
): Map<number, Map<GapCode, Waiver>> {
  const active = new Map<number, Map<GapCode, Waiver>>();
  for (const waiver of waivers) {
    const expiresAt = Date.parse(waiver.expiresAt);
    // A garbage expiry is not "forever": NaN > now is false, so the gap stays visible.
    if (!(expiresAt > nowMs)) continue;
    const position = index.positionOf(waiver.issueKey);
    if (position === NONE) continue;
    let forIssue = active.get(position);
    if (forIssue === undefined) active.set(position, (forIssue = new Map<GapCode, Waiver>()));
    const current = forIssue.get(waiver.code);
    if (current === undefined || Date.parse(current.expiresAt) < expiresAt) forIssue.set(waiver.code, waiver);
  }
  return active;
}
