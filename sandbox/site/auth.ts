// Who is calling. Two ways in, as the sandbox needs them:
// - Basic auth `email:apiToken`, as any Jira Cloud REST client signs in (the CLI, the Jira client's fetch
//   transport);
// - trusted identity headers for the local Forge host, which stands in for Forge's own signed calls:
//   `X-Sandbox-Secret: <secret>` with `X-Sandbox-As: app` (the app's account, as `asApp()`) or
//   `X-Sandbox-As: user:<accountId>` (as `asUser()`).
// Anything else, a wrong secret or token, or a deactivated account: 401 with Jira's error shape.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { JiraHttpError, MESSAGES, errorCollection } from './errors';
import type { SiteUser } from './model';
import type { SiteState } from './state';

export const SECRET_HEADER = 'x-sandbox-secret';
export const AS_HEADER = 'x-sandbox-as';

export interface Caller {
  user: SiteUser;
  via: 'basic' | 'trusted';
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const unauthorized = (message: string): JiraHttpError => new JiraHttpError(401, errorCollection([message]));

/** True when the request carries the site's secret (required for `/_sandbox/` admin endpoints). */
export function hasSecret(headers: IncomingHttpHeaders, secret: string): boolean {
  const given = header(headers, SECRET_HEADER);
  return given !== undefined && sameSecret(given, secret);
}

export function authenticate(headers: IncomingHttpHeaders, state: SiteState, secret: string): Caller {
  const given = header(headers, SECRET_HEADER);
  if (given !== undefined) {
    if (!sameSecret(given, secret)) throw unauthorized(MESSAGES.badCredentials);
    const as = header(headers, AS_HEADER) ?? '';
    const accountId =
      as === 'app' ? state.appAccountId : as.startsWith('user:') ? as.slice('user:'.length) : '';
    const user = state.getUser(accountId);
    if (!user || !user.active) throw unauthorized(MESSAGES.badCredentials);
    return { user, via: 'trusted' };
  }
  const authorization = header(headers, 'authorization');
  if (authorization === undefined) throw unauthorized(MESSAGES.notAuthenticated);
  const match = /^Basic\s+(.+)$/i.exec(authorization.trim());
  if (!match) throw unauthorized(MESSAGES.badCredentials);
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw unauthorized(MESSAGES.badCredentials);
  const user = state.findUserByEmail(decoded.slice(0, colon));
  const token = decoded.slice(colon + 1);
  if (!user || user.apiToken === null || !user.active || !sameSecret(token, user.apiToken)) {
    throw unauthorized(MESSAGES.badCredentials);
  }
  return { user, via: 'basic' };
}
