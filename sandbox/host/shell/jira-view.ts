// What the shell (the stand-in for Jira's own pages) reads from the site, always as the acting user, so
// a person who cannot browse a project does not see it here either. Jira REST v3 endpoints, parsed loosely.
import { z } from 'zod';
import type { ProductGateway, ProductIdentity } from '../product';

export interface ShellUser {
  accountId: string;
  displayName: string;
  active: boolean;
  email: string | null;
  /** Project role names the person holds anywhere (a hint in the user switch); empty when unknown. */
  roles?: string[];
}

export interface ShellProject {
  id: string;
  key: string;
  name: string;
  type: string;
}

export interface ShellIssue {
  id: string;
  key: string;
  summary: string;
  type: { id: string; name: string; hierarchyLevel: number; iconUrl: string | null };
  status: { name: string; category: string };
  parent: { key: string; summary: string; typeName: string } | null;
  project: { id: string; key: string } | null;
  assignee: string | null;
  reporter: string | null;
  created: string | null;
  updated: string | null;
}

/** A workflow transition the issue view offers as a button. */
export interface ShellTransition {
  id: string;
  name: string;
  /** The status it leads to. */
  to: string;
}

const SHELL_FIELDS = [
  'summary',
  'issuetype',
  'status',
  'parent',
  'project',
  'assignee',
  'reporter',
  'created',
  'updated',
];
/** The issue list shows at most this many issues of a project. */
export const MAX_LISTED_ISSUES = 1000;

export class ShellJiraError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ShellJiraError';
  }
}

const person = z.object({ displayName: z.string() }).loose().nullish();
const issueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z
    .object({
      summary: z.string().nullish(),
      issuetype: z
        .object({
          id: z.string(),
          name: z.string(),
          hierarchyLevel: z.number().nullish(),
          subtask: z.boolean().nullish(),
          iconUrl: z.string().nullish(),
        })
        .nullish(),
      status: z
        .object({ name: z.string(), statusCategory: z.object({ key: z.string() }).nullish() })
        .nullish(),
      parent: z
        .object({
          key: z.string(),
          fields: z
            .object({ summary: z.string().nullish(), issuetype: z.object({ name: z.string() }).nullish() })
            .nullish(),
        })
        .nullish(),
      project: z.object({ id: z.string(), key: z.string() }).nullish(),
      assignee: person,
      reporter: person,
      created: z.string().nullish(),
      updated: z.string().nullish(),
    })
    .loose(),
});

function toIssue(raw: z.output<typeof issueSchema>): ShellIssue {
  const f = raw.fields;
  const level = f.issuetype?.hierarchyLevel ?? (f.issuetype?.subtask ? -1 : 0);
  return {
    id: raw.id,
    key: raw.key,
    summary: f.summary ?? '',
    type: {
      id: f.issuetype?.id ?? '',
      name: f.issuetype?.name ?? 'Issue',
      hierarchyLevel: level,
      iconUrl: f.issuetype?.iconUrl ?? null,
    },
    status: { name: f.status?.name ?? '', category: f.status?.statusCategory?.key ?? 'new' },
    parent: f.parent
      ? {
          key: f.parent.key,
          summary: f.parent.fields?.summary ?? '',
          typeName: f.parent.fields?.issuetype?.name ?? '',
        }
      : null,
    project: f.project ? { id: f.project.id, key: f.project.key } : null,
    assignee: f.assignee?.displayName ?? null,
    reporter: f.reporter?.displayName ?? null,
    created: f.created ?? null,
    updated: f.updated ?? null,
  };
}

/** Orders DEMO-2 before DEMO-10. */
export function compareKeys(a: string, b: string): number {
  const [pa = '', na = '0'] = a.split('-');
  const [pb = '', nb = '0'] = b.split('-');
  return pa === pb ? Number(na) - Number(nb) : pa < pb ? -1 : 1;
}

export class ShellJira {
  constructor(
    private readonly gateway: ProductGateway,
    private readonly as: ProductIdentity,
  ) {}

  /**
   * Projects the user can browse. Sites without `GET /project/search` (the embedded one) are asked for each
   * of `knownKeys` instead; projects the user may not browse answer 404 and are left out.
   */
  async projects(knownKeys: () => Promise<string[]>): Promise<ShellProject[]> {
    try {
      return await this.searchProjects();
    } catch (error) {
      if (!(error instanceof ShellJiraError) || error.status !== 404) throw error;
    }
    const found = await Promise.all(
      (await knownKeys()).map((key) =>
        this.project(key).catch((error: unknown) => {
          if (error instanceof ShellJiraError && (error.status === 404 || error.status === 403)) return null;
          throw error;
        }),
      ),
    );
    return found.filter((p): p is ShellProject => p !== null).sort((a, b) => a.key.localeCompare(b.key));
  }

