// Forge's limits on Custom UI, enforced by the host as Forge does (forge-facts §1, §10): an `invoke` request
// over 500 KB or a response over 5 MB fails; the iframe's sandbox has no pop-ups; the content security policy
// allows inline scripts only when manifest.yml says `permissions.content.scripts: ['unsafe-inline']`.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningHost } from '../../../sandbox/host';
import { parseManifest } from '../../../sandbox/host/manifest';
import { contentSecurityPolicy } from '../../../sandbox/host/resources';
import { INVOKE_REQUEST_LIMIT_BYTES, INVOKE_RESPONSE_LIMIT_BYTES } from '../../../sandbox/host/server';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import { createProbeApp, grantConsent, startProbeHost, type ProbeApp } from './probe-app';

let site: RunningSite;
let host: RunningHost;
let probe: ProbeApp;
let page = '';
let token = '';

beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0 });
  probe = createProbeApp();
  host = await startProbeHost(site, probe);
  await grantConsent(host, [DEMO.adminUser.accountId]);
  await host.viewer.setPanelAdded(
    site.state.getIssue(DEMO.issues.coveredStory)?.id ?? '',
    'probe-panel',
    true,
  );
  page = await (await fetch(`${host.url}/browse/${DEMO.issues.coveredStory}`)).text();
  token = /data-frame="([^"]+)"/.exec(page)?.[1] ?? '';
});
afterAll(async () => {
  await host?.close();
  await site?.close();
  probe?.remove();
});

async function invoke(functionKey: string, payload: unknown) {
  const response = await fetch(`${host.url}/_host/bridge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ frame: token, type: 'invoke', payload: { functionKey, payload } }),
  });
  return (await response.json()) as { ok: boolean; result?: { text: string }; error?: string };
}

describe('invoke payload limits', () => {
  it('passes a request just under 500 KB and refuses one just over', async () => {
    const under = await invoke('sized', { bytes: 10, pad: 'p'.repeat(INVOKE_REQUEST_LIMIT_BYTES - 100) });
    expect(under).toMatchObject({ ok: true, result: { text: 'xxxxxxxxxx' } });
    const over = await invoke('sized', { bytes: 10, pad: 'p'.repeat(INVOKE_REQUEST_LIMIT_BYTES) });
    expect(over.ok).toBe(false);
    expect(over.error).toMatch(/Payload Too Large: the invocation request .* at most 500 KB/);
  });

  it('passes a response just under 5 MB and refuses one just over', async () => {
    const under = await invoke('sized', { bytes: INVOKE_RESPONSE_LIMIT_BYTES - 100 });
    expect(under.ok).toBe(true);
    expect(under.result?.text.length).toBe(INVOKE_RESPONSE_LIMIT_BYTES - 100);
    const over = await invoke('sized', { bytes: INVOKE_RESPONSE_LIMIT_BYTES });
    expect(over.ok).toBe(false);
    expect(over.error).toMatch(/Payload Too Large: the invocation response .* at most 5 MB/);
  });
});

describe('Custom UI iframe', () => {
  it('is sandboxed as Forge does: scripts, same origin, forms, modals, downloads, and no pop-ups', () => {
    const flags = /<iframe[^>]*sandbox="([^"]*)"/.exec(page)?.[1]?.split(/\s+/).sort();
    expect(flags).toEqual(
      ['allow-downloads', 'allow-forms', 'allow-modals', 'allow-same-origin', 'allow-scripts'].sort(),
    );
    expect(page).not.toContain('allow-popups');
  });

  it("allows inline scripts only when manifest.yml lists 'unsafe-inline' under permissions.content.scripts", () => {
    const strict = contentSecurityPolicy(parseManifest('app: { id: x }\n'));
    expect(strict).toMatch(/script-src 'self'(;|$)/);
    const allowing = contentSecurityPolicy(
      parseManifest("app: { id: x }\npermissions:\n  content:\n    scripts: ['unsafe-inline']\n"),
    );
    expect(allowing).toMatch(/script-src 'self' 'unsafe-inline'(;|$)/);
  });
});
