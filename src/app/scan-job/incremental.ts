// An incremental rescan that reads and writes only the neighbourhood of what changed, so an edit costs kilobytes
// of storage rather than the whole project's records. The result must equal a full scan's (a test compares the
// stored records and summary after many kinds of change), so the neighbourhood is exactly what a change can
// reach through the rules:
// - the changed issues themselves (re-read from Jira) and the removed ones (deleted, moved away, now done);
// - every issue below a changed or removed issue (their epic, SAME_PERSON_PM_AND_PO and STORY_WITHOUT_EPIC
//   depend on the issues above them), found through the by-epic index;
// - every strategy issue above them, old chain and new: their story counts and EPIC_WITHOUT_STORIES follow.
// Story counts are carried forward by difference (old count + what the re-evaluated issues add or take away), so
// an initiative's thousands of stories are never read; the engine learns "has stories beneath" from one stand-in
// child per strategy issue whose count stays above zero.
import { evaluateGaps } from '../../domain/gap-engine';
import { indexByKey, isStrategyLevel } from '../../domain/hierarchy';
import type { Coverage, IssueFacts } from '../../domain/model';
import type { Policy } from '../../domain/policy';
import { buildResults, encodeIdSet, type BuiltResults } from '../results/build-results';
import { withContribution, type Figures } from '../results/contribution';
import { sortIds } from '../results/id-set-codec';
import type { EntityStore } from '../results/entity-store';
import { QUERY_LIMIT } from '../results/entity-store';
import { ISSUE_INDEX, RS_ISSUE, migrateIssueRecord, type IssueRecord } from '../results/records';
import { factsOf, type ResultStore } from '../results/result-store';
import { issueOrderKey } from '../results/sort-keys';
import { ownersNamed, strategyIssuesWithoutStories } from '../scan';
import type { Eligibility } from './eligibility-cache';

/** Ancestors deeper than this are not walked (initiative → epic → story is three levels). */
const MAX_DEPTH = 4;

export interface IncrementalInput {
  project: { id: string; key: string; name: string };
  policy: Policy;
  /** Issues of the project re-read from Jira: changed, dirty, or new since the last scan. */
  fresh: IssueFacts[];
  /** Issues stored for the project that its id search no longer finds. */
  removedIds: string[];
  /** Every id the project's id search found now. */
  allIds: readonly string[];
  /** Context outside the project kept from earlier scans, and the strategy keys whose children were searched. */
  storedRelated: IssueFacts[];
  searched: readonly string[];
  eligibility(owners: ReadonlySet<string>): Promise<Eligibility>;
  waiversFor(project: { id: string; key: string }): Promise<Parameters<typeof evaluateGaps>[0]['waivers']>;
  /** Reads from Jira what the store does not hold: missing ancestors, children of newly childless issues. */
  ancestors(known: ReadonlyMap<string, IssueFacts>): Promise<IssueFacts[]>;
  children(keys: readonly string[], known: ReadonlyMap<string, IssueFacts>): Promise<IssueFacts[]>;
  now: Date;
  /** Beyond this many issues to re-evaluate, the caller's whole-project path is cheaper: return null. */
  maxAffected: number;
}

export interface IncrementalOutcome {
  /** The project's coverage now (the summary's, not the few issues evaluated). */
  coverage: Coverage;
  related: IssueFacts[];
  searched: string[];
  recordsWritten: number;
  recordsDeleted: number;
}

