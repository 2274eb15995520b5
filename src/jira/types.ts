// The Jira client's public surface: the transport it runs over and the typed results of each endpoint.
// Implementations: `createJiraClient(transport)` in ./client.ts; transports in ./transport-forge.ts (Forge
// `requestJira`, asApp or asUser) and ./transport-fetch.ts (a site URL with email + API token).
import type { Route } from '@forge/api';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface JiraRequest {
  method: HttpMethod;
  /** Built with `route` from @forge/api, so every path parameter is escaped and Forge accepts it. */
  route: Route;
  /** JSON body; serialised by the transport. */
  body?: unknown;
}

/** The subset of a fetch `Response` the client reads. */
export interface JiraResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type JiraTransport = (request: JiraRequest) => Promise<JiraResponse>;

export interface JiraUser {
  accountId: string;
  displayName: string;
  active: boolean;
  accountType: string;
  emailAddress?: string;
  /** The 48x48 avatar, when Jira sent `avatarUrls`. */
  avatarUrl?: string;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey: string;
  /** `classic` (company-managed) or `next-gen` (team-managed). */
  style?: string;
  /** The project lead, when Jira sent one (gap notifications go to the lead). */
  lead?: { accountId: string; active?: boolean };
  /** The project's REST URL (`https://<site>/rest/api/3/project/10000`), when Jira sent it. */
  self?: string;
}

export interface JiraIssueType {
  id: string;
  name: string;
  hierarchyLevel: number;
  subtask: boolean;
}

/** An issue from search or GET issue, parsed loosely: only what Role Split reads. */
export interface JiraIssue {
  id: string;
  key: string;
  fields: {
    summary?: string;
    issuetype?: { id: string; name: string; hierarchyLevel?: number; subtask?: boolean };
    status?: { name?: string; statusCategory?: { key?: string } };
    created?: string;
    parent?: {
      id?: string;
      key: string;
      /** Jira's embedded summary of the parent. */
      fields?: {
        summary?: string;
        issuetype?: { id?: string; name?: string; hierarchyLevel?: number };
        status?: { statusCategory?: { key?: string } };
      };
    };
    project?: { id: string; key: string };
    /** The issue's security level; absent (or null from Jira) when it has none or it was not asked for. */
    security?: { id?: string; name?: string };
    /** ISO-8601 time of the last update. */
    updated?: string;
  };
  /** Entity properties asked for with `properties`; missing keys mean the property is absent. */
  properties: Record<string, unknown>;
}

export interface SearchPage {
  issues: JiraIssue[];
  /** Absent or null on the last page. Never infer the end from a short page. */
  nextPageToken: string | null;
  isLast?: boolean;
}

export interface SearchRequest {
  jql: string;
  fields: string[];
  properties?: string[];
  maxResults?: number;
}

/** One page of an id-only search: the ids in Jira's order, and the token of the next page (null: the last). */
export interface IdPage {
  ids: string[];
  nextPageToken: string | null;
}

export interface BulkFetchRequest {
  /** 1 to 100 ids or keys. */
  issueIdsOrKeys: string[];
  fields: string[];
  /** At most 5 property keys. */
  properties?: string[];
}

export interface BulkFetchResult {
  /** Issues Jira returned, in ascending id order. Issues that do not exist or cannot be seen are left out. */
  issues: JiraIssue[];
  /** Issues Jira could not return this time (a retriable failure or a payload constraint). */
  issueErrors: Array<{ id: string; message: string }>;
}

export interface ProjectRoleActor {
  type: 'user' | 'group' | 'other';
  /** For user actors. */
  accountId?: string;
  /** For group actors. */
  groupId?: string;
  groupName?: string;
}

export interface ProjectRole {
  id: number;
  name: string;
  actors: ProjectRoleActor[];
}

export interface JiraGroup {
  groupId?: string;
  name: string;
}

export interface BulkPropertyTask {
  taskId: string;
}

/** The states Jira documents for an asynchronous task. */
export type TaskState =
  'ENQUEUED' | 'RUNNING' | 'COMPLETE' | 'FAILED' | 'CANCEL_REQUESTED' | 'CANCELLED' | 'DEAD';

export interface TaskStatus {
  id: string;
  /** A documented state, or any newer one Jira may add (`string & {}` keeps the known names visible). */
  status: TaskState | (string & Record<never, never>);
  progress?: number;
  result?: unknown;
}

export interface NotifyRequest {
  subject: string;
  textBody: string;
  htmlBody?: string;
  to: { users: Array<{ accountId: string }>; reporter?: boolean; assignee?: boolean; watchers?: boolean };
  restrict?: { permissions?: Array<{ key: string }>; groups?: Array<{ name: string }> };
}

export interface PermissionCheckRequest {
  accountId?: string;
  projectPermissions: Array<{ permissions: string[]; issues?: number[]; projects?: number[] }>;
  globalPermissions?: string[];
}

export interface PermissionCheckResult {
  projectPermissions: Array<{ permission: string; issues: number[]; projects: number[] }>;
  globalPermissions: string[];
}

/** A field from `GET /rest/api/3/field` (system and custom fields; only what Role Split reads). */
export interface JiraField {
  id: string;
  name: string;
  custom: boolean;
  /** Jira's JsonTypeBean: `type` (e.g. `user`, `array`), `items` for arrays, `custom` the custom field type key. */
  schema?: { type: string; items?: string; custom?: string };
}

