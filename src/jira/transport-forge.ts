// The Forge transport: Jira REST through `requestJira` of @forge/api. The caller passes `api.asApp()` or
// `api.asUser()`, so which identity a call runs as is always chosen, and visible, where the call is made:
//
//   const jira = createJiraClient(forgeTransport(api.asUser()));
//
// Errors thrown by Forge (e.g. NeedsAuthenticationError when the user has not granted consent) are left to
// propagate; the client passes that one through untouched so the platform can prompt.
import type { Route } from '@forge/api';
import type { JiraResponse, JiraTransport } from './types';

/** What `api.asApp()` / `api.asUser()` offer; structurally typed so tests can pass a fake. */
export interface ForgeJiraRequester {
  requestJira(
    route: Route,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<JiraResponse>;
}

export function forgeTransport(requester: ForgeJiraRequester): JiraTransport {
  return async ({ method, route, body }) => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body === undefined) return requester.requestJira(route, { method, headers });
    headers['Content-Type'] = 'application/json';
    return requester.requestJira(route, { method, headers, body: JSON.stringify(body) });
  };
}
