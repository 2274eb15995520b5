// An in-memory Jira site behind the `JiraClient` port, for fast tests of the use cases (src/app). It behaves
// like Jira where the use cases depend on it: search pages walked with `nextPageToken`, the JQL shapes the app
// sends (and only those: anything else throws, so a new query shape is noticed, not silently answered), issue
// properties, hierarchy levels, project roles with user and group actors, `/user/groups`, `/user/bulk`, what a
// given user may browse, and the typed errors of src/jira/errors.ts. Every call is counted per client, so a
// test can assert what a use case costs in requests. The HTTP-level behaviour is tested against the embedded
// site (test/integration); this fake stays small on purpose.
import type { IssueFacts } from '../../src/domain/model';
import { OWNERSHIP_PROPERTY_KEY } from '../../src/domain/ownership';
import { JiraError, type JiraErrorKind } from '../../src/jira/errors';
import type {
  BulkFetchRequest,
  BulkFetchResult,
  IdPage,
  JiraClient,
  JiraGroup,
  JiraIssue,
  JiraIssueType,
  JiraProject,
  JiraUser,
  ProjectRole,
  ProjectRoleActor,
  SearchPage,
  SearchRequest,
} from '../../src/jira/types';
import { ISSUE_TYPES } from './builders';

export type JiraMethod = keyof JiraClient;

/** Jira's own limit on a `/search/jql` page that asks for fields; the real client asks for 100. */
const FIELDS_PAGE_MAX = 100;
const DEFAULT_PAGE_SIZE = 100;
/** Jira's page size for an id-only search. */
const IDS_PAGE_MAX = 5000;
/** Jira's bulk fetch limit. */
const BULK_FETCH_MAX = 100;
/** A Premium site's types (see builders' ISSUE_TYPES): Initiative, Epic, Story, Task, Bug and Sub-task. */
const DEFAULT_ISSUE_TYPES = Object.values(ISSUE_TYPES);

const STATUS_NAMES: Record<string, string> = { new: 'To Do', indeterminate: 'In Progress', done: 'Done' };

const ENDPOINTS: Partial<Record<JiraMethod, string>> = {
  getMyself: 'GET /rest/api/3/myself',
  getProject: 'GET /rest/api/3/project/{projectIdOrKey}',
  getProjectIssueTypes: 'GET /rest/api/3/issuetype/project',
  searchPage: 'POST /rest/api/3/search/jql',
  searchIdsPage: 'POST /rest/api/3/search/jql',
  bulkFetchIssues: 'POST /rest/api/3/issue/bulkfetch',
  getProjectProperty: 'GET /rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}',
  setProjectProperty: 'PUT /rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}',
  getIssue: 'GET /rest/api/3/issue/{issueIdOrKey}',
  getProjectRoles: 'GET /rest/api/3/project/{projectIdOrKey}/role',
  getProjectRole: 'GET /rest/api/3/project/{projectIdOrKey}/role/{id}',
  getUserGroups: 'GET /rest/api/3/user/groups',
  getUsers: 'GET /rest/api/3/user/bulk',
  searchUsers: 'GET /rest/api/3/user/search',
};

const STATUS_OF_KIND: Record<JiraErrorKind, number | undefined> = {
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'bad-request': 400,
  'rate-limited': 429,
  server: 503,
  'bad-response': 200,
  timeout: undefined,
  network: undefined,
};

/** The error the real client throws for this kind of answer on this method's endpoint. */
export function fakeJiraError(
  method: JiraMethod,
  kind: JiraErrorKind,
  errorMessages: string[] = [],
): JiraError {
  return new JiraError({
    kind,
    endpoint: ENDPOINTS[method] ?? method,
    status: STATUS_OF_KIND[kind],
    errorMessages,
  });
}

