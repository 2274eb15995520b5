// The request budget of a full scan (issue 10): ceil(N/100) bulk fetches + ceil(N/5,000) id pages +
// ceil(E/100) child searches + ceil(P/50) user/bulk requests + G user/groups requests + 10, worked out from a
// full read of the project, independently of the scan it bounds:
//   N  issues of the project (all of them: the scan reads fewer when it leaves out done issues and sub-tasks);
//   E  open strategy issues of the scanned set with no in-scope (open, unless done issues are checked)
//      execution issue beneath them in the project;
//   P  distinct owners named by the scanned set's ownership properties;
//   G  those owners who hold a role only if a group source says so (not a direct user actor of a role that
//      has group sources), each costing one `GET /user/groups`.
import { ISSUE_FIELDS, ISSUE_PROPERTIES, jqlString, toIssueFacts } from '../../src/app/issue-facts';
import { hasGroupSources, readRoleSources } from '../../src/app/resolve-roster';
import { ownersNamed } from '../../src/app/scan/accounts';
import { indexByKey, issuesWithExecutionBelow, kindOf } from '../../src/domain/hierarchy';
import type { IssueFacts } from '../../src/domain/model';
import type { Policy } from '../../src/domain/policy';
import { isOpen } from '../../src/domain/scope';
import type { JiraClient } from '../../src/jira/types';

export interface ScanBudget {
  n: number;
  e: number;
  p: number;
  g: number;
  /** The formula's value: the most requests a full scan may make. */
  budget: number;
}

export function budgetOf(inputs: Omit<ScanBudget, 'budget'>): ScanBudget {
  const { n, e, p, g } = inputs;
  const budget = Math.ceil(n / 100) + Math.ceil(n / 5000) + Math.ceil(e / 100) + Math.ceil(p / 50) + g + 10;
  return { ...inputs, budget };
}

export async function scanBudget(jira: JiraClient, projectKey: string, policy: Policy): Promise<ScanBudget> {
  const all: IssueFacts[] = [];
  const search = {
    jql: `project = ${jqlString(projectKey)} ORDER BY key ASC`,
    fields: ISSUE_FIELDS,
    properties: ISSUE_PROPERTIES,
  };
  for await (const page of jira.searchAll(search)) all.push(...page.map(toIssueFacts));
  const set = all.filter((i) => i.issueType.hierarchyLevel >= 0 && (policy.includeDone || isOpen(i)));
  const below = issuesWithExecutionBelow(indexByKey(set), policy);
  const e = set.filter((i) => kindOf(i, policy) === 'strategy' && isOpen(i) && !below.has(i.key)).length;
  const owners = ownersNamed(set);
  const pm = await readRoleSources(jira, projectKey, policy, 'pm');
  const po = await readRoleSources(jira, projectKey, policy, 'po');
  if (!pm.ok || !po.ok) throw new Error('the role sources cannot be read');
  const g = [...owners].filter(
    (id) =>
      (!pm.sources.userIds.has(id) && hasGroupSources(pm.sources)) ||
      (!po.sources.userIds.has(id) && hasGroupSources(po.sources)),
  ).length;
  return budgetOf({ n: all.length, e, p: owners.size, g });
}
