// Where an issue sits in the PM / PO split, and how to walk its `parent` links without trusting them: parent
// data comes from Jira and from other tools, so a missing parent or a cycle must end a walk, never loop or
// throw. The two walks the rules need live here and nowhere else: up to the nearest epic, and "is there an
// in-scope execution issue below".
import type { IssueFacts, IssueKind, Role } from './model';
import type { Policy } from './policy';

type ExecutionTypesPolicy = Pick<Policy, 'executionTypes'>;

/**
 * The kind of an issue from its type's `hierarchyLevel` and name: level >= 1 is strategy (epics, initiatives),
 * level 0 is execution only for the project's execution types (names compared case-insensitively), and
 * everything else (sub-tasks at -1, unknown or nonsense levels) is out of scope.
 */
export function issueKind(
  hierarchyLevel: number | undefined,
  typeName: string,
  policy: ExecutionTypesPolicy,
): IssueKind {
  if (hierarchyLevel === undefined || !Number.isFinite(hierarchyLevel)) return 'out-of-scope';
  if (hierarchyLevel >= 1) return 'strategy';
  if (hierarchyLevel !== 0) return 'out-of-scope';
  const wanted = String(typeName).toLowerCase();
  return policy.executionTypes.some((t) => t.toLowerCase() === wanted) ? 'execution' : 'out-of-scope';
}

/** The kind of one issue under a policy. */
export function kindOf(issue: IssueFacts, policy: ExecutionTypesPolicy): IssueKind {
  return issueKind(issue.issueType.hierarchyLevel, issue.issueType.name, policy);
}

/** The one slot an issue of this kind has: a PM on strategy issues, a PO on execution issues, none otherwise. */
export function slotRoleFor(kind: IssueKind): Role | null {
  if (kind === 'strategy') return 'pm';
  if (kind === 'execution') return 'po';
  return null;
}

/**
 * The nearest ancestor of `start` that satisfies `matches`, following `parentOf` until it returns undefined.
 * Cycle-safe: `start` is never its own ancestor, and a loop further up ends the walk.
 */
export function findAncestor<T>(
  start: T,
  parentOf: (node: T) => T | undefined,
  matches: (node: T) => boolean,
): T | undefined {
  return ancestorChain(start, parentOf).find(matches);
}

/** All known ancestors of `start`, nearest first; ends at a missing parent or where a cycle would repeat. */
export function ancestorChain<T>(start: T, parentOf: (node: T) => T | undefined): T[] {
  const chain: T[] = [];
  const seen = new Set<T>([start]);
  let current = parentOf(start);
  while (current !== undefined && !seen.has(current)) {
    chain.push(current);
    seen.add(current);
    current = parentOf(current);
  }
  return chain;
}

/** Index issues by key for the walks below; the first occurrence of a duplicated key wins. */
export function indexByKey(...lists: ReadonlyArray<readonly IssueFacts[]>): Map<string, IssueFacts> {
  const byKey = new Map<string, IssueFacts>();
  for (const list of lists) for (const issue of list) if (!byKey.has(issue.key)) byKey.set(issue.key, issue);
  return byKey;
}

/** True for issue types at hierarchy level >= 1 (epics, initiatives and above). */
export function isStrategyLevel(hierarchyLevel: number | undefined): boolean {
  return hierarchyLevel !== undefined && hierarchyLevel >= 1;
}

/** The parent of an issue among the known issues; undefined when it has none or it is not known. */
export function parentIn(byKey: ReadonlyMap<string, IssueFacts>, issue: IssueFacts): IssueFacts | undefined {
  return typeof issue.parentKey === 'string' ? byKey.get(issue.parentKey) : undefined;
}

/**
 * An issue's epic as far as the known issues tell: the nearest ancestor at level >= 1, or none. When there is
 * none, `parentNotVisible` says whether the walk up ended at a parent the caller did not supply (so an epic
 * may exist beyond what we could see) rather than at an issue without a parent.
 */
export interface EpicLookup {
  epic: IssueFacts | null;
  parentNotVisible: boolean;
}

export function lookUpEpic(issue: IssueFacts, byKey: ReadonlyMap<string, IssueFacts>): EpicLookup {
  // The usual case, a story right under its epic or an epic under an initiative, needs no walk.
  const parent = parentIn(byKey, issue);
  if (parent !== undefined && parent !== issue && isStrategyLevel(parent.issueType.hierarchyLevel)) {
    return { epic: parent, parentNotVisible: false };
  }
  const chain = ancestorChain(issue, (node) => parentIn(byKey, node));
  const epic = chain.find((node) => isStrategyLevel(node.issueType.hierarchyLevel));
  if (epic !== undefined) return { epic, parentNotVisible: false };
  const top = chain[chain.length - 1] ?? issue;
  const parentNotVisible = typeof top.parentKey === 'string' && !byKey.has(top.parentKey);
  return { epic: null, parentNotVisible };
}

/**
 * The `epicKey` of the report: the nearest ancestor at hierarchy level >= 1 among the known issues, or null.
 * A parent that is not in `byKey` ends the walk: the engine only knows what the scan gave it.
 */
export function nearestStrategyAncestor(
  issue: IssueFacts,
  byKey: ReadonlyMap<string, IssueFacts>,
): IssueFacts | null {
  return lookUpEpic(issue, byKey).epic;
}

/**
 * Keys of every known issue with an in-scope execution issue beneath it, at any depth, whatever the status
 * or project of either (the EPIC_WITHOUT_STORIES rule). Walks up from each execution issue and stops at the
 * first ancestor already marked: its own ancestors were marked by the walk that marked it, and that also ends
 * any parent cycle.
 */
export function issuesWithExecutionBelow(
  byKey: ReadonlyMap<string, IssueFacts>,
  policy: ExecutionTypesPolicy,
): Set<string> {
  const marked = new Set<string>();
  for (const issue of byKey.values()) {
    if (kindOf(issue, policy) !== 'execution') continue;
    let above = parentIn(byKey, issue);
    while (above !== undefined && above !== issue && !marked.has(above.key)) {
      marked.add(above.key);
      above = parentIn(byKey, above);
    }
  }
  return marked;
}
