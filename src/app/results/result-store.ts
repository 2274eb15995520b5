// Where a scan's results live and how they change: rs-issue / rs-gap custom entities (records.ts) through the
// EntityStore port, and the summary, scanned id set and trend as plain KVS values through KeyValueStore.
//
// - `writeResults` (the scan consumer, after evaluating): diffs the new issue records against the stored ones
//   and writes only what changed, deletes what vanished, and writes the summary last, so a reader sees either
//   the old summary or a summary whose records are all in place. An unchanged project writes the summary only.
// - `patchIssue` (the issue panel's assign / clear): rewrites one issue's records and adjusts the summary.
// - `loadIssueRecords` / `factsOf` (the consumer's incremental rescans): every stored record of a project.
import type { Explanation } from '../../domain/explain';
import { slotRoleFor } from '../../domain/hierarchy';
import type { GapCode, Severity } from '../../domain/model';
import { trustedSlots } from '../../domain/rules';
import { mapLimit } from '../map-limit';
import type { Clock, KeyValueStore } from '../ports';
import { encodeIdSet, type BuiltResults } from './build-results';
import { compareWithScanned, readScannedIds, writeScannedIds } from './scanned-id-store';
import { canonicalJson } from './canonical-json';
import { withContribution } from './contribution';
import { batches, QUERY_LIMIT, type EntityStore } from './entity-store';
import { decodeIds } from './id-set-codec';
import { toStoredFacts, type ScannedFacts } from './issue-facts-codec';
import {
  gapRecordsOf,
  ISSUE_INDEX,
  migrateIssueRecord,
  NONE,
  RS_GAP,
  RS_ISSUE,
  type GapRecord,
  type IssueRecord,
} from './records';
import { issueOrderKey } from './sort-keys';
import { resultSummarySchema, summaryKey, type ResultSummary } from './summary';
import { readTrend, recordTrendPoint } from './trend-store';
import type { TrendPoint } from '../../contract/alignment';
import type { Coverage } from '../../domain/model';

export { factsOf } from './issue-facts-codec';

export interface ResultStorePorts {
  entities: EntityStore;
  store: KeyValueStore;
  clock: Clock;
}

export interface WriteProgress {
  done: number;
  total: number;
}

export interface WriteCounts {
  /** Records (issues and gaps) written and deleted. */
  recordsWritten: number;
  recordsDeleted: number;
  /** Bytes of JSON written: records, the id set when it changed, and the summary. */
  bytesWritten: number;
  issuesChanged: number;
  issuesUnchanged: number;
}

/** Parallel storage calls of one write: well inside Forge's 1,000 requests a second. */
const WRITE_CONCURRENCY = 4;

function bytes(key: string, value: unknown): number {
  return Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));
}

/** Issues written between two deadline checks (a few storage batches). */
const UNITS_PER_STEP = 50;

interface WriteUnit {
  gapWrites: Write[];
  gapRemovals: Removal[];
  /** The issue record, written (with a value) or removed, after its gap records. */
  issue: Write | Removal;
}

type Write = { entity: typeof RS_ISSUE | typeof RS_GAP; key: string; value: unknown };
type Removal = { entity: typeof RS_ISSUE | typeof RS_GAP; key: string };

export class ResultStore {
  constructor(private readonly ports: ResultStorePorts) {}

