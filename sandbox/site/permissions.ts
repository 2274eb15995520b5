// Who may do what, the way Jira decides it: a project permission is granted to project roles by the project's
// permission scheme, and a person holds a role as a user actor or through a group actor; global permissions
// are granted to groups. Jira administrators (global ADMINISTER) may administer every project. Deactivated
// accounts hold nothing. The Forge app's account gets its access the way it does in Jira: through the
// `atlassian-addons-project-access` role and the `atlassian-addons-admin` group.
//
// Issue security: an issue with a security level is seen only by members of that level (on top of Browse
// Projects), whatever else they hold: Jira administrators and the app included, unless they are members. Hidden
// issues do not exist for the reader (404, left out of searches, left out as a `parent`).
//
// Workflow status properties: a status with `jira.permission.<short name>.denied` (the demo's "Approved" has
// `jira.permission.edit.denied`) takes that permission away on every issue in the status, from everyone: Jira
// administrators and the app too. Such properties only restrict what the permission scheme grants, per issue;
// the project-level answers (`mypermissions?projectKey=`, `permissions/check` projects) do not change.
import { statusById } from './catalog';
import type { SecurityMember, SiteIssue, SiteProject, SiteSecurityLevel, SiteUser } from './model';
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

/** `issue` null: judged without an issue, so reporter / assignee members hold nothing. */
function holdsMembership(
  member: SecurityMember,
  user: SiteUser,
  issue: SiteIssue | null,
  roles: () => Set<number>,
): boolean {
  switch (member.type) {
    case 'user':
      return member.accountId === user.accountId;
    case 'group':
      return user.groups.includes(member.groupName);
    case 'projectRole':
      return roles().has(member.roleId);
    case 'reporter':
      return issue !== null && issue.reporterId === user.accountId;
    case 'assignee':
      return issue !== null && issue.assigneeId === user.accountId;
  }
}

/** The levels of the project's scheme the user is in whatever the issue: by name, group or project role. */
export function standingLevels(state: SiteState, user: SiteUser, project: SiteProject): SiteSecurityLevel[] {
  const roles = rolesOf(user, project);
  return state
    .securityLevelsOf(project)
    .filter((level) => level.members.some((m) => holdsMembership(m, user, null, () => roles)));
}

/** Whether the user is in the issue's security level (true when the issue has none). */
export function inSecurityLevel(state: SiteState, user: SiteUser, issue: SiteIssue): boolean {
  if (issue.securityLevelId === null) return true;
  const level = state.securityLevel(issue.securityLevelId);
  // A level that no longer exists hides the issue rather than exposing it.
  if (!level || !user.active) return false;
  let held: Set<number> | undefined;
  const roles = (): Set<number> => (held ??= rolesOf(user, projectOf(state, issue)));
  return level.members.some((m) => holdsMembership(m, user, issue, roles));
}

export function canBrowseIssue(state: SiteState, user: SiteUser, issue: SiteIssue): boolean {
  return canBrowseProject(state, user, projectOf(state, issue)) && inSecurityLevel(state, user, issue);
}

/**
 * `canBrowseIssue` for many issues (a search over 50,000): project access and each level's issue-independent
 * members are worked out once; only reporter / assignee members are checked per issue.
 */
export function issueVisibility(state: SiteState, user: SiteUser): (issue: SiteIssue) => boolean {
  const browsable = browsableProjectIds(state, user);
  // Per project and level: 'member' (always sees), or the per-issue members that may still let them in.
  const decided = new Map<string, 'member' | Array<'reporter' | 'assignee'>>();
  const levelFor = (issue: SiteIssue, level: SiteSecurityLevel) => {
    const cacheKey = `${issue.projectId}/${level.id}`;
    let verdict = decided.get(cacheKey);
    if (verdict === undefined) {
      const roles = rolesOf(user, projectOf(state, issue));
      const perIssue: Array<'reporter' | 'assignee'> = [];
      let member = false;
      for (const m of level.members) {
        if (m.type === 'reporter' || m.type === 'assignee') perIssue.push(m.type);
        else if (holdsMembership(m, user, issue, () => roles)) member = true;
      }
      verdict = member ? 'member' : perIssue;
      decided.set(cacheKey, verdict);
    }
    return verdict;
  };
  return (issue) => {
    if (!browsable.has(issue.projectId)) return false;
    if (issue.securityLevelId === null) return true;
    const level = state.securityLevel(issue.securityLevelId);
    if (!level || !user.active) return false;
    const verdict = levelFor(issue, level);
    if (verdict === 'member') return true;
    return verdict.some((who) =>
      who === 'reporter' ? issue.reporterId === user.accountId : issue.assigneeId === user.accountId,
    );
  };
}

/** The short names workflow properties use (`jira.permission.edit.denied`) for project permissions. */
const WORKFLOW_PERMISSION_NAMES: Readonly<Record<string, string>> = {
  browse: 'BROWSE_PROJECTS',
  create: 'CREATE_ISSUES',
  edit: 'EDIT_ISSUES',
  transition: 'TRANSITION_ISSUES',
  assign: 'ASSIGN_ISSUES',
  assignable: 'ASSIGNABLE_USER',
  resolve: 'RESOLVE_ISSUES',
  close: 'CLOSE_ISSUES',
  delete: 'DELETE_ISSUES',
  link: 'LINK_ISSUES',
  comment: 'ADD_COMMENTS',
  attach: 'CREATE_ATTACHMENTS',
  work: 'WORK_ON_ISSUES',
};

/** `jira.permission.<short name>.denied`, with Jira's optional suffix that lets a key appear twice. */
const DENIED_PROPERTY = /^jira\.permission\.([a-z]+)\.denied(?:\.[^.]+)?$/;

/**
 * The project permissions a status's workflow properties deny on its issues. Only the `denied` grant type is
 * modelled: any other `jira.permission.*` property (granting to a group, a role...) is refused loudly rather
 * than ignored, so the site never looks less strict than the workflow it claims to have.
 */
export function permissionsDeniedByStatus(statusId: string): Set<string> {
  const denied = new Set<string>();
  for (const name of Object.keys(statusById(statusId)?.properties ?? {})) {
    if (!name.startsWith('jira.permission.')) continue;
    const shortName = DENIED_PROPERTY.exec(name)?.[1];
    const key = shortName === undefined ? undefined : WORKFLOW_PERMISSION_NAMES[shortName];
    if (key === undefined) throw new Error(`the sandbox site does not model the workflow property ${name}`);
    denied.add(key);
  }
  return denied;
}

/** A project permission on one issue: the project's grant, less what the issue's workflow status denies. */
export function hasIssuePermission(state: SiteState, user: SiteUser, issue: SiteIssue, key: string): boolean {
  return (
    hasProjectPermission(state, user, projectOf(state, issue), key) &&
    !permissionsDeniedByStatus(issue.statusId).has(key)
  );
}

/** Ids of the projects the user may browse: computed once per search rather than once per issue. */
export function browsableProjectIds(state: SiteState, user: SiteUser): Set<string> {
  const ids = new Set<string>();
  for (const project of state.projects.values())
    if (canBrowseProject(state, user, project)) ids.add(project.id);
  return ids;
}
