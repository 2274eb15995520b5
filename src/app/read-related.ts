// Issues outside the scanned project that the gap rules still need: ancestors of scanned issues (a story whose
// epic lives elsewhere has an epic) and descendants of scanned strategy issues (children elsewhere count for
// EPIC_WITHOUT_STORIES). Found with bounded `key in (...)` / `parent in (...)` searches, 100 keys at a time.
import type { IssueFacts } from '../domain/model';
import { JiraError } from '../jira/errors';
import type { JiraClient, JiraIssue } from '../jira/types';
import { ISSUE_FIELDS, ISSUE_PROPERTIES, chunks, parentStubOf, toIssueFacts } from './issue-facts';

const KEYS_PER_SEARCH = 100;
/** Initiative -> epic -> story is three levels; a little headroom for custom hierarchies. */
const MAX_DEPTH = 4;
/** Each retry of a refused `key in (...)` drops the keys Jira named; a few rounds cover any batch. */
const MAX_KEY_RETRIES = 5;
const ISSUE_KEY = /[A-Z][A-Z0-9_]*-\d+/g;

async function searchIssues(jira: JiraClient, jql: string): Promise<JiraIssue[]> {
  const out: JiraIssue[] = [];
  for await (const page of jira.searchAll({ jql, fields: ISSUE_FIELDS, properties: ISSUE_PROPERTIES })) {
    out.push(...page);
  }
  return out;
}

/**
 * `key in (...)`: Jira refuses the whole query (400) when one key does not exist or cannot be seen by the
 * reader, naming it in the message. Drop the keys it names and ask again, so one hidden parent never fails
 * a scan.
 */
async function searchKeys(jira: JiraClient, keys: readonly string[]): Promise<JiraIssue[]> {
  let remaining = [...keys];
  for (let attempt = 0; remaining.length > 0; attempt++) {
    try {
      return await searchIssues(jira, `key in (${remaining.join(', ')})`);
    } catch (error) {
      if (!(error instanceof JiraError) || error.kind !== 'bad-request' || attempt >= MAX_KEY_RETRIES)
        throw error;
      const named = new Set(error.errorMessages.join(' ').match(ISSUE_KEY) ?? []);
      const readable = remaining.filter((key) => !named.has(key));
      if (readable.length === remaining.length) throw error;
      remaining = readable;
    }
  }
  return [];
}

/**
 * Parents (and their parents) that are not among `known`, read from any project. A parent the reader cannot
 * read is represented by what its child's `parent` field says of it (see `parentStubOf`).
 */
export async function readMissingAncestors(
  jira: JiraClient,
  known: ReadonlyMap<string, IssueFacts>,
  parentStubs: ReadonlyMap<string, IssueFacts>,
): Promise<IssueFacts[]> {
  const found = new Map<string, IssueFacts>();
  const stubs = new Map(parentStubs);
  let frontier = [...known.values()];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const missing = new Set<string>();
    for (const issue of frontier) {
      if (issue.parentKey && !known.has(issue.parentKey) && !found.has(issue.parentKey))
        missing.add(issue.parentKey);
    }
    const next: IssueFacts[] = [];
    for (const batch of chunks([...missing], KEYS_PER_SEARCH)) {
      for (const issue of await searchKeys(jira, batch)) {
        const facts = toIssueFacts(issue);
        const stub = parentStubOf(issue);
        if (stub) stubs.set(stub.key, stub);
        found.set(facts.key, facts);
        next.push(facts);
      }
    }
    for (const key of missing) {
      const stub = stubs.get(key);
      if (!found.has(key) && stub) found.set(key, stub);
    }
    frontier = next;
  }
  return [...found.values()];
}

/**
 * Children in other projects of the given strategy issues, then their children, level by level. Children
 * among `known` are skipped: the caller already has them.
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
      // `parent in (...)` matches nothing for a key it does not know, rather than failing the query.
      for (const issue of await searchIssues(jira, `parent in (${batch.join(', ')}) ORDER BY key ASC`)) {
        const facts = toIssueFacts(issue);
        if (known.has(facts.key) || found.has(facts.key)) continue;
        found.set(facts.key, facts);
        if (facts.issueType.hierarchyLevel >= 1) next.push(facts.key);
      }
    }
    frontier = next;
  }
  return [...found.values()];
}