export interface FakeProjectSpec {
  key: string;
  /** Default: a number derived from the order projects are added. */
  id?: string;
  name?: string;
  /** The project's issue types (Jira's `/issuetype/project`). Default: every type of builders' ISSUE_TYPES. */
  issueTypes?: ReadonlyArray<{ id: string; name: string; hierarchyLevel: number }>;
  /** Project roles and their actors. Role ids are assigned by the fake. */
  roles?: ReadonlyArray<{ name: string; actors: ProjectRoleActor[] }>;
  /** Account ids that may browse the project; default everyone. The app always may. */
  browsers?: readonly string[];
  /** Account ids that administer the project (may read role members as themselves). The app always may. */
  admins?: readonly string[];
}

export interface FakeUserSpec {
  accountId: string;
  displayName?: string;
  active?: boolean;
  accountType?: string;
  groups?: JiraGroup[];
}

interface StoredProject {
  id: string;
  key: string;
  name: string;
  issueTypes: JiraIssueType[];
  roles: ProjectRole[];
  browsers: ReadonlySet<string> | null;
  admins: ReadonlySet<string>;
}

interface StoredUser {
  user: JiraUser;
  groups: JiraGroup[];
}

/** A refusal set up by a test: calls to `method` matching `when` throw `error`. */
interface Refusal {
  method: JiraMethod;
  error: JiraError;
  when: (args: readonly unknown[]) => boolean;
}

/** Who a client reads as: the app (sees everything) or one user. */
export type Viewer = { kind: 'app' } | { kind: 'user'; accountId: string };

/** Calls made through one client, by method. */
export class CallCounts {
  private readonly counts = new Map<string, number>();

  add(method: JiraMethod): void {
    this.counts.set(method, this.of(method) + 1);
  }

  of(method: JiraMethod): number {
    return this.counts.get(method) ?? 0;
  }

  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** Method -> count, for `toEqual` over everything a use case asked for. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }
}

export type FakeJiraClient = JiraClient & { readonly calls: CallCounts; readonly viewer: Viewer };

const ISSUE_KEY = '[A-Z][A-Z0-9_]*-\\d+';
const KEY_LIST = `${ISSUE_KEY}(?:, ${ISSUE_KEY})*`;
/**
 * The JQL the use cases send, exactly: the parallel scan (src/app/scan/scan-jql.ts), the issue panel's related
 * reads (src/app/read-related.ts) and the full read kept as the scan's reference (test/support/reference-scan.ts).
 */
const JQL_SHAPES = {
  project: /^project = "((?:[^"\\]|\\.)*)" ORDER BY key ASC$/,
  scan: /^project = "((?:[^"\\]|\\.)*)" AND issuetype not in subTaskIssueTypes\(\)( AND statusCategory != Done)?(?: AND updated >= -(\d+)m)? ORDER BY id ASC$/,
  keyIn: new RegExp(`^key in \\((${KEY_LIST})\\)$`),
  parentIn: new RegExp(`^parent in \\((${KEY_LIST})\\) ORDER BY (key|id) ASC$`),
};

/** Jira's `ORDER BY id`: numeric ids ascending (the builders' `id-KEY` ids fall back to text order). */
function byId(a: { id: string }, b: { id: string }): number {
  const na = Number(a.id);
  const nb = Number(b.id);
  return Number.isNaN(na) || Number.isNaN(nb) ? a.id.localeCompare(b.id) : na - nb;
}

function keyNumber(key: string): number {
  return Number(key.slice(key.lastIndexOf('-') + 1));
}

/** Jira's `ORDER BY key`: project key, then issue number (not text: ALPHA-10 after ALPHA-9). */
function byKey(a: { key: string }, b: { key: string }): number {
  const pa = a.key.slice(0, a.key.lastIndexOf('-'));
  const pb = b.key.slice(0, b.key.lastIndexOf('-'));
  return pa.localeCompare(pb) || keyNumber(a.key) - keyNumber(b.key);
}

function unsupported(method: string): never {
  throw new Error(`FakeJira: ${method} is not faked; the use cases under test were not expected to call it.`);
}

function pageToken(jql: string, offset: number): string {
  return Buffer.from(JSON.stringify({ jql, offset })).toString('base64url');
}

