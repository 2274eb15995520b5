// The one Jira REST client: one function per endpoint over an injected transport (Forge `requestJira` as app
// or as user, or fetch with an API token). Statuses become typed `JiraError`s (./errors), responses are parsed
// loosely with zod (only the fields Role Split reads; unknown fields dropped), 429/503 are retried honouring
// Retry-After within a time budget.
//
// Every call is written as `http.requestJira(route`/rest/api/3/...`, { method: '...', ... })`: the Forge linter
// (`forge lint`, run offline by scripts/forge-lint.mjs) finds Jira calls by looking for a call of a function
// named `requestJira` whose first argument is a template literal and whose second is an object literal with a
// literal `method`, and checks the manifest's scopes for that path. Keep that exact shape for every endpoint,
// and never build a path by concatenation: the linter could not see it, and `route` could not escape it.
import { route } from '@forge/api';
import { z } from 'zod';
import { JiraError, errorFromResponse, parseErrorBody } from './errors';
import { createRequester, parseReply, type JiraClientOptions, type Reply } from './requester';
import {
  bulkFetchSchema,
  entityPropertySchema,
  fieldSchema,
  fieldValuesPageSchema,
  idPageSchema,
  groupsSchema,
  foundGroupsSchema,
  licenseSchema,
  issueSchema,
  issueTypeSchema,
  myPermissionsSchema,
  permissionGrantsSchema,
  projectRoleSchema,
  projectSchema,
  roleIdFromUrl,
  roleLinksSchema,
  searchPageSchema,
  taskIdFromLocation,
  taskSchema,
  toActor,
  toIssue,
  toUser,
  userPageSchema,
  userSchema,
} from './responses';
import type {
  BulkFetchResult,
  BulkPropertyTask,
  FieldValuesPage,
  JiraField,
  IdPage,
  JiraClient,
  JiraGroup,
  JiraLicense,
  JiraIssue,
  JiraIssueType,
  JiraProject,
  JiraTransport,
  JiraUser,
  NotifyRequest,
  PermissionCheckRequest,
  PermissionCheckResult,
  ProjectRole,
  SearchPage,
  SearchRequest,
  TaskStatus,
} from './types';

export type { JiraClientOptions } from './requester';

/** Issues per `/search/jql` page unless the request says otherwise: one page per 100 issues (product spec). */
export const SEARCH_PAGE_SIZE = 100;
/** Ids per id-only `/search/jql` page: Jira's maximum when only ids are asked for. */
export const ID_PAGE_SIZE = 5000;
/** `POST /issue/bulkfetch` limits, from its OpenAPI description. */
export const BULK_FETCH_MAX_ISSUES = 100;
export const BULK_FETCH_MAX_PROPERTIES = 5;
/**
 * Account ids per `/user/bulk` request. The OpenAPI document states no limit on repeated `accountId`
 * parameters; 50 keeps the URL short (ids can be 128 characters) and the page within one response.
 */
export const USER_BULK_BATCH_SIZE = 50;
/** `POST /issue/properties/multi` limits, from its OpenAPI description. */
export const BULK_PROPERTY_MAX_ISSUES = 100;
export const BULK_PROPERTY_MAX_PROPERTIES = 10;

/**
 * Whether a 404 from an issue-property endpoint means "the issue exists but has no such property". Jira uses
 * 404 both for a missing property ("The property with key 'k' does not exist.") and for a missing or hidden
 * issue ("Issue does not exist or you do not have permission to see it."), and the status alone cannot tell
 * them apart, so the message decides. Only a message that names the property counts as absent: an empty or
 * unrecognised 404 stays a not-found error, because reporting "no owner" for an issue we could not read would
 * be a false answer, while an error is merely an unanswered question.
 */
