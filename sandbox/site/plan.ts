// The site's Jira plan, as far as an app can see it. `GET /rest/api/3/instance/license` names it (Jira Software
// FREE or PAID), and Jira Free has no custom project roles: every company-managed project has only the
// built-in ones, and a team-managed project only its own (Administrator, Member, Viewer). So on Free the
// sandbox leaves the demo's custom roles ("Product Manager", "Product Owner") out of every role read: the
// role list does not name them and reading one by id is a 404, as for a role that does not exist. Who may do
// what is not changed (permissions still come from the projects' schemes): only what the app can read of
// roles, which is what Role Split's onboarding and roster depend on.
import type { SiteProject, SiteRole } from './model';
import type { SiteState } from './state';

/** Roles a Free site has: Jira's defaults (old and new names), the apps' role, and team-managed roles. */
const BUILT_IN_ROLES = new Set([
  'administrators',
  'developers',
  'users',
  'viewers',
  'member',
  'viewer',
  'administrator',
  'atlassian-addons-project-access',
]);

export function isBuiltInRole(role: Pick<SiteRole, 'name'>): boolean {
  return BUILT_IN_ROLES.has(role.name.toLowerCase());
}

/** The project's roles as the REST API shows them on the site's plan. */
export function visibleRoles(state: Pick<SiteState, 'plan'>, project: SiteProject): SiteRole[] {
  if (state.plan === 'standard') return project.roles;
  return project.roles.filter(isBuiltInRole);
}

/** `License.applications`: Jira Software on the site's plan. */
export function licenseJson(state: Pick<SiteState, 'plan'>): {
  applications: Array<{ id: string; plan: 'FREE' | 'PAID' }>;
} {
  return { applications: [{ id: 'jira-software', plan: state.plan === 'free' ? 'FREE' : 'PAID' }] };
}