export async function applyIncremental(
  deps: { results: ResultStore; entities: EntityStore },
  input: IncrementalInput,
): Promise<IncrementalOutcome | null> {
  const { project, policy } = input;
  const summary = await deps.results.readSummary(project.id);
  if (!summary) return null;

  const freshById = new Map(input.fresh.map((f) => [f.id, f]));
  const old = await deps.results.readIssueRecords([...freshById.keys(), ...input.removedIds]);
  const removed = input.removedIds.filter((id) => old.has(id));
  const changed = new Set([...freshById.keys(), ...removed]);

  // Below every changed or removed issue that is or was a parent: re-evaluated with what is above them now.
  const parents = [...changed].filter(
    (id) =>
      (old.get(id)?.facts.type.level ?? -1) >= 1 || (freshById.get(id)?.issueType.hierarchyLevel ?? -1) >= 1,
  );
  const below = await descendants(deps.entities, project.id, parents, input.maxAffected);
  if (below === null) return null;
  const evaluated = new Map<string, IssueFacts>(freshById);
  for (const [id, record] of below) {
    if (changed.has(id)) continue;
    old.set(id, record);
    evaluated.set(id, factsOf(record));
  }
  if (evaluated.size > input.maxAffected) return null;

  const removedKeys = new Set(removed.map((id) => old.get(id)?.facts.key ?? ''));
  const context = new AncestorContext(
    deps.entities,
    project.id,
    indexByKey(input.storedRelated),
    removedKeys,
  );
  await context.walk([...evaluated.values()]);
  const kept = input.storedRelated.filter((r) => !evaluated.has(r.id) && !old.has(r.id));
  const fromJira = await input.ancestors(indexByKey([...evaluated.values()], context.facts(), kept));
  const related = [...kept, ...fromJira];

  // Pass 1: the changed issues' new kind, strategy chain and coverage (EPIC_WITHOUT_STORIES aside).
  const contextOf = () => context.facts().filter((f) => !evaluated.has(f.id));
  const first = await evaluate(input, [...evaluated.values()], [...contextOf(), ...related]);
  const firstRecords = new Map(first.built.issues.map((i) => [i.key, i.value]));

  // Every strategy issue above an old or a new position: its story counts move by difference.
  const touched = new Set<string>();
  for (const id of [...evaluated.keys(), ...removed]) {
    for (const record of [old.get(id), firstRecords.get(id)]) {
      if (record?.kind === 'execution') for (const s of record.strategyIds) touched.add(s);
    }
  }
  const unloaded = [...touched].filter((id) => !evaluated.has(id) && !removed.includes(id));
  const aboveRecords = await deps.results.readIssueRecords(unloaded);
  for (const [id, record] of aboveRecords) {
    old.set(id, record);
    evaluated.set(id, factsOf(record));
  }
  await context.walk([...aboveRecords.values()].map(factsOf));

  const counts = new Map<string, { storyCount: number; storiesWithPo: number }>();
  for (const id of evaluated.keys()) {
    const base = old.get(id);
    counts.set(id, { storyCount: base?.storyCount ?? 0, storiesWithPo: base?.storiesWithPo ?? 0 });
  }
  const contribute = (record: IssueRecord | undefined, sign: 1 | -1) => {
    if (record?.kind !== 'execution') return;
    for (const s of record.strategyIds) {
      const entry = counts.get(s);
      if (!entry) continue; // outside the project: not counted
      entry.storyCount += sign;
      if (record.covered) entry.storiesWithPo += sign;
    }
  };
  for (const id of new Set([...freshById.keys(), ...below.keys(), ...removed])) {
    if (aboveRecords.has(id)) continue;
    contribute(old.get(id), -1);
    contribute(firstRecords.get(id), 1);
  }

  // Pass 2: one stand-in story under each strategy issue whose count stays above zero, and children searched
  // for the strategy issues that became childless.
  const issues = [...evaluated.values()];
  const stubs = issues
    .filter((f) => isStrategyLevel(f.issueType.hierarchyLevel) && (counts.get(f.id)?.storyCount ?? 0) > 0)
    .map((f) => standInStory(f, policy));
  const knownNow = indexByKey(issues, contextOf(), related, stubs);
  const searchedBefore = new Set(input.searched);
  const childless = strategyIssuesWithoutStories(issues, knownNow, policy);
  const children = await input.children(
    childless.filter((k) => !searchedBefore.has(k)),
    knownNow,
  );
  const relatedNow = [...related, ...children];
  const second = await evaluate(input, issues, [...contextOf(), ...relatedNow, ...stubs]);

  // The records to write, with their counts carried forward rather than counted among the few evaluated.
  const records = second.built.issues.map(({ key, value }) => {
    const count = value.kind === 'strategy' ? counts.get(key) : undefined;
    return {
      key,
      value: { ...value, storyCount: count?.storyCount ?? 0, storiesWithPo: count?.storiesWithPo ?? 0 },
    };
  });
  let figures: Figures = summary;
  for (const id of [...evaluated.keys(), ...removed]) {
    const was = old.get(id);
    if (was) figures = withContribution(figures, was, -1);
  }
  for (const { value } of records) figures = withContribution(figures, value, 1);
  const securedIds = new Set(summary.securedIds);
  for (const id of [...evaluated.keys(), ...removed]) securedIds.delete(id);
  for (const { value } of records) if (value.secured) securedIds.add(value.issueId);
  const removedSet = new Set(removed);
  const ids = encodeIdSet(input.allIds.filter((id) => !removedSet.has(id)));
  const stamp = input.now.toISOString();
  const built: BuiltResults = {
    issues: records,
    ids,
    summary: {
      ...summary,
      ...figures,
      project,
      resultsAt: stamp,
      scannedAt: stamp,
      issuesRead: ids.count,
      securedIds: sortIds(securedIds),
      ids: { count: ids.count, hash: ids.hash },
    },
  };
  const stored = [...evaluated.keys(), ...removed].flatMap((id) => {
    const record = old.get(id);
    return record ? [record] : [];
  });
  const written = await deps.results.writeResults(project.id, built, { stored });
  return {
    coverage: built.summary.coverage,
    related: relatedNow,
    searched: [...new Set([...input.searched, ...childless])],
    recordsWritten: written.recordsWritten,
    recordsDeleted: written.recordsDeleted,
  };
}