  /** Every stored rs-issue record of the project (older shapes migrated), in issue order. */
  async loadIssueRecords(projectId: string): Promise<IssueRecord[]> {
    const records: IssueRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.ports.entities.query(RS_ISSUE, ISSUE_INDEX.byProject, {
        partition: [projectId],
        limit: QUERY_LIMIT,
        ...(cursor ? { cursor } : {}),
      });
      for (const item of page.items) records.push(migrateIssueRecord(item.value));
      cursor = page.cursor ?? undefined;
    } while (cursor);
    return records;
  }

  /** Today's coverage point (one per UTC day, the latest of the day winning; at most 400 kept). */
  recordTrendPoint(projectId: string, day: string, coverage: Coverage): Promise<void> {
    return recordTrendPoint(this.ports.store, projectId, day, coverage);
  }

  /** The daily series ending `today` (YYYY-MM-DD), null on days without a point. */
  readTrend(projectId: string, today: string): Promise<TrendPoint[]> {
    return readTrend(this.ports.store, projectId, today);
  }

  async readSummary(projectId: string): Promise<ResultSummary | undefined> {
    const value = await this.ports.store.get<unknown>(summaryKey(projectId));
    return value === undefined ? undefined : resultSummarySchema.parse(value);
  }

  /** The ids the last scan read (sorted), or undefined before the first scan. */
  readScannedIds(projectId: string): Promise<string[] | undefined> {
    return readScannedIds(this.ports.store, projectId);
  }

  /** Scanned ids a viewer's visible set lacks, and visible ids the scan did not read (scanned-id-store.ts). */
  compareWithScanned(projectId: string, visible: Iterable<string>) {
    return compareWithScanned(this.ports.store, projectId, visible);
  }

  async readIssueRecords(issueIds: readonly string[]): Promise<Map<string, IssueRecord>> {
    const found = new Map<string, IssueRecord>();
    await mapLimit(batches([...new Set(issueIds)]), WRITE_CONCURRENCY, async (keys) => {
      const got = await this.ports.entities.getMany(RS_ISSUE, keys);
      for (const [key, value] of got) found.set(key, migrateIssueRecord(value));
    });
    return found;
  }

  async writeResults(
    projectId: string,
    built: BuiltResults,
    options: {
      onProgress?: (progress: WriteProgress) => void;
      /** The records the caller already loaded (loadIssueRecords), so they are not read twice. */
      stored?: readonly IssueRecord[];
      /** Epoch ms: no batch starts after it, and the summary is left for the write that finishes. */
      deadline?: number;
    } = {},
  ): Promise<WriteCounts & { complete: boolean }> {
    const stored = options.stored ?? (await this.loadIssueRecords(projectId));
    const before = new Map(stored.map((r) => [r.issueId, r]));
    // One unit per issue whose records change: its gap records first, its issue record last. The issue record is
    // what the next diff compares, so a write stopped (or killed) midway leaves no issue marked done whose gap
    // records are not, and the next write finishes the rest.
    const units: WriteUnit[] = [];
    for (const { key, value } of built.issues) {
      const old = before.get(key);
      before.delete(key);
      if (old && sameRecord(old, value)) continue;
      const unit: WriteUnit = { gapWrites: [], gapRemovals: [], issue: { entity: RS_ISSUE, key, value } };
      diffGaps(old, value, unit.gapWrites, unit.gapRemovals);
      units.push(unit);
    }
    for (const [key, old] of before) {
      units.push({
        gapWrites: [],
        gapRemovals: gapRecordsOf(old).map((gap) => ({ entity: RS_GAP, key: gap.key })),
        issue: { entity: RS_ISSUE, key },
      });
    }
    const writes = units.flatMap((u) => [...u.gapWrites, ...('value' in u.issue ? [u.issue] : [])]);
    const counts: WriteCounts = {
      recordsWritten: writes.length,
      recordsDeleted: units.reduce((n, u) => n + u.gapRemovals.length + ('value' in u.issue ? 0 : 1), 0),
      bytesWritten: writes.reduce((sum, w) => sum + bytes(w.key, w.value), 0),
      issuesChanged: units.filter((u) => 'value' in u.issue).length,
      issuesUnchanged: built.issues.length - units.filter((u) => 'value' in u.issue).length,
    };
    const total = counts.recordsWritten + counts.recordsDeleted;
    let done = 0;
    const report = (n: number) => {
      done += n;
      options.onProgress?.({ done, total });
    };
    // Records of issues the previous scan did not read must never show unhidden: a viewer's hidden set is the
    // scanned ids less what their search finds, so the scanned set grows to take in the new ids before any of
    // their records is written, and shrinks to the new set only once the write is complete.
    const previous = await this.readSummary(projectId).catch(() => undefined);
    if (previous) {
      const union = encodeIdSet([
        ...((await this.readScannedIds(projectId)) ?? []),
        ...decodeIds(built.ids.encoded),
      ]);
      if (union.hash !== previous.ids.hash) {
        counts.bytesWritten += await writeScannedIds(this.ports.store, projectId, decodeIds(union.encoded));
        await this.ports.store.set(summaryKey(projectId), {
          ...previous,
          ids: { count: union.count, hash: union.hash },
        } satisfies ResultSummary);
      }
    }
    const late = () => options.deadline !== undefined && this.ports.clock.now().getTime() >= options.deadline;
    for (let i = 0; i < units.length; i += UNITS_PER_STEP) {
      // A step or more always goes before the deadline counts, so each write moves the results on.
      if (i > 0 && late()) return { ...counts, complete: false };
      const step = units.slice(i, i + UNITS_PER_STEP);
      const issueWrites = step.flatMap((u) => ('value' in u.issue ? [u.issue] : []));
      const issueRemovals = step.flatMap((u) => ('value' in u.issue ? [] : [u.issue]));
      await this.runBatches(
        step.flatMap((u) => u.gapWrites),
        'set',
        report,
      );
      await this.runBatches(
        step.flatMap((u) => u.gapRemovals),
        'delete',
        report,
      );
      await this.runBatches(issueWrites, 'set', report);
      await this.runBatches(issueRemovals, 'delete', report);
    }
    const latest = await this.readSummary(projectId).catch(() => undefined);
    if (latest?.ids.hash !== built.ids.hash)
      counts.bytesWritten += await writeScannedIds(this.ports.store, projectId, decodeIds(built.ids.encoded));
    await this.ports.store.set(summaryKey(projectId), built.summary);
    counts.bytesWritten += bytes(summaryKey(projectId), built.summary);
    return { ...counts, complete: true };
  }

  private async runBatches(
    items: ReadonlyArray<Write | Removal>,
    op: 'set' | 'delete',
    report: (n: number) => void,
  ): Promise<void> {
    await mapLimit(batches(items), WRITE_CONCURRENCY, async (batch) => {
      if (op === 'set') await this.ports.entities.batchSet(batch as Write[]);
      else await this.ports.entities.batchDelete(batch);
      report(batch.length);
    });
  }

  /**
   * The issue panel's write, in the same use case as the assignment: the issue's new facts and explanation
   * (explain() over what the panel read) replace its records, the summary's figures swap its old contribution
   * for the new one, and its strategy ancestors' PO counts follow its coverage. Read-modify-write without a
   * lock: two patches at once, or a patch during a scan's write, may leave a figure off by one, and what the
   * explanation cannot see (the SAME_PERSON_PM_AND_PO gaps of an epic's stories after its PM changes) is not
   * touched; the rescan the panel queues (`dirty`) rewrites all of it from Jira within a minute. An issue the
   * last scan did not read is left to that rescan too: patching it in would show it to viewers whose hidden
   * set was worked out without it.
   */
  async patchIssue(
    projectId: string,
    change: { facts: ScannedFacts; explanation: Explanation },
  ): Promise<{ patched: boolean; recordsWritten: number; recordsDeleted: number }> {
    const { facts, explanation } = change;
    const [summary, raw] = await Promise.all([
      this.readSummary(projectId),
      this.ports.entities.get(RS_ISSUE, facts.id),
    ]);
    if (!summary || raw === undefined) return { patched: false, recordsWritten: 0, recordsDeleted: 0 };
    const old = migrateIssueRecord(raw);
    const next = patchedRecord(old, facts, explanation);
    const writes: Write[] = [{ entity: RS_ISSUE, key: facts.id, value: next }];
    const removals: Removal[] = [];
    diffGaps(old, next, writes, removals);
    if (next.kind === 'execution' && old.kind === 'execution' && old.covered !== next.covered) {
      const above = await this.readIssueRecords(next.strategyIds);
      for (const [id, record] of above) {
        const storiesWithPo = Math.max(0, record.storiesWithPo + (next.covered ? 1 : -1));
        writes.push({ entity: RS_ISSUE, key: id, value: { ...record, storiesWithPo } });
      }
    }
    // Gap records first, issue records last (as in writeResults): a patch cut short is redone whole by the rescan.
    for (const batch of batches(removals)) await this.ports.entities.batchDelete(batch);
    for (const batch of batches(writes.filter((w) => w.entity === RS_GAP)))
      await this.ports.entities.batchSet(batch);
    for (const batch of batches(writes.filter((w) => w.entity !== RS_GAP)))
      await this.ports.entities.batchSet(batch);
    const figures = withContribution(withContribution(summary, old, -1), next, 1);
    const securedIds = new Set(summary.securedIds);
    if (next.secured) securedIds.add(next.issueId);
    else securedIds.delete(next.issueId);
    await this.ports.store.set(summaryKey(projectId), {
      ...summary,
      ...figures,
      securedIds: [...securedIds].sort(),
      resultsAt: this.ports.clock.now().toISOString(),
    } satisfies ResultSummary);
    return { patched: true, recordsWritten: writes.length, recordsDeleted: removals.length };
  }
}