/** One page of a search for field values: each issue's id, key and the raw values of the fields asked for. */
export interface FieldValuesPage {
  issues: Array<{ id: string; key: string; fields: Record<string, unknown> }>;
  nextPageToken: string | null;
}

/** `GET /rest/api/3/instance/license`: each Jira application on the site and its plan (`FREE`, `PAID`, `UNLICENSED`). */
export interface JiraLicense {
  applications: Array<{ id: string; plan: string }>;
}

export interface JiraClient {
  getMyself(): Promise<JiraUser>;
  getProject(projectIdOrKey: string): Promise<JiraProject>;
  /** `GET /rest/api/3/issuetype/project?projectId=` — the project's issue types with hierarchy levels. */
  getProjectIssueTypes(projectId: string): Promise<JiraIssueType[]>;
  /** One page of `POST /rest/api/3/search/jql`. */
  searchPage(request: SearchRequest, nextPageToken?: string | null): Promise<SearchPage>;
  /** Every issue of a search, walking `nextPageToken` until Jira says it is the last page. */
  searchAll(
    request: SearchRequest,
    onPage?: (fetched: number) => void,
  ): AsyncGenerator<JiraIssue[], void, void>;
  /**
   * One page of an id-only `POST /rest/api/3/search/jql` (`fields: ['id']`, up to 5,000 ids a page). The end is
   * only where Jira says so (`nextPageToken` null), never inferred from a short page.
   */
  searchIdsPage(jql: string, nextPageToken?: string | null): Promise<IdPage>;
  /** `POST /rest/api/3/issue/bulkfetch`: up to 100 issues by id or key. */
  bulkFetchIssues(request: BulkFetchRequest): Promise<BulkFetchResult>;
  getIssue(issueIdOrKey: string, options: { fields: string[]; properties?: string[] }): Promise<JiraIssue>;
  /** `undefined` when the issue has no such property (404 with the property missing). */
  getIssueProperty(issueIdOrKey: string, propertyKey: string): Promise<unknown>;
  setIssueProperty(issueIdOrKey: string, propertyKey: string, value: unknown): Promise<void>;
  deleteIssueProperty(issueIdOrKey: string, propertyKey: string): Promise<void>;
  /** `POST /rest/api/3/issue/properties/multi`: starts an asynchronous task. */
  bulkSetIssueProperties(
    issues: Array<{ issueID: number; properties: Record<string, unknown> }>,
  ): Promise<BulkPropertyTask>;
  getTask(taskId: string): Promise<TaskStatus>;
  /** `undefined` when the project has no such property. */
  getProjectProperty(projectIdOrKey: string, propertyKey: string): Promise<unknown>;
  setProjectProperty(projectIdOrKey: string, propertyKey: string, value: unknown): Promise<void>;
  /** Role name -> role id, from `GET /rest/api/3/project/{key}/role`. */
  getProjectRoles(projectIdOrKey: string): Promise<Array<{ id: number; name: string }>>;
  getProjectRole(projectIdOrKey: string, roleId: number): Promise<ProjectRole>;
  /** `GET /rest/api/3/user/groups?accountId=` */
  getUserGroups(accountId: string): Promise<JiraGroup[]>;
  /**
   * `GET /rest/api/3/user/search?query=`: people matching a name or email prefix, as the caller may see them
   * (one page of at most `maxResults`).
   */
  searchUsers(query: string, maxResults: number): Promise<JiraUser[]>;
  /** `GET /rest/api/3/user/bulk`, batched and paginated; unknown accounts are simply missing. */
  getUsers(accountIds: string[]): Promise<JiraUser[]>;
  /** `GET /rest/api/3/mypermissions` for the caller; true when the permission is held in that context. */
  hasPermission(permission: string, context: { issueId?: string; projectId?: string }): Promise<boolean>;
  /** `POST /rest/api/3/permissions/check` */
  checkPermissions(request: PermissionCheckRequest): Promise<PermissionCheckResult>;
  /** `GET /rest/api/3/field`: every field the caller may see (the CLI's `--from-field` finds its field here). */
  getFields(): Promise<JiraField[]>;
  /**
   * One page of `POST /rest/api/3/search/jql` asking for `fieldIds` only (custom fields included), their values
   * raw as Jira sends them (a user picker: a user object; a multi-user picker: an array of them; empty: null).
   */
  searchFieldValuesPage(
    jql: string,
    fieldIds: string[],
    nextPageToken?: string | null,
  ): Promise<FieldValuesPage>;
  /** `GET /rest/api/3/instance/license` (no permission needed; a Forge app needs `read:license:jira`). */
  getLicense(): Promise<JiraLicense>;
  /**
   * `GET /rest/api/3/groups/picker`: groups whose name contains `query`, case-insensitive, as the caller may
   * see them (without Browse users and groups, only an exact name matches).
   */
  searchGroups(query: string, maxResults: number): Promise<JiraGroup[]>;
  /** `POST /rest/api/3/issue/{key}/notify` */
  notifyIssue(issueIdOrKey: string, request: NotifyRequest): Promise<void>;
}
