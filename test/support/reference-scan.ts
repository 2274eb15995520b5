// The scan as it was before the parallel one (issue 10): every issue of the project, sub-tasks and done issues
// included, read with full search pages (`searchAll`), parents elsewhere with `key in (...)`, children elsewhere
// with `parent in (...)`. Kept only as the reference the parallel scan (src/app/scan/) must agree with: its
// report (gaps, waived, coverage) is what a full read of the project says.
import type { ScanPorts } from '../../src/app/ports';
import { indexByKey, issuesWithExecutionBelow, kindOf } from '../../src/domain/hierarchy';
import { evaluateGaps } from '../../src/domain/gap-engine';
import type { EngineResult, IssueFacts } from '../../src/domain/model';
import type { Policy } from '../../src/domain/policy';
import type { JiraClient } from '../../src/jira/types';
import {
  ISSUE_FIELDS,
  ISSUE_PROPERTIES,
  jqlString,
  parentStubOf,
  toIssueFacts,
} from '../../src/app/issue-facts';
import { readDescendantsElsewhere, readMissingAncestors } from '../../src/app/read-related';
import { resolveRoster, type RosterOverride } from '../../src/app/resolve-roster';
import { ownersNamed, readAccounts } from '../../src/app/scan/accounts';

async function readEveryIssue(
  jira: JiraClient,
  projectKey: string,
  parentStubs: Map<string, IssueFacts>,
): Promise<IssueFacts[]> {
  const issues: IssueFacts[] = [];
  const search = {
    jql: `project = ${jqlString(projectKey)} ORDER BY key ASC`,
    fields: ISSUE_FIELDS,
    properties: ISSUE_PROPERTIES,
  };
  for await (const page of jira.searchAll(search)) {
    for (const issue of page) {
      issues.push(toIssueFacts(issue));
      const stub = parentStubOf(issue);
      if (stub) parentStubs.set(stub.key, stub);
    }
  }
  return issues;
}

export async function referenceScan(
  ports: ScanPorts,
  request: { projectKey: string; policy: Policy; roster?: RosterOverride },
): Promise<EngineResult> {
  const { jira } = ports;
  const project = await jira.getProject(request.projectKey);
  const parentStubs = new Map<string, IssueFacts>();
  const issues = await readEveryIssue(jira, project.key, parentStubs);
  const known = new Map(issues.map((i) => [i.key, i]));
  const ancestors = await readMissingAncestors(jira, known, parentStubs);
  const withStories = issuesWithExecutionBelow(indexByKey(issues), request.policy);
  // The one change to the old scan: it searched below open childless strategy issues only, and skipped the
  // project's own children there, so stories elsewhere under a *done* epic of the project never reached the
  // open initiative above it (a false EPIC_WITHOUT_STORIES; found by the property test). A full read searches
  // below every childless strategy issue of the project, done ones included.
  const childless = issues
    .filter((i) => kindOf(i, request.policy) === 'strategy' && !withStories.has(i.key))
    .map((i) => i.key);
  const descendants = await readDescendantsElsewhere(jira, childless, known);
  const owners = ownersNamed([...issues, ...ancestors]);
  const [roster, accounts, waivers] = await Promise.all([
    resolveRoster(jira, project.key, request.policy, owners, request.roster),
    readAccounts(jira, owners),
    ports.waivers?.waiversFor(project) ?? Promise.resolve([]),
  ]);
  return evaluateGaps({
    projectKeys: [project.key],
    issues,
    related: [...ancestors, ...descendants],
    policy: request.policy,
    roster,
    accounts,
    waivers,
    now: ports.clock.now(),
  });
}