/**
 * Equal content. Records built here and records parsed back by zod have their keys in the same order, so plain
 * JSON usually settles it; a store that hands keys back in another order costs the sorted comparison only.
 */
function sameRecord(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b) || canonicalJson(a) === canonicalJson(b);
}

/** Writes for gap records that are new or changed, removals for those that are gone. */
function diffGaps(
  old: IssueRecord | undefined,
  next: IssueRecord,
  writes: Write[],
  removals: Removal[],
): void {
  const previous = new Map(old ? gapRecordsOf(old).map((g) => [g.key, g.value]) : []);
  for (const gap of gapRecordsOf(next)) {
    const was: GapRecord | undefined = previous.get(gap.key);
    previous.delete(gap.key);
    if (!was || !sameRecord(was, gap.value)) {
      writes.push({ entity: RS_GAP, key: gap.key, value: gap.value });
    }
  }
  for (const key of previous.keys()) removals.push({ entity: RS_GAP, key });
}

function patchedRecord(old: IssueRecord, facts: ScannedFacts, explanation: Explanation): IssueRecord {
  const kind = explanation.scope === 'in-scope' ? explanation.kind : 'out-of-scope';
  const role = slotRoleFor(kind);
  const slots = trustedSlots(facts.ownership);
  const gaps: Array<{ code: GapCode; severity: Severity }> = [];
  const waived: IssueRecord['waived'] = [];
  for (const outcome of explanation.outcomes) {
    if (outcome.status === 'fail') gaps.push({ code: outcome.code, severity: outcome.severity });
    if (outcome.status === 'waived') {
      const { reason, setBy, expiresAt } = outcome.waiver;
      waived.push({ code: outcome.code, severity: outcome.severity, reason, setBy, expiresAt });
    }
  }
  const epic = explanation.epic;
  const epicKnown = epic !== null && epic.id !== '';
  const { epic: _oldEpic, ...rest } = old;
  return {
    ...rest,
    order: issueOrderKey(facts.key),
    kind,
    epicId: epicKnown ? epic.id : NONE,
    ...(epicKnown ? { epic: { id: epic.id, key: epic.key, summary: epic.summary } } : {}),
    holder: (role && slots?.[role]) ?? NONE,
    covered: kind !== 'out-of-scope' && explanation.covered,
    gaps: kind === 'out-of-scope' ? [] : gaps,
    waived: kind === 'out-of-scope' ? [] : waived,
    secured: facts.secured === true,
    facts: toStoredFacts(facts),
  };
}
