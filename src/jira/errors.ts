// Typed errors of the Jira client. Every HTTP status and every transport failure becomes a `JiraError` here,
// in one place, so callers switch on `kind` instead of on numbers and message texts. An error names the
// endpoint as method + path template (`GET /rest/api/3/issue/{issueIdOrKey}`): never the concrete URL, the
// site or any header, so it is safe to log. `describeJiraError` turns any error into one line fit for a user.
import { z } from 'zod';

export type JiraErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'bad-request'
  | 'rate-limited'
  | 'server'
  | 'bad-response'
  | 'timeout'
  | 'network';

export interface JiraErrorInit {
  kind: JiraErrorKind;
  /** Method + path template, e.g. `PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}`. */
  endpoint: string;
  status?: number;
  /** Jira's `errorMessages`, when the body carried them. */
  errorMessages?: string[];
  /** Jira's `errors` (field -> message), when the body carried them. */
  errors?: Record<string, string>;
  /** For `rate-limited`: how long Jira asked to wait (Retry-After), so a queue can reschedule. */
  retryAfterMs?: number;
  /** Extra detail for logs (never credentials or payload values). */
  detail?: string;
  cause?: unknown;
}

export class JiraError extends Error {
  override readonly name = 'JiraError';
  readonly kind: JiraErrorKind;
  readonly endpoint: string;
  readonly status?: number;
  readonly errorMessages: string[];
  readonly errors: Record<string, string>;
  readonly retryAfterMs?: number;

  constructor(init: JiraErrorInit) {
    super(logMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.errorMessages = init.errorMessages ?? [];
    this.errors = init.errors ?? {};
    this.retryAfterMs = init.retryAfterMs;
  }
}

export function isJiraError(error: unknown, kind?: JiraErrorKind): error is JiraError {
  return error instanceof JiraError && (kind === undefined || error.kind === kind);
}

function logMessage(init: JiraErrorInit): string {
  const status = init.status === undefined ? '' : ` (HTTP ${init.status})`;
  const jira = jiraMessages(init.errorMessages ?? [], init.errors ?? {});
  const detail = [jira, init.detail].filter((part) => part !== undefined && part !== '').join('; ');
  return `Jira ${init.kind}${status} on ${init.endpoint}${detail ? `: ${detail}` : ''}`;
}

function jiraMessages(errorMessages: string[], errors: Record<string, string>): string {
  return [...errorMessages, ...Object.entries(errors).map(([field, message]) => `${field}: ${message}`)].join(
    ' | ',
  );
}

/** Jira's error body (`ErrorCollection`); anything else in an error body is ignored. */
const errorCollectionSchema = z.object({
  errorMessages: z.array(z.string()).optional().catch(undefined),
  errors: z.record(z.string(), z.string()).optional().catch(undefined),
});

/** Jira's `errorMessages` / `errors` from an error body, or empty when the body is not an ErrorCollection. */
export function parseErrorBody(bodyText: string): {
  errorMessages: string[];
  errors: Record<string, string>;
} {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return { errorMessages: [], errors: {} };
  }
  const parsed = errorCollectionSchema.safeParse(json);
  if (!parsed.success) return { errorMessages: [], errors: {} };
  return { errorMessages: parsed.data.errorMessages ?? [], errors: parsed.data.errors ?? {} };
}

/** The kind an HTTP error status maps to; the single table of the client. */
export function kindForStatus(status: number): JiraErrorKind {
  if (status === 400) return 'bad-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  // Other 4xx (405, 409, 413, 422...) are requests Jira refused as written.
  if (status >= 400) return 'bad-request';
  // A status the endpoint does not document as success (e.g. a redirect where none is expected).
  return 'bad-response';
}

/** The error for a non-success HTTP answer. */
export function errorFromResponse(args: {
  endpoint: string;
  status: number;
  bodyText: string;
  retryAfterMs?: number;
}): JiraError {
  const { errorMessages, errors } = parseErrorBody(args.bodyText);
  return new JiraError({
    kind: kindForStatus(args.status),
    endpoint: args.endpoint,
    status: args.status,
    errorMessages,
    errors,
    retryAfterMs: args.retryAfterMs,
  });
}

/**
 * The error for a transport that threw instead of answering. Aborts and timeouts (a fetch `AbortSignal`, a
 * `TimeoutError`, Node's socket timeouts) are `timeout`; anything else (DNS, refused connection, reset,
 * TLS) is `network`.
 */
export function errorFromTransportFailure(endpoint: string, failure: unknown): JiraError {
  return new JiraError({
    kind: isTimeoutFailure(failure) ? 'timeout' : 'network',
    endpoint,
    detail: failureSummary(failure),
    cause: failure,
  });
}

function isTimeoutFailure(failure: unknown): boolean {
  for (let current = failure, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current.name === 'AbortError' || current.name === 'TimeoutError') return true;
    const code = errorCode(current);
    if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
      return true;
    }
    current = current.cause;
  }
  return false;
}

/** Error name and code only: a transport's message could quote a URL, and URLs can carry a site's secrets. */
function failureSummary(failure: unknown): string {
  if (!(failure instanceof Error)) return 'transport failed';
  const cause = failure.cause instanceof Error ? failure.cause : undefined;
  return [failure.name, cause?.name, errorCode(cause)]
    .filter((part): part is string => part !== undefined)
    .join(' / ');
}

/** Node's system error code (`ECONNREFUSED`, `UND_ERR_CONNECT_TIMEOUT`...), when there is one. */
function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

const MAX_USER_DETAIL = 300;

/** One line safe to show a user: no stack, no URL, no credentials; Jira's own words only where they help. */
export function describeJiraError(error: unknown): string {
  if (!isJiraError(error)) return 'Something went wrong while talking to Jira.';
  const jira = oneLine(jiraMessages(error.errorMessages, error.errors));
  const because = jira ? `: ${jira}` : '.';
  switch (error.kind) {
    case 'unauthorized':
      return 'Jira did not accept the credentials (HTTP 401). Sign in again or check the API token.';
    case 'forbidden':
      return `Jira refused the request: missing permission (HTTP 403)${because}`;
    case 'not-found':
      return 'Jira could not find it, or you do not have permission to see it (HTTP 404).';
    case 'bad-request':
      return `Jira rejected the request${error.status === undefined ? '' : ` (HTTP ${error.status})`}${because}`;
    case 'rate-limited': {
      const wait =
        error.retryAfterMs === undefined ? '' : ` in about ${Math.ceil(error.retryAfterMs / 1000)} s`;
      return `Jira is limiting the rate of requests; try again${wait}.`;
    }
    case 'server':
      return `Jira had a problem answering (HTTP ${error.status ?? '5xx'}); try again later.`;
    case 'bad-response':
      return 'Jira sent an answer the app could not read.';
    case 'timeout':
      return 'Jira did not answer in time; try again.';
    case 'network':
      return 'Could not reach Jira; check the connection and try again.';
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_USER_DETAIL ? `${flat.slice(0, MAX_USER_DETAIL - 1)}…` : flat;
}
