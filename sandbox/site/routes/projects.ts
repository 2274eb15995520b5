// Projects, their issue types (with hierarchy levels) and their roles (on the Free plan only the built-in
// ones: ../plan.ts). Role reads need Administer Projects (or Jira admin), and Jira answers them unkindly: a
// member who may browse gets 401 for the role list and 404 for one role (the statuses the OpenAPI document
// gives for "lacks administrative permissions"), a stranger 404 as for any hidden project.
import { JiraHttpError, MESSAGES, errorCollection, notFound } from '../errors';
import type { SiteProject } from '../model';
import { canBrowseProject, hasProjectPermission } from '../permissions';
import { visibleRoles } from '../plan';
import { issueTypeJson, projectJson, roleJson, roleLinksJson } from '../representations';
import type { RouteRequest, Router } from '../router';
import { param, visibleProject } from './shared';

function getProject(request: RouteRequest) {
  const project = visibleProject(request, param(request, 'projectIdOrKey'));
  return { status: 200, body: projectJson(request.site.render, project) };
}

function getProjectIssueTypes(request: RouteRequest) {
  const projectId = request.query.get('projectId');
  if (projectId === null || !/^\d+$/.test(projectId)) {
    throw new JiraHttpError(
      400,
      errorCollection(["The 'projectId' parameter is required and must be a project id."]),
    );
  }
  const levelText = request.query.get('level');
  const level = levelText === null || levelText === '' ? undefined : Number(levelText);
  if (level !== undefined && ![-1, 0, 1, 2].includes(level)) {
    throw new JiraHttpError(
      400,
      errorCollection([`The value '${levelText}' is not a valid hierarchy level.`]),
    );
  }
  const project = request.site.state.projects.get(projectId);
  if (!project || !canBrowseProject(request.site.state, request.caller.user, project)) {
    throw notFound(`No project could be found with id '${projectId}'.`);
  }
  const types = request.site.state
    .issueTypesOf(project)
    .filter((t) => level === undefined || t.hierarchyLevel === level)
    .map((t) => issueTypeJson(request.site.render, t));
  return { status: 200, body: types };
}

/**
 * The project, if the caller may read its configuration (roles); otherwise `deniedStatus` (401 for the role list,
 * 404 for one role) when the caller may browse it, 404 when not.
 */
function administeredProject(request: RouteRequest, deniedStatus: 401 | 404): SiteProject {
  const idOrKey = param(request, 'projectIdOrKey');
  const { state } = request.site;
  const project = state.getProject(idOrKey);
  const caller = request.caller.user;
  const admin = project !== undefined && hasProjectPermission(state, caller, project, 'ADMINISTER_PROJECTS');
  if (!project || (!admin && !canBrowseProject(state, caller, project)))
    throw notFound(MESSAGES.projectNotFound(idOrKey));
  if (!admin) throw new JiraHttpError(deniedStatus, errorCollection([MESSAGES.projectConfiguration]));
  return project;
}

function getRoles(request: RouteRequest) {
  const project = administeredProject(request, 401);
  return { status: 200, body: roleLinksJson(request.site.render, project) };
}

function getRole(request: RouteRequest) {
  const project = administeredProject(request, 404);
  const id = param(request, 'id');
  const role = visibleRoles(request.site.state, project).find((r) => String(r.id) === id);
  if (!role) throw notFound(`No project role with id '${id}' exists in project '${project.key}'.`);
  const excludeInactiveUsers = request.query.get('excludeInactiveUsers') === 'true';
  return { status: 200, body: roleJson(request.site.render, project, role, { excludeInactiveUsers }) };
}

export function registerProjectRoutes(router: Router): void {
  router
    .add('GET', '/rest/api/3/project/{projectIdOrKey}', getProject)
    .add('GET', '/rest/api/3/issuetype/project', getProjectIssueTypes)
    .add('GET', '/rest/api/3/project/{projectIdOrKey}/role', getRoles)
    .add('GET', '/rest/api/3/project/{projectIdOrKey}/role/{id}', getRole);
}
