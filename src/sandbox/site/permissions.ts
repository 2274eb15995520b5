// Who may do what, the way Jira decides it: a project permission is granted to project roles by the project's
// permission scheme, and a person holds a role as a user actor or through a group actor; global permissions
// are granted to groups. Jira administrators (global ADMINISTER) may administer every project. Deactivated
// accounts hold nothing. The Forge app's account gets its access the way it does in Jira: through the
// `atlassian-addons-project-access` role and the `atlassian-addons-admin` group.
import type { SiteIssue, SiteProject, SiteUser } from './model';
import type { SiteState } from './state';

export function rolesOf(user: SiteUser, project: SiteProject): Set<number> {
  const held = new Set<number>();
  for (const role of project.roles) {
    for (const actor of role.actors) {
      if (
        actor.type === 'user' ? actor.accountId === user.accountId : user.groups.includes(actor.groupName)
      ) {
        held.add(role.id);
        break;
      }
    }
  }
  return held;
}

export function hasGlobalPermission(state: SiteState, user: SiteUser, key: string): boolean {
  if (!user.active) return false;
  const groups = state.globalPermissions[key] ?? [];
  return groups.some((g) => user.groups.includes(g));
}

export function hasProjectPermission(
  state: SiteState,
  user: SiteUser,
  project: SiteProject,
  key: string,
): boolean {
  if (!user.active) return false;
  if (key === 'ADMINISTER_PROJECTS' && hasGlobalPermission(state, user, 'ADMINISTER')) return true;
  const grantedTo = project.permissionScheme[key] ?? [];
  if (grantedTo.length === 0) return false;
  const held = rolesOf(user, project);
  return grantedTo.some((roleId) => held.has(roleId));
}

export function canBrowseProject(state: SiteState, user: SiteUser, project: SiteProject): boolean {
  return hasProjectPermission(state, user, project, 'BROWSE_PROJECTS');
}

export function projectOf(state: SiteState, issue: SiteIssue): SiteProject {
  const project = state.projects.get(issue.projectId);
  if (!project) throw new Error(`issue ${issue.key} has no project`);
  return project;
}

export function canBrowseIssue(state: SiteState, user: SiteUser, issue: SiteIssue): boolean {
  return canBrowseProject(state, user, projectOf(state, issue));
}

export function hasIssuePermission(state: SiteState, user: SiteUser, issue: SiteIssue, key: string): boolean {
  return hasProjectPermission(state, user, projectOf(state, issue), key);
}

/** Ids of the projects the user may browse: computed once per search rather than once per issue. */
export function browsableProjectIds(state: SiteState, user: SiteUser): Set<string> {
  const ids = new Set<string>();
  for (const project of state.projects.values())
    if (canBrowseProject(state, user, project)) ids.add(project.id);
  return ids;
}