function readPageToken(token: string, jql: string): number {
  const decoded = JSON.parse(Buffer.from(token, 'base64url').toString()) as { jql: string; offset: number };
  if (decoded.jql !== jql)
    throw new Error(`FakeJira: a nextPageToken of "${decoded.jql}" was sent with "${jql}".`);
  return decoded.offset;
}

export class FakeJira {
  private readonly projects = new Map<string, StoredProject>();
  private readonly issues = new Map<string, IssueFacts>();
  private readonly users = new Map<string, StoredUser>();
  private readonly refusals: Refusal[] = [];
  private readonly projectProperties = new Map<string, unknown>();
  /** Issue id -> how many more bulk fetches list it in `issueErrors` instead of returning it. */
  private readonly bulkFetchErrors = new Map<string, number>();
  /** When each issue was last updated (epoch ms); issues without an entry count as updated at creation. */
  private readonly updatedAt = new Map<string, number>();
  /** The instant the fake's relative JQL dates (`updated >= -5m`) count back from. */
  now: () => Date = () => new Date();
  private nextProjectId = 10000;
  private nextRoleId = 10100;
  readonly pageSize: number;
  /** The client that reads as the app: what `ports.jira` is in production. */
  readonly app: FakeJiraClient;

  readonly idPageSize: number;

  constructor(options: { pageSize?: number; idPageSize?: number } = {}) {
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.idPageSize = Math.min(options.idPageSize ?? IDS_PAGE_MAX, IDS_PAGE_MAX);
    this.app = this.clientFor({ kind: 'app' });
  }

  addProject(spec: FakeProjectSpec): this {
    const types = spec.issueTypes ?? DEFAULT_ISSUE_TYPES;
    this.projects.set(spec.key, {
      id: spec.id ?? String(this.nextProjectId++),
      key: spec.key,
      name: spec.name ?? `Project ${spec.key}`,
      issueTypes: types.map((t) => ({ ...t, subtask: t.hierarchyLevel < 0 })),
      roles: (spec.roles ?? []).map((r) => ({ id: this.nextRoleId++, name: r.name, actors: [...r.actors] })),
      browsers: spec.browsers ? new Set(spec.browsers) : null,
      admins: new Set(spec.admins ?? []),
    });
    return this;
  }

  /** Issues as the builders make them (`anIssue`, `anEpic`, `aStory`); their project must exist. */
  addIssues(...issues: IssueFacts[]): this {
    for (const issue of issues) {
      const project = this.projects.get(issue.projectKey);
      if (!project) throw new Error(`FakeJira: add project ${issue.projectKey} before ${issue.key}.`);
      if (!project.issueTypes.some((t) => t.id === issue.issueType.id)) {
        throw new Error(`FakeJira: ${issue.key} is a ${issue.issueType.name}, a type ${project.key} lacks.`);
      }
      this.issues.set(issue.key, structuredClone(issue));
    }
    return this;
  }

  addUsers(...users: FakeUserSpec[]): this {
    for (const spec of users) {
      this.users.set(spec.accountId, {
        user: {
          accountId: spec.accountId,
          displayName: spec.displayName ?? `Name of ${spec.accountId}`,
          active: spec.active ?? true,
          accountType: spec.accountType ?? 'atlassian',
        },
        groups: spec.groups ?? [],
      });
    }
    return this;
  }

  /**
   * From now on, calls to `method` (through any client) throw `kind` when `when` holds for the arguments: the
   * way a test makes Jira refuse (403), miss (404) or fail (503) one request.
   */
  refuse(
    method: JiraMethod,
    kind: JiraErrorKind,
    options: { when?: (args: readonly unknown[]) => boolean; errorMessages?: string[] } = {},
  ): this {
    this.refusals.push({
      method,
      error: fakeJiraError(method, kind, options.errorMessages),
      when: options.when ?? (() => true),
    });
    return this;
  }

  /** The next `times` bulk fetches asking for these issues list them in `issueErrors` instead (by key). */
  failInBulkFetch(keys: readonly string[], times = 1): this {
    for (const key of keys) {
      const issue = this.issues.get(key);
      if (!issue) throw new Error(`FakeJira: no issue ${key} to fail.`);
      this.bulkFetchErrors.set(issue.id, times);
    }
    return this;
  }

