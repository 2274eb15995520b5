// How the page helps an admin name the roles' people. When the policy names project roles the project lacks,
// a Jira admin can usually create them — but not on Jira Free (no custom project roles) and not in a
// team-managed project (its roles are its own set): the page then starts from groups or named people and says
// why. The plan comes from `GET /rest/api/3/instance/license`; a refusal or a failure there reads as 'unknown'
// and never fails the page.
import type { RolesOnboarding, SettingsView } from '../../contract/settings';
import type { Policy } from '../../domain/policy';
import { JiraError } from '../../jira/errors';
import type { JiraClient, JiraLicense } from '../../jira/types';

export type SitePlan = SettingsView['plan'];

/** The applications whose plan decides project roles: Jira (Software) and Jira Work Management. */
const JIRA_APPLICATIONS = new Set(['jira-software', 'jira-core']);

/**
 * The site's Jira plan. Other products (Product Discovery, Service Management) are often Free on a paid site,
 * so they count only when neither Jira application is listed. Paid anywhere among those wins.
 */
export function planOf(license: JiraLicense): SitePlan {
  const jira = license.applications.filter((a) => JIRA_APPLICATIONS.has(a.id));
  const apps = jira.length > 0 ? jira : license.applications;
  const plans = new Set(apps.map((a) => a.plan));
  if (plans.has('PAID')) return 'PAID';
  if (plans.has('FREE')) return 'FREE';
  if (plans.has('UNLICENSED')) return 'UNLICENSED';
  return 'unknown';
}

export async function readPlan(jira: JiraClient): Promise<SitePlan> {
  try {
    return planOf(await jira.getLicense());
  } catch (error) {
    if (error instanceof JiraError) return 'unknown';
    throw error;
  }
}

export function onboardingFor(input: {
  policy: Policy;
  projectRoles: ReadonlyArray<{ name: string }>;
  plan: SitePlan;
  teamManaged: boolean;
}): RolesOnboarding {
  const existing = new Set(input.projectRoles.map((r) => r.name.toLowerCase()));
  const missing = (['pm', 'po'] as const).flatMap((role) =>
    input.policy.roles[role].projectRoles
      .filter((name) => !existing.has(name.toLowerCase()))
      .map((name) => ({ role, name })),
  );
  if (missing.length === 0) return { kind: 'ok' };
  if (input.plan === 'FREE') return { kind: 'roles-unavailable', reason: 'free-plan', missing };
  if (input.teamManaged) return { kind: 'roles-unavailable', reason: 'team-managed', missing };
  return { kind: 'create-roles', missing };
}
