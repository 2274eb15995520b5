// Phase 3 of a scan: what the rules read outside the scanned set, whatever its status or project.
// - Ancestors the set does not hold (a done epic above an open story: SAME_PERSON_PM_AND_PO and
//   STORY_WITHOUT_EPIC read the parent whatever its status), level by level, read by key with bulk fetch, 100 a
//   request. A parent the reader cannot read (another project it cannot browse) stands in as what the child's
//   `parent` field says of it, so the story still has an epic: those children are re-read for that field only.
// - Children of open strategy issues with no in-scope execution issue below them in the set (done stories
//   under an open epic count for EPIC_WITHOUT_STORIES, and so do stories in other projects), with
//   `parent in (...)` searches of 100 keys, then the children of strategy children found, level by level.
import { indexByKey, issuesWithExecutionBelow, kindOf } from '../../domain/hierarchy';
import type { IssueFacts } from '../../domain/model';
import type { Policy } from '../../domain/policy';
import { isOpen } from '../../domain/scope';
import type { JiraClient } from '../../jira/types';
import type { JiraIssue } from '../../jira/types';
import { ISSUE_PROPERTIES, SCAN_FIELDS, chunks, parentStubOf, toScanFacts } from '../issue-facts';
import { mapLimit } from '../map-limit';
import { DEFAULT_FETCH_CONCURRENCY, FETCH_BATCH_SIZE } from './fetch-issues';
import { childrenJql } from './scan-jql';

const KEYS_PER_SEARCH = 100;
/** Initiative -> epic -> story is three levels; a little headroom for custom hierarchies. */
const MAX_DEPTH = 4;

type RelatedJira = Pick<JiraClient, 'bulkFetchIssues' | 'searchAll'>;

/**
 * Open strategy issues of `issues` with no in-scope execution issue beneath them among the known issues: only
 * these can be rescued from EPIC_WITHOUT_STORIES by children outside the set.
 */
export function strategyIssuesWithoutStories(
  issues: readonly IssueFacts[],
  known: ReadonlyMap<string, IssueFacts>,
  policy: Pick<Policy, 'executionTypes'>,
): string[] {
  const withStories = issuesWithExecutionBelow(known, policy);
  const keys = new Set<string>();
  for (const issue of issues) {
    if (kindOf(issue, policy) === 'strategy' && isOpen(issue) && !withStories.has(issue.key))
      keys.add(issue.key);
  }
  return [...keys];
}

/** Bulk fetches by key, as many at once as the scan's fetch phase (the client's throttle shrinks it on 429). */
async function fetchByKey(
  jira: RelatedJira,
  keys: readonly string[],
  fields: string[],
): Promise<JiraIssue[]> {
  const pages = await mapLimit(chunks(keys, FETCH_BATCH_SIZE), DEFAULT_FETCH_CONCURRENCY, async (batch) => {
    const { issues } = await jira.bulkFetchIssues({
      issueIdsOrKeys: [...batch],
      fields,
      properties: ISSUE_PROPERTIES,
    });
    return issues;
  });
  return pages.flat();
}

/** Every issue of each `parent in (...)` search, 100 parents a search, several searches at once. */
async function searchChildren(jira: RelatedJira, parentKeys: readonly string[]): Promise<JiraIssue[]> {
  const pages = await mapLimit(
    chunks(parentKeys, KEYS_PER_SEARCH),
    DEFAULT_FETCH_CONCURRENCY,
    async (batch) => {
      const found: JiraIssue[] = [];
      const search = { jql: childrenJql(batch), fields: SCAN_FIELDS, properties: ISSUE_PROPERTIES };
      for await (const page of jira.searchAll(search)) found.push(...page);
      return found;
    },
  );
  return pages.flat();
}

export async function readMissingAncestorsForScan(
  jira: RelatedJira,
  known: ReadonlyMap<string, IssueFacts>,
): Promise<IssueFacts[]> {
  const found = new Map<string, IssueFacts>();
  let frontier = [...known.values()];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const missing = new Map<string, IssueFacts>();
    for (const issue of frontier) {
      const parent = issue.parentKey;
      if (parent !== null && !known.has(parent) && !found.has(parent) && !missing.has(parent))
        missing.set(parent, issue);
    }
    const next: IssueFacts[] = [];
    for (const issue of await fetchByKey(jira, [...missing.keys()], SCAN_FIELDS)) {
      const facts = toScanFacts(issue);
      // Bulk fetch finds a moved issue by its old key too: file it under the key the child names.
      const askedAs = missing.has(facts.key) ? facts.key : undefined;
      if (askedAs === undefined) continue;
      found.set(facts.key, facts);
      next.push(facts);
    }
    const unreadable = [...missing].filter(([key]) => !found.has(key));
    if (unreadable.length > 0) {
      // The children's `parent` field still describes a parent the reader cannot open.
      const children = await fetchByKey(
        jira,
        unreadable.map(([, child]) => child.key),
        ['parent'],
      );
      for (const child of children) {
        const stub = parentStubOf(child);
        if (stub && missing.has(stub.key) && !found.has(stub.key)) found.set(stub.key, stub);
      }
    }
    frontier = next;
  }
  return [...found.values()];
}

export async function readChildrenForScan(
  jira: RelatedJira,
  parentKeys: readonly string[],
  known: ReadonlyMap<string, IssueFacts>,
): Promise<IssueFacts[]> {
  const found = new Map<string, IssueFacts>();
  const searched = new Set(parentKeys);
  let frontier = [...searched];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const issue of await searchChildren(jira, frontier)) {
      const facts = toScanFacts(issue);
      if (!known.has(facts.key)) found.set(facts.key, facts);
      // A strategy child is searched below even when already known (a done epic read as an ancestor):
      // what lies under it, elsewhere or done, is not known yet.
      if (facts.issueType.hierarchyLevel >= 1 && !searched.has(facts.key)) {
        searched.add(facts.key);
        next.push(facts.key);
      }
    }
    frontier = next;
  }
  return [...found.values()];
}

/**
 * Everything the rules read outside `issues` (the scanned set): missing ancestors and the children of
 * childless open strategy issues, any status, any project. `issues` are never repeated in the answer.
 */
export async function readRelatedForScan(
  jira: RelatedJira,
  issues: readonly IssueFacts[],
  policy: Pick<Policy, 'executionTypes'>,
): Promise<IssueFacts[]> {
  const known = indexByKey(issues);
  const ancestors = await readMissingAncestorsForScan(jira, known);
  const withAncestors = indexByKey(issues, ancestors);
  const childless = strategyIssuesWithoutStories(issues, withAncestors, policy);
  const children = await readChildrenForScan(jira, childless, withAncestors);
  return [...ancestors, ...children];
}
