// `settings/get`: the page's whole view, for a user already checked to be an admin. Read as the user: the
// property, the project, its issue types and roles, the site's plan and the named people — about seven requests,
// in parallel where they do not depend on each other. The health box comes from the app's store (the scan's
// records and its failure log), as the Alignment page's status line does.
import type { SettingsView } from '../../contract/settings';
import type { PersonView } from '../../contract/views';
import type { JiraUser } from '../../jira/types';
import { readPolicy, toPolicyInput, type PolicyRead } from '../policy-store';
import { describeScans } from '../scan-job/describe-status';
import { loadScanFailures } from '../scan-job/failure-log';
import { requireSettingsAdmin } from './admin';
import { onboardingFor, readPlan } from './onboarding';
import type { SettingsPorts } from './ports';

export function namedPersonView(accountId: string, account: JiraUser | undefined): PersonView {
  let reason: PersonView['reason'] = null;
  if (!account) reason = 'unknown-account';
  else if (account.accountType !== 'atlassian') reason = 'not-a-person';
  else if (!account.active) reason = 'inactive';
  return {
    accountId,
    displayName: account?.displayName ?? null,
    eligible: reason === null,
    reason,
    avatarUrl: account?.avatarUrl ?? null,
  };
}

/** Saved after the last successful full scan started (or never scanned since): the page says a rescan is due. */
export function isRescanPending(
  savedAt: string | null,
  lastFullStartedAt: string | null | undefined,
  enabled: boolean,
): boolean {
  if (!enabled || savedAt === null) return false;
  const saved = Date.parse(savedAt);
  if (Number.isNaN(saved)) return false;
  if (!lastFullStartedAt) return true;
  return saved > Date.parse(lastFullStartedAt);
}

export async function getSettings(
  ports: SettingsPorts,
  project: { id: string; key: string },
): Promise<SettingsView> {
  await requireSettingsAdmin(ports.userJira, project.id);
  return describeSettings(ports, project);
}

/** The view without the admin check (the caller made it); `known` is a read the caller already holds. */
export async function describeSettings(
  ports: SettingsPorts,
  project: { id: string; key: string },
  known?: PolicyRead,
): Promise<SettingsView> {
  const { userJira } = ports;
  const [read, jiraProject, issueTypes, projectRoles, plan, scans, failures] = await Promise.all([
    known ?? readPolicy(userJira, project.id),
    userJira.getProject(project.id),
    userJira.getProjectIssueTypes(project.id),
    userJira.getProjectRoles(project.id),
    readPlan(userJira),
    describeScans(ports, project.id),
    loadScanFailures(ports.store, project.id),
  ]);
  const policy = toPolicyInput(read.policy);
  const accountIds = [...new Set([...policy.roles.pm.accountIds, ...policy.roles.po.accountIds])];
  const accounts = new Map(
    (accountIds.length > 0 ? await userJira.getUsers(accountIds) : []).map((u) => [u.accountId, u]),
  );
  const teamManaged = jiraProject.style === 'next-gen';
  return {
    project: {
      id: jiraProject.id,
      key: jiraProject.key,
      name: jiraProject.name,
      style: teamManaged ? 'team-managed' : 'company-managed',
    },
    enabled: read.enabled,
    policy,
    source: read.source,
    problem: read.problem,
    issueTypes: issueTypes
      .filter((t) => t.hierarchyLevel >= 0 && t.subtask !== true)
      .map((t) => ({ id: t.id, name: t.name, hierarchyLevel: t.hierarchyLevel }))
      .sort((a, b) => b.hierarchyLevel - a.hierarchyLevel || a.name.localeCompare(b.name)),
    projectRoles: projectRoles
      .map((r) => ({ id: r.id, name: r.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    onboarding: onboardingFor({ policy: read.policy, projectRoles, plan, teamManaged }),
    plan,
    people: accountIds.map((id) => namedPersonView(id, accounts.get(id))),
    health: {
      lastScan: scans.lastScan,
      currentScan: scans.currentScan,
      failures,
      savedAt: read.savedAt,
      rescanPending: isRescanPending(read.savedAt, scans.last?.lastFullStartedAt, read.enabled),
    },
  };
}
