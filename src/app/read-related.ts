// Issues outside the scanned project that the gap rules still need: ancestors of scanned issues (a story whose
// epic lives elsewhere has an epic) and descendants of scanned strategy issues (children elsewhere count for
// EPIC_WITHOUT_STORIES). Found with bounded `key in (...)` / `parent in (...)` searches, 100 keys at a time.
import type { IssueFacts } from '../domain/model';
import type { JiraClient } from '../jira/types';
import { ISSUE_FIELDS, ISSUE_PROPERTIES, chunks, toIssueFacts } from './issue-facts';

const KEYS_PER_SEARCH = 100;
/** Initiative -> epic -> story is three levels; a little headroom for custom hierarchies. */
const MAX_DEPTH = 4;

async function searchFacts(jira: JiraClient, jql: string): Promise<IssueFacts[]> {
  const out: IssueFacts[] = [];
  for await (const page of jira.searchAll({ jql, fields: ISSUE_FIELDS, properties: ISSUE_PROPERTIES })) {
    for (const issue of page) out.push(toIssueFacts(issue));
  }
  return out;
}

/** Parents (and their parents) that are not among `known`, read from any project. */
export async function readMissingAncestors(
  jira: JiraClient,
  known: ReadonlyMap<string, IssueFacts>,
): Promise<IssueFacts[]> {
  const found = new Map<string, IssueFacts>();
  let frontier = [...known.values()];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const missing = new Set<string>();
    for (const issue of frontier) {
      if (issue.parentKey && !known.has(issue.parentKey) && !found.has(issue.parentKey))
        missing.add(issue.parentKey);
    }
    const next: IssueFacts[] = [];
    for (const batch of chunks([...missing], KEYS_PER_SEARCH)) {
      for (const facts of await searchFacts(jira, `key in (${batch.join(', ')})`)) {
        found.set(facts.key, facts);
        next.push(facts);
      }
    }
    frontier = next;
  }
  return [...found.values()];
}

/**
 * Children in other projects of the given strategy issues (only those with no children among `known`, as the
 * product asks), then their children, level by level.
 */
export async function readDescendantsElsewhere(
  jira: JiraClient,
  parentKeys: readonly string[],
  known: ReadonlyMap<string, IssueFacts>,
): Promise<IssueFacts[]> {
  const found = new Map<string, IssueFacts>();
  let frontier = [...parentKeys];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const batch of chunks(frontier, KEYS_PER_SEARCH)) {
      for (const facts of await searchFacts(jira, `parent in (${batch.join(', ')})`)) {
        if (known.has(facts.key) || found.has(facts.key)) continue;
        found.set(facts.key, facts);
        if (facts.issueType.hierarchyLevel >= 1) next.push(facts.key);
      }
    }
    frontier = next;
  }
  return [...found.values()];
}
