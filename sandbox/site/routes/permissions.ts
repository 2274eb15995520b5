// Permission questions: `GET /mypermissions` (the caller, in a global, project or issue context) and
// `POST /permissions/check` (bulk, for the caller or, for Jira admins and apps, for another account). Asked
// about an issue, both answer for that issue: its security level and its workflow status (a status that denies
// Edit Issues) count, not only the project's permission scheme.
import { z } from 'zod';
import { PERMISSIONS_BY_KEY } from '../catalog';
import { JiraHttpError, MESSAGES, errorCollection, forbidden } from '../errors';
import type { SiteIssue, SiteProject } from '../model';
import {
  hasGlobalPermission,
  hasIssuePermission,
  hasProjectPermission,
  inSecurityLevel,
} from '../permissions';
import { listParam, parseBody, type RouteRequest, type Router } from '../router';
import { visibleIssue, visibleProject } from './shared';

function myPermissions(request: RouteRequest) {
  const keys = listParam(request.query, 'permissions') ?? [];
  if (keys.length === 0) {
    throw new JiraHttpError(
      400,
      errorCollection(["Specify one or more permission keys in the 'permissions' parameter."]),
    );
  }
  const unknown = keys.filter((k) => !PERMISSIONS_BY_KEY.has(k));
  if (unknown.length > 0) {
    throw new JiraHttpError(
      400,
      errorCollection([], Object.fromEntries(unknown.map((k) => [k, 'Unrecognized permission']))),
    );
  }
  const { state } = request.site;
  const { query } = request;
  const user = request.caller.user;
  // The context: an issue, a project, or (neither) every project ("held in any project").
  let projects: SiteProject[];
  let issue: SiteIssue | undefined;
  const issueRef = query.get('issueId') ?? query.get('issueKey');
  const projectRef = query.get('projectId') ?? query.get('projectKey');
  if (issueRef) {
    issue = visibleIssue(request, issueRef);
    const project = state.projects.get(issue.projectId);
    projects = project ? [project] : [];
  } else if (projectRef) {
    projects = [visibleProject(request, projectRef)];
  } else {
    projects = [...state.projects.values()];
  }
  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    const definition = PERMISSIONS_BY_KEY.get(key);
    if (!definition) continue;
    const have =
      definition.type === 'GLOBAL'
        ? hasGlobalPermission(state, user, key)
        : issue !== undefined
          ? hasIssuePermission(state, user, issue, key)
          : projects.some((p) => hasProjectPermission(state, user, p, key));
    permissions[key] = {
      id: definition.id,
      key,
      name: definition.name,
      type: definition.type,
      description: definition.description,
      havePermission: have,
    };
  }
  return { status: 200, body: { permissions } };
}

const checkSchema = z
  .object({
    accountId: z.string().nullable().optional(),
    globalPermissions: z.array(z.string().nullable()).nullable().optional(),
    projectPermissions: z
      .array(
        z.object({
          permissions: z.array(z.string()),
          projects: z.array(z.number().int().nullable()).nullable().optional(),
          issues: z.array(z.number().int().nullable()).nullable().optional(),
        }),
      )
      .nullable()
      .optional(),
  })
  .strict();

export const CHECK_LIMITS = { maxProjects: 1000, maxIssues: 1000 } as const;

function checkPermissions(request: RouteRequest) {
  const body = parseBody(request, checkSchema);
  const { state } = request.site;
  const caller = request.caller.user;
  const accountId = body.accountId ?? caller.accountId;
  if (accountId !== caller.accountId && !hasGlobalPermission(state, caller, 'ADMINISTER')) {
    throw forbidden(MESSAGES.adminOnly);
  }
  const globalKeys = (body.globalPermissions ?? []).filter((k): k is string => k !== null);
  const projectEntries = body.projectPermissions ?? [];
  const errors: Record<string, string> = {};
  for (const key of globalKeys)
    if (PERMISSIONS_BY_KEY.get(key)?.type !== 'GLOBAL') errors[key] = 'Unrecognized permission';
  for (const entry of projectEntries) {
    const keys = entry.permissions.filter((k) => k !== '');
    if (keys.length === 0) {
      throw new JiraHttpError(
        400,
        errorCollection(['Every projectPermissions entry needs at least one project permission.']),
      );
    }
    for (const key of keys)
      if (PERMISSIONS_BY_KEY.get(key)?.type !== 'PROJECT') errors[key] = 'Unrecognized permission';
  }
  if (Object.keys(errors).length > 0) throw new JiraHttpError(400, errorCollection([], errors));

  // "A maximum of 1000 projects and 1000 issues can be checked": counted over the ids that exist.
  const validProjects = new Set<number>();
  const validIssues = new Set<number>();
  for (const entry of projectEntries) {
    for (const id of entry.projects ?? [])
      if (id !== null && state.projects.has(String(id))) validProjects.add(id);
    for (const id of entry.issues ?? []) if (id !== null && state.issues.has(String(id))) validIssues.add(id);
  }
  if (validProjects.size > CHECK_LIMITS.maxProjects || validIssues.size > CHECK_LIMITS.maxIssues) {
    throw new JiraHttpError(
      400,
      errorCollection([
        `A maximum of ${CHECK_LIMITS.maxProjects} projects and ${CHECK_LIMITS.maxIssues} issues can be checked.`,
      ]),
    );
  }

  const subject = state.getUser(accountId);
  const grants = new Map<string, { issues: Set<number>; projects: Set<number> }>();
  for (const entry of projectEntries) {
    for (const key of entry.permissions.filter((k) => k !== '')) {
      const grant = grants.get(key) ?? { issues: new Set<number>(), projects: new Set<number>() };
      grants.set(key, grant);
      if (!subject) continue;
      // Invalid project and issue ids are ignored, as the document says.
      for (const projectId of entry.projects ?? []) {
        const project = projectId === null ? undefined : state.projects.get(String(projectId));
        if (project && projectId !== null && hasProjectPermission(state, subject, project, key))
          grant.projects.add(projectId);
      }
      for (const issueId of entry.issues ?? []) {
        const issue = issueId === null ? undefined : state.issues.get(String(issueId));
        const project = issue ? state.projects.get(issue.projectId) : undefined;
        // An issue outside the subject's security level grants nothing on it; nor does one whose workflow
        // status denies the permission.
        if (
          issue &&
          project &&
          issueId !== null &&
          inSecurityLevel(state, subject, issue) &&
          hasIssuePermission(state, subject, issue, key)
        )
          grant.issues.add(issueId);
      }
    }
  }
  return {
    status: 200,
    body: {
      globalPermissions: subject
        ? [...new Set(globalKeys)].filter((k) => hasGlobalPermission(state, subject, k))
        : [],
      projectPermissions: [...grants.entries()].map(([permission, g]) => ({
        permission,
        issues: [...g.issues],
        projects: [...g.projects],
      })),
    },
  };
}

export function registerPermissionRoutes(router: Router): void {
  router
    .add('GET', '/rest/api/3/mypermissions', myPermissions)
    .add('POST', '/rest/api/3/permissions/check', checkPermissions);
}
