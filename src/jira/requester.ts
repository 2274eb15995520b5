// The request engine under every endpoint of the client: one attempt loop that retries what is safe to retry
// (429 and 503 honouring Retry-After; other 5xx, timeouts and network failures for repeatable requests) within
// a time budget, hands every failure to ./errors to become a typed JiraError, and reads JSON bodies with zod.
// Calls of one client share a throttle (./throttle.ts): a Retry-After told to one call holds back all of them,
// and the requests in flight shrink after a 429 and grow back, so parallel callers never add retries of their
// own.
import { NeedsAuthenticationError } from '@forge/api';
import type { Route } from '@forge/api';
import type { z } from 'zod';
import { JiraError, errorFromResponse, errorFromTransportFailure } from './errors';
import { Throttle, type ThrottleView } from './throttle';
import type { HttpMethod, JiraTransport } from './types';

export interface JiraClientOptions {
  /**
   * Time one client call may take with its retries, counted from its first attempt (default 20 s, so a call
   * fits Forge's 25 s resolver limit). A retry whose wait would end past the budget is not attempted: the
   * call fails with the last error instead (`rate-limited` carries `retryAfterMs`). Each call (each search
   * page) has its own budget; a resolver making several calls should pass a smaller one.
   */
  timeBudgetMs?: number;
  /**
   * A deadline (epoch ms) shared by every call of this client: no call starts or retries past it. A Forge
   * resolver sets it a few seconds inside its 25 s limit, so several calls cannot add up to a killed function.
   */
  deadlineAt?: number;
  /** Retries of 429 / 503 per call (default 4). Other transient failures retry at most twice. 0: never retry. */
  maxRetries?: number;
  /** Injected in tests so retries do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Clock (epoch ms) for the budget and HTTP-date Retry-After values. */
  now?: () => number;
  /** Source of jitter in [0, 1). */
  random?: () => number;
}

export const DEFAULT_TIME_BUDGET_MS = 20_000;
export const DEFAULT_MAX_RETRIES = 4;
/** Retries of a 500/502/504, a timeout or a network failure, for requests that are safe to repeat. */
const MAX_TRANSIENT_RETRIES = 2;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 8_000;
/** Added on top of Retry-After so many clients told the same instant do not return together. */
const RETRY_AFTER_JITTER_MS = 250;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface CallSpec {
  method: HttpMethod;
  /** The documented path template, used to name the endpoint in errors (never the concrete URL). */
  template: string;
  body?: unknown;
  /**
   * Safe to send again when the outcome of an attempt is unknown (5xx, timeout, network)? Defaults to true for
   * GET/PUT/DELETE and false for POST; read-only or absolute-value POSTs opt in.
   */
  repeatable?: boolean;
  /** Non-2xx statuses this endpoint handles itself (e.g. 303 for an async task, 404 for a missing property). */
  accept?: readonly number[];
}

export interface Reply {
  endpoint: string;
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

/** Milliseconds to wait from a Retry-After header (delta-seconds or HTTP-date), or undefined when absent. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export function createRequester(transport: JiraTransport, options: JiraClientOptions) {
  const budgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const maxRetries = Math.max(0, options.maxRetries ?? DEFAULT_MAX_RETRIES);
  const maxTransientRetries = Math.min(MAX_TRANSIENT_RETRIES, maxRetries);
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const throttle = new Throttle(now, sleep);

  /** Capped exponential backoff with "equal jitter": between half and all of the capped step. */
  const backoff = (retry: number): number => {
    const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry);
    return step / 2 + (random() * step) / 2;
  };

  /** The wait before the next attempt after an HTTP error, or undefined when it must not be retried. */
  const waitAfterStatus = (
    status: number,
    retry: number,
    retryAfterMs: number | undefined,
    repeatable: boolean,
  ): number | undefined => {
    const honour = () =>
      retryAfterMs === undefined ? backoff(retry) : retryAfterMs + random() * RETRY_AFTER_JITTER_MS;
    // Jira's rate limiter refuses before doing any work, so a 429 is safe to repeat even for a POST.
    if (status === 429) return retry < maxRetries ? honour() : undefined;
    // A 503 with Retry-After is load shedding (nothing was done); without it a POST's outcome is unknown.
    if (status === 503 && (repeatable || retryAfterMs !== undefined)) {
      return retry < maxRetries ? honour() : undefined;
    }
    if (status >= 500 && repeatable) return retry < maxTransientRetries ? backoff(retry) : undefined;
    return undefined;
  };

  async function requestJira(target: Route, spec: CallSpec): Promise<Reply> {
    const endpoint = `${spec.method} ${spec.template}`;
    const repeatable = spec.repeatable ?? spec.method !== 'POST';
    const deadline = Math.min(now() + budgetMs, options.deadlineAt ?? Number.POSITIVE_INFINITY);
    const fitsBudget = (waitMs: number) => now() + waitMs <= deadline;
    if (now() >= deadline) {
      throw new JiraError({ kind: 'timeout', endpoint, detail: 'the time allowed for this request ran out' });
    }

    let waitedUntil = 0;
    for (let retry = 0; ; retry++) {
      await throttle.acquire(
        waitedUntil,
        deadline,
        (waitMs) =>
          new JiraError({
            kind: 'rate-limited',
            endpoint,
            status: 429,
            retryAfterMs: waitMs,
            detail: 'Jira asked to wait past the time allowed for this request',
          }),
        retry > 0,
      );
      let status: number;
      let headers: Reply['headers'];
      let text: string;
      try {
        const response = await transport({ method: spec.method, route: target, body: spec.body });
        status = response.status;
        headers = response.headers;
        text = await response.text();
      } catch (failure) {
        throttle.release('other');
        // Forge's consent prompt only appears if this error reaches the platform untouched.
        if (failure instanceof JiraError || failure instanceof NeedsAuthenticationError) throw failure;
        const error = errorFromTransportFailure(endpoint, failure);
        const waitMs = repeatable && retry < maxTransientRetries ? backoff(retry) : undefined;
        if (waitMs === undefined || !fitsBudget(waitMs)) throw error;
        await sleep(waitMs);
        continue;
      }

      if ((status >= 200 && status < 300) || spec.accept?.includes(status)) {
        throttle.release('ok');
        return { endpoint, status, headers, text };
      }
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'), now());
      const error = errorFromResponse({ endpoint, status, bodyText: text, retryAfterMs });
      const waitMs = waitAfterStatus(status, retry, retryAfterMs, repeatable);
      const until = now() + (waitMs ?? retryAfterMs ?? 0);
      // Load shedding concerns every call of the client, not just this one: all of them hold back.
      if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
        throttle.rateLimited(until, throttle.inFlight);
      }
      throttle.release('other');
      if (waitMs === undefined || !fitsBudget(waitMs)) throw error;
      await sleep(waitMs);
      waitedUntil = until;
    }
  }

  return { requestJira, throttle: throttle as ThrottleView };
}

/** The JSON body of a reply, checked against `schema`; anything else is a `bad-response`. */
export function parseReply<T extends z.ZodType>(reply: Reply, schema: T): z.output<T> {
  let json: unknown;
  try {
    json = JSON.parse(reply.text);
  } catch {
    throw new JiraError({
      kind: 'bad-response',
      endpoint: reply.endpoint,
      status: reply.status,
      detail: 'the body is not JSON',
    });
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  // Paths and expectations only: the values could be personal data.
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new JiraError({
    kind: 'bad-response',
    endpoint: reply.endpoint,
    status: reply.status,
    detail: `unexpected shape (${issues})`,
  });
}