  /** Marks issues as updated at `at` (what `updated >= -Nm` reads). */
  touch(keys: readonly string[], at: Date): this {
    for (const key of keys) this.updatedAt.set(key, at.getTime());
    return this;
  }

  /** Removes issues from the site (deleted in Jira). */
  deleteIssues(...keys: string[]): this {
    for (const key of keys) this.issues.delete(key);
    return this;
  }

  /** A project entity property as stored (undefined when absent). */
  projectProperty(projectKey: string, propertyKey: string): unknown {
    return structuredClone(this.projectProperties.get(`${projectKey}/${propertyKey}`));
  }

  /** A client that reads as this user: only projects they may browse, roles only where they administer. */
  asUser(accountId: string): FakeJiraClient {
    return this.clientFor({ kind: 'user', accountId });
  }

  // -------------------------------------------------------------------------------------------------------

  private checkRefusals(method: JiraMethod, args: readonly unknown[]): void {
    const refusal = this.refusals.find((r) => r.method === method && r.when(args));
    if (refusal) throw refusal.error;
  }

  private canBrowse(viewer: Viewer, project: StoredProject): boolean {
    return viewer.kind === 'app' || project.browsers === null || project.browsers.has(viewer.accountId);
  }

  private visibleProject(viewer: Viewer, idOrKey: string): StoredProject | undefined {
    const project = this.projects.get(idOrKey) ?? [...this.projects.values()].find((p) => p.id === idOrKey);
    return project && this.canBrowse(viewer, project) ? project : undefined;
  }

  private visibleIssue(viewer: Viewer, key: string): IssueFacts | undefined {
    const issue = this.issues.get(key);
    const project = issue && this.projects.get(issue.projectKey);
    return issue && project && this.canBrowse(viewer, project) ? issue : undefined;
  }

  private projectFor(method: JiraMethod, viewer: Viewer, idOrKey: string): StoredProject {
    const project = this.visibleProject(viewer, idOrKey);
    if (!project) {
      throw fakeJiraError(method, 'not-found', [`No project could be found with key '${idOrKey}'.`]);
    }
    return project;
  }

  private rolesOf(method: JiraMethod, viewer: Viewer, idOrKey: string): StoredProject {
    const project = this.projectFor(method, viewer, idOrKey);
    // As Jira answers without Administer Projects: 401 for the list of roles, 404 for one role.
    if (viewer.kind === 'user' && !project.admins.has(viewer.accountId)) {
      throw method === 'getProjectRole'
        ? fakeJiraError(method, 'not-found', [`No project role with id found for project '${idOrKey}'.`])
        : fakeJiraError(method, 'unauthorized', ['You cannot edit the configuration of this project.']);
    }
    return project;
  }

  /** Jira's representation of a stored issue, with only the fields and properties asked for. */
  private toJiraIssue(
    issue: IssueFacts,
    fields: readonly string[],
    properties: readonly string[],
  ): JiraIssue {
    const project = this.projects.get(issue.projectKey);
    const asked = new Set(fields);
    const out: JiraIssue['fields'] = {};
    if (asked.has('summary')) out.summary = issue.summary;
    if (asked.has('issuetype'))
      out.issuetype = { ...issue.issueType, subtask: issue.issueType.hierarchyLevel < 0 };
    if (asked.has('status')) {
      out.status = {
        name: STATUS_NAMES[issue.statusCategory] ?? issue.statusCategory,
        statusCategory: { key: issue.statusCategory },
      };
    }
    if (asked.has('created')) out.created = issue.created;
    if (asked.has('updated')) {
      const at = this.updatedAt.get(issue.key);
      out.updated = at === undefined ? issue.created : new Date(at).toISOString();
    }
    if (asked.has('security') && issue.secured === true) out.security = { id: '10100', name: 'Secured' };
    if (asked.has('project') && project) out.project = { id: project.id, key: project.key };
    if (asked.has('parent') && issue.parentKey !== null) {
      // Jira embeds the parent's summary, status and type even where the reader cannot open the parent.
      const parent = this.issues.get(issue.parentKey);
      if (!parent) throw new Error(`FakeJira: ${issue.key}'s parent ${issue.parentKey} is not on the site.`);
      out.parent = {
        id: parent.id,
        key: parent.key,
        fields: {
          summary: parent.summary,
          issuetype: { ...parent.issueType },
          status: { statusCategory: { key: parent.statusCategory } },
        },
      };
    }
    const props: Record<string, unknown> = {};
    for (const key of properties) {
      if (key === OWNERSHIP_PROPERTY_KEY && issue.ownership !== undefined) {
        props[key] = structuredClone(issue.ownership);
      }
    }
    return { id: issue.id, key: issue.key, fields: out, properties: props };
  }

