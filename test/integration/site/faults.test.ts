// Switchable faults (latency, 429 with Retry-After, 5xx bursts), the per-endpoint request counters, and the
// `/_sandbox/` admin endpoints that drive them from another process.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DEMO, type RunningSite } from '../../../sandbox/site';
import { client, errorBody, read, startTestSite, type Client } from './helpers';

let site: RunningSite;
let api: Client;
// A clock the test moves by hand, so the rate limit's one-second window is exact.
let clock = Date.parse('2026-03-02T09:00:00Z');

beforeAll(async () => {
  site = await startTestSite({ clock: () => clock });
  api = client(site, DEMO.people.viewer);
});
afterAll(() => site.close());
afterEach(() => {
  site.faults.clear();
  site.counters.reset();
});

describe('faults', () => {
  it('adds latency to every REST call', async () => {
    site.faults.set({ latencyMs: 120 });
    const started = performance.now();
    const reply = await api.get('/rest/api/3/myself');
    // A lower bound only: the answer cannot come before the added latency has passed.
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(reply.status).toBe(200);
  });

  it('answers 429 with Retry-After above the allowed rate, and lets requests through again a second later', async () => {
    site.faults.set({ rateLimit: { perSecond: 2, retryAfterSeconds: 7 } });
    expect((await api.get('/rest/api/3/myself')).status).toBe(200);
    expect((await api.get('/rest/api/3/project/SHOP')).status).toBe(200);
    const limited = await api.get('/rest/api/3/myself');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(read(errorBody, limited).errorMessages[0]).toMatch(/Rate limit/);
    clock += 1001;
    expect((await api.get('/rest/api/3/myself')).status).toBe(200);
  });

  it('sends a burst of 5xx answers to the next N matching requests, then recovers', async () => {
    site.faults.set({ serverErrorBurst: { status: 503, count: 2, path: '/rest/api/3/search' } });
    expect((await api.get('/rest/api/3/myself')).status).toBe(200);
    const search = () => api.post('/rest/api/3/search/jql', { jql: 'project = SHOP', maxResults: 1 });
    expect((await search()).status).toBe(503);
    expect((await search()).status).toBe(503);
    expect((await search()).status).toBe(200);
    site.faults.set({ serverErrorBurst: { status: 500, count: 1 } });
    expect((await api.get('/rest/api/3/myself')).status).toBe(500);
    expect((await api.get('/rest/api/3/myself')).status).toBe(200);
  });
});

describe('counters', () => {
  it('count requests per templated route, including refused ones', async () => {
    await api.get(`/rest/api/3/issue/${DEMO.issues.coveredStory}`);
    await api.get(`/rest/api/3/issue/${DEMO.issues.coveredEpic}`);
    await api.get(`/rest/api/3/issue/${DEMO.issues.coveredEpic}/properties/${DEMO.propertyKey}`);
    await client(site, 'anonymous').get('/rest/api/3/myself');
    await api.get('/rest/api/3/no/such/thing');
    expect(site.counters.snapshot()).toEqual({
      'GET /rest/api/3/issue/{issueIdOrKey}': 2,
      'GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': 1,
      'GET /rest/api/3/myself': 1,
      'GET (unmatched)': 1,
    });
    site.counters.reset();
    expect(site.counters.snapshot()).toEqual({});
  });

  it('answers unknown routes with a Jira-shaped 404', async () => {
    const reply = await api.get('/rest/api/3/no/such/thing');
    expect(reply.status).toBe(404);
    expect(read(errorBody, reply).errorMessages[0]).toMatch(/null for uri/);
    expect((await api.del('/rest/api/3/myself')).status).toBe(405);
  });
});

describe('admin endpoints', () => {
  const admin = (path: string, init: RequestInit = {}, secret = site.secret) =>
    fetch(`${site.url}${path}`, {
      ...init,
      headers: { 'X-Sandbox-Secret': secret, 'Content-Type': 'application/json' },
    });

  it('need the secret', async () => {
    expect((await admin('/_sandbox/counters', {}, 'wrong')).status).toBe(401);
    expect((await fetch(`${site.url}/_sandbox/outbox`)).status).toBe(401);
  });

  it('set, read and clear faults, and read and reset counters', async () => {
    const set = await admin('/_sandbox/faults', {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 0, serverErrorBurst: { status: 502, count: 1 } }),
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({
      latencyMs: 0,
      rateLimit: null,
      serverErrorBurst: { status: 502, count: 1 },
    });
    expect((await api.get('/rest/api/3/myself')).status).toBe(502);
    expect(await (await admin('/_sandbox/counters')).json()).toEqual({ 'GET /rest/api/3/myself': 1 });
    expect(
      (await admin('/_sandbox/faults', { method: 'POST', body: JSON.stringify({ latencyMs: -1 }) })).status,
    ).toBe(400);
    expect((await admin('/_sandbox/faults', { method: 'DELETE' })).status).toBe(200);
    expect(await (await admin('/_sandbox/faults')).json()).toEqual({
      latencyMs: 0,
      rateLimit: null,
      serverErrorBurst: null,
    });
    expect((await admin('/_sandbox/counters', { method: 'DELETE' })).status).toBe(204);
    expect(site.counters.snapshot()).toEqual({});
  });

  it('list the people without their tokens', async () => {
    const reply = await admin('/_sandbox/users');
    const text = await reply.text();
    const body = z
      .object({
        users: z.array(
          z.object({
            accountId: z.string(),
            displayName: z.string(),
            active: z.boolean(),
            projectRoles: z.record(z.string(), z.array(z.string())),
            securityLevels: z.record(z.string(), z.array(z.string())),
          }),
        ),
        app: z.object({ accountId: z.string() }),
      })
      .parse(JSON.parse(text));
    expect(body.users.map((u) => u.accountId).sort()).toEqual(DEMO.users.map((u) => u.accountId).sort());
    expect(body.app.accountId).toBe(DEMO.appUser.accountId);
    for (const user of DEMO.users) expect(text).not.toContain(user.apiToken);
    const levelsOf = (accountId: string) => body.users.find((u) => u.accountId === accountId)?.securityLevels;
    expect(levelsOf(DEMO.adminUser.accountId)).toEqual({ SHOP: ['Product leadership', 'Security team'] });
    expect(levelsOf(DEMO.people.developer.accountId)).toEqual({ SHOP: ['Security team'] });
    expect(levelsOf(DEMO.people.viewer.accountId)).toEqual({ SHOP: [] });
    const lars = body.users.find((u) => u.accountId === DEMO.people.pmViaGroup.accountId);
    expect(lars?.projectRoles.SHOP).toEqual([DEMO.roleNames.pm]);
  });

  it('serve avatars without the secret', async () => {
    const reply = await fetch(
      `${site.url}/_sandbox/avatar/${encodeURIComponent(DEMO.people.pmDirect.accountId)}?size=48`,
    );
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('image/svg+xml');
    expect(await reply.text()).toContain('>PN<');
  });
});