/** Ancestors of the evaluated issues: the project's from the store (by key), then what was kept from outside. */
class AncestorContext {
  private readonly byKey = new Map<string, IssueFacts>();
  constructor(
    private readonly entities: EntityStore,
    private readonly projectId: string,
    private readonly outside: ReadonlyMap<string, IssueFacts>,
    /** Keys whose stored record is stale (removed from the project): left for Jira to answer. */
    private readonly stale: ReadonlySet<string>,
  ) {}

  facts(): IssueFacts[] {
    return [...this.byKey.values()];
  }

  async walk(start: readonly IssueFacts[]): Promise<void> {
    for (const f of start) this.byKey.set(f.key, f);
    let frontier = [...start];
    for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
      const next: IssueFacts[] = [];
      for (const issue of frontier) {
        const parent = issue.parentKey;
        if (parent === null || this.byKey.has(parent) || this.stale.has(parent)) continue;
        const record = await recordByKey(this.entities, this.projectId, parent);
        const facts = record ? factsOf(record) : this.outside.get(parent);
        if (!facts) continue;
        this.byKey.set(parent, facts);
        next.push(facts);
      }
      frontier = next;
    }
  }
}

async function evaluate(input: IncrementalInput, issues: IssueFacts[], related: IssueFacts[]) {
  const { project, policy } = input;
  const eligibility = await input.eligibility(ownersNamed(issues));
  const result = evaluateGaps({
    projectKeys: [project.key],
    issues,
    related,
    policy,
    roster: eligibility.roster,
    accounts: eligibility.accounts,
    waivers: await input.waiversFor(project),
    now: input.now,
  });
  if (!result.ok) throw new Error(result.error.message);
  const built = buildResults({
    project,
    policy,
    issues,
    related,
    report: result.report,
    scannedAt: input.now.toISOString(),
  });
  return { report: result.report, built };
}

/** A story no one can see, standing for "this strategy issue has in-scope stories in the project". */
function standInStory(parent: IssueFacts, policy: Policy): IssueFacts {
  return {
    id: '',
    key: `~STANDIN-${parent.id}`,
    projectKey: '~STANDIN',
    issueType: { id: '', name: policy.executionTypes[0] ?? 'Story', hierarchyLevel: 0 },
    summary: '',
    statusCategory: 'new',
    created: '1970-01-01T00:00:00.000Z',
    parentKey: parent.key,
    ownership: undefined,
  };
}

async function recordByKey(entities: EntityStore, projectId: string, key: string) {
  const page = await entities.query(RS_ISSUE, ISSUE_INDEX.byProject, {
    partition: [projectId],
    range: { op: 'eq', value: issueOrderKey(key) },
    limit: 1,
  });
  const item = page.items[0];
  return item ? migrateIssueRecord(item.value) : undefined;
}

/** Every stored issue below the given ones (by nearest strategy ancestor), or null when more than `max`. */
async function descendants(entities: EntityStore, projectId: string, roots: string[], max: number) {
  const found = new Map<string, IssueRecord>();
  let frontier = [...new Set(roots)];
  const visited = new Set(frontier);
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      let cursor: string | undefined;
      do {
        const page = await entities.query(RS_ISSUE, ISSUE_INDEX.byEpic, {
          partition: [projectId, id],
          limit: QUERY_LIMIT,
          ...(cursor ? { cursor } : {}),
        });
        for (const item of page.items) {
          const record = migrateIssueRecord(item.value);
          if (visited.has(record.issueId)) continue;
          visited.add(record.issueId);
          found.set(record.issueId, record);
          next.push(record.issueId);
          if (found.size > max) return null;
        }
        cursor = page.cursor ?? undefined;
      } while (cursor);
    }
    frontier = next;
  }
  return found;
}
