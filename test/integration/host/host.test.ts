// The host over HTTP, with the embedded demo site and the probe app (probe-app.ts): the shell registers
// iframes with a trusted context, the bridge endpoint answers from it (never from the request), the acting
// user reaches Jira, Custom UI documents get the shim and Forge's CSP, and the back-end modules run:
// product events -> trigger -> queue -> consumer (with a retry), and scheduled triggers on demand.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '../../support/jest-helpers';
import type { RunningHost } from '../../../sandbox/host';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import {
  PROBE_INLINE_SCRIPT,
  createProbeApp,
  grantConsent,
  type ProbeApp,
  startProbeHost,
} from './probe-app';
import { createHash } from 'node:crypto';

let site: RunningSite;
let host: RunningHost;
let probe: ProbeApp;

beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0 });
  probe = createProbeApp();
  host = await startProbeHost(site, probe);
  // Consent and the added panel have their own tests (consent.test.ts, placement.test.ts).
  await grantConsent(
    host,
    DEMO.users.map((u) => u.accountId),
  );
  await host.viewer.setPanelAdded(site.state.getIssue(story)?.id ?? '', 'probe-panel', true);
});
afterAll(async () => {
  await host?.close();
  await site?.close();
  probe?.remove();
});

async function getHtml(path: string, cookie?: string): Promise<{ status: number; body: string }> {
  const response = await fetch(host.url + path, {
    headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
  });
  return { status: response.status, body: await response.text() };
}

function frameTokens(html: string): string[] {
  return [...html.matchAll(/data-frame="([^"]+)"/g)].map((m) => m[1] ?? '');
}

async function bridge(frame: string, type: string, payload?: unknown, extra: Record<string, unknown> = {}) {
  const response = await fetch(`${host.url}/_host/bridge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ frame, type, payload, ...extra }),
  });
  return (await response.json()) as { ok: boolean; result?: unknown; error?: string };
}

const story = DEMO.issues.coveredStory;

describe('shell and bridge', () => {
  it('renders an issue with one panel iframe per manifest issue panel, each with a trusted context', async () => {
    const page = await getHtml(`/browse/${story}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(story);
    const [token] = frameTokens(page.body);
    expect(token).toBeTruthy();
    const context = await bridge(token ?? '', 'getContext');
    const issue = site.state.getIssue(story);
    expect(context).toMatchObject({
      ok: true,
      result: {
        moduleKey: 'probe-panel',
        siteUrl: host.url,
        accountId: expect.any(String) as unknown,
        extension: {
          type: 'jira:issuePanel',
          issue: { key: story, id: issue?.id },
          project: { key: DEMO.projectKey },
        },
      },
    });
  });

  it('runs the resolver with the frame context, ignoring any context sent by the iframe', async () => {
    const [token = ''] = frameTokens((await getHtml(`/browse/${story}`)).body);
    const forged = {
      context: { extension: { issue: { key: DEMO.issues.coveredEpic } } },
      accountId: 'someone-else',
    };
    const answer = await bridge(token, 'invoke', { functionKey: 'whoami', payload: {} }, forged);
    expect(answer.ok).toBe(true);
    const result = answer.result as {
      extension: { issue: { key: string } };
      contextAccountId: string;
      jiraUser: string;
    };
    expect(result.extension.issue.key).toBe(story);
    expect(result.jiraUser).toBe(result.contextAccountId);
  });

  it('acts as the user chosen in the shell: context, asUser() and requestJira all follow', async () => {
    const other = DEMO.users.find((u) => u.active && u.accountId !== DEMO.adminUser.accountId);
    if (!other) throw new Error('demo needs a second active user');
    const switched = await fetch(`${host.url}/_host/act-as`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ accountId: other.accountId, back: `/browse/${story}` }).toString(),
      redirect: 'manual',
    });
    expect(switched.status).toBe(303);
    expect(switched.headers.get('location')).toBe(`/browse/${story}`);
    const cookie = (switched.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = await getHtml(`/browse/${story}`, cookie);
    expect(page.body).toContain(other.displayName);
    const [token = ''] = frameTokens(page.body);
    const answer = await bridge(token, 'invoke', { functionKey: 'whoami', payload: {} });
    expect(answer.result).toMatchObject({ contextAccountId: other.accountId, jiraUser: other.accountId });
    const fetched = await bridge(token, 'fetchProduct', {
      product: 'jira',
      restPath: '/rest/api/3/myself',
      fetchRequestInit: { method: 'GET', headers: [] },
    });
    expect(JSON.parse((fetched.result as { body: string }).body)).toMatchObject({
      accountId: other.accountId,
    });
  });

  it('stores through @forge/kvs inside a resolver', async () => {
    const [token = ''] = frameTokens(
      (await getHtml(`/jira/software/projects/${DEMO.projectKey}/apps/probe-page`)).body,
    );
    const answer = await bridge(token, 'invoke', { functionKey: 'remember', payload: { n: 7 } });
    expect(answer).toEqual({ ok: true, result: { stored: { n: 7 } } });
    expect(host.kvs.get({ kind: 'plain' }, 'remembered')?.value).toEqual({ n: 7 });
  });

  it('answers an unknown frame with an error the UI can show, not a crash', async () => {
    expect(await bridge('no-such-frame', 'getContext')).toMatchObject({
      ok: false,
      error: expect.stringContaining('Reload') as unknown,
    });
  });
});

