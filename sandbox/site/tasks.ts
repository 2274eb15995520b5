// Jira's long-running tasks (`GET /rest/api/3/task/{taskId}`), used here by the bulk property endpoint: a task
// is ENQUEUED when submitted and runs to COMPLETE (or FAILED) shortly after, on a timer, so callers must poll
// as they must against Jira. Tasks live in memory only; `drain()` finishes the pending ones (on close/reset).
import { createHash } from 'node:crypto';

export type TaskStatusName = 'ENQUEUED' | 'RUNNING' | 'COMPLETE' | 'FAILED';

export interface TaskRecord {
  id: string;
  description: string;
  status: TaskStatusName;
  ownerAccountId: string;
  submittedBy: number;
  submitted: number;
  started?: number;
  finished?: number;
  lastUpdate: number;
  progress: number;
  result?: unknown;
  message?: string;
}

/** Jira reports the submitter as a numeric user key; derive a stable one from the account id. */
export function numericUserKey(accountId: string): number {
  return parseInt(createHash('sha1').update(accountId).digest('hex').slice(0, 7), 16);
}

export class TaskRunner {
  private readonly tasks = new Map<string, TaskRecord>();
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; work: () => unknown }>();
  private nextId = 10000;

  constructor(
    private readonly now: () => number,
    private readonly delayMs: number,
  ) {}

  submit(description: string, ownerAccountId: string, work: () => unknown): TaskRecord {
    const now = this.now();
    const task: TaskRecord = {
      id: String(this.nextId++),
      description,
      status: 'ENQUEUED',
      ownerAccountId,
      submittedBy: numericUserKey(ownerAccountId),
      submitted: now,
      lastUpdate: now,
      progress: 0,
    };
    this.tasks.set(task.id, task);
    const timer = setTimeout(() => this.run(task.id), this.delayMs);
    this.pending.set(task.id, { timer, work });
    return task;
  }

  get(id: string): TaskRecord | undefined {
    return this.tasks.get(id);
  }

  /** Runs every pending task now. */
  drain(): void {
    for (const id of [...this.pending.keys()]) this.run(id);
  }

  clear(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.tasks.clear();
  }

  private run(id: string): void {
    const entry = this.pending.get(id);
    const task = this.tasks.get(id);
    if (!entry || !task) return;
    clearTimeout(entry.timer);
    this.pending.delete(id);
    task.status = 'RUNNING';
    task.started = this.now();
    try {
      task.result = entry.work();
      task.status = 'COMPLETE';
      task.progress = 100;
    } catch (error) {
      task.status = 'FAILED';
      task.message = error instanceof Error ? error.message : String(error);
    }
    task.finished = this.now();
    task.lastUpdate = task.finished;
  }
}

export function taskJson(baseUrl: string, task: TaskRecord, now: number): Record<string, unknown> {
  const json: Record<string, unknown> = {
    self: `${baseUrl}/rest/api/3/task/${task.id}`,
    id: task.id,
    description: task.description,
    status: task.status,
    submittedBy: task.submittedBy,
    progress: task.progress,
    elapsedRuntime: (task.finished ?? now) - (task.started ?? task.submitted),
    submitted: task.submitted,
    lastUpdate: task.lastUpdate,
  };
  if (task.started !== undefined) json.started = task.started;
  if (task.finished !== undefined) json.finished = task.finished;
  if (task.result !== undefined) json.result = task.result;
  if (task.message !== undefined) json.message = task.message;
  return json;
}