  private async searchProjects(): Promise<ShellProject[]> {
    const schema = z.object({
      values: z.array(
        z
          .object({ id: z.string(), key: z.string(), name: z.string(), projectTypeKey: z.string().nullish() })
          .loose(),
      ),
      isLast: z.boolean().nullish(),
    });
    const projects: ShellProject[] = [];
    for (let startAt = 0; ;) {
      const page = schema.parse(
        await this.get(`/rest/api/3/project/search?startAt=${startAt}&maxResults=50`),
      );
      projects.push(
        ...page.values.map((p) => ({
          id: p.id,
          key: p.key,
          name: p.name,
          type: p.projectTypeKey ?? 'software',
        })),
      );
      if (page.isLast !== false || page.values.length === 0) break;
      startAt += page.values.length;
    }
    return projects.sort((a, b) => a.key.localeCompare(b.key));
  }

  async project(key: string): Promise<ShellProject> {
    const p = z
      .object({ id: z.string(), key: z.string(), name: z.string(), projectTypeKey: z.string().nullish() })
      .loose()
      .parse(await this.get(`/rest/api/3/project/${encodeURIComponent(key)}`));
    return { id: p.id, key: p.key, name: p.name, type: p.projectTypeKey ?? 'software' };
  }

  async issue(key: string): Promise<ShellIssue> {
    const raw = await this.get(
      `/rest/api/3/issue/${encodeURIComponent(key)}?fields=${SHELL_FIELDS.join(',')}`,
    );
    return toIssue(issueSchema.parse(raw));
  }

  /** Issues matching `jql`, in key order, at most `limit`. */
  async search(
    jql: string,
    limit = MAX_LISTED_ISSUES,
  ): Promise<{ issues: ShellIssue[]; truncated: boolean }> {
    const schema = z.object({ issues: z.array(issueSchema), nextPageToken: z.string().nullish() });
    const issues: ShellIssue[] = [];
    let token: string | null | undefined;
    do {
      const page = schema.parse(
        await this.send('POST', '/rest/api/3/search/jql', {
          jql,
          fields: SHELL_FIELDS,
          maxResults: 100,
          ...(token ? { nextPageToken: token } : {}),
        }),
      );
      issues.push(...page.issues.map(toIssue));
      token = page.nextPageToken;
    } while (token && issues.length < limit);
    return {
      issues: issues.sort((a, b) => compareKeys(a.key, b.key)).slice(0, limit),
      truncated: Boolean(token) || issues.length > limit,
    };
  }

  /** The transitions the user may take from the issue's status (Jira lists none without Transition Issues). */
  async transitions(key: string): Promise<ShellTransition[]> {
    const page = z
      .object({
        transitions: z.array(
          z.object({ id: z.string(), name: z.string(), to: z.object({ name: z.string() }).loose() }).loose(),
        ),
      })
      .loose()
      .parse(await this.get(`/rest/api/3/issue/${encodeURIComponent(key)}/transitions`));
    return page.transitions.map((t) => ({ id: t.id, name: t.name, to: t.to.name }));
  }

  /** Takes a transition; a refusal (a workflow validator's message, say) is a ShellJiraError with Jira's words. */
  async transition(key: string, transitionId: string): Promise<void> {
    await this.send('POST', `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`, {
      transition: { id: transitionId },
    });
  }

  /**
   * Whether the user may see the project's settings: a project admin (Administer Projects) or a Jira admin
   * (Administer Jira), as Jira decides who sees the Project settings link.
   */
  async canAdministerProject(key: string): Promise<boolean> {
    const held = z.object({ havePermission: z.boolean() }).loose();
    const answer = z
      .object({ permissions: z.record(z.string(), held) })
      .loose()
      .parse(
        await this.get(
          `/rest/api/3/mypermissions?projectKey=${encodeURIComponent(key)}&permissions=ADMINISTER_PROJECTS,ADMINISTER`,
        ),
      );
    return Object.values(answer.permissions).some((p) => p.havePermission);
  }

  async myself(): Promise<ShellUser> {
    const u = z
      .object({
        accountId: z.string(),
        displayName: z.string(),
        active: z.boolean().nullish(),
        emailAddress: z.string().nullish(),
      })
      .loose()
      .parse(await this.get('/rest/api/3/myself'));
    return {
      accountId: u.accountId,
      displayName: u.displayName,
      active: u.active ?? true,
      email: u.emailAddress ?? null,
    };
  }

  private get(path: string): Promise<unknown> {
    return this.send('GET', path);
  }

  private async send(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await this.gateway.request(this.as, path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      const parsed = z.object({ errorMessages: z.array(z.string()).optional() }).safeParse(safeJson(text));
      const message = parsed.success ? parsed.data.errorMessages?.join(' ') : undefined;
      throw new ShellJiraError(
        response.status,
        message || `Jira answered ${response.status} to ${method} ${path.split('?')[0]}`,
      );
    }
    return safeJson(text);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