export function isMissingPropertyAnswer(bodyText: string): boolean {
  const { errorMessages } = parseErrorBody(bodyText);
  const mentionsProperty = errorMessages.some((message) => /\bpropert(y|ies)\b/i.test(message));
  const mentionsMissingIssue = errorMessages.some((message) =>
    /\bissue\b.*\b(does not|doesn't) exist/i.test(message),
  );
  return mentionsProperty && !mentionsMissingIssue;
}

/** An entity property's value from a GET that accepted 404: undefined when the property is absent. */
function propertyValue(reply: Reply): unknown {
  if (reply.status === 404) {
    if (isMissingPropertyAnswer(reply.text)) return undefined;
    throw errorFromResponse({ endpoint: reply.endpoint, status: reply.status, bodyText: reply.text });
  }
  const property = parseReply(reply, entityPropertySchema);
  if (!Object.hasOwn(property, 'value')) {
    throw new JiraError({
      kind: 'bad-response',
      endpoint: reply.endpoint,
      status: reply.status,
      detail: 'the property has no value',
    });
  }
  return property.value;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

// ---------------------------------------------------------------------------------------------------------

export function createJiraClient(transport: JiraTransport, options: JiraClientOptions = {}): JiraClient {
  const http = createRequester(transport, options);

  /**
   * One page of POST /search/jql (a read), parsed by `schema`, and the token of the next page: null on the last
   * one, which Jira marks with `isLast` or by leaving the token out.
   */
  async function searchJqlPage<
    T extends { nextPageToken?: string | undefined; isLast?: boolean | undefined },
  >(
    body: Record<string, unknown>,
    nextPageToken: string | null | undefined,
    schema: z.ZodType<T>,
  ): Promise<{ page: T; next: string | null }> {
    // The document types the token as a string: on the first page it is left out rather than sent as null.
    const request = nextPageToken ? { ...body, nextPageToken } : body;
    const reply = await http.requestJira(route`/rest/api/3/search/jql`, {
      method: 'POST',
      template: '/rest/api/3/search/jql',
      body: request,
      repeatable: true, // a read
    });
    const page = parseReply(reply, schema);
    const last = page.isLast === true || page.nextPageToken === undefined;
    return { page, next: last ? null : (page.nextPageToken ?? null) };
  }

  async function searchPage(request: SearchRequest, nextPageToken?: string | null): Promise<SearchPage> {
    const body: Record<string, unknown> = {
      jql: request.jql,
      fields: request.fields,
      maxResults: request.maxResults ?? SEARCH_PAGE_SIZE,
    };
    if (request.properties !== undefined && request.properties.length > 0)
      body.properties = request.properties;
    const { page, next } = await searchJqlPage(body, nextPageToken, searchPageSchema);
    const result: SearchPage = { issues: (page.issues ?? []).map(toIssue), nextPageToken: next };
    if (page.isLast !== undefined) result.isLast = page.isLast;
    return result;
  }

  async function searchIdsPage(jql: string, nextPageToken?: string | null): Promise<IdPage> {
    const body = { jql, fields: ['id'], maxResults: ID_PAGE_SIZE };
    const { page, next } = await searchJqlPage(body, nextPageToken, idPageSchema);
    return { ids: (page.issues ?? []).map((issue) => issue.id), nextPageToken: next };
  }

  async function bulkFetchIssues(request: {
    issueIdsOrKeys: string[];
    fields: string[];
    properties?: string[];
  }): Promise<BulkFetchResult> {
    const count = request.issueIdsOrKeys.length;
    if (count === 0 || count > BULK_FETCH_MAX_ISSUES) {
      throw new RangeError(
        `Bulk fetch takes 1 to ${BULK_FETCH_MAX_ISSUES} issues per request, not ${count}.`,
      );
    }
    if ((request.properties?.length ?? 0) > BULK_FETCH_MAX_PROPERTIES) {
      throw new RangeError(`Bulk fetch takes at most ${BULK_FETCH_MAX_PROPERTIES} properties.`);
    }
    const body: Record<string, unknown> = { issueIdsOrKeys: request.issueIdsOrKeys, fields: request.fields };
    if (request.properties !== undefined && request.properties.length > 0)
      body.properties = request.properties;
    const reply = await http.requestJira(route`/rest/api/3/issue/bulkfetch`, {
      method: 'POST',
      template: '/rest/api/3/issue/bulkfetch',
      body,
      repeatable: true, // a read
    });
    const raw = parseReply(reply, bulkFetchSchema);
    return {
      issues: (raw.issues ?? []).map(toIssue),
      issueErrors: (raw.issueErrors ?? []).map((e) => ({ id: e.id, message: e.errorMessage ?? '' })),
    };
  }

  async function* searchAll(
    request: SearchRequest,
    onPage?: (fetched: number) => void,
  ): AsyncGenerator<JiraIssue[], void, void> {
    const seenTokens = new Set<string>();
    let token: string | null = null;
    let fetched = 0;
    for (;;) {
      const page = await searchPage(request, token);
      fetched += page.issues.length;
      onPage?.(fetched);
      yield page.issues;
      // The end is only ever what Jira says: a short or even empty page may be followed by more.
      if (page.nextPageToken === null) return;
      if (seenTokens.has(page.nextPageToken)) {
        throw new JiraError({
          kind: 'bad-response',
          endpoint: 'POST /rest/api/3/search/jql',
          detail: 'Jira returned a nextPageToken it had already returned',
        });
      }
      seenTokens.add(page.nextPageToken);
      token = page.nextPageToken;
    }
  }

  async function getUsersBatch(accountIds: string[]): Promise<JiraUser[]> {
    const users: JiraUser[] = [];
    let startAt = 0;
    for (;;) {
      const query = new URLSearchParams();
      for (const accountId of accountIds) query.append('accountId', accountId);
      query.set('startAt', String(startAt));
      query.set('maxResults', String(accountIds.length));
      const reply = await http.requestJira(route`/rest/api/3/user/bulk?${query}`, {
        method: 'GET',
        template: '/rest/api/3/user/bulk',
      });
      const page = parseReply(reply, userPageSchema);
      const values = page.values ?? [];
      users.push(...values.map(toUser));
      startAt += values.length;
      const more =
        page.isLast === false ||
        (page.isLast === undefined && page.total !== undefined && startAt < page.total);
      // An empty page cannot advance `startAt`: stop rather than ask for the same page forever.
      if (!more || values.length === 0) return users;
    }
  }

  return {
    async getMyself() {
      const reply = await http.requestJira(route`/rest/api/3/myself`, {
        method: 'GET',
        template: '/rest/api/3/myself',
      });
      return toUser(parseReply(reply, userSchema));
    },

    async getProject(projectIdOrKey) {
      const reply = await http.requestJira(route`/rest/api/3/project/${projectIdOrKey}`, {
        method: 'GET',
        template: '/rest/api/3/project/{projectIdOrKey}',
      });
      const raw = parseReply(reply, projectSchema);
      const project: JiraProject = {
        id: raw.id,
        key: raw.key,
        name: raw.name,
        projectTypeKey: raw.projectTypeKey,
      };
      if (raw.style !== undefined) project.style = raw.style;
      if (raw.self !== undefined) project.self = raw.self;
      if (raw.lead !== undefined)
        project.lead = {
          accountId: raw.lead.accountId,
          ...(raw.lead.active === undefined ? {} : { active: raw.lead.active }),
        };
      return project;
    },

    async getProjectIssueTypes(projectId) {
      const reply = await http.requestJira(route`/rest/api/3/issuetype/project?projectId=${projectId}`, {
        method: 'GET',
        template: '/rest/api/3/issuetype/project',
      });
      return parseReply(reply, z.array(issueTypeSchema)).map((raw): JiraIssueType => ({
        id: raw.id,
        name: raw.name,
        hierarchyLevel: raw.hierarchyLevel,
        subtask: raw.subtask ?? raw.hierarchyLevel < 0,
      }));
    },

    searchPage,
    searchAll,
    searchIdsPage,
    bulkFetchIssues,

    async getIssue(issueIdOrKey, { fields, properties }) {
      const query = new URLSearchParams();
      // Without `fields` Jira returns every field: always ask for what is read.
      query.set('fields', fields.join(','));
      if (properties !== undefined && properties.length > 0) query.set('properties', properties.join(','));
      const reply = await http.requestJira(route`/rest/api/3/issue/${issueIdOrKey}?${query}`, {
        method: 'GET',
        template: '/rest/api/3/issue/{issueIdOrKey}',
      });
      return toIssue(parseReply(reply, issueSchema));
    },

    async getIssueProperty(issueIdOrKey, propertyKey) {
      const reply = await http.requestJira(
        route`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`,
        {
          method: 'GET',
          template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
          accept: [404],
        },
      );
      return propertyValue(reply);
    },

    async setIssueProperty(issueIdOrKey, propertyKey, value) {
      if (value === undefined) throw new TypeError('An issue property value must be JSON, not undefined.');
      await http.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`, {
        method: 'PUT',
        template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
        body: value,
      });
    },

    async deleteIssueProperty(issueIdOrKey, propertyKey) {
      const reply = await http.requestJira(
        route`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`,
        {
          method: 'DELETE',
          template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
          accept: [404],
        },
      );
      // Deleting a property that is already gone is done (and makes a retried DELETE harmless); a missing
      // issue is still an error, decided as for GET.
      if (reply.status === 404 && !isMissingPropertyAnswer(reply.text)) {
        throw errorFromResponse({ endpoint: reply.endpoint, status: reply.status, bodyText: reply.text });
      }
    },

    async bulkSetIssueProperties(issues): Promise<BulkPropertyTask> {
      if (issues.length === 0 || issues.length > BULK_PROPERTY_MAX_ISSUES) {
        throw new RangeError(
          `Bulk property updates take 1 to ${BULK_PROPERTY_MAX_ISSUES} issues per request.`,
        );
      }
      for (const issue of issues) {
        const count = Object.keys(issue.properties).length;
        if (count === 0 || count > BULK_PROPERTY_MAX_PROPERTIES) {
          throw new RangeError(
            `Bulk property updates take 1 to ${BULK_PROPERTY_MAX_PROPERTIES} properties per issue.`,
          );
        }
      }
      const reply = await http.requestJira(route`/rest/api/3/issue/properties/multi`, {
        method: 'POST',
        template: '/rest/api/3/issue/properties/multi',
        body: { issues },
        repeatable: true, // sets absolute values: repeating it changes nothing
        accept: [303],
      });
      // Jira answers 303 See Other to the task. A transport that follows redirects (fetch's default, maybe
      // Forge's proxy) hands back the task itself instead, so both are read.
      if (reply.status === 303) {
        const taskId = taskIdFromLocation(reply.headers.get('location'));
        if (taskId !== undefined) return { taskId };
        throw new JiraError({
          kind: 'bad-response',
          endpoint: reply.endpoint,
          status: reply.status,
          detail: 'the Location header does not name a task',
        });
      }
      return { taskId: parseReply(reply, taskSchema).id };
    },

    async getTask(taskId): Promise<TaskStatus> {
      const reply = await http.requestJira(route`/rest/api/3/task/${taskId}`, {
        method: 'GET',
        template: '/rest/api/3/task/{taskId}',
      });
      const raw = parseReply(reply, taskSchema);
      const task: TaskStatus = { id: raw.id, status: raw.status };
      if (raw.progress !== undefined) task.progress = raw.progress;
      if (raw.result !== undefined) task.result = raw.result;
      return task;
    },

    async getProjectProperty(projectIdOrKey, propertyKey) {
      const reply = await http.requestJira(
        route`/rest/api/3/project/${projectIdOrKey}/properties/${propertyKey}`,
        {
          method: 'GET',
          template: '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}',
          accept: [404],
        },
      );
      // As for issue properties: only a 404 that names the property means "absent"; a missing project fails.
      return propertyValue(reply);
    },

    async setProjectProperty(projectIdOrKey, propertyKey, value) {
      if (value === undefined) throw new TypeError('A project property value must be JSON, not undefined.');
      await http.requestJira(route`/rest/api/3/project/${projectIdOrKey}/properties/${propertyKey}`, {
        method: 'PUT',
        template: '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}',
        body: value,
      });
    },

    async getProjectRoles(projectIdOrKey) {
      const reply = await http.requestJira(route`/rest/api/3/project/${projectIdOrKey}/role`, {
        method: 'GET',
        template: '/rest/api/3/project/{projectIdOrKey}/role',
      });
      return Object.entries(parseReply(reply, roleLinksSchema)).map(([name, url]) => {
        const id = roleIdFromUrl(url);
        if (id === undefined) {
          throw new JiraError({
            kind: 'bad-response',
            endpoint: reply.endpoint,
            status: reply.status,
            detail: 'a role link does not end in a role id',
          });
        }
        return { id, name };
      });
    },

    async getProjectRole(projectIdOrKey, roleId): Promise<ProjectRole> {
      const reply = await http.requestJira(route`/rest/api/3/project/${projectIdOrKey}/role/${roleId}`, {
        method: 'GET',
        template: '/rest/api/3/project/{projectIdOrKey}/role/{id}',
      });
      const raw = parseReply(reply, projectRoleSchema);
      return { id: raw.id, name: raw.name, actors: (raw.actors ?? []).map(toActor) };
    },

    async getUserGroups(accountId) {
      const reply = await http.requestJira(route`/rest/api/3/user/groups?accountId=${accountId}`, {
        method: 'GET',
        template: '/rest/api/3/user/groups',
      });
      return parseReply(reply, groupsSchema).map((raw): JiraGroup => {
        const group: JiraGroup = { name: raw.name };
        if (raw.groupId !== undefined) group.groupId = raw.groupId;
        return group;
      });
    },

    async searchUsers(query, maxResults) {
      const params = new URLSearchParams({ query, maxResults: String(maxResults) });
      const reply = await http.requestJira(route`/rest/api/3/user/search?${params}`, {
        method: 'GET',
        template: '/rest/api/3/user/search',
      });
      return parseReply(reply, z.array(userSchema)).map(toUser);
    },

    async getUsers(accountIds) {
      const unique = [...new Set(accountIds.filter((accountId) => accountId !== ''))];
      const byId = new Map<string, JiraUser>();
      for (const batch of chunk(unique, USER_BULK_BATCH_SIZE)) {
        for (const user of await getUsersBatch(batch)) byId.set(user.accountId, user);
      }
      return [...byId.values()];
    },

    async hasPermission(permission, context) {
      const query = new URLSearchParams({ permissions: permission });
      // Only an issue (or project) context is precise: in the global context Jira reports a permission held
      // in any project, which would over-grant. So one of them is required.
      if (context.issueId) query.set('issueId', context.issueId);
      else if (context.projectId) query.set('projectId', context.projectId);
      else throw new TypeError('hasPermission needs an issueId or a projectId.');
      const reply = await http.requestJira(route`/rest/api/3/mypermissions?${query}`, {
        method: 'GET',
        template: '/rest/api/3/mypermissions',
      });
      return parseReply(reply, myPermissionsSchema).permissions[permission]?.havePermission === true;
    },

    async checkPermissions(request: PermissionCheckRequest): Promise<PermissionCheckResult> {
      const reply = await http.requestJira(route`/rest/api/3/permissions/check`, {
        method: 'POST',
        template: '/rest/api/3/permissions/check',
        body: request,
        repeatable: true, // a read
      });
      const raw = parseReply(reply, permissionGrantsSchema);
      return {
        projectPermissions: (raw.projectPermissions ?? []).map((grant) => ({
          permission: grant.permission,
          issues: grant.issues ?? [],
          projects: grant.projects ?? [],
        })),
        globalPermissions: raw.globalPermissions ?? [],
      };
    },

    async getFields(): Promise<JiraField[]> {
      const reply = await http.requestJira(route`/rest/api/3/field`, {
        method: 'GET',
        template: '/rest/api/3/field',
      });
      return parseReply(reply, z.array(fieldSchema)).map((raw): JiraField => {
        const field: JiraField = { id: raw.id, name: raw.name, custom: raw.custom ?? false };
        if (raw.schema !== undefined) {
          field.schema = { type: raw.schema.type };
          if (raw.schema.items !== undefined) field.schema.items = raw.schema.items;
          if (raw.schema.custom !== undefined) field.schema.custom = raw.schema.custom;
        }
        return field;
      });
    },

    async searchFieldValuesPage(jql, fieldIds, nextPageToken): Promise<FieldValuesPage> {
      const body = { jql, fields: fieldIds, maxResults: SEARCH_PAGE_SIZE };
      const { page, next } = await searchJqlPage(body, nextPageToken, fieldValuesPageSchema);
      return {
        issues: (page.issues ?? []).map((i) => ({ id: i.id, key: i.key, fields: i.fields ?? {} })),
        nextPageToken: next,
      };
    },

    async getLicense(): Promise<JiraLicense> {
      const reply = await http.requestJira(route`/rest/api/3/instance/license`, {
        method: 'GET',
        template: '/rest/api/3/instance/license',
      });
      return parseReply(reply, licenseSchema);
    },

    async searchGroups(query, maxResults) {
      const params = new URLSearchParams({ query, maxResults: String(maxResults), caseInsensitive: 'true' });
      const reply = await http.requestJira(route`/rest/api/3/groups/picker?${params}`, {
        method: 'GET',
        template: '/rest/api/3/groups/picker',
      });
      return (parseReply(reply, foundGroupsSchema).groups ?? []).map((raw): JiraGroup => {
        const group: JiraGroup = { name: raw.name };
        if (raw.groupId !== undefined) group.groupId = raw.groupId;
        return group;
      });
    },

    async notifyIssue(issueIdOrKey, request: NotifyRequest) {
      // Not repeatable: a 5xx or a timeout may hide a sent email, and notifications are at most once.
      await http.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/notify`, {
        method: 'POST',
        template: '/rest/api/3/issue/{issueIdOrKey}/notify',
        body: request,
      });
    },
  };
}
