// Jira Cloud's JSON shapes for what the site stores: users, projects, issue types, statuses, issues (with
// `fields` and, when asked, `properties`), project roles and their actors. Shapes and naming follow the
// platform OpenAPI document (User, Project, IssueTypeDetails, IssueBean, ProjectRole, RoleActor, ...).
import { categoryOf, type IssueType, type Status } from './catalog';
import { CUSTOM_FIELD_LIST, customFieldById, type CustomFieldId } from './custom-fields';
import type { SiteIssue, SiteProject, SiteRole, SiteUser } from './model';
import { inSecurityLevel } from './permissions';
import { visibleRoles } from './plan';
import type { SiteState } from './state';

export interface RenderContext {
  baseUrl: string;
  state: SiteState;
  /**
   * Per-response memo of the sub-objects many issues share (issue types, statuses, projects, parents, users),
   * so a page of 100 issues builds each once. Only for output that is serialized right away.
   */
  memo?: Map<string, unknown>;
  /**
   * Who the issues are rendered for: a `parent` this person cannot see (issue security) is left out, as Jira
   * does. Undefined: rendered for the site itself (event payloads), everything shown.
   */
  viewer?: SiteUser;
}

function memoized<T>(ctx: RenderContext, key: string, build: () => T): T {
  if (!ctx.memo) return build();
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const value = build();
  ctx.memo.set(key, value);
  return value;
}

/** The fields the site serves; `*all` and `*navigable` mean all of them. */
export const ISSUE_FIELDS = [
  'summary',
  'issuetype',
  'status',
  'created',
  'updated',
  'parent',
  'project',
  'assignee',
  'reporter',
  'security',
] as const;
export type IssueField = (typeof ISSUE_FIELDS)[number];

export const FIELD_NAMES: Record<IssueField, string> = {
  summary: 'Summary',
  issuetype: 'Issue Type',
  status: 'Status',
  created: 'Created',
  updated: 'Updated',
  parent: 'Parent',
  project: 'Project',
  assignee: 'Assignee',
  reporter: 'Reporter',
  security: 'Security Level',
};

/** Jira's timestamp format: ISO-8601 with milliseconds and a `+0000` style offset. */
export function jiraDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

export function avatarUrls(ctx: RenderContext, accountId: string): Record<string, string> {
  const base = `${ctx.baseUrl}/_sandbox/avatar/${encodeURIComponent(accountId)}`;
  return {
    '48x48': `${base}?size=48`,
    '24x24': `${base}?size=24`,
    '16x16': `${base}?size=16`,
    '32x32': `${base}?size=32`,
  };
}

export function userUrl(ctx: RenderContext, accountId: string): string {
  return `${ctx.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`;
}

