// Issues: read one, read many (bulk fetch), create, edit (summary, parent, assignee, security level) and
// delete; moving through the workflow is ./transitions.ts. Creating and editing validate the parent against the
// hierarchy as Jira does (a story's parent is an epic, an epic's an initiative, a sub-task's a standard issue
// of the same project).
import { z } from 'zod';
import { issueTypeById } from '../catalog';
import { JiraHttpError, MESSAGES, errorCollection, fieldErrors } from '../errors';
import type { SiteIssue, SiteProject } from '../model';
import {
  canBrowseIssue,
  canBrowseProject,
  hasIssuePermission,
  hasProjectPermission,
  inSecurityLevel,
} from '../permissions';
import { issueJson, issueUrl } from '../representations';
import { listParam, parseBody, type RouteRequest, type Router } from '../router';
import { selectFields } from '../search';
import { propertyKeyError, propertyValueError } from './property-rules';
import { param, visibleIssue } from './shared';

const ref = z.object({ id: z.string().optional(), key: z.string().optional() }).passthrough();
const typeRef = z.object({ id: z.string().optional(), name: z.string().optional() }).passthrough();
const userRef = z.object({ accountId: z.string() }).passthrough().nullable();

const createSchema = z
  .object({
    fields: z.record(z.string(), z.unknown()),
    update: z.record(z.string(), z.unknown()).optional(),
    properties: z.array(z.object({ key: z.string(), value: z.unknown() })).optional(),
  })
  .passthrough();

