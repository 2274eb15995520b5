// Lookups every route needs, with Jira's answers when something is missing or hidden: an issue or project the
// caller cannot browse does not exist for them (404), exactly as Jira answers.
import { JiraHttpError, MESSAGES, errorCollection, notFound } from '../errors';
import type { SiteIssue, SiteProject } from '../model';
import { canBrowseIssue, canBrowseProject, hasIssuePermission } from '../permissions';
import type { RouteRequest } from '../router';

export function visibleIssue(request: RouteRequest, idOrKey: string): SiteIssue {
  const issue = request.site.state.getIssue(idOrKey);
  if (!issue || !canBrowseIssue(request.site.state, request.caller.user, issue))
    throw notFound(MESSAGES.issueNotFound);
  return issue;
}

export function visibleProject(request: RouteRequest, idOrKey: string): SiteProject {
  const project = request.site.state.getProject(idOrKey);
  if (!project || !canBrowseProject(request.site.state, request.caller.user, project)) {
    throw notFound(MESSAGES.projectNotFound(idOrKey));
  }
  return project;
}

export function requireIssuePermission(
  request: RouteRequest,
  issue: SiteIssue,
  permission: string,
  status: number,
  message: string,
): void {
  if (!hasIssuePermission(request.site.state, request.caller.user, issue, permission)) {
    throw new JiraHttpError(status, errorCollection([message]));
  }
}

export function param(request: RouteRequest, name: string): string {
  return request.params[name] ?? '';
}
