// Where an issue sits in the PM / PO split, and how to walk up its `parent` links without trusting them:
// parent data comes from Jira and from other tools, so a missing parent or a cycle must end a walk, never
// loop or throw.
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

/**
 * A memoising `issueKind` for one policy, for callers that classify many issues: a project has a handful of
 * issue types, so lower-casing each issue's type name again would be wasted work.
 */
export function issueKindClassifier(
  policy: ExecutionTypesPolicy,
): (level: number | undefined, typeName: string) => IssueKind {
  const executionNames = new Set(policy.executionTypes.map((t) => t.toLowerCase()));
  const levelZeroKinds = new Map<string, IssueKind>();
  return (level, typeName) => {
    if (level === undefined || !Number.isFinite(level)) return 'out-of-scope';
    if (level >= 1) return 'strategy';
    if (level !== 0) return 'out-of-scope';
    let kind = levelZeroKinds.get(typeName);
    if (kind === undefined) {
      kind = executionNames.has(String(typeName).toLowerCase()) ? 'execution' : 'out-of-scope';
      levelZeroKinds.set(typeName, kind);
    }
    return kind;
  };
}

/** The one slot an issue of this kind has: a PM on strategy issues, a PO on execution issues, none otherwise. */
export function slotRoleFor(kind: IssueKind): Role | null {
  if (kind === 'strategy') return 'pm';
  if (kind === 'execution') return 'po';
  return null;
}

/** Walks this many hops before it starts remembering nodes; real Jira hierarchies are a few levels deep. */
const HOPS_BEFORE_CYCLE_TRACKING = 16;

/**
 * The nearest ancestor of `start` that satisfies `matches`, following `parentOf` until it returns undefined.
 * Cycle-safe: `start` is never its own ancestor, and a loop further up ends the walk. No allocation on the
 * common short walk; a visited set is created only for unusually long chains, where a cycle is likely.
 */
export function findAncestor<T>(
  start: T,
  parentOf: (node: T) => T | undefined,
  matches: (node: T) => boolean,
): T | undefined {
  let seen: Set<T> | undefined;
  let hops = 0;
  let current = parentOf(start);
  while (current !== undefined && current !== start) {
    if (seen === undefined) {
      if (++hops > HOPS_BEFORE_CYCLE_TRACKING) seen = new Set([start]);
    }
    if (seen !== undefined) {
      if (seen.has(current)) return undefined;
      seen.add(current);
    }
    if (matches(current)) return current;
    current = parentOf(current);
  }
  return undefined;
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

/**
 * The `epicKey` of the report: the nearest ancestor at hierarchy level >= 1 among the known issues, or null.
 * A parent that is not in `byKey` ends the walk: the engine only knows what the scan gave it.
 */
export function nearestStrategyAncestor(
  issue: IssueFacts,
  byKey: ReadonlyMap<string, IssueFacts>,
): IssueFacts | null {
  const parentOf = (node: IssueFacts) => (node.parentKey === null ? undefined : byKey.get(node.parentKey));
  return findAncestor(issue, parentOf, (node) => isStrategyLevel(node.issueType.hierarchyLevel)) ?? null;
}
