// From one scan's facts and report to what is stored: an rs-issue record per issue of the project (its gap
// records follow from it, records.ts gapRecordsOf), the project summary and the encoded set of scanned ids.
// Pure. The figures are those of the engine's report: a test builds results from evaluateGaps' report and
// compares every figure and list read back.
import type { Account, GapReport, IssueFacts, Roster } from '../../domain/model';
import {
  ancestorChain,
  indexByKey,
  isStrategyLevel,
  kindOf,
  lookUpEpic,
  parentIn,
  slotRoleFor,
} from '../../domain/hierarchy';
import { isEligible } from '../../domain/eligibility';
import type { Policy } from '../../domain/policy';
import { trustedSlots } from '../../domain/rules';
import { policyScopeOf } from '../../domain/scope';
import { encodeIds, hashIds, sortIds } from './id-set-codec';
import { toStoredFacts, type ScannedFacts } from './issue-facts-codec';
import { NONE, type IssueRecord } from './records';
import { issueOrderKey } from './sort-keys';
import { addCount, type ByCode, type ResultSummary } from './summary';

export interface BuildInput {
  project: { id: string; key: string; name: string };
  policy: Policy;
  /** The project's issues as the scan read them (IssueFacts, `secured` when the scan asked). */
  issues: ScannedFacts[];
  /** Context from elsewhere (ancestors, children in other projects): never stored, only looked through. */
  related: IssueFacts[];
  report: GapReport;
  scannedAt: string;
  /**
   * The roster and accounts the engine ran with. Coverage counts eligible owners; without them, an owner is
   * taken as eligible unless the report has a PM_NOT_ELIGIBLE / PO_NOT_ELIGIBLE gap on the issue, which is the
   * same answer unless the project switched those rules off.
   */
  eligibility?: { roster: Extract<Roster, { ok: true }>; accounts: ReadonlyMap<string, Account> };
  /** When the results are complete; default `scannedAt`. */
  resultsAt?: string;
}

export interface EncodedIds {
  encoded: string;
  count: number;
  hash: string;
}

export interface BuiltResults {
  /** Keyed by issue id. */
  issues: Array<{ key: string; value: IssueRecord }>;
  summary: ResultSummary;
  ids: EncodedIds;
}

export function encodeIdSet(ids: Iterable<string>): EncodedIds {
  const sorted = sortIds(ids);
  return { encoded: encodeIds(sorted), count: sorted.length, hash: hashIds(sorted) };
}

type GapsOf = Pick<IssueRecord, 'gaps' | 'waived'>;

function gapsByIssue(report: GapReport): Map<string, GapsOf> {
  const byKey = new Map<string, GapsOf>();
  const entry = (key: string): GapsOf => {
    let found = byKey.get(key);
    if (!found) byKey.set(key, (found = { gaps: [], waived: [] }));
    return found;
  };
  for (const gap of report.gaps) entry(gap.issueKey).gaps.push({ code: gap.code, severity: gap.severity });
  for (const gap of report.waived) {
    entry(gap.issueKey).waived.push({
      code: gap.code,
      severity: gap.severity,
      reason: gap.waiver.reason,
      setBy: gap.waiver.setBy,
      expiresAt: gap.waiver.expiresAt,
    });
  }
  return byKey;
}

export function buildResults(input: BuildInput): BuiltResults {
  const { project, policy } = input;
  const known = indexByKey(input.issues, input.related);
  const gaps = gapsByIssue(input.report);
  const records = new Map<string, IssueRecord>();
  const seenKeys = new Set<string>();
  for (const facts of input.issues) {
    // The engine checks the first issue of a key only, and only issues of the project; ids key the records.
    if (facts.projectKey !== project.key || seenKeys.has(facts.key) || records.has(facts.id)) continue;
    seenKeys.add(facts.key);
    const inScope = policyScopeOf(facts, policy) === 'in-scope';
    const kind = inScope ? kindOf(facts, policy) : 'out-of-scope';
    const epic = lookUpEpic(facts, known).epic;
    const role = slotRoleFor(kind);
    const slots = trustedSlots(facts.ownership);
    const holder = (role && slots?.[role]) ?? NONE;
    const own = gaps.get(facts.key) ?? { gaps: [], waived: [] };
    const covered =
      role !== null &&
      holder !== NONE &&
      (input.eligibility
        ? isEligible(holder, role, input.eligibility.roster, input.eligibility.accounts)
        : ![...own.gaps, ...own.waived].some(
            (g) => g.code === 'PM_NOT_ELIGIBLE' || g.code === 'PO_NOT_ELIGIBLE',
          ));
    const strategyIds =
      kind === 'execution'
        ? ancestorChain(facts, (node) => parentIn(known, node))
            .filter((a) => isStrategyLevel(a.issueType.hierarchyLevel) && a.id !== '')
            .map((a) => a.id)
        : [];
    records.set(facts.id, {
      schema: 1,
      projectId: project.id,
      issueId: facts.id,
      order: issueOrderKey(facts.key),
      kind,
      epicId: epic && epic.id !== '' ? epic.id : NONE,
      ...(epic && epic.id !== '' ? { epic: { id: epic.id, key: epic.key, summary: epic.summary } } : {}),
      holder: kind === 'out-of-scope' ? NONE : holder,
      covered,
      gaps: kind === 'out-of-scope' ? [] : own.gaps,
      waived: kind === 'out-of-scope' ? [] : own.waived,
      strategyIds,
      storyCount: 0,
      storiesWithPo: 0,
      secured: facts.secured === true,
      facts: toStoredFacts(facts),
    });
  }
  for (const record of records.values()) {
    if (record.kind !== 'execution') continue;
    for (const id of record.strategyIds) {
      const above = records.get(id);
      if (above?.kind !== 'strategy') continue;
      above.storyCount += 1;
      if (record.covered) above.storiesWithPo += 1;
    }
  }
  const ids = encodeIdSet(records.keys());
  return {
    issues: [...records].map(([key, value]) => ({ key, value })),
    summary: summarize(project, [...records.values()], input, ids),
    ids,
  };
}

function summarize(
  project: BuildInput['project'],
  records: readonly IssueRecord[],
  input: BuildInput,
  ids: EncodedIds,
): ResultSummary {
  const coverage = { strategyIssues: 0, withPm: 0, executionIssues: 0, withPo: 0 };
  const byCode: ByCode = {};
  let waivedCount = 0;
  let inScopeCount = 0;
  const securedIds: string[] = [];
  for (const record of records) {
    if (record.secured) securedIds.push(record.issueId);
    if (record.kind === 'out-of-scope') continue;
    inScopeCount += 1;
    if (record.kind === 'strategy') {
      coverage.strategyIssues += 1;
      if (record.covered) coverage.withPm += 1;
    } else {
      coverage.executionIssues += 1;
      if (record.covered) coverage.withPo += 1;
    }
    for (const gap of record.gaps) addCount(byCode, gap.code, 1);
    waivedCount += record.waived.length;
  }
  return {
    schema: 1,
    project: { id: project.id, key: project.key, name: project.name },
    resultsAt: input.resultsAt ?? input.scannedAt,
    scannedAt: input.scannedAt,
    coverage,
    byCode,
    waivedCount,
    issuesRead: records.length,
    inScopeCount,
    securedIds: sortIds(securedIds),
    ids: { count: ids.count, hash: ids.hash },
  };
}