describe('errors', () => {
  it('shows a not-found page for an issue Jira does not have, and refuses a malformed bridge request', async () => {
    const page = await getHtml(`/browse/${DEMO.projectKey}-99999`);
    expect(page.status).toBe(404);
    expect(page.body).toContain('Not found');
    const bad = await fetch(`${host.url}/_host/bridge`, { method: 'POST', body: 'not json' });
    expect(bad.status).toBe(400);
  });
});

describe('Custom UI documents', () => {
  it('injects the bridge shim before any app script and sends a Forge-like CSP that blocks inline scripts', async () => {
    const response = await fetch(`${host.url}/resources/main/index.html?frame=abc-123&theme=dark`);
    const body = await response.text();
    const shim = body.indexOf('/_host/bridge.js');
    expect(shim).toBeGreaterThan(-1);
    expect(shim).toBeLessThan(body.indexOf('<script>'));
    expect(body).toContain('data-frame="abc-123"');
    const csp = response.headers.get('content-security-policy') ?? '';
    // The probe's index.html has an inline script; the manifest does not allow them, so Forge blocks it.
    expect(body).toContain(PROBE_INLINE_SCRIPT);
    const hash = createHash('sha256').update(PROBE_INLINE_SCRIPT).digest('base64');
    expect(csp).not.toContain(hash);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/style-src 'self'(;|$)/);
  });

  it('never serves files outside the resource directory', async () => {
    const response = await fetch(`${host.url}/resources/main/..%2f..%2fmanifest.yml`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('probe-resolver');
  });
});

describe('back-end modules', () => {
  it('delivers a Jira issue change to the trigger, whose Queue.push reaches the consumer', async () => {
    const issue = site.state.getIssue(story);
    if (!issue) throw new Error('missing story');
    const next = site.state.statuses.find((s) => s.id !== issue.statusId);
    if (!next) throw new Error('no other status');
    site.state.transitionIssue(issue, next.id, DEMO.adminUser.accountId);
    await host.queue.whenIdle();
    expect(probe.record.issueEvents).toContainEqual({
      eventType: 'avi:jira:updated:issue',
      key: story,
      atlassianId: DEMO.adminUser.accountId,
    });
    expect(probe.record.consumed.map((c) => c.body)).toContainEqual({
      key: story,
      eventType: 'avi:jira:updated:issue',
    });
    expect(host.kvs.get({ kind: 'plain' }, `seen:${story}`)?.value).toEqual({
      key: story,
      eventType: 'avi:jira:updated:issue',
    });
  });

  it('skips changes the app made itself for ignoreSelf triggers', async () => {
    const epic = site.state.getIssue(DEMO.issues.coveredEpic);
    if (!epic) throw new Error('missing epic');
    const before = probe.record.issueEvents.length;
    const next = site.state.statuses.find((s) => s.id !== epic.statusId);
    site.state.transitionIssue(epic, next?.id ?? epic.statusId, DEMO.appUser.accountId);
    await host.queue.whenIdle();
    expect(probe.record.issueEvents.slice(before).filter((e) => e.key === DEMO.issues.coveredEpic)).toEqual(
      [],
    );
  });

  it('calls a consumer again with a retryContext when it returns an InvocationError', async () => {
    await host.queue.enqueue([
      {
        kind: 'queue',
        target: 'notices-consumer',
        topic: 'notices',
        payload: { key: 'R-1', retryOnce: true },
      },
    ]);
    await waitFor(
      () =>
        expect(probe.record.consumed.filter((c) => c.body.key === 'R-1').map((c) => c.retryCount)).toEqual([
          null,
          1,
        ]),
      {
        timeout: 10_000,
      },
    );
  });

  it('runs a scheduled trigger on demand, as the app and without a user', async () => {
    const response = await fetch(`${host.url}/_host/scheduled/nightly`, { method: 'POST' });
    expect(await response.json()).toEqual({
      ok: true,
      result: { userCall: 'needs-authentication', appAccountId: DEMO.appUser.accountId },
    });
    expect(probe.record.scheduled.at(-1)).toMatchObject({ context: { moduleKey: 'nightly' } });
    const unknown = await fetch(`${host.url}/_host/scheduled/nope`, { method: 'POST' });
    expect(await unknown.json()).toMatchObject({
      ok: false,
      error: expect.stringContaining('nope') as unknown,
    });
  });
});