/** A user as Jira embeds one (issue fields, user/bulk, user/search). */
export function userJson(ctx: RenderContext, user: SiteUser): Record<string, unknown> {
  const json: Record<string, unknown> = {
    self: userUrl(ctx, user.accountId),
    accountId: user.accountId,
    accountType: user.accountType,
    avatarUrls: avatarUrls(ctx, user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    locale: user.locale,
  };
  if (user.email !== null) json.emailAddress = user.email;
  return json;
}

/** A user as `GET /myself` and `GET /user` return one (with the groups and application role summaries). */
export function fullUserJson(ctx: RenderContext, user: SiteUser): Record<string, unknown> {
  return {
    ...userJson(ctx, user),
    groups: { size: user.groups.length, items: [] },
    applicationRoles: { size: user.accountType === 'atlassian' ? 1 : 0, items: [] },
    expand: 'groups,applicationRoles',
  };
}

export function issueTypeJson(ctx: RenderContext, type: IssueType): Record<string, unknown> {
  return {
    self: `${ctx.baseUrl}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${ctx.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.avatarId}?size=medium`,
    name: type.name,
    subtask: type.subtask,
    avatarId: type.avatarId,
    hierarchyLevel: type.hierarchyLevel,
  };
}

export function statusJson(ctx: RenderContext, status: Status): Record<string, unknown> {
  const category = categoryOf(status);
  return {
    self: `${ctx.baseUrl}/rest/api/3/status/${status.id}`,
    description: status.description,
    iconUrl: `${ctx.baseUrl}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: {
      self: `${ctx.baseUrl}/rest/api/3/statuscategory/${category.id}`,
      id: category.id,
      key: category.key,
      colorName: category.colorName,
      name: category.name,
    },
  };
}

function projectAvatarUrls(ctx: RenderContext, project: SiteProject): Record<string, string> {
  const base = `${ctx.baseUrl}/secure/projectavatar?pid=${project.id}`;
  return {
    '48x48': `${base}&size=large`,
    '24x24': `${base}&size=small`,
    '16x16': `${base}&size=xsmall`,
    '32x32': `${base}&size=medium`,
  };
}

/** The short project shape embedded in an issue's `project` field. */
export function projectRefJson(ctx: RenderContext, project: SiteProject): Record<string, unknown> {
  return {
    self: `${ctx.baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: 'software',
    simplified: false,
    avatarUrls: projectAvatarUrls(ctx, project),
  };
}

/** `GET /project/{projectIdOrKey}`. */
export function projectJson(ctx: RenderContext, project: SiteProject): Record<string, unknown> {
  const lead = ctx.state.getUser(project.leadAccountId);
  const json: Record<string, unknown> = {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${ctx.baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    description: project.description,
    name: project.name,
    avatarUrls: projectAvatarUrls(ctx, project),
    projectTypeKey: 'software',
    simplified: project.style === 'next-gen',
    style: project.style,
    isPrivate: false,
    properties: {},
    assigneeType: 'UNASSIGNED',
    components: [],
    versions: [],
    issueTypes: ctx.state.issueTypesOf(project).map((t) => issueTypeJson(ctx, t)),
    roles: roleLinksJson(ctx, project),
  };
  if (lead) json.lead = userJson(ctx, lead);
  return json;
}

export function roleUrl(ctx: RenderContext, project: SiteProject, role: SiteRole): string {
  return `${ctx.baseUrl}/rest/api/3/project/${project.key}/role/${role.id}`;
}

/** `GET /project/{key}/role`: role name -> role URL. */
export function roleLinksJson(ctx: RenderContext, project: SiteProject): Record<string, string> {
  return Object.fromEntries(
    visibleRoles(ctx.state, project).map((role) => [role.name, roleUrl(ctx, project, role)]),
  );
}

/** `GET /project/{key}/role/{id}`: the role with its actors (users and groups, Jira's actor shape). */
export function roleJson(
  ctx: RenderContext,
  project: SiteProject,
  role: SiteRole,
  options: { excludeInactiveUsers: boolean },
): Record<string, unknown> {
  const actors: Array<Record<string, unknown>> = [];
  role.actors.forEach((actor, index) => {
    // Actor ids are stable per role and position, as in Jira where each actor row has its own id.
    const id = role.id * 100 + index;
    if (actor.type === 'user') {
      const user = ctx.state.getUser(actor.accountId);
      if (!user || (options.excludeInactiveUsers && !user.active)) return;
      actors.push({
        id,
        displayName: user.displayName,
        type: 'atlassian-user-role-actor',
        avatarUrl: avatarUrls(ctx, user.accountId)['48x48'],
        actorUser: { accountId: user.accountId },
      });
    } else {
      const group = ctx.state.groups.get(actor.groupName);
      if (!group) return;
      actors.push({
        id,
        displayName: group.name,
        type: 'atlassian-group-role-actor',
        name: group.name,
        actorGroup: { name: group.name, displayName: group.name, groupId: group.groupId },
      });
    }
  });
  return {
    self: roleUrl(ctx, project, role),
    name: role.name,
    id: role.id,
    description: role.description,
    actors,
    scope: { type: 'PROJECT', project: { id: project.id, key: project.key, name: project.name } },
  };
}

export function issueUrl(ctx: RenderContext, issue: SiteIssue): string {
  return `${ctx.baseUrl}/rest/api/3/issue/${issue.id}`;
}

function fieldValue(ctx: RenderContext, issue: SiteIssue, field: IssueField): unknown {
  const { state } = ctx;
  switch (field) {
    case 'summary':
      return issue.summary;
    case 'issuetype':
      return memoized(ctx, `type:${issue.issueTypeId}`, () =>
        issueTypeJson(ctx, state.issueType(issue.issueTypeId)),
      );
    case 'status':
      return memoized(ctx, `status:${issue.statusId}`, () => statusJson(ctx, state.status(issue.statusId)));
    case 'created':
      return jiraDate(issue.created);
    case 'updated':
      return jiraDate(issue.updated);
    case 'project':
      return memoized(ctx, `project:${issue.projectId}`, () => {
        const project = state.projects.get(issue.projectId);
        return project ? projectRefJson(ctx, project) : null;
      });
    case 'assignee':
    case 'reporter': {
      const accountId = field === 'assignee' ? issue.assigneeId : issue.reporterId;
      if (accountId === null) return null;
      return memoized(ctx, `user:${accountId}`, () => {
        const user = state.getUser(accountId);
        return user ? userJson(ctx, user) : null;
      });
    }
    case 'security': {
      // Jira's SecurityLevel shape; null when the issue is not secured.
      const level = issue.securityLevelId === null ? undefined : state.securityLevel(issue.securityLevelId);
      if (!level) return null;
      return memoized(ctx, `security:${level.id}`, () => ({
        self: `${ctx.baseUrl}/rest/api/3/securitylevel/${level.id}`,
        id: level.id,
        description: level.description,
        name: level.name,
      }));
    }
    case 'parent': {
      const parent = issue.parentId === null ? undefined : state.issues.get(issue.parentId);
      if (!parent) return undefined;
      // A parent hidden from the reader by issue security is left out, as if there were none. (A parent in a
      // project the reader cannot browse is still named, with its summary, status and type, as before.)
      if (ctx.viewer && !inSecurityLevel(state, ctx.viewer, parent)) return undefined;
      return memoized(ctx, `parent:${parent.id}`, () => ({
        id: parent.id,
        key: parent.key,
        self: issueUrl(ctx, parent),
        fields: {
          summary: parent.summary,
          status: statusJson(ctx, state.status(parent.statusId)),
          issuetype: issueTypeJson(ctx, state.issueType(parent.issueTypeId)),
        },
      }));
    }
  }
}

export interface IssueView {
  /** Fields to include (custom fields by id); empty: an "ids only" representation. */
  fields: ReadonlySet<IssueField | CustomFieldId>;
  /** Property keys to include, or 'all'; undefined: no `properties` member at all. */
  properties?: readonly string[] | 'all';
  /** Include `key`, `self` and `fields` (false only for ids-only search results). */
  full: boolean;
}

export function issueJson(ctx: RenderContext, issue: SiteIssue, view: IssueView): Record<string, unknown> {
  if (!view.full) return withProperties({ id: issue.id }, issue, view);
  const json: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
  };
  json.self = issueUrl(ctx, issue);
  json.key = issue.key;
  const fields: Record<string, unknown> = {};
  for (const field of ISSUE_FIELDS) {
    if (!view.fields.has(field)) continue;
    const value = fieldValue(ctx, issue, field);
    // Jira leaves `parent` out when there is none; other empty fields are null.
    if (value !== undefined) fields[field] = value;
  }
  for (const field of view.fields) {
    const custom = customFieldById(field);
    // A custom field the site has: its value, or null when empty (Jira's answer for an existing field).
    if (custom) fields[custom.id] = customFieldValue(ctx, issue, custom.id);
  }
  json.fields = fields;
  return withProperties(json, issue, view);
}

function withProperties(
  json: Record<string, unknown>,
  issue: SiteIssue,
  view: IssueView,
): Record<string, unknown> {
  if (view.properties === undefined) return json;
  const properties: Record<string, unknown> = {};
  const wanted = view.properties === 'all' ? [...issue.properties.keys()] : view.properties;
  // Values are shared with the state, not copied: callers serialize them (or clone, as the event hook does).
  for (const key of wanted) if (issue.properties.has(key)) properties[key] = issue.properties.get(key);
  json.properties = properties;
  return json;
}

/** A user picker's value as Jira returns it: a user, a list of users (multi-user), or null when empty. */
function customFieldValue(ctx: RenderContext, issue: SiteIssue, id: CustomFieldId): unknown {
  const value = issue.customFields?.[id];
  const user = (accountId: string) =>
    memoized(ctx, `user:${accountId}`, () => {
      const found = ctx.state.getUser(accountId);
      return found ? userJson(ctx, found) : null;
    });
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(user).filter((u) => u !== null);
  return user(value);
}

/** All fields (custom ones too) and all properties: the event hook's payload and the default GET issue view. */
export const FULL_VIEW: IssueView = {
  fields: new Set<IssueField | CustomFieldId>([...ISSUE_FIELDS, ...CUSTOM_FIELD_LIST.map((f) => f.id)]),
  properties: 'all',
  full: true,
};
