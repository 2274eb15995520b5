// The fetch transport: Jira Cloud REST at a site URL with an Atlassian account's email + API token (basic
// auth), for the audit CLI and for the local host pointed at a real site. Each request has its own timeout
// (AbortController), which also covers reading the body. The token is only ever put in the Authorization
// header: never logged, never part of an error.
import type { JiraResponse, JiraTransport } from './types';

export interface FetchTransportOptions {
  /** `https://your-domain.atlassian.net` (http allowed for a local site); a trailing slash is ignored. */
  siteUrl: string;
  email: string;
  apiToken: string;
  /** Per-request timeout including the body (default 15 s). */
  timeoutMs?: number;
  userAgent?: string;
  /** Added to every request; they cannot replace Authorization, Accept or Content-Type. */
  extraHeaders?: Record<string, string>;
}

export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;

/** The site's base URL without a trailing slash; throws a TypeError for anything but a plain http(s) URL. */
export function normaliseSiteUrl(siteUrl: string): string {
  let url: URL;
  try {
    url = new URL(siteUrl.trim());
  } catch {
    throw new TypeError('The Jira site URL is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError('The Jira site URL must start with https:// (or http:// for a local site).');
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError('The Jira site URL must not carry credentials; pass email and apiToken instead.');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new TypeError('The Jira site URL must not have a query or a fragment.');
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

export function fetchTransport(options: FetchTransportOptions): JiraTransport {
  const base = normaliseSiteUrl(options.siteUrl);
  if (options.email === '' || options.apiToken === '') {
    throw new TypeError('Jira email and API token are both required.');
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const authorization = `Basic ${Buffer.from(`${options.email}:${options.apiToken}`, 'utf8').toString('base64')}`;

  return async ({ method, route, body }): Promise<JiraResponse> => {
    const headers: Record<string, string> = { ...options.extraHeaders };
    if (options.userAgent !== undefined) headers['User-Agent'] = options.userAgent;
    headers.Accept = 'application/json';
    headers.Authorization = authorization;
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(timeoutError(timeoutMs)), timeoutMs);
    try {
      const response = await fetch(`${base}${route.value}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        // Jira answers some calls with 303 + Location (bulk property tasks); the client reads the Location.
        redirect: 'manual',
        signal: controller.signal,
      });
      // Read the body inside the timeout, so a stalled body cannot hang the caller.
      const text = await response.text();
      return { status: response.status, headers: response.headers, text: () => Promise.resolve(text) };
    } finally {
      clearTimeout(timer);
    }
  };
}

function timeoutError(timeoutMs: number): Error {
  const error = new Error(`No answer from Jira within ${timeoutMs} ms.`);
  error.name = 'TimeoutError';
  return error;
}
