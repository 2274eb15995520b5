// The host's one persistent work queue: events pushed with @forge/events `Queue.push` (delivered to the
// manifest's consumers) and Jira product events (delivered to the manifest's triggers). Deliveries survive a
// restart (JSON file in the data dir), honour `delayInSeconds`, and follow Forge's retry contract: a handler
// that *returns* an InvocationError (`{ _retry: true, retryOptions }`) is called again after `retryAfter`
// seconds with a `retryContext`, at most 4 retries; a handler that throws is logged and not retried.
// One delivery runs at a time, which keeps the sandbox light and its order easy to follow.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { JsonFile } from './json-file';

export type DeliveryKind = 'queue' | 'trigger';

export interface Delivery {
  id: string;
  jobId: string;
  kind: DeliveryKind;
  /** Consumer module key or trigger module key. */
  target: string;
  /** Queue name or event type, for logs and stats. */
  topic: string;
  payload: unknown;
  notBefore: number;
  retryCount: number;
  retryContext: { retryCount: number; retryReason: string; retryData: unknown } | null;
  status: 'pending' | 'succeeded' | 'failed' | 'cancelled';
  error: string | null;
}

export type Deliver = (delivery: Delivery) => Promise<unknown>;

const MAX_RETRIES = 4;
const MAX_RETRY_AFTER_S = 900;
const KEEP_FINISHED = 500;

const retrySignal = z.object({
  _retry: z.literal(true),
  retryOptions: z
    .object({
      retryAfter: z.number().optional(),
      retryReason: z.string().optional(),
      retryData: z.unknown().optional(),
    })
    .optional(),
});

interface StoredFile {
  version: 1;
  deliveries: Delivery[];
}

export class DeliveryQueue {
  private deliveries: Delivery[] = [];
  private readonly file: JsonFile<StoredFile>;
  private running = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(
    path: string | null,
    private readonly deliver: Deliver,
    private readonly onError: (delivery: Delivery, message: string) => void = () => {},
  ) {
    this.file = new JsonFile(path, () => ({ version: 1, deliveries: this.deliveries }));
    const stored = JsonFile.read(path) as StoredFile | undefined;
    if (stored?.version === 1) this.deliveries = stored.deliveries;
  }

  /** Begins delivering (including work left from a previous run). */
  start(): void {
    this.schedule(0);
  }

  async enqueue(
    items: Array<
      Pick<Delivery, 'kind' | 'target' | 'topic' | 'payload'> & {
        delayInSeconds?: number;
        jobId?: string;
        id?: string;
      }
    >,
  ): Promise<void> {
    const now = Date.now();
    for (const item of items) {
      this.deliveries.push({
        id: item.id ?? randomUUID(),
        jobId: item.jobId ?? randomUUID(),
        kind: item.kind,
        target: item.target,
        topic: item.topic,
        payload: item.payload,
        notBefore: now + Math.min(item.delayInSeconds ?? 0, MAX_RETRY_AFTER_S) * 1000,
        retryCount: 0,
        retryContext: null,
        status: 'pending',
        error: null,
      });
    }
    await this.file.save();
    this.schedule(0);
  }

  /** Forge's job stats for the events of one push. */
  stats(jobId: string): { success: number; inProgress: number; failed: number } | null {
    const job = this.deliveries.filter((d) => d.jobId === jobId);
    if (job.length === 0) return null;
    return {
      success: job.filter((d) => d.status === 'succeeded').length,
      inProgress: job.filter((d) => d.status === 'pending').length,
      failed: job.filter((d) => d.status === 'failed' || d.status === 'cancelled').length,
    };
  }

  async cancel(jobId: string): Promise<boolean> {
    const job = this.deliveries.filter((d) => d.jobId === jobId);
    job.filter((d) => d.status === 'pending').forEach((d) => (d.status = 'cancelled'));
    await this.file.save();
    return job.length > 0;
  }

  list(): Delivery[] {
    return this.deliveries.map((d) => ({ ...d }));
  }

  /** Resolves once nothing is due now (delayed deliveries may remain). For tests and `--reset`. */
  whenIdle(): Promise<void> {
    if (!this.running && !this.due()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async clear(): Promise<void> {
    this.deliveries = [];
    await this.file.save();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.file.saveNow();
  }

  private due(): Delivery | undefined {
    const now = Date.now();
    return this.deliveries.find((d) => d.status === 'pending' && d.notBefore <= now);
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pump(), ms);
    this.timer.unref();
  }

  private async pump(): Promise<void> {
    if (this.running || this.closed) return;
    this.running = true;
    try {
      for (let next = this.due(); next && !this.closed; next = this.due()) await this.runOne(next);
    } finally {
      this.running = false;
    }
    this.prune();
    await this.file.save();
    this.idleWaiters.splice(0).forEach((resolve) => resolve());
    const pending = this.deliveries.filter((d) => d.status === 'pending');
    if (pending.length > 0)
      this.schedule(Math.max(0, Math.min(...pending.map((d) => d.notBefore)) - Date.now()));
  }

  private async runOne(delivery: Delivery): Promise<void> {
    try {
      const result = await this.deliver(delivery);
      const retry = retrySignal.safeParse(result);
      if (!retry.success) {
        delivery.status = 'succeeded';
      } else if (delivery.retryCount >= MAX_RETRIES) {
        delivery.status = 'failed';
        delivery.error = `asked for a retry after ${MAX_RETRIES} retries; Forge gives up here`;
        this.onError(delivery, delivery.error);
      } else {
        const options = retry.data.retryOptions ?? {};
        const after = Math.min(Math.max(options.retryAfter ?? 1, 1), MAX_RETRY_AFTER_S);
        delivery.retryCount += 1;
        delivery.retryContext = {
          retryCount: delivery.retryCount,
          retryReason: options.retryReason ?? 'FUNCTION_RETRY_REQUEST',
          retryData: options.retryData ?? null,
        };
        delivery.notBefore = Date.now() + after * 1000;
      }
    } catch (error) {
      delivery.status = 'failed';
      delivery.error = error instanceof Error ? error.message : String(error);
      this.onError(delivery, delivery.error);
    }
    await this.file.save();
  }

  private prune(): void {
    const finished = this.deliveries.filter((d) => d.status !== 'pending');
    if (finished.length <= KEEP_FINISHED) return;
    const drop = new Set(finished.slice(0, finished.length - KEEP_FINISHED));
    this.deliveries = this.deliveries.filter((d) => !drop.has(d));
  }
}
