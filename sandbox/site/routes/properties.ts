// Issue entity properties: list keys, get, set, delete one, and the asynchronous bulk set
// (`POST /issue/properties/multi` -> 303 + Location of a task, followed with `GET /task/{taskId}`).
// Reading needs Browse Projects; writing needs Browse Projects and Edit Issues on the issue (without edit: PUT
// 403, DELETE 404, as the OpenAPI document lists them; in the bulk set, that issue fails inside the task). Edit
// Issues on the issue is the project's grant less what its workflow status denies (`jira.permission.edit.denied`,
// ../permissions.ts): an issue in such a status is read-only for everyone, the app included.
import { z } from 'zod';
import { JiraHttpError, MESSAGES, errorCollection, notFound } from '../errors';
import { canBrowseIssue, hasGlobalPermission, hasIssuePermission } from '../permissions';
import { parseBody, type RouteRequest, type Router } from '../router';
import { taskJson } from '../tasks';
import { parsePropertyText, propertyKeyError, propertyValueError } from './property-rules';
import { param, requireIssuePermission, visibleIssue } from './shared';

function propertyUrl(request: RouteRequest, issueKey: string, key: string): string {
  return `${request.site.render.baseUrl}/rest/api/3/issue/${issueKey}/properties/${encodeURIComponent(key)}`;
}

function listKeys(request: RouteRequest) {
  const issue = visibleIssue(request, param(request, 'issueIdOrKey'));
  return {
    status: 200,
    body: {
      keys: [...issue.properties.keys()].map((key) => ({ key, self: propertyUrl(request, issue.key, key) })),
    },
  };
}

function getProperty(request: RouteRequest) {
  const issue = visibleIssue(request, param(request, 'issueIdOrKey'));
  const key = param(request, 'propertyKey');
  if (!issue.properties.has(key)) throw notFound(MESSAGES.propertyNotFound(key));
  return { status: 200, body: { key, value: issue.properties.get(key) } };
}

function setProperty(request: RouteRequest) {
  const issue = visibleIssue(request, param(request, 'issueIdOrKey'));
  requireIssuePermission(request, issue, 'EDIT_ISSUES', 403, MESSAGES.noEditPermission);
  const key = param(request, 'propertyKey');
  const keyProblem = propertyKeyError(key);
  if (keyProblem) throw new JiraHttpError(400, errorCollection([keyProblem]));
  const value = parsePropertyText(request.rawBody);
  if (!value.ok) throw new JiraHttpError(400, errorCollection([value.message]));
  const outcome = request.site.state.setIssueProperty(issue, key, value.value, request.caller.user.accountId);
  return { status: outcome === 'created' ? 201 : 200 };
}

function deleteProperty(request: RouteRequest) {
  const issue = visibleIssue(request, param(request, 'issueIdOrKey'));
  // The document gives DELETE no 403: without Edit Issues it answers 404 ("or the user does not have
  // permission to edit the issue"), unlike PUT.
  requireIssuePermission(request, issue, 'EDIT_ISSUES', 404, MESSAGES.noEditPermission);
  const key = param(request, 'propertyKey');
  if (!request.site.state.deleteIssueProperty(issue, key, request.caller.user.accountId)) {
    throw notFound(MESSAGES.propertyNotFound(key));
  }
  return { status: 204 };
}

const bulkSchema = z
  .object({
    issues: z
      .array(
        z.object({
          issueID: z.number().int(),
          properties: z.record(z.string(), z.unknown()),
        }),
      )
      .min(1),
  })
  .strict();

const BULK_LIMITS = { maxIssues: 100, maxPropertiesPerIssue: 10 } as const;

/**
 * The task's `result` (any JSON in Jira's document): which issues were updated and which failed with why. The
 * operation is not transactional, so one failing issue does not stop the others.
 */
export interface BulkPropertyResult {
  successfulIssues: number[];
  failedIssues: Array<{ issueID: number; errors: string[] }>;
}

function bulkSetProperties(request: RouteRequest) {
  const body = parseBody(request, bulkSchema);
  const problems: string[] = [];
  if (body.issues.length > BULK_LIMITS.maxIssues) {
    problems.push(`At most ${BULK_LIMITS.maxIssues} issues can be updated in one request.`);
  }
  for (const entry of body.issues) {
    const entries = Object.entries(entry.properties);
    if (entries.length < 1 || entries.length > BULK_LIMITS.maxPropertiesPerIssue) {
      problems.push(
        `Issue ${entry.issueID}: between 1 and ${BULK_LIMITS.maxPropertiesPerIssue} properties can be set per issue.`,
      );
    }
    for (const [key, value] of entries) {
      const problem = propertyKeyError(key) ?? propertyValueError(value);
      if (problem) problems.push(`Issue ${entry.issueID}, property '${key}': ${problem}`);
    }
  }
  if (problems.length > 0) throw new JiraHttpError(400, errorCollection(problems));

  const { state } = request.site;
  const caller = request.caller.user;
  const task = request.site.tasks.submit(
    'Bulk set issue properties',
    caller.accountId,
    (): BulkPropertyResult => {
      const result: BulkPropertyResult = { successfulIssues: [], failedIssues: [] };
      for (const entry of body.issues) {
        const issue = state.issues.get(String(entry.issueID));
        if (!issue || !canBrowseIssue(state, caller, issue)) {
          result.failedIssues.push({ issueID: entry.issueID, errors: [MESSAGES.issueNotFound] });
        } else if (!hasIssuePermission(state, caller, issue, 'EDIT_ISSUES')) {
          result.failedIssues.push({ issueID: entry.issueID, errors: [MESSAGES.noEditPermission] });
        } else {
          for (const [key, value] of Object.entries(entry.properties))
            state.setIssueProperty(issue, key, value, caller.accountId);
          result.successfulIssues.push(entry.issueID);
        }
      }
      return result;
    },
  );
  const location = `${request.site.render.baseUrl}/rest/api/3/task/${task.id}`;
  return {
    status: 303,
    headers: { Location: location },
    body: taskJson(request.site.render.baseUrl, task, request.site.now()),
  };
}

function getTask(request: RouteRequest) {
  const id = param(request, 'taskId');
  const task = request.site.tasks.get(id);
  if (!task) throw notFound(`The task with id '${id}' does not exist.`);
  const caller = request.caller.user;
  if (
    task.ownerAccountId !== caller.accountId &&
    !hasGlobalPermission(request.site.state, caller, 'ADMINISTER')
  ) {
    throw new JiraHttpError(
      403,
      errorCollection(['Only the user who submitted the task or a Jira administrator can view it.']),
    );
  }
  return { status: 200, body: taskJson(request.site.render.baseUrl, task, request.site.now()) };
}

export function registerPropertyRoutes(router: Router): void {
  router
    .add('GET', '/rest/api/3/issue/{issueIdOrKey}/properties', listKeys)
    .add('GET', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', getProperty)
    .add('PUT', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', setProperty)
    .add('DELETE', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', deleteProperty)
    .add('POST', '/rest/api/3/issue/properties/multi', bulkSetProperties)
    .add('GET', '/rest/api/3/task/{taskId}', getTask);
}