  /** The issues a JQL query of the app matches for this viewer, in Jira's order. */
  private runJql(viewer: Viewer, jql: string): IssueFacts[] {
    const all = [...this.issues.values()].filter((i) => this.visibleIssue(viewer, i.key));
    const project = JQL_SHAPES.project.exec(jql);
    if (project) {
      const key = (project[1] ?? '').replace(/\\(.)/g, '$1');
      if (!this.visibleProject(viewer, key)) {
        throw fakeJiraError('searchPage', 'bad-request', [
          `The value '${key}' does not exist for the field 'project'.`,
        ]);
      }
      return all.filter((i) => i.projectKey === key).sort(byKey);
    }
    const scan = JQL_SHAPES.scan.exec(jql);
    if (scan) {
      const key = (scan[1] ?? '').replace(/\\(.)/g, '$1');
      if (!this.visibleProject(viewer, key)) {
        throw fakeJiraError('searchPage', 'bad-request', [
          `The value '${key}' does not exist for the field 'project'.`,
        ]);
      }
      const openOnly = scan[2] !== undefined;
      const since = scan[3] === undefined ? undefined : this.now().getTime() - Number(scan[3]) * 60_000;
      return all
        .filter((i) => i.projectKey === key && i.issueType.hierarchyLevel >= 0)
        .filter((i) => !openOnly || i.statusCategory !== 'done')
        .filter((i) => since === undefined || (this.updatedAt.get(i.key) ?? Date.parse(i.created)) >= since)
        .sort(byId);
    }
    const keyIn = JQL_SHAPES.keyIn.exec(jql);
    if (keyIn) {
      const keys = (keyIn[1] ?? '').split(', ');
      // Jira refuses the whole query when one key does not exist or cannot be seen, naming the keys.
      const unknown = keys.filter((k) => !this.visibleIssue(viewer, k));
      if (unknown.length > 0) {
        throw fakeJiraError(
          'searchPage',
          'bad-request',
          unknown.map((k) => `An issue with key '${k}' does not exist for field 'key'.`),
        );
      }
      return all.filter((i) => keys.includes(i.key)).sort(byKey);
    }
    const parentIn = JQL_SHAPES.parentIn.exec(jql);
    if (parentIn) {
      const parents = new Set((parentIn[1] ?? '').split(', '));
      return all
        .filter((i) => i.parentKey !== null && parents.has(i.parentKey))
        .sort(parentIn[2] === 'id' ? byId : byKey);
    }
    throw new Error(`FakeJira: unsupported JQL (the app was not known to send it): ${jql}`);
  }

