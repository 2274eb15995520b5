// Switchable misbehaviour, so the client's retries and the app's error paths can be exercised against the
// sandbox: added latency on every REST call, Jira-style rate limiting (429 with Retry-After above a request
// rate) and bursts of 5xx answers (the next N matching requests). Only `/rest/api/3/...` calls are affected.
import { z } from 'zod';

export interface Faults {
  latencyMs: number;
  rateLimit: { perSecond: number; retryAfterSeconds: number } | null;
  /** The next `count` matching requests answer `status`: a 5xx, or 403 (a permission lost midway). */
  serverErrorBurst: { status: 403 | 500 | 502 | 503; count: number; path?: string } | null;
}

export const faultsPatchSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000),
    rateLimit: z
      .object({ perSecond: z.number().int().min(1), retryAfterSeconds: z.number().int().min(0).max(3600) })
      .nullable(),
    serverErrorBurst: z
      .object({
        status: z.union([z.literal(403), z.literal(500), z.literal(502), z.literal(503)]),
        count: z.number().int().min(0),
        /** Only requests whose path starts with this are hit. */
        path: z.string().optional(),
      })
      .nullable(),
  })
  .partial()
  .strict();

const NO_FAULTS: Faults = { latencyMs: 0, rateLimit: null, serverErrorBurst: null };

export type FaultDecision =
  | { kind: 'pass' }
  | { kind: 'rate-limited'; retryAfterSeconds: number; limit: number }
  | { kind: 'server-error'; status: 403 | 500 | 502 | 503 };

export class FaultInjector {
  private current: Faults = structuredClone(NO_FAULTS);
  /** Times of the requests let through during the last second (for the rate limit). */
  private recent: number[] = [];

  constructor(private readonly now: () => number) {}

  get(): Faults {
    return structuredClone(this.current);
  }

  set(patch: Partial<Faults>): void {
    this.current = { ...this.current, ...structuredClone(patch) };
    if (patch.rateLimit !== undefined) this.recent = [];
  }

  clear(): void {
    this.current = structuredClone(NO_FAULTS);
    this.recent = [];
  }

  get latencyMs(): number {
    return this.current.latencyMs;
  }

  /** Decides the fate of one request; call once per request, after the latency. */
  decide(path: string): FaultDecision {
    const limit = this.current.rateLimit;
    if (limit) {
      const now = this.now();
      this.recent = this.recent.filter((t) => now - t < 1000);
      // Requests refused with 429 do not use up the allowance, as with a token bucket.
      if (this.recent.length >= limit.perSecond) {
        return { kind: 'rate-limited', retryAfterSeconds: limit.retryAfterSeconds, limit: limit.perSecond };
      }
      this.recent.push(now);
    }
    const burst = this.current.serverErrorBurst;
    if (burst && burst.count > 0 && (burst.path === undefined || path.startsWith(burst.path))) {
      burst.count -= 1;
      const status = burst.status;
      if (burst.count === 0) this.current.serverErrorBurst = null;
      return { kind: 'server-error', status };
    }
    return { kind: 'pass' };
  }
}

/** Requests per endpoint, keyed "METHOD /rest/api/3/path/{template}" (unmatched paths: "METHOD (unmatched)"). */
export class RequestCounters {
  private counts = new Map<string, number>();

  increment(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }
}
