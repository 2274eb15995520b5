// Project entity properties: list keys, get, set, delete. Reading needs Browse Projects (a project the caller
// cannot browse does not exist for them: 404); writing and deleting need Administer Projects on the project or
// Administer Jira (403 otherwise), as the OpenAPI document says. The app acting as itself is judged by its
// account's permissions like anyone else (`atlassian-addons-project-access`, `atlassian-addons-admin`); the
// scopes a real site would also ask for (`read:jira-work`; `manage:jira-project` or the granular
// `write:project.property:jira` / `delete:project.property:jira`) are checked by the offline Forge linter against
// manifest.yml, not here. Same key and value limits as issue properties.
import { JiraHttpError, MESSAGES, errorCollection, notFound } from '../errors';
import type { SiteProject } from '../model';
import { hasProjectPermission } from '../permissions';
import type { RouteRequest, Router } from '../router';
import { parsePropertyText, propertyKeyError } from './property-rules';
import { param, visibleProject } from './shared';

const NO_ADMIN = 'You do not have permission to administer this project.';

function propertyUrl(request: RouteRequest, project: SiteProject, key: string): string {
  return `${request.site.render.baseUrl}/rest/api/3/project/${project.key}/properties/${encodeURIComponent(key)}`;
}

function administeredProject(request: RouteRequest): SiteProject {
  const project = visibleProject(request, param(request, 'projectIdOrKey'));
  if (!hasProjectPermission(request.site.state, request.caller.user, project, 'ADMINISTER_PROJECTS')) {
    throw new JiraHttpError(403, errorCollection([NO_ADMIN]));
  }
  return project;
}

function listKeys(request: RouteRequest) {
  const project = visibleProject(request, param(request, 'projectIdOrKey'));
  return {
    status: 200,
    body: {
      keys: [...project.properties.keys()].map((key) => ({ key, self: propertyUrl(request, project, key) })),
    },
  };
}

function getProperty(request: RouteRequest) {
  const project = visibleProject(request, param(request, 'projectIdOrKey'));
  const key = param(request, 'propertyKey');
  if (!project.properties.has(key)) throw notFound(MESSAGES.propertyNotFound(key));
  return { status: 200, body: { key, value: project.properties.get(key) } };
}

function setProperty(request: RouteRequest) {
  const project = administeredProject(request);
  const key = param(request, 'propertyKey');
  const keyProblem = propertyKeyError(key);
  if (keyProblem) throw new JiraHttpError(400, errorCollection([keyProblem]));
  const value = parsePropertyText(request.rawBody);
  if (!value.ok) throw new JiraHttpError(400, errorCollection([value.message]));
  const outcome = request.site.state.setProjectProperty(project, key, value.value);
  return { status: outcome === 'created' ? 201 : 200 };
}

function deleteProperty(request: RouteRequest) {
  const project = administeredProject(request);
  const key = param(request, 'propertyKey');
  if (!request.site.state.deleteProjectProperty(project, key)) throw notFound(MESSAGES.propertyNotFound(key));
  return { status: 204 };
}

export function registerProjectPropertyRoutes(router: Router): void {
  router
    .add('GET', '/rest/api/3/project/{projectIdOrKey}/properties', listKeys)
    .add('GET', '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', getProperty)
    .add('PUT', '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', setProperty)
    .add('DELETE', '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', deleteProperty);
}
