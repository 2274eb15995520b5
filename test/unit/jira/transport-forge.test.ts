import { describe, expect, it } from '@jest/globals';
import type api from '@forge/api';
import { route, type Route } from '@forge/api';
import { forgeTransport, type ForgeJiraRequester } from '../../../src/jira/transport-forge';
import { createJiraClient } from '../../../src/jira/client';
import type { JiraTransport } from '../../../src/jira/types';

// Compile-time check: what @forge/api's asApp()/asUser() return is accepted as is.
const acceptsForgeApi: (requester: ReturnType<typeof api.asApp>) => JiraTransport = forgeTransport;
void acceptsForgeApi;

interface Call {
  route: Route;
  init?: { method?: string; headers?: Record<string, string>; body?: string };
}

function fakeRequester(status = 200, body = '{}'): ForgeJiraRequester & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    requestJira(r, init) {
      calls.push({ route: r, init });
      return Promise.resolve({ status, headers: new Headers(), text: () => Promise.resolve(body) });
    },
  };
}

describe('forgeTransport', () => {
  it('passes the Route itself, the method and JSON headers; no body on a GET', async () => {
    const requester = fakeRequester();
    const r = route`/rest/api/3/myself`;
    await forgeTransport(requester)({ method: 'GET', route: r });
    expect(requester.calls).toHaveLength(1);
    expect(requester.calls[0]?.route).toBe(r);
    expect(requester.calls[0]?.init).toEqual({ method: 'GET', headers: { Accept: 'application/json' } });
  });

  it('serialises a body as JSON with Content-Type', async () => {
    const requester = fakeRequester();
    await forgeTransport(requester)({
      method: 'PUT',
      route: route`/rest/api/3/issue/RS-1/properties/k`,
      body: { a: [1] },
    });
    expect(requester.calls[0]?.init).toEqual({
      method: 'PUT',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: '{"a":[1]}',
    });
  });

  it('serialises JSON scalars too (false is a valid property value)', async () => {
    const requester = fakeRequester();
    await forgeTransport(requester)({ method: 'PUT', route: route`/x`, body: false });
    expect(requester.calls[0]?.init?.body).toBe('false');
  });

  it('drives the client: the response is handed back untouched', async () => {
    const requester = fakeRequester(
      200,
      JSON.stringify({ accountId: 'a1', accountType: 'app', active: true, displayName: 'Role Split' }),
    );
    const me = await createJiraClient(forgeTransport(requester)).getMyself();
    expect(me).toEqual({ accountId: 'a1', accountType: 'app', active: true, displayName: 'Role Split' });
    expect(requester.calls[0]?.route.value).toBe('/rest/api/3/myself');
  });
});
