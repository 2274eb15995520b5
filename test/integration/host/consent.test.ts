// asUser() consent, as Forge has it (forge-facts §5): a user's asUser() calls fail with the SDK's
// NeedsAuthenticationError (name NEEDS_AUTHENTICATION_ERR, status 401, from the proxy's 401 with
// `forge-proxy-error: NEEDS_AUTHENTICATION_ERR`) until that user allows access; the bridge tells the shell to
// ask; the grant is per user, survives a restart and can be revoked. asApp() never needs it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NeedsAuthenticationError, asApp, asUser, route } from '@forge/api';
import { createBackend, needsAuthentication } from '../../../sandbox/host/backend';
import { DeliveryQueue } from '../../../sandbox/host/delivery-queue';
import { KvsStore } from '../../../sandbox/host/kvs-store';
import { parseManifest } from '../../../sandbox/host/manifest';
import { SANDBOX_APP, runInvocation } from '../../../sandbox/host/runtime';
import type { RunningHost } from '../../../sandbox/host';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import { createProbeApp, startProbeHost, type ProbeApp } from './probe-app';

let site: RunningSite;
let probe: ProbeApp;
let dataDir: string;
const admin = DEMO.adminUser.accountId;
const other = DEMO.users.find((u) => u.active && u.accountId !== admin)?.accountId ?? '';

beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0 });
  probe = createProbeApp();
  dataDir = mkdtempSync(join(tmpdir(), 'host-consent-'));
});
afterAll(async () => {
  await site?.close();
  probe?.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

async function panelToken(host: RunningHost, accountId: string): Promise<string> {
  await host.viewer.setPanelAdded(
    site.state.getIssue(DEMO.issues.coveredStory)?.id ?? '',
    'probe-panel',
    true,
  );
  const html = await (
    await fetch(`${host.url}/browse/${DEMO.issues.coveredStory}`, {
      headers: { cookie: `forge-host-as=${encodeURIComponent(accountId)}` },
    })
  ).text();
  return /data-module="probe-panel"[\s\S]*?data-frame="([^"]+)"/.exec(html)?.[1] ?? '';
}

async function whoami(host: RunningHost, accountId: string) {
  const response = await fetch(`${host.url}/_host/bridge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      frame: await panelToken(host, accountId),
      type: 'invoke',
      payload: { functionKey: 'whoami', payload: {} },
    }),
  });
  return (await response.json()) as {
    ok: boolean;
    result?: { jiraUser: string };
    error?: string;
    needsAuthentication?: boolean;
  };
}

async function setConsent(host: RunningHost, accountId: string, granted: boolean): Promise<Response> {
  return fetch(`${host.url}/_host/consent`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `forge-host-as=${encodeURIComponent(accountId)}`,
    },
    body: new URLSearchParams({ granted: granted ? '1' : '0', back: '/' }).toString(),
    redirect: 'manual',
  });
}

describe('asUser() consent', () => {
  it("fails a user's asUser() calls until they allow access, per user, kept across a restart, until revoked", async () => {
    const first = await startProbeHost(site, probe, () => {}, dataDir);
    try {
      expect(await whoami(first, admin)).toEqual({
        ok: false,
        error: 'There was an error invoking the function - Authentication Required',
        needsAuthentication: true,
      });
      expect(first.functions.recent().at(-1)).toMatchObject({ ok: false, error: 'Authentication Required' });

      expect((await setConsent(first, admin, true)).status).toBe(303);
      expect(await whoami(first, admin)).toEqual({
        ok: true,
        result: expect.objectContaining({ jiraUser: admin }) as unknown,
      });
      expect((await whoami(first, other)).needsAuthentication).toBe(true);
    } finally {
      await first.close();
    }

    const second = await startProbeHost(site, probe, () => {}, dataDir);
    try {
      expect((await whoami(second, admin)).ok).toBe(true);
      await setConsent(second, admin, false);
      expect((await whoami(second, admin)).needsAuthentication).toBe(true);
    } finally {
      await second.close();
    }
  });
});

describe('the proxy answer and the SDK error', () => {
  it('is the 401 the SDK turns into NeedsAuthenticationError; asApp() is unaffected', async () => {
    const answer = needsAuthentication();
    expect(answer.status).toBe(401);
    expect(answer.headers.get('forge-proxy-error')).toBe('NEEDS_AUTHENTICATION_ERR');

    const manifest = parseManifest('app: { id: x }\n');
    const seen: string[] = [];
    const backend = createBackend({
      manifest,
      kvs: new KvsStore(null),
      queue: new DeliveryQueue(null, () => Promise.resolve()),
      hasConsent: () => false,
      product: {
        mode: 'embedded',
        siteUrl: '',
        request: (identity) => {
          seen.push(identity.kind);
          return Promise.resolve(new Response('{}', { status: 200 }));
        },
      },
    });
    const signals: { needsAuthentication?: boolean } = {};
    const outcome = await runInvocation(
      {
        backend,
        app: SANDBOX_APP,
        invocationId: 'i',
        functionKey: 'f',
        moduleKey: 'm',
        moduleType: 'jira:issuePanel',
        accountId: admin,
        deadline: Date.now() + 25_000,
        signals,
      },
      async () => {
        const error = await asUser()
          .requestJira(route`/rest/api/3/myself`)
          .then(() => null)
          .catch((e: unknown) => e);
        const app = await asApp().requestJira(route`/rest/api/3/myself`);
        return { error, appStatus: app.status };
      },
    );
    expect(outcome.error).toBeInstanceOf(NeedsAuthenticationError);
    expect(outcome.error).toMatchObject({
      name: 'NEEDS_AUTHENTICATION_ERR',
      status: 401,
      message: 'Authentication Required',
      serviceKey: 'atlassian-token-service-key',
    });
    expect(outcome.appStatus).toBe(200);
    expect(seen).toEqual(['app']);
    expect(signals.needsAuthentication).toBe(true);
  });
});
