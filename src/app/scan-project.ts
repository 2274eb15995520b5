// The scan every surface shares (project page, notifications, CLI): read a project's issues in pages of 100
// with only the fields and the property the rules need, read what lies outside it (parents and children in
// other projects), resolve who holds each role for the people met, then run the pure gap engine.
import { evaluateGaps } from '../domain/gap-engine';
import { indexByKey, issuesWithExecutionBelow, kindOf } from '../domain/hierarchy';
import type { Account, GapReport, IssueFacts } from '../domain/model';
import { readOwnership } from '../domain/ownership';
import type { Policy } from '../domain/policy';
import { isOpen } from '../domain/scope';
import type { JiraClient } from '../jira/types';
import { ISSUE_FIELDS, ISSUE_PROPERTIES, jqlString, parentStubOf, toIssueFacts } from './issue-facts';
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
  parentStubs?: Map<string, IssueFacts>,
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
      const stub = parentStubs ? parentStubOf(issue) : null;
      if (stub) parentStubs?.set(stub.key, stub);
    }
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

/**
 * Open strategy issues with no in-scope execution issue beneath them inside the project: only these can be
 * rescued from EPIC_WITHOUT_STORIES by children in other projects, so only these are searched for elsewhere.
 */
export function strategyIssuesWithoutStoriesInProject(
  issues: readonly IssueFacts[],
  policy: Policy,
): string[] {
  const known = indexByKey(issues);
  const withStories = issuesWithExecutionBelow(known, policy);
  return [...known.values()]
    .filter((i) => kindOf(i, policy) === 'strategy' && isOpen(i) && !withStories.has(i.key))
    .map((i) => i.key);
}

export async function scanProject(ports: ScanPorts, request: ScanRequest): Promise<ScanOutcome> {
  const { jira } = ports;
  const project = await jira.getProject(request.projectKey);
  const parentStubs = new Map<string, IssueFacts>();
  const issues = await readProjectIssues(jira, project.key, request.onProgress, parentStubs);
  const known = new Map(issues.map((i) => [i.key, i]));

  const ancestors = await readMissingAncestors(jira, known, parentStubs);
  const descendants = await readDescendantsElsewhere(
    jira,
    strategyIssuesWithoutStoriesInProject(issues, request.policy),
    known,
  );
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
