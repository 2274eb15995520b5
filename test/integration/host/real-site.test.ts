// Real-site mode: Jira calls go to the configured site with basic auth, as the token's user whatever the
// identity, and nothing that writes leaves the machine unless ROLE_SPLIT_ALLOW_WRITES=1. A stub HTTP server
// on 127.0.0.1 stands in for the site and records what reached it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isReadOnlyCall, realSiteFromEnv, realSiteGateway } from '../../../sandbox/host';

let server: Server;
let siteUrl = '';
const received: Array<{ method: string; url: string; authorization: string; sandboxAs: string | undefined }> =
  [];

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization ?? '',
      sandboxAs: req.headers['x-sandbox-as'] as string | undefined,
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const config = (allowWrites: boolean) => ({
  siteUrl,
  email: 'me@example.com',
  apiToken: 'token-1',
  allowWrites,
});

describe('real-site gateway', () => {
  it('sends reads with basic auth, drops identity headers the app sets, and acts as the token user for both identities', async () => {
    received.length = 0;
    const gateway = realSiteGateway(config(false));
    await gateway.request({ kind: 'app' }, '/rest/api/3/myself', {
      headers: { 'X-Sandbox-As': 'user:evil' },
    });
    await gateway.request({ kind: 'user', accountId: 'u-1' }, '/rest/api/3/search/jql', {
      method: 'POST',
      body: '{}',
    });
    const basic = `Basic ${Buffer.from('me@example.com:token-1').toString('base64')}`;
    expect(received).toEqual([
      { method: 'GET', url: '/rest/api/3/myself', authorization: basic, sandboxAs: undefined },
      { method: 'POST', url: '/rest/api/3/search/jql', authorization: basic, sandboxAs: undefined },
    ]);
  });

  it('refuses writes with a clear 403 unless writes are allowed', async () => {
    received.length = 0;
    const refused = await realSiteGateway(config(false)).request(
      { kind: 'app' },
      '/rest/api/3/issue/SHOP-1/properties/role-split-ownership',
      {
        method: 'PUT',
        body: '{}',
      },
    );
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { errorMessages: string[] }).errorMessages[0]).toContain(
      'ROLE_SPLIT_ALLOW_WRITES=1',
    );
    expect(received).toEqual([]);
    const allowed = await realSiteGateway(config(true)).request(
      { kind: 'app' },
      '/rest/api/3/issue/SHOP-1/properties/role-split-ownership',
      {
        method: 'PUT',
        body: '{}',
      },
    );
    expect(allowed.status).toBe(200);
    expect(received.map((r) => r.method)).toEqual(['PUT']);
  });

  it('classifies calls: GETs and searches read, anything else writes', () => {
    expect(isReadOnlyCall('GET', '/rest/api/3/issue/X-1')).toBe(true);
    expect(isReadOnlyCall('POST', '/rest/api/3/search/jql')).toBe(true);
    expect(isReadOnlyCall('POST', '/rest/api/3/search/approximate-count')).toBe(true);
    expect(isReadOnlyCall('POST', '/rest/api/3/issue/X-1/notify')).toBe(false);
    expect(isReadOnlyCall('DELETE', '/rest/api/3/issue/X-1/properties/p')).toBe(false);
    expect(isReadOnlyCall('POST', '/rest/api/3/issue/properties/multi')).toBe(false);
  });

  it('reads its settings from JIRA_SITE, JIRA_EMAIL, JIRA_API_TOKEN and ROLE_SPLIT_ALLOW_WRITES', () => {
    expect(realSiteFromEnv({})).toBeNull();
    expect(
      realSiteFromEnv({ JIRA_SITE: 'acme.atlassian.net', JIRA_EMAIL: 'a@b.c', JIRA_API_TOKEN: 't' }),
    ).toEqual({
      real: { siteUrl: 'https://acme.atlassian.net', email: 'a@b.c', apiToken: 't', allowWrites: false },
    });
    expect(
      realSiteFromEnv({
        JIRA_SITE: 'https://x.atlassian.net',
        JIRA_EMAIL: 'a',
        JIRA_API_TOKEN: 't',
        ROLE_SPLIT_ALLOW_WRITES: '1',
      })?.real.allowWrites,
    ).toBe(true);
  });
});
