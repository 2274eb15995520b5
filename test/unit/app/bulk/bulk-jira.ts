// A small in-memory Jira for the bulk core's unit tests: issues with their ownership property, bulk fetch,
// the asynchronous bulk property write (a task that finishes after a given number of polls), the task poll,
// and the Edit Issues check. Every call is recorded; faults can be armed per method. Issues the writer may not
// edit are listed; the rest of JiraClient is not used by the core and throws.
import { JiraError, type JiraErrorKind } from '../../../../src/jira/errors';
import type { JiraClient, JiraIssue } from '../../../../src/jira/types';
import { OWNERSHIP_PROPERTY_KEY } from '../../../../src/domain/ownership';
import type { IssueFacts } from '../../../../src/domain/model';

export class BulkJira {
  readonly issues = new Map<string, IssueFacts>();
  readonly calls: string[] = [];
  /** Issue ids whose property writes were applied, one entry per write. */
  readonly writes: string[] = [];
  readonly notEditable = new Set<string>();
  /** Issues the task skips silently (written as "successful" but not saved). */
  readonly dropped = new Set<string>();
  /** Polls before a task reports COMPLETE. */
  pollsToFinish = 1;
  private readonly faults = new Map<string, JiraErrorKind>();
  private tasks = new Map<string, { polls: number; apply: () => void; done: boolean }>();
  private nextTask = 1;

  add(...issues: IssueFacts[]): this {
    for (const issue of issues) this.issues.set(issue.id, structuredClone(issue));
    return this;
  }

  failNext(method: keyof JiraClient, kind: JiraErrorKind): void {
    this.faults.set(method, kind);
  }

  property(id: string): unknown {
    return this.issues.get(id)?.ownership;
  }

  private fault(method: string): void {
    this.calls.push(method);
    const kind = this.faults.get(method);
    if (kind) {
      this.faults.delete(method);
      throw new JiraError({ kind, endpoint: method, status: kind === 'forbidden' ? 403 : 500 });
    }
  }

  private find(ref: string): IssueFacts | undefined {
    return this.issues.get(ref) ?? [...this.issues.values()].find((i) => i.key === ref.toUpperCase());
  }

  client(): JiraClient {
    const toIssue = (f: IssueFacts): JiraIssue => ({
      id: f.id,
      key: f.key,
      fields: {
        summary: f.summary,
        issuetype: { id: f.issueType.id, name: f.issueType.name, hierarchyLevel: f.issueType.hierarchyLevel },
        status: { statusCategory: { key: f.statusCategory } },
        created: f.created,
        project: { id: '10000', key: f.projectKey },
      },
      properties: f.ownership === undefined ? {} : { [OWNERSHIP_PROPERTY_KEY]: structuredClone(f.ownership) },
    });
    const unsupported = (name: string) => () => {
      throw new Error(`BulkJira: ${name} is not used by the bulk core`);
    };
    const client: Partial<JiraClient> = {
      bulkFetchIssues: (request) => {
        this.fault('bulkFetchIssues');
        const found = request.issueIdsOrKeys.map((r) => this.find(r)).filter((f) => f !== undefined);
        return Promise.resolve({ issues: found.map(toIssue), issueErrors: [] });
      },
      bulkSetIssueProperties: (issues) => {
        this.fault('bulkSetIssueProperties');
        const id = String(this.nextTask++);
        this.tasks.set(id, {
          polls: 0,
          done: false,
          apply: () => {
            for (const entry of issues) {
              const issue = this.issues.get(String(entry.issueID));
              if (!issue || this.notEditable.has(issue.id) || this.dropped.has(issue.id)) continue;
              issue.ownership = structuredClone(entry.properties[OWNERSHIP_PROPERTY_KEY]);
              this.writes.push(issue.id);
            }
          },
        });
        return Promise.resolve({ taskId: id });
      },
      getTask: (taskId) => {
        this.fault('getTask');
        const task = this.tasks.get(taskId);
        if (!task) throw new Error('no such task');
        task.polls += 1;
        if (!task.done && task.polls >= this.pollsToFinish) {
          task.apply();
          task.done = true;
        }
        return Promise.resolve({ id: taskId, status: task.done ? 'COMPLETE' : 'RUNNING' });
      },
      checkPermissions: (request) => {
        this.fault('checkPermissions');
        const ids = request.projectPermissions.flatMap((p) => p.issues ?? []);
        if (ids.length > 1000) throw new JiraError({ kind: 'bad-request', endpoint: 'check', status: 400 });
        return Promise.resolve({
          projectPermissions: [
            {
              permission: 'EDIT_ISSUES',
              issues: ids.filter((id) => this.issues.has(String(id)) && !this.notEditable.has(String(id))),
              projects: [],
            },
          ],
          globalPermissions: [],
        });
      },
    };
    return new Proxy(client as JiraClient, {
      get: (target, name: string): unknown =>
        name in target ? Reflect.get(target, name) : unsupported(name),
    });
  }
}

export const noSleep = () => Promise.resolve();
