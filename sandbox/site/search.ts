// The enhanced search (`POST /rest/api/3/search/jql`): JQL over the issues the caller may browse, paged with
// opaque expiring `nextPageToken`s, no `total`, `isLast` on every page.
//
// Page size, the rule this site applies (Jira documents only that fewer issues come back "where a large number
// of fields are requested", and at most 5,000 for ids only):
//   - ids only (no `fields`, `[]`, `["id"]`, `["key"]`, `["id","key"]`) and no properties: up to 5,000;
//   - otherwise each requested field and each requested property counts one: up to 10 -> up to 100 issues,
//     more than 10, or `*all` / `*navigable` -> up to 50 issues.
//   Role Split's scan (6 fields + 1 property) therefore gets 100 per page. `maxResults` (default 50, 1..5,000 or a
//   400) only ever lowers the cap. At most 5 `properties` may be asked for (more: 400).
//
// The first page evaluates the query once and keeps the ordered issues (for the token lifetime), later pages
// slice that list: a 50,000-issue scan costs one evaluation, not one per page. Like Jira's, the result is a
// snapshot: issues created after the first page may not appear ("recent updates might not be visible"). With a
// search lag (./search-lag.ts) the index also trails recent writes; `reconcileIssues` (at most 50 ids, the same
// on every page of a search) makes the issues it names current.
import { createHash, randomUUID } from 'node:crypto';
import type { Caller } from './auth';
import { JiraHttpError, MESSAGES, errorCollection } from './errors';
import { compileJql } from './jql/compile';
import { browsableProjectIds, issueVisibility } from './permissions';
import { FIELD_NAMES, ISSUE_FIELDS, issueJson, type IssueField, type IssueView } from './representations';
import type { SiteIssue } from './model';
import type { SiteContext } from './router';
import { CUSTOM_FIELD_LIST, customFieldById, type CustomFieldId } from './custom-fields';

export const SEARCH_LIMITS = {
  defaultMaxResults: 50,
  idsOnlyMax: 5000,
  fieldsMax: 100,
  heavyMax: 50,
  /** More than this many fields + properties makes a request "heavy". */
  heavyWeight: 10,
  maxProperties: 5,
  /** `maxResults` outside 1..maxResultsLimit is a 400, whatever the page cap. */
  maxResultsLimit: 5000,
  /** At most this many `reconcileIssues`. */
  maxReconcile: 50,
  /** How long a nextPageToken stays valid: Jira's tokens expire after 7 days. */
  tokenTtlMs: 7 * 24 * 60 * 60_000,
} as const;

export interface SearchInput {
  jql: string;
  nextPageToken?: string | undefined;
  maxResults?: number | undefined;
  fields?: string[] | undefined;
  properties?: string[] | undefined;
  expand?: string | undefined;
  /** Issue ids to answer as they are now, whatever the index lag. */
  reconcileIssues?: number[] | undefined;
}

export interface FieldSelection {
  /** System fields by name, the site's custom fields by id. */
  fields: Set<IssueField | CustomFieldId>;
  /** Only ids (and perhaps keys) asked for. */
  idsOnly: boolean;
  keyRequested: boolean;
  /** `*all` or `*navigable` asked for. */
  everything: boolean;
  /** Number of named fields asked for (ids and keys not counted). */
  named: number;
}

const KNOWN = new Set<string>(ISSUE_FIELDS);

/** Reads a `fields` list the way Jira does: comma-separated entries, `*all`, `*navigable`, `-field`. */
export function selectFields(requested: string[] | undefined, defaultAll: boolean): FieldSelection {
  const entries = (requested ?? [])
    .flatMap((f) => f.split(','))
    .map((f) => f.trim())
    .filter((f) => f !== '');
  const selection: FieldSelection = {
    fields: new Set(),
    idsOnly: false,
    keyRequested: false,
    everything: false,
    named: 0,
  };
  if (entries.length === 0) {
    if (defaultAll) {
      selection.everything = true;
      ISSUE_FIELDS.forEach((f) => selection.fields.add(f));
      CUSTOM_FIELD_LIST.forEach((f) => selection.fields.add(f.id));
    } else selection.idsOnly = true;
    return selection;
  }
  const excluded = new Set<string>();
  for (const entry of entries) {
    if (entry === '*all' || entry === '*navigable') {
      selection.everything = true;
      ISSUE_FIELDS.forEach((f) => selection.fields.add(f));
      CUSTOM_FIELD_LIST.forEach((f) => selection.fields.add(f.id));
    } else if (entry.startsWith('-')) excluded.add(entry.slice(1));
    else if (entry === 'id') continue;
    else if (entry === 'key') selection.keyRequested = true;
    else {
      selection.named += 1;
      // Fields the site does not have (custom fields, labels, ...) are simply not returned, as Jira does
      // for fields that do not exist.
      if (KNOWN.has(entry)) selection.fields.add(entry as IssueField);
      else if (customFieldById(entry)) selection.fields.add(entry as CustomFieldId);
    }
  }
  for (const f of excluded) selection.fields.delete(f as IssueField | CustomFieldId);
  selection.idsOnly = !selection.everything && selection.named === 0;
  return selection;
}

