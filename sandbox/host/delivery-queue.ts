// The host's one persistent work queue: events pushed with @forge/events `Queue.push` (delivered to the
// manifest's consumers) and Jira product events (delivered to the manifest's triggers). Deliveries survive a
// restart (JSON file in the data dir) and honour `delayInSeconds`. Forge's runtime promises, kept here:
// - queue events are delivered at least once: one that was running when the host stopped runs again, and
//   (with `duplicateChance`, which `npm start` sets) one that succeeded is now and then delivered again;
// - a consumer that returns an InvocationError runs again after its `retryAfter` (≤ 900 s); one that throws
//   or times out runs again with backoff; both until the 24 h retention window since the push is over;
// - a product-event trigger may ask for at most 4 retries with an InvocationError; a throw is not retried;
// - several deliveries run at once (Forge runs events in parallel), but never more than an event's
//   `concurrency.limit` with the same `concurrency.key`.
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
  retryContext: {
    retryCount: number;
    retryReason: string;
    retryData: unknown;
    retentionWindow?: { startTime: string; remainingTimeMs: number };
  } | null;
  status: 'pending' | 'succeeded' | 'failed' | 'cancelled';
  error: string | null;
  /** Epoch ms of the push: the retention window is counted from here. */
  enqueuedAt: number;
  /** `concurrency` of the pushed event: at most `limit` deliveries with this `key` run at once. */
  concurrency: { key: string; limit: number } | null;
  /** How many times the handler was called. */
  attempts: number;
  /** Set once the event has been delivered a second time after succeeding (at-least-once delivery). */
  duplicated?: boolean;
}

export interface DeliveryQueueOptions {
  /** Wait before retrying a thrown or timed-out delivery, by retry number (1, 2, ...). */
  backoffMs?: (retry: number) => number;
  /** How long a queue event is retried after its push (Forge: 24 h). */
  retentionMs?: number;
  /** How many deliveries run at once. */
  parallelism?: number;
  /** The chance that a queue event which succeeded is delivered once more (Forge: at least once; default 0). */
  duplicateChance?: number;
  /** Uniform in [0, 1), for the duplicate draw. */
  random?: () => number;
  onError?: (delivery: Delivery, message: string) => void;
}

export type Deliver = (delivery: Delivery) => Promise<unknown>;

