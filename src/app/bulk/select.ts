// Which issues a bulk request names, always searched as the user (so only issues they may see), always within
// the page's project (its policy decides the slots):
//   issues                   `project = <id> AND id in (...)`
//   epic-stories-without-po  `parent = <epicId> AND project = <id> AND issuetype in (<execution types>)
//                             AND statusCategory != Done AND productOwner IS EMPTY`
//   replace                  `project = <id> AND (productManager = "<X>" OR productOwner = "<X>")`
//                             plus `AND statusCategory != Done` unless includeDone
// The search index trails writes by a few seconds, so whatever it selects is re-read before it is planned or
// written (bulkfetch is always current): a selection is a list of candidates, never of outcomes.
import type { BulkTarget } from '../../contract/bulk';
import { MAX_BULK_ISSUES } from '../../contract/bulk';
import type { IssueFacts, Role } from '../../domain/model';
import { readOwnership } from '../../domain/ownership';
import type { Policy } from '../../domain/policy';
import type { JiraClient } from '../../jira/types';
import { AppError } from '../errors';
import { ISSUE_FIELDS, ISSUE_PROPERTIES, jqlString, toIssueFacts } from '../issue-facts';

export function selectionJql(projectId: string, policy: Policy, target: BulkTarget): string {
  const project = `project = ${projectId}`;
  switch (target.kind) {
    case 'issues':
      return `${project} AND id in (${target.issueIds.join(', ')}) ORDER BY id ASC`;
    case 'epic-stories-without-po': {
      const types = policy.executionTypes.map(jqlString).join(', ');
      return `parent = ${target.epicId} AND ${project} AND issuetype in (${types}) AND statusCategory != Done AND productOwner IS EMPTY ORDER BY id ASC`;
    }
    case 'replace': {
      const who = jqlString(target.from);
      const done = target.includeDone ? '' : ' AND statusCategory != Done';
      return `${project} AND (productManager = ${who} OR productOwner = ${who})${done} ORDER BY id ASC`;
    }
  }
}

function tooMany(): AppError {
  return new AppError(
    'BAD_REQUEST',
    `This selects more than ${MAX_BULK_ISSUES.toLocaleString('en')} issues. Pick fewer issues and apply in parts.`,
  );
}

/** The selected issues with their fields and ownership property, as the user sees them (≤ 1,000). */
export async function selectIssues(
  userJira: JiraClient,
  projectId: string,
  policy: Policy,
  target: BulkTarget,
): Promise<IssueFacts[]> {
  const facts: IssueFacts[] = [];
  const search = {
    jql: selectionJql(projectId, policy, target),
    fields: ISSUE_FIELDS,
    properties: ISSUE_PROPERTIES,
  };
  for await (const page of userJira.searchAll(search)) {
    facts.push(...page.map(toIssueFacts));
    if (facts.length > MAX_BULK_ISSUES) throw tooMany();
  }
  return facts;
}

/** The selected issues' ids and keys only (up to 5,000 a page: one request for a whole job), as the user. */
export async function selectIssueRefs(
  userJira: JiraClient,
  projectId: string,
  policy: Policy,
  target: BulkTarget,
): Promise<Array<{ id: string; key: string }>> {
  const refs: Array<{ id: string; key: string }> = [];
  const jql = selectionJql(projectId, policy, target);
  let token: string | null = null;
  do {
    const page = await userJira.searchPage({ jql, fields: ['key'], maxResults: 5_000 }, token);
    refs.push(...page.issues.map((i) => ({ id: i.id, key: i.key })));
    if (refs.length > MAX_BULK_ISSUES) throw tooMany();
    token = page.nextPageToken;
  } while (token !== null);
  return refs;
}

/** What one issue of a job asks of the plan: the target person, and the guard its kind implies. */
export interface ItemRequest {
  to: string | null;
  role?: Role;
  expectedFrom?: string | null;
  fillOnly?: boolean;
}

/**
 * The request for an issue of a job: assign → the person; epic stories → fill empty PO slots only; replace →
 * the slot `from` holds (a PO recorded on an epic is that slot, refused WRONG_ROLE_FOR_LEVEL), expected to hold
 * `from` still.
 */
export function requestFor(
  job: { kind: 'assign' | 'replace' | 'undo'; fillOnly?: boolean; from?: string | null },
  to: string | null,
  facts: IssueFacts | null,
): ItemRequest {
  if (job.kind === 'replace' && job.from) {
    const reading = facts ? readOwnership(facts.ownership) : undefined;
    const held = reading?.kind === 'valid' ? reading.ownership : undefined;
    const pm = held?.pm?.accountId === job.from;
    const po = held?.po?.accountId === job.from;
    const role: Role | undefined = pm !== po ? (pm ? 'pm' : 'po') : undefined;
    return { to, expectedFrom: job.from, ...(role ? { role } : {}) };
  }
  return { to, ...(job.fillOnly ? { fillOnly: true } : {}) };
}