export function pageCap(selection: FieldSelection, propertyCount: number): number {
  if (selection.idsOnly && propertyCount === 0) return SEARCH_LIMITS.idsOnlyMax;
  if (selection.everything || selection.named + propertyCount > SEARCH_LIMITS.heavyWeight)
    return SEARCH_LIMITS.heavyMax;
  return SEARCH_LIMITS.fieldsMax;
}

/** Ordered results of recent searches (the issue versions the index had), by search id; oldest dropped first. */
export class SearchCache {
  private readonly entries = new Map<string, { ids: SiteIssue[]; expires: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  get(searchId: string): SiteIssue[] | undefined {
    const entry = this.entries.get(searchId);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(searchId);
      return undefined;
    }
    return entry.ids;
  }

  put(searchId: string, ids: SiteIssue[]): void {
    this.entries.delete(searchId);
    this.entries.set(searchId, { ids, expires: this.now() + SEARCH_LIMITS.tokenTtlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * The issues the caller may see that match the query, in the query's order, as the (possibly lagging) index
 * has them; `reconcile` names issue ids to take as they are now.
 */
export function evaluate(
  site: SiteContext,
  caller: Caller,
  jql: string,
  reconcile: ReadonlySet<string> = new Set(),
): SiteIssue[] {
  const { state } = site;
  const browsable = browsableProjectIds(state, caller.user);
  const visible = issueVisibility(state, caller.user);
  const compiled = compileJql(jql, {
    state,
    caller: caller.user,
    browsable,
    visible,
    index: site.propertyIndex,
    now: site.now(),
  });
  const hits = [];
  for (const issue of site.lag.indexed(state.issues, reconcile)) {
    if (visible(issue) && compiled.matches(issue)) hits.push(issue);
  }
  hits.sort(compiled.compare);
  return hits;
}

function queryHash(caller: Caller, jql: string): string {
  return createHash('sha256').update(`${caller.user.accountId}\n${jql}`).digest('base64url').slice(0, 22);
}

export function runSearch(site: SiteContext, caller: Caller, input: SearchInput): Record<string, unknown> {
  const properties = (input.properties ?? [])
    .flatMap((p) => p.split(','))
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (properties.length > SEARCH_LIMITS.maxProperties) {
    throw new JiraHttpError(
      400,
      errorCollection([
        `You can request up to ${SEARCH_LIMITS.maxProperties} issue properties, ${properties.length} were requested.`,
      ]),
    );
  }
  const selection = selectFields(input.fields, false);
  const cap = pageCap(selection, properties.length);
  const requested = input.maxResults ?? SEARCH_LIMITS.defaultMaxResults;
  if (!Number.isInteger(requested) || requested < 1 || requested > SEARCH_LIMITS.maxResultsLimit) {
    throw new JiraHttpError(400, errorCollection([MESSAGES.maxResultsRange]));
  }
  const size = Math.min(cap, requested);

  const reconcile = input.reconcileIssues ?? [];
  if (reconcile.length > SEARCH_LIMITS.maxReconcile) {
    throw new JiraHttpError(
      400,
      errorCollection([
        `You can reconcile up to ${SEARCH_LIMITS.maxReconcile} issues, ${reconcile.length} were given.`,
      ]),
    );
  }
  const reconcileIds = new Set(reconcile.map(String));
  const reconcileKey = [...reconcileIds].sort().join(',');

  const hash = queryHash(caller, input.jql);
  let searchId: string;
  let offset = 0;
  let ids: SiteIssue[] | undefined;
  if (input.nextPageToken !== undefined && input.nextPageToken !== '') {
    const token = site.tokens.read(input.nextPageToken);
    if (!token || token.q !== hash) throw new JiraHttpError(400, errorCollection([MESSAGES.badPageToken]));
    if ((token.r ?? '') !== reconcileKey) {
      throw new JiraHttpError(400, errorCollection([MESSAGES.reconcileChanged]));
    }
    searchId = token.s;
    offset = token.o;
    ids = site.searches.get(searchId);
  } else {
    searchId = randomUUID();
  }
  if (!ids) {
    ids = evaluate(site, caller, input.jql, reconcileIds);
    site.searches.put(searchId, ids);
  }

  const view: IssueView = {
    fields: selection.fields,
    full: !selection.idsOnly || selection.keyRequested,
    ...(properties.length > 0 ? { properties } : {}),
  };
  const issues: Array<Record<string, unknown>> = [];
  const end = Math.min(ids.length, offset + size);
  const render = { ...site.render, viewer: caller.user, memo: new Map<string, unknown>() };
  for (const issue of ids.slice(offset, end)) {
    // Deleted since the first page: left out, as Jira's index would have dropped it. (An older version the
    // lagging index still has is answered as it was.)
    if (site.state.issues.has(issue.id) || site.lag.isOlderVersion(issue))
      issues.push(issueJson(render, issue, view));
  }
  const isLast = end >= ids.length;
  const body: Record<string, unknown> = { issues, isLast };
  if (!isLast) {
    body.nextPageToken = site.tokens.issue({
      s: searchId,
      q: hash,
      o: end,
      ...(reconcileKey !== '' ? { r: reconcileKey } : {}),
    });
  }
  if ((input.expand ?? '').split(',').some((e) => e.trim() === 'names')) {
    body.names = Object.fromEntries(
      [...selection.fields].map((f) => [f, customFieldById(f)?.name ?? FIELD_NAMES[f as IssueField]]),
    );
  }
  return body;
}
