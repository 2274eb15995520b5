// The shell's "Sandbox" menu, over HTTP: added latency (the embedded site's latency fault), 429 bursts with
// Retry-After and 5xx bursts on the app's own Jira requests (never the shell's pages), a generated large
// project, the site's plan (Free / Standard), and the acting user's consent shown with a way to revoke it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningHost } from '../../../sandbox/host';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import { createProbeApp, grantConsent, startProbeHost, type ProbeApp } from './probe-app';

let site: RunningSite;
let host: RunningHost;
let probe: ProbeApp;
let token = '';
const story = DEMO.issues.coveredStory;

beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0 });
  probe = createProbeApp();
  host = await startProbeHost(site, probe);
  await grantConsent(host, [DEMO.adminUser.accountId]);
  await host.viewer.setPanelAdded(site.state.getIssue(story)?.id ?? '', 'probe-panel', true);
  const page = await (await fetch(`${host.url}/browse/${story}`)).text();
  token = /data-frame="([^"]+)"/.exec(page)?.[1] ?? '';
});
afterAll(async () => {
  await host?.close();
  await site?.close();
  probe?.remove();
});

function menu(action: string, form: Record<string, string>): Promise<Response> {
  return fetch(`${host.url}/_host/sandbox/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ back: `/browse/${story}`, ...form }).toString(),
    redirect: 'manual',
  });
}

/** The app's `requestJira('/rest/api/3/myself')` through the bridge: its status and Retry-After. */
async function appRequest(): Promise<{ status: number; retryAfter: string | undefined }> {
  const response = await fetch(`${host.url}/_host/bridge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      frame: token,
      type: 'fetchProduct',
      payload: { product: 'jira', restPath: '/rest/api/3/myself', fetchRequestInit: { method: 'GET' } },
    }),
  });
  const answer = (await response.json()) as { result: { status: number; headers: Record<string, string> } };
  return { status: answer.result.status, retryAfter: answer.result.headers['retry-after'] };
}

describe('Sandbox menu', () => {
  it('is on every page, with the fault controls and the acting user consent', async () => {
    const page = await (await fetch(`${host.url}/browse/${story}`)).text();
    expect(page).toContain('id="sandbox-menu"');
    for (const action of ['latency', 'rate-limit', 'server-errors', 'large-project'])
      expect(page).toContain(`action="/_host/sandbox/${action}"`);
    expect(page).toContain('data-consent="granted"');
    expect(page).toContain('id="consent-revoke"');
  });

  it("sets the embedded site's added latency", async () => {
    const response = await menu('latency', { latencyMs: '250' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/browse/${story}`);
    expect(site.faults.get().latencyMs).toBe(250);
    await menu('latency', { latencyMs: '0' });
    expect(site.faults.get().latencyMs).toBe(0);
  });

  it("answers the app's next requests 429 with Retry-After, then Jira again; the shell's pages are untouched", async () => {
    await menu('rate-limit', { count: '2', retryAfterSeconds: '7' });
    expect((await fetch(`${host.url}/browse/${story}`)).status).toBe(200);
    expect(await appRequest()).toEqual({ status: 429, retryAfter: '7' });
    expect(await appRequest()).toEqual({ status: 429, retryAfter: '7' });
    expect((await appRequest()).status).toBe(200);
  });

  it("answers the app's next requests 503 during a 5xx burst", async () => {
    await menu('server-errors', { count: '1' });
    expect((await appRequest()).status).toBe(503);
    expect((await appRequest()).status).toBe(200);
  });

  it('refuses a malformed value', async () => {
    expect((await menu('latency', { latencyMs: '-5' })).status).toBe(400);
  });

  it("switches the site's plan: the license the app reads says FREE, the menu shows it, and back", async () => {
    const license = async () => {
      const reply = await fetch(`${site.url}/rest/api/3/instance/license`, {
        headers: { 'x-sandbox-secret': site.secret, 'x-sandbox-as': 'app' },
      });
      return ((await reply.json()) as { applications: Array<{ plan: string }> }).applications[0]?.plan;
    };
    expect(await license()).toBe('PAID');
    const response = await menu('plan', { plan: 'free' });
    expect(response.status).toBe(303);
    expect(site.state.plan).toBe('free');
    expect(await license()).toBe('FREE');
    const page = await (await fetch(`${host.url}/browse/${story}`)).text();
    expect(page).toContain('action="/_host/sandbox/plan"');
    expect(page).toContain('data-site-plan="free"');
    expect((await menu('plan', { plan: 'premium' })).status).toBe(400);
    await menu('plan', { plan: 'standard' });
    expect(await license()).toBe('PAID');
  });

  it("replaces the site's data with a generated project of the size asked for", async () => {
    const before = site.state.issues.size;
    await menu('large-project', { issues: '1200' });
    const shop = [...site.state.issues.values()].filter((i) => i.key.startsWith(`${DEMO.projectKey}-`));
    expect(shop.length).toBeGreaterThanOrEqual(1200);
    expect(site.state.issues.size).not.toBe(before);
  });
});
