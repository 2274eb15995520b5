// `POST /issue/{key}/notify`: instead of sending email, the site stores each message in an outbox with its
// recipients resolved as Jira would: the users, reporter, assignee and group members addressed, narrowed by
// `restrict` (groups, permissions), and only active people who can browse the issue. Who was left out, and
// why, is kept too, so tests and the host UI can show it. As Jira does, naming the caller as a recipient, or the
// assignee of an unassigned issue, is a 400.
import { z } from 'zod';
import { JiraHttpError, errorCollection } from '../errors';
import type { OutboxMessage, SiteIssue, SiteUser } from '../model';
import { canBrowseIssue, hasIssuePermission } from '../permissions';
import { parseBody, type RouteRequest, type Router } from '../router';
import { param, visibleIssue } from './shared';

const groupRef = z.object({ name: z.string().optional(), groupId: z.string().optional() }).passthrough();

const notificationSchema = z
  .object({
    subject: z.string().optional(),
    textBody: z.string().optional(),
    htmlBody: z.string().optional(),
    to: z
      .object({
        reporter: z.boolean().optional(),
        assignee: z.boolean().optional(),
        watchers: z.boolean().optional(),
        voters: z.boolean().optional(),
        users: z.array(z.object({ accountId: z.string() }).passthrough()).optional(),
        groups: z.array(groupRef).optional(),
        groupIds: z.array(z.string()).optional(),
      })
      .passthrough()
      .optional(),
    restrict: z
      .object({
        groups: z.array(groupRef).optional(),
        groupIds: z.array(z.string()).optional(),
        permissions: z
          .array(z.object({ id: z.string().optional(), key: z.string().optional() }).passthrough())
          .optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

type Notification = z.infer<typeof notificationSchema>;

function groupNames(
  request: RouteRequest,
  refs: Array<z.infer<typeof groupRef>> | undefined,
  ids: string[] | undefined,
): string[] {
  const groups = [...request.site.state.groups.values()];
  const names = (refs ?? []).flatMap((g) =>
    groups.filter((x) => x.name === g.name || x.groupId === g.groupId).map((x) => x.name),
  );
  for (const id of ids ?? []) for (const g of groups) if (g.groupId === id) names.push(g.name);
  return names;
}

function addressedAccounts(request: RouteRequest, issue: SiteIssue, notification: Notification): string[] {
  const to = notification.to ?? {};
  const ids: string[] = (to.users ?? []).map((u) => u.accountId);
  if (to.reporter && issue.reporterId) ids.push(issue.reporterId);
  if (to.assignee && issue.assigneeId) ids.push(issue.assigneeId);
  // The site keeps no watchers or voters: those flags address nobody.
  for (const name of groupNames(request, to.groups, to.groupIds)) {
    for (const member of request.site.state.membersOf(name)) ids.push(member.accountId);
  }
  return [...new Set(ids)];
}

function exclusionReason(
  request: RouteRequest,
  issue: SiteIssue,
  user: SiteUser | undefined,
  notification: Notification,
): string | undefined {
  if (!user) return 'unknown account';
  if (user.accountType !== 'atlassian') return 'not a person';
  if (!user.active) return 'account deactivated';
  if (!canBrowseIssue(request.site.state, user, issue)) return 'cannot browse the issue';
  const restrict = notification.restrict;
  const restrictGroups = groupNames(request, restrict?.groups, restrict?.groupIds);
  if (
    (restrict?.groups?.length ?? 0) + (restrict?.groupIds?.length ?? 0) > 0 &&
    !restrictGroups.some((g) => user.groups.includes(g))
  ) {
    return 'not in the restricting groups';
  }
  for (const p of restrict?.permissions ?? []) {
    const key = p.key ?? p.id;
    if (key !== undefined && !hasIssuePermission(request.site.state, user, issue, key))
      return `lacks the ${key} permission`;
  }
  return undefined;
}

/**
 * Jira's 400s for recipients named outright (the document: "the recipient is the same as the calling user", "the
 * recipient is set to the assignee, but the issue is unassigned"). Group members are not named outright: a
 * group that holds the caller does not fail the call.
 */
function invalidRecipients(request: RouteRequest, issue: SiteIssue, notification: Notification): string[] {
  const to = notification.to ?? {};
  const caller = request.caller.user.accountId;
  const problems: string[] = [];
  if (to.assignee === true && issue.assigneeId === null)
    problems.push('The issue is unassigned, so it cannot be sent to the assignee.');
  if (to.reporter === true && issue.reporterId === null)
    problems.push('The issue has no reporter, so it cannot be sent to the reporter.');
  const named = [
    ...(to.users ?? []).map((u) => u.accountId),
    ...(to.assignee === true && issue.assigneeId !== null ? [issue.assigneeId] : []),
    ...(to.reporter === true && issue.reporterId !== null ? [issue.reporterId] : []),
  ];
  if (named.includes(caller)) problems.push('The recipient of the notification cannot be the sender.');
  return problems;
}

function notify(request: RouteRequest) {
  const issue = visibleIssue(request, param(request, 'issueIdOrKey'));
  const notification = parseBody(request, notificationSchema);
  const problems = invalidRecipients(request, issue, notification);
  if (problems.length > 0) throw new JiraHttpError(400, errorCollection(problems));
  // Jira's 403 "outgoing emails are disabled" (the OpenAPI document): the site admin's switch.
  if (!request.site.state.outgoingMail)
    throw new JiraHttpError(
      403,
      errorCollection(['Outgoing mail is disabled for this site, so no email was sent.']),
    );
  const { state } = request.site;
  const message: OutboxMessage = {
    id: String(state.outbox.length + 1),
    issueId: issue.id,
    issueKey: issue.key,
    sentBy: request.caller.user.accountId,
    sentAt: new Date(request.site.now()).toISOString(),
    subject: notification.subject ?? `${issue.key}: ${issue.summary}`,
    textBody: notification.textBody ?? '',
    htmlBody: notification.htmlBody ?? null,
    recipients: [],
    skipped: [],
  };
  for (const accountId of addressedAccounts(request, issue, notification)) {
    const user = state.getUser(accountId);
    const reason = exclusionReason(request, issue, user, notification);
    if (reason !== undefined || !user)
      message.skipped.push({ accountId, reason: reason ?? 'unknown account' });
    else message.recipients.push({ accountId, displayName: user.displayName, email: user.email });
  }
  state.addOutboxMessage(message);
  return { status: 204 };
}

export function registerNotifyRoutes(router: Router): void {
  router.add('POST', '/rest/api/3/issue/{issueIdOrKey}/notify', notify);
}