/** Product-event triggers: at most this many InvocationError retries. */
const MAX_TRIGGER_RETRIES = 4;
const MAX_RETRY_AFTER_S = 900;
const KEEP_FINISHED = 500;
export const RETENTION_MS = 24 * 60 * 60 * 1000;
/** Forge retries failed events "with backoff (up to ~15 min)": 30 s, 1 min, 2 min, ... capped at 15 min. */
export function forgeBackoffMs(retry: number): number {
  return Math.min(15 * 60_000, 30_000 * 2 ** Math.max(0, retry - 1));
}
const DEFAULT_PARALLELISM = 4;

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
  /** Deliveries whose handler is running now (still `pending` on disk, so a restart runs them again). */
  private readonly inFlight = new Set<Delivery>();
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private idleWaiters: Array<() => void> = [];
  private readonly backoffMs: (retry: number) => number;
  private readonly retentionMs: number;
  private readonly parallelism: number;
  private readonly duplicateChance: number;
  private readonly random: () => number;
  private readonly onError: (delivery: Delivery, message: string) => void;

  constructor(
    path: string | null,
    private readonly deliver: Deliver,
    options: DeliveryQueueOptions | ((delivery: Delivery, message: string) => void) = {},
  ) {
    const opts = typeof options === 'function' ? { onError: options } : options;
    this.backoffMs = opts.backoffMs ?? forgeBackoffMs;
    this.retentionMs = opts.retentionMs ?? RETENTION_MS;
    this.parallelism = opts.parallelism ?? DEFAULT_PARALLELISM;
    this.duplicateChance = opts.duplicateChance ?? 0;
    this.random = opts.random ?? Math.random;
    this.onError = opts.onError ?? (() => {});
    this.file = new JsonFile(path, () => ({ version: 1, deliveries: this.deliveries }));
    const stored = JsonFile.read(path) as StoredFile | undefined;
    if (stored?.version === 1) {
      this.deliveries = stored.deliveries.map((d) => ({
        ...d,
        enqueuedAt: d.enqueuedAt ?? Date.now(),
        concurrency: d.concurrency ?? null,
        attempts: d.attempts ?? 0,
      }));
    }
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
        concurrency?: { key: string; limit: number };
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
        enqueuedAt: now,
        concurrency: item.concurrency ?? null,
        attempts: 0,
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
    if (this.inFlight.size === 0 && !this.startable()) return Promise.resolve();
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

  /** After `close()`: resolves once a background write still on its way has landed. */
  flushed(): Promise<void> {
    return this.file.whenWritten();
  }

  /** The next due delivery that may start now: not running, and under its concurrency key's limit. */
  private startable(): Delivery | undefined {
    const now = Date.now();
    const running = new Map<string, number>();
    for (const d of this.inFlight) {
      if (d.concurrency) running.set(d.concurrency.key, (running.get(d.concurrency.key) ?? 0) + 1);
    }
    return this.deliveries.find(
      (d) =>
        d.status === 'pending' &&
        d.notBefore <= now &&
        !this.inFlight.has(d) &&
        (!d.concurrency || (running.get(d.concurrency.key) ?? 0) < d.concurrency.limit),
    );
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.pump(), ms);
    this.timer.unref();
  }

  /** Starts as many deliveries as may run now; each finishing one pumps again. */
  private pump(): void {
    if (this.closed) return;
    for (
      let next = this.startable();
      next && this.inFlight.size < this.parallelism;
      next = this.startable()
    ) {
      const delivery = next;
      this.inFlight.add(delivery);
      void this.runOne(delivery).finally(() => {
        this.inFlight.delete(delivery);
        this.pump();
      });
    }
    if (this.inFlight.size > 0) return;
    this.prune();
    void this.file.save().then(() => {
      if (this.inFlight.size === 0 && !this.startable()) this.idleWaiters.splice(0).forEach((r) => r());
    });
    const pending = this.deliveries.filter((d) => d.status === 'pending');
    if (pending.length > 0)
      this.schedule(Math.max(0, Math.min(...pending.map((d) => d.notBefore)) - Date.now()));
  }

  private retryAt(delivery: Delivery, afterMs: number, reason: string, data: unknown): boolean {
    const now = Date.now();
    const remaining = delivery.enqueuedAt + this.retentionMs - (now + afterMs);
    if (remaining < 0) return false;
    delivery.retryCount += 1;
    delivery.retryContext = {
      retryCount: delivery.retryCount,
      retryReason: reason,
      retryData: data,
      retentionWindow: {
        startTime: new Date(delivery.enqueuedAt).toISOString(),
        remainingTimeMs: remaining,
      },
    };
    delivery.notBefore = now + afterMs;
    return true;
  }

  private shouldDuplicate(delivery: Delivery): boolean {
    return delivery.kind === 'queue' && !delivery.duplicated && this.random() < this.duplicateChance;
  }

  private fail(delivery: Delivery, message: string): void {
    delivery.status = 'failed';
    delivery.error = message;
    this.onError(delivery, message);
  }

  private async runOne(delivery: Delivery): Promise<void> {
    delivery.attempts += 1;
    try {
      const result = await this.deliver(delivery);
      const retry = retrySignal.safeParse(result);
      if (!retry.success && this.shouldDuplicate(delivery)) {
        // At least once: Forge may hand the same event (same eventId, no retryContext) to a consumer again.
        delivery.duplicated = true;
        delivery.notBefore = Date.now() + Math.floor(this.random() * 1000);
      } else if (!retry.success) {
        delivery.status = 'succeeded';
      } else if (delivery.kind === 'trigger' && delivery.retryCount >= MAX_TRIGGER_RETRIES) {
        this.fail(delivery, `asked for a retry after ${MAX_TRIGGER_RETRIES} retries; Forge gives up here`);
      } else {
        const options = retry.data.retryOptions ?? {};
        const after = Math.min(Math.max(options.retryAfter ?? 1, 1), MAX_RETRY_AFTER_S) * 1000;
        if (
          !this.retryAt(
            delivery,
            after,
            options.retryReason ?? 'FUNCTION_RETRY_REQUEST',
            options.retryData ?? null,
          )
        )
          this.fail(delivery, 'asked for a retry after the retention window; Forge drops the event');
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Forge retries a queue consumer's app-level failures (a throw, a timeout) with backoff; a product-event
      // trigger's throw is not retried.
      const timedOut = (error as { name?: unknown }).name === 'FunctionTimeoutError';
      if (
        delivery.kind === 'queue' &&
        this.retryAt(
          delivery,
          this.backoffMs(delivery.retryCount + 1),
          timedOut ? 'FUNCTION_TIME_OUT' : 'FUNCTION_PLATFORM_UNKNOWN_ERROR',
          null,
        )
      ) {
        delivery.error = message;
        this.onError(delivery, `${message} (retry ${delivery.retryCount} with backoff)`);
      } else {
        this.fail(delivery, message);
      }
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