const editSchema = z
  .object({
    fields: z.record(z.string(), z.unknown()).optional(),
    update: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();

const SETTABLE_ON_CREATE = new Set([
  'project',
  'issuetype',
  'summary',
  'parent',
  'assignee',
  'reporter',
  'security',
]);
const SETTABLE_ON_EDIT = new Set(['summary', 'parent', 'assignee', 'security']);

const cannotSet = (field: string): string =>
  `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;

/** The property list of GET issue's `properties` parameter: keys, or `*all`. */
function propertiesParam(request: RouteRequest): readonly string[] | 'all' | undefined {
  const list = listParam(request.query, 'properties');
  if (!list) return undefined;
  return list.includes('*all') ? 'all' : list.filter((p) => !p.startsWith('-'));
}

/** Resolves a `parent` value for an issue of `typeId` in `project`; returns the parent or an error message. */
function resolveParent(
  request: RouteRequest,
  value: unknown,
  typeId: string,
  project: SiteProject,
): { parent: SiteIssue | null } | { error: string } {
  const type = issueTypeById(typeId);
  if (value === null || value === undefined) {
    return type?.subtask ? { error: 'A sub-task must have a parent issue.' } : { parent: null };
  }
  const parsed = ref.safeParse(value);
  const idOrKey = parsed.success ? (parsed.data.key ?? parsed.data.id) : undefined;
  if (idOrKey === undefined) return { error: "Specify the parent issue by 'key' or 'id'." };
  const parent = request.site.state.getIssue(idOrKey);
  if (!parent || !canBrowseIssue(request.site.state, request.caller.user, parent)) {
    return { error: `Issue '${idOrKey}' does not exist or you do not have permission to see it.` };
  }
  const parentType = issueTypeById(parent.issueTypeId);
  // Jira's hierarchy: the parent sits exactly one level up; sub-tasks (-1) hang under level-0 issues of the
  // same project. Cross-project parents are allowed above sub-tasks (a MOB story under a SHOP epic).
  const fits =
    type !== undefined &&
    parentType !== undefined &&
    (type.subtask
      ? parentType.hierarchyLevel === 0 && parent.projectId === project.id
      : parentType.hierarchyLevel === type.hierarchyLevel + 1);
  return fits ? { parent } : { error: 'Given parent issue does not belong to appropriate hierarchy.' };
}

/**
 * Resolves a `security` value (`{ id }`, `{ name }` or null) for an issue of `project`. As in Jira, the field is
 * only there for people with Set Issue Security, and offers only the levels of the project's scheme the caller
 * belongs to (judged for `issue`, so reporter / assignee members count).
 */
function resolveSecurity(
  request: RouteRequest,
  value: unknown,
  project: SiteProject,
  issue: SiteIssue,
): { levelId: string | null } | { error: string } {
  const { state } = request.site;
  const caller = request.caller.user;
  if (!hasProjectPermission(state, caller, project, 'SET_ISSUE_SECURITY'))
    return { error: cannotSet('security') };
  if (value === null) return { levelId: null };
  const parsed = typeRef.safeParse(value);
  const wanted = parsed.success ? parsed.data : {};
  const level = state
    .securityLevelsOf(project)
    .find((l) => l.id === wanted.id || (wanted.name !== undefined && l.name === wanted.name));
  if (!level || !inSecurityLevel(state, caller, { ...issue, securityLevelId: level.id })) {
    return { error: 'Security level: The security level is invalid.' };
  }
  return { levelId: level.id };
}

function resolveUser(
  request: RouteRequest,
  value: unknown,
): { accountId: string | null } | { error: string } {
  const parsed = userRef.safeParse(value);
  if (!parsed.success) return { error: "Specify the user by 'accountId'." };
  if (parsed.data === null) return { accountId: null };
  const user = request.site.state.getUser(parsed.data.accountId);
  if (!user || !user.active) return { error: `User '${parsed.data.accountId}' cannot be assigned issues.` };
  return { accountId: user.accountId };
}

function createIssue(request: RouteRequest) {
  const body = parseBody(request, createSchema);
  const { state } = request.site;
  const fields = body.fields;
  const errors: Record<string, string> = {};
  for (const name of Object.keys(fields)) if (!SETTABLE_ON_CREATE.has(name)) errors[name] = cannotSet(name);
  for (const name of Object.keys(body.update ?? {})) errors[name] = cannotSet(name);

  const projectRef = ref.safeParse(fields.project);
  const projectIdOrKey = projectRef.success ? (projectRef.data.id ?? projectRef.data.key) : undefined;
  const project = projectIdOrKey === undefined ? undefined : state.getProject(projectIdOrKey);
  if (!project || !canBrowseProject(state, request.caller.user, project)) {
    errors.project = 'Specify a valid project ID or key';
  } else if (!hasProjectPermission(state, request.caller.user, project, 'CREATE_ISSUES')) {
    errors.project = 'You do not have permission to create issues in this project.';
  }

  const typeRefParsed = typeRef.safeParse(fields.issuetype);
  const wantedType = typeRefParsed.success ? typeRefParsed.data : undefined;
  const type =
    project && wantedType
      ? state
          .issueTypesOf(project)
          .find(
            (t) =>
              t.id === wantedType.id ||
              (wantedType.name !== undefined && t.name.toLowerCase() === wantedType.name.toLowerCase()),
          )
      : undefined;
  if (!type) errors.issuetype = 'Specify a valid issue type';

  const summary = typeof fields.summary === 'string' ? fields.summary.trim() : '';
  if (summary === '') errors.summary = 'You must specify a summary of the issue.';
  else if (summary.length > 255) errors.summary = 'Summary must be less than 255 characters.';

  let parentId: string | null = null;
  if (project && type) {
    const parent = resolveParent(request, fields.parent, type.id, project);
    if ('error' in parent) errors.parent = parent.error;
    else parentId = parent.parent?.id ?? null;
  }
  let assigneeId: string | null = null;
  if (fields.assignee !== undefined) {
    const assignee = resolveUser(request, fields.assignee);
    if ('error' in assignee) errors.assignee = assignee.error;
    else assigneeId = assignee.accountId;
  }
  let reporterId: string | null =
    request.caller.user.accountType === 'atlassian' ? request.caller.user.accountId : null;
  if (fields.reporter !== undefined) {
    const reporter = resolveUser(request, fields.reporter);
    if ('error' in reporter) errors.reporter = reporter.error;
    else reporterId = reporter.accountId;
  }
  const properties = new Map<string, unknown>();
  for (const p of body.properties ?? []) {
    const problem = propertyKeyError(p.key) ?? propertyValueError(p.value);
    if (problem) errors[`properties.${p.key}`] = problem;
    else properties.set(p.key, p.value);
  }
  let securityLevelId: string | null = null;
  if (fields.security !== undefined && project) {
    // Judged for the issue being created: its reporter and assignee count as members.
    const draft: SiteIssue = {
      id: '',
      key: '',
      projectId: project.id,
      number: 0,
      issueTypeId: type?.id ?? '',
      statusId: '',
      summary,
      created: 0,
      updated: 0,
      parentId,
      assigneeId,
      reporterId,
      securityLevelId: null,
      properties,
    };
    const security = resolveSecurity(request, fields.security, project, draft);
    if ('error' in security) errors.security = security.error;
    else securityLevelId = security.levelId;
  }
  if (Object.keys(errors).length > 0 || !project || !type) throw fieldErrors(errors);

  const issue = state.createIssue(
    {
      projectId: project.id,
      issueTypeId: type.id,
      summary,
      parentId,
      assigneeId,
      reporterId,
      properties,
      securityLevelId,
    },
    request.caller.user.accountId,
  );
  return { status: 201, body: { id: issue.id, key: issue.key, self: issueUrl(request.site.render, issue) } };
}

function editIssue(request: RouteRequest) {
  const issue = visibleIssue(request, param(request, 'issueIdOrKey'));
  const body = parseBody(request, editSchema);
  const { state } = request.site;
  if (!hasIssuePermission(state, request.caller.user, issue, 'EDIT_ISSUES')) {
    throw new JiraHttpError(400, errorCollection([MESSAGES.noEditPermission]));
  }
  const fields = body.fields ?? {};
  const errors: Record<string, string> = {};
  for (const name of Object.keys(fields)) if (!SETTABLE_ON_EDIT.has(name)) errors[name] = cannotSet(name);
  for (const name of Object.keys(body.update ?? {})) errors[name] = cannotSet(name);
  const changes: { summary?: string; parentId?: string | null; assigneeId?: string | null } = {};
  if ('summary' in fields) {
    const summary = typeof fields.summary === 'string' ? fields.summary.trim() : '';
    if (summary === '') errors.summary = 'You must specify a summary of the issue.';
    else changes.summary = summary;
  }
  if ('parent' in fields) {
    const project = state.projects.get(issue.projectId);
    const parent = project
      ? resolveParent(request, fields.parent, issue.issueTypeId, project)
      : { error: 'no project' };
    if ('error' in parent) errors.parent = parent.error;
    else if (parent.parent?.id === issue.id) errors.parent = 'An issue cannot be its own parent.';
    else changes.parentId = parent.parent?.id ?? null;
  }
  if ('assignee' in fields) {
    const assignee = resolveUser(request, fields.assignee);
    if ('error' in assignee) errors.assignee = assignee.error;
    else changes.assigneeId = assignee.accountId;
  }
  let securityLevelId: string | null | undefined;
  if ('security' in fields) {
    const project = state.projects.get(issue.projectId);
    const security = project
      ? resolveSecurity(request, fields.security, project, issue)
      : { error: cannotSet('security') };
    if ('error' in security) errors.security = security.error;
    else securityLevelId = security.levelId;
  }
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  state.updateIssue(issue, changes, request.caller.user.accountId);
  if (securityLevelId !== undefined)
    state.setIssueSecurityLevel(issue, securityLevelId, request.caller.user.accountId);
  if (request.query.get('returnIssue') === 'true') {
    return {
      status: 200,
      body: issueJson({ ...request.site.render, viewer: request.caller.user }, issue, {
        fields: selectFields(undefined, true).fields,
        full: true,
      }),
    };
  }
  return { status: 204 };
}

function deleteIssue(request: RouteRequest) {
  const issue = visibleIssue(request, param(request, 'issueIdOrKey'));
  const { state } = request.site;
  if (!hasIssuePermission(state, request.caller.user, issue, 'DELETE_ISSUES')) {
    throw new JiraHttpError(
      403,
      errorCollection(['You do not have permission to delete issues in this project.']),
    );
  }
  const hasSubtasks = [...state.issues.values()].some(
    (i) => i.parentId === issue.id && state.issueType(i.issueTypeId).subtask,
  );
  if (hasSubtasks && request.query.get('deleteSubtasks') !== 'true') {
    throw new JiraHttpError(
      400,
      errorCollection([
        `The issue '${issue.key}' has subtasks. Set deleteSubtasks to true to delete them with it.`,
      ]),
    );
  }
  state.deleteIssue(issue, request.caller.user.accountId);
  return { status: 204 };
}

function getIssue(request: RouteRequest) {
  const issue = visibleIssue(request, param(request, 'issueIdOrKey'));
  const selection = selectFields(listParam(request.query, 'fields'), true);
  const properties = propertiesParam(request);
  return {
    status: 200,
    body: issueJson({ ...request.site.render, viewer: request.caller.user }, issue, {
      fields: selection.fields,
      full: true,
      ...(properties !== undefined ? { properties } : {}),
    }),
  };
}

const bulkFetchSchema = z
  .object({
    expand: z.array(z.string()).optional(),
    fields: z.array(z.string()).optional(),
    fieldsByKeys: z.boolean().optional(),
    issueIdsOrKeys: z.array(z.string()),
    properties: z.array(z.string()).optional(),
  })
  .strict();

export const BULK_FETCH_LIMITS = { maxIssues: 100, maxProperties: 5 } as const;

/**
 * `POST /issue/bulkfetch`: up to 100 issues by id or key (any letter case), in ascending id order. Issues that do
 * not exist or that the caller cannot see are simply left out: the document says they are not listed in
 * `issueErrors` either (that list is for retriable failures, which this site never has). Always current: it
 * reads the issues themselves, not the search index.
 */
function bulkFetch(request: RouteRequest) {
  const body = parseBody(request, bulkFetchSchema);
  const wanted = body.issueIdsOrKeys.map((v) => v.trim()).filter((v) => v !== '');
  if (wanted.length === 0 || wanted.length > BULK_FETCH_LIMITS.maxIssues) {
    throw new JiraHttpError(
      400,
      errorCollection([
        `Between 1 and ${BULK_FETCH_LIMITS.maxIssues} issue IDs or keys must be provided, ${wanted.length} were.`,
      ]),
    );
  }
  const properties = (body.properties ?? [])
    .flatMap((p) => p.split(','))
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (properties.length > BULK_FETCH_LIMITS.maxProperties) {
    throw new JiraHttpError(
      400,
      errorCollection([
        `You can request up to ${BULK_FETCH_LIMITS.maxProperties} issue properties, ${properties.length} were requested.`,
      ]),
    );
  }
  const { state } = request.site;
  const found = new Map<string, SiteIssue>();
  for (const idOrKey of wanted) {
    const issue = state.getIssue(idOrKey);
    if (issue && canBrowseIssue(state, request.caller.user, issue)) found.set(issue.id, issue);
  }
  const selection = selectFields(body.fields, true);
  const render = { ...request.site.render, viewer: request.caller.user, memo: new Map<string, unknown>() };
  const issues = [...found.values()]
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((issue) =>
      issueJson(render, issue, {
        fields: selection.fields,
        full: true,
        ...(properties.length > 0 ? { properties } : {}),
      }),
    );
  return { status: 200, body: { issueErrors: [], issues } };
}

export function registerIssueRoutes(router: Router): void {
  router
    .add('GET', '/rest/api/3/issue/{issueIdOrKey}', getIssue)
    .add('POST', '/rest/api/3/issue/bulkfetch', bulkFetch)
    .add('POST', '/rest/api/3/issue', createIssue)
    .add('PUT', '/rest/api/3/issue/{issueIdOrKey}', editIssue)
    .add('DELETE', '/rest/api/3/issue/{issueIdOrKey}', deleteIssue);
  // Transitions: routes/transitions.ts (they run the app's workflow validators).
}
