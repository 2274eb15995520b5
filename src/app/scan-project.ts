// The scan every surface shares (project page, notifications, CLI): read a project's issues in pages of 100
// with only the fields and the property the rules need, read what lies outside it (parents and children in
// other projects), resolve who holds each role for the people met, then run the pure gap engine.
import { evaluateGaps } from '../domain/gap-engine';
import type { Account, GapReport, IssueFacts } from '../domain/model';
import { readOwnership } from '../domain/ownership';
import type { Policy } from '../domain/policy';
import type { JiraClient } from '../jira/types';
import { ISSUE_FIELDS, ISSUE_PROPERTIES, jqlString, toIssueFacts } from './issue-facts';
import type { ScanPorts } from './ports';
import { readDescendantsElsewhere, readMissingAncestors } from './read-related';
import { resolveRoster, type RosterOverride } from './resolve-roster';

export interface ScanRequest {
  projectKey: string;
  policy: Policy;
  /** Eligible account ids per role, replacing the project's role sources (CLI `--roster`). */
  roster?: RosterOverride;
  onProgress?: (issuesRead: number) => void;
}

export type ScanOutcome =
  | {
      ok: true;
      project: { id: string; key: string; name: string };
      report: GapReport;
      issuesRead: number;
      scannedAt: string;
      /** The accounts the report names, for display (unknown accounts are absent). */
      accounts: Map<string, Account>;
    }
  | { ok: false; error: { code: 'ROSTER_UNAVAILABLE'; source: string; message: string } };

export async function readProjectIssues(
  jira: JiraClient,
  projectKey: string,
  onProgress?: (issuesRead: number) => void,
): Promise<IssueFacts[]> {
  const issues: IssueFacts[] = [];
  const search = {
    jql: `project = ${jqlString(projectKey)} ORDER BY key ASC`,
    fields: ISSUE_FIELDS,
    properties: ISSUE_PROPERTIES,
  };
  for await (const page of jira.searchAll(search)) {
    for (const issue of page) issues.push(toIssueFacts(issue));
    onProgress?.(issues.length);
  }
  return issues;
}

/** Every account named in a slot of a readable ownership property. */
export function ownersNamed(issues: Iterable<IssueFacts>): Set<string> {
  const owners = new Set<string>();
  for (const issue of issues) {
    const reading = readOwnership(issue.ownership);
    if (reading.kind !== 'valid') continue;
    if (reading.ownership.pm) owners.add(reading.ownership.pm.accountId);
    if (reading.ownership.po) owners.add(reading.ownership.po.accountId);
  }
  return owners;
}

export async function readAccounts(
  jira: JiraClient,
  accountIds: Iterable<string>,
): Promise<Map<string, Account>> {
  const ids = [...new Set(accountIds)];
  const accounts = new Map<string, Account>();
  if (ids.length === 0) return accounts;
  for (const user of await jira.getUsers(ids)) {
    accounts.set(user.accountId, {
      accountId: user.accountId,
      displayName: user.displayName,
      active: user.active,
      accountType: user.accountType,
    });
  }
  return accounts;
}

export async function scanProject(ports: ScanPorts, request: ScanRequest): Promise<ScanOutcome> {
  const { jira } = ports;
  const project = await jira.getProject(request.projectKey);
  const issues = await readProjectIssues(jira, project.key, request.onProgress);
  const known = new Map(issues.map((i) => [i.key, i]));

  const ancestors = await readMissingAncestors(jira, known);
  const withChildren = new Set(issues.map((i) => i.parentKey).filter((k): k is string => k !== null));
  const childlessStrategy = issues
    .filter((i) => i.issueType.hierarchyLevel >= 1 && i.statusCategory !== 'done' && !withChildren.has(i.key))
    .map((i) => i.key);
  const descendants = await readDescendantsElsewhere(jira, childlessStrategy, known);
  const related = [...ancestors, ...descendants];

  const owners = ownersNamed([...issues, ...ancestors]);
  const [roster, accounts, waivers] = await Promise.all([
    resolveRoster(jira, project.key, request.policy, owners, request.roster),
    readAccounts(jira, owners),
    ports.waivers?.waiversFor(project) ?? Promise.resolve([]),
  ]);

  const result = evaluateGaps({
    projectKeys: [project.key],
    issues,
    related,
    policy: request.policy,
    roster,
    accounts,
    waivers,
    now: ports.clock.now(),
  });
  if (!result.ok) return { ok: false, error: result.error };
  return {
    ok: true,
    project: { id: project.id, key: project.key, name: project.name },
    report: result.report,
    issuesRead: issues.length,
    scannedAt: ports.clock.now().toISOString(),
    accounts,
  };
}