  private clientFor(viewer: Viewer): FakeJiraClient {
    const calls = new CallCounts();
    /** Counts the call and answers like an HTTP client: a refusal or a miss is a rejected promise. */
    const answer = <T>(method: JiraMethod, args: readonly unknown[], read: () => T): Promise<T> => {
      calls.add(method);
      return new Promise((resolve) => {
        this.checkRefusals(method, args);
        resolve(read());
      });
    };

    const searchPage = (request: SearchRequest, nextPageToken?: string | null): Promise<SearchPage> =>
      answer('searchPage', [request, nextPageToken], () => {
        const matches = this.runJql(viewer, request.jql);
        const size = Math.min(request.maxResults ?? this.pageSize, this.pageSize, FIELDS_PAGE_MAX);
        const offset = nextPageToken ? readPageToken(nextPageToken, request.jql) : 0;
        const slice = matches.slice(offset, offset + size);
        const end = offset + size >= matches.length;
        return {
          issues: slice.map((i) => this.toJiraIssue(i, request.fields, request.properties ?? [])),
          nextPageToken: end ? null : pageToken(request.jql, offset + size),
          isLast: end,
        };
      });

    const searchIdsPage = (jql: string, nextPageToken?: string | null): Promise<IdPage> =>
      answer('searchIdsPage', [jql, nextPageToken], () => {
        const matches = this.runJql(viewer, jql);
        const offset = nextPageToken ? readPageToken(nextPageToken, jql) : 0;
        const end = offset + this.idPageSize >= matches.length;
        return {
          ids: matches.slice(offset, offset + this.idPageSize).map((i) => i.id),
          nextPageToken: end ? null : pageToken(jql, offset + this.idPageSize),
        };
      });

    const bulkFetchIssues = (request: BulkFetchRequest): Promise<BulkFetchResult> =>
      answer('bulkFetchIssues', [request], () => {
        const wanted = request.issueIdsOrKeys;
        if (wanted.length === 0 || wanted.length > BULK_FETCH_MAX) {
          throw fakeJiraError('bulkFetchIssues', 'bad-request', [
            `Between 1 and ${BULK_FETCH_MAX} issue IDs or keys must be provided, ${wanted.length} were.`,
          ]);
        }
        const found = new Map<string, IssueFacts>();
        const issueErrors: BulkFetchResult['issueErrors'] = [];
        const byIssueId = new Map([...this.issues.values()].map((i) => [i.id, i]));
        for (const idOrKey of wanted) {
          const stored = this.issues.get(idOrKey.toUpperCase()) ?? byIssueId.get(idOrKey);
          const issue = stored && this.visibleIssue(viewer, stored.key);
          if (!issue) continue; // not found or not visible: left out, and not an issueError
          const failures = this.bulkFetchErrors.get(issue.id) ?? 0;
          if (failures > 0) {
            this.bulkFetchErrors.set(issue.id, failures - 1);
            issueErrors.push({ id: issue.id, message: 'Retry later' });
            continue;
          }
          found.set(issue.id, issue);
        }
        return {
          issues: [...found.values()]
            .sort(byId)
            .map((i) => this.toJiraIssue(i, request.fields, request.properties ?? [])),
          issueErrors,
        };
      });

    const client: FakeJiraClient = {
      calls,
      viewer,
      searchIdsPage,
      bulkFetchIssues,
      getProjectProperty: (idOrKey, propertyKey) =>
        answer('getProjectProperty', [idOrKey, propertyKey], () => {
          const project = this.projectFor('getProjectProperty', viewer, idOrKey);
          return structuredClone(this.projectProperties.get(`${project.key}/${propertyKey}`));
        }),
      setProjectProperty: (idOrKey, propertyKey, value) =>
        answer('setProjectProperty', [idOrKey, propertyKey, value], () => {
          const project = this.projectFor('setProjectProperty', viewer, idOrKey);
          if (viewer.kind === 'user' && !project.admins.has(viewer.accountId)) {
            throw fakeJiraError('setProjectProperty', 'forbidden', [
              'You do not have permission to edit the properties of this project.',
            ]);
          }
          this.projectProperties.set(`${project.key}/${propertyKey}`, structuredClone(value));
        }),
      getMyself: () =>
        answer('getMyself', [], (): JiraUser => {
          if (viewer.kind === 'app') {
            return { accountId: 'app', displayName: 'Role Split', active: true, accountType: 'app' };
          }
          const stored = this.users.get(viewer.accountId);
          if (!stored) throw fakeJiraError('getMyself', 'unauthorized');
          return { ...stored.user };
        }),
      getProject: (idOrKey) =>
        answer('getProject', [idOrKey], (): JiraProject => {
          const p = this.projectFor('getProject', viewer, idOrKey);
          return { id: p.id, key: p.key, name: p.name, projectTypeKey: 'software' };
        }),
      getProjectIssueTypes: (projectId) =>
        answer('getProjectIssueTypes', [projectId], () => {
          const p = [...this.projects.values()].find((candidate) => candidate.id === projectId);
          if (!p || !this.canBrowse(viewer, p)) {
            throw fakeJiraError('getProjectIssueTypes', 'not-found', [
              `No project could be found with id '${projectId}'.`,
            ]);
          }
          return p.issueTypes.map((t) => ({ ...t }));
        }),
      searchPage,
      async *searchAll(request, onPage) {
        calls.add('searchAll');
        // The real client's walk: follow nextPageToken until Jira says the page is the last.
        let token: string | null = null;
        let fetched = 0;
        for (;;) {
          const page: SearchPage = await searchPage(request, token);
          fetched += page.issues.length;
          onPage?.(fetched);
          yield page.issues;
          if (page.nextPageToken === null) return;
          token = page.nextPageToken;
        }
      },
      getIssue: (key, { fields, properties }) =>
        answer('getIssue', [key], () => {
          const issue = this.visibleIssue(viewer, key);
          if (!issue) {
            throw fakeJiraError('getIssue', 'not-found', [
              'Issue does not exist or you do not have permission to see it.',
            ]);
          }
          return this.toJiraIssue(issue, fields, properties ?? []);
        }),
      getProjectRoles: (idOrKey) =>
        answer('getProjectRoles', [idOrKey], () =>
          this.rolesOf('getProjectRoles', viewer, idOrKey).roles.map((r) => ({ id: r.id, name: r.name })),
        ),
      getProjectRole: (idOrKey, roleId) =>
        answer('getProjectRole', [idOrKey, roleId], () => {
          const role = this.rolesOf('getProjectRole', viewer, idOrKey).roles.find((r) => r.id === roleId);
          if (!role)
            throw fakeJiraError('getProjectRole', 'not-found', [`No project role with id ${roleId}.`]);
          return structuredClone(role);
        }),
      getUserGroups: (accountId) =>
        answer('getUserGroups', [accountId], () => {
          const stored = this.users.get(accountId);
          if (!stored)
            throw fakeJiraError('getUserGroups', 'not-found', [`User ${accountId} does not exist.`]);
          return stored.groups.map((g) => ({ ...g }));
        }),
      getUsers: (accountIds) =>
        // Unknown accounts are simply missing from /user/bulk, as they are from Jira.
        answer('getUsers', [accountIds], () =>
          [...new Set(accountIds)].flatMap((id) => {
            const stored = this.users.get(id);
            return stored ? [{ ...stored.user }] : [];
          }),
        ),
      searchUsers: (query, maxResults) =>
        // Jira's people search: active people whose name (or a word of it) starts with the query.
        answer('searchUsers', [query, maxResults], () =>
          [...this.users.values()]
            .map((stored) => stored.user)
            .filter((user) => {
              const q = query.toLowerCase();
              const name = user.displayName.toLowerCase();
              const words = name.split(/\s+/);
              return (
                user.active &&
                user.accountType === 'atlassian' &&
                (name.startsWith(q) || words.some((w) => w.startsWith(q)))
              );
            })
            .slice(0, maxResults)
            .map((user) => ({ ...user })),
        ),
      getIssueProperty: () => unsupported('getIssueProperty'),
      setIssueProperty: () => unsupported('setIssueProperty'),
      deleteIssueProperty: () => unsupported('deleteIssueProperty'),
      bulkSetIssueProperties: () => unsupported('bulkSetIssueProperties'),
      getTask: () => unsupported('getTask'),
      hasPermission: () => unsupported('hasPermission'),
      checkPermissions: () => unsupported('checkPermissions'),
      notifyIssue: () => unsupported('notifyIssue'),
      getLicense: () => unsupported('getLicense'),
      searchGroups: () => unsupported('searchGroups'),
      getFields: () => unsupported('getFields'),
      searchFieldValuesPage: () => unsupported('searchFieldValuesPage'),
    };
    return client;
  }
}
