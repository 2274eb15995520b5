// The JQL of a project's scan. Sub-tasks are left out (no rule checks them), and so are done issues unless the
// policy checks them: the done issues the rules still read (ancestors, children of childless strategy issues)
// come in through the related phase (./read-related-for-scan.ts). `ORDER BY id ASC` keeps pages stable while
// issues change, and is the order bulk fetch answers in.
import type { Policy } from '../../domain/policy';
import { jqlString } from '../issue-facts';

const MS_PER_MINUTE = 60_000;

export interface ScanJqlOptions {
  /** Only issues updated at or after this instant (an incremental rescan). */
  updatedSince?: Date;
  /** The instant the query is sent; default now. */
  now?: Date;
}

export function scanJql(
  projectKey: string,
  policy: Pick<Policy, 'includeDone'>,
  options: ScanJqlOptions = {},
): string {
  const clauses = [`project = ${jqlString(projectKey)}`, 'issuetype not in subTaskIssueTypes()'];
  if (!policy.includeDone) clauses.push('statusCategory != Done');
  if (options.updatedSince !== undefined) clauses.push(`updated >= ${updatedPeriod(options)}`);
  return `${clauses.join(' AND ')} ORDER BY id ASC`;
}

/**
 * `updatedSince` as a period back from now (`-125m`), rounded up to the minute: an absolute JQL date is read in
 * the caller's time zone, which the app cannot know for its own account, while a period means the same
 * instant everywhere. A minute more than needed only re-reads an issue or two.
 */
function updatedPeriod(options: ScanJqlOptions): string {
  const now = (options.now ?? new Date()).getTime();
  const since = options.updatedSince?.getTime() ?? now;
  const minutes = Math.max(1, Math.ceil((now - since) / MS_PER_MINUTE) + 1);
  return `-${minutes}m`;
}

/** Children of the given issues, any status, any project (keys are safe in JQL unquoted). */
export function childrenJql(parentKeys: readonly string[]): string {
  return `parent in (${parentKeys.join(', ')}) ORDER BY id ASC`;
}
