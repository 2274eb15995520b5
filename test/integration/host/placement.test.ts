// Where the app appears on the issue view, as Jira places each module type (forge-facts §10): an issue context
// on every issue in the right column, collapsed until the user opens it (remembered per user), headed by its
// label and the status its dynamicProperties function returns; an issue panel only once the app's button was
// clicked on that issue (remembered per issue), in the main column above Activity; a bridge Modal as a new
// frame with its opener's context under `extension.modal`. Over HTTP, with the probe app.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningHost } from '../../../sandbox/host';
import { parseManifest } from '../../../sandbox/host/manifest';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import { createProbeApp, grantConsent, startProbeHost, type ProbeApp } from './probe-app';

let site: RunningSite;
let host: RunningHost;
let probe: ProbeApp;
const admin = DEMO.adminUser.accountId;
const other = DEMO.users.find((u) => u.active && u.accountId !== admin)?.accountId ?? '';

beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0 });
  probe = createProbeApp();
  host = await startProbeHost(site, probe);
  await grantConsent(host, [admin, other]);
});
afterAll(async () => {
  await host?.close();
  await site?.close();
  probe?.remove();
});

const asCookie = (accountId: string) => `forge-host-as=${encodeURIComponent(accountId)}`;

async function issuePage(key: string, accountId = admin): Promise<string> {
  const response = await fetch(`${host.url}/browse/${key}`, {
    headers: { accept: 'text/html', cookie: asCookie(accountId) },
  });
  expect(response.status).toBe(200);
  return response.text();
}

async function post(path: string, form: Record<string, string>, accountId = admin): Promise<Response> {
  return fetch(host.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: asCookie(accountId) },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
}

/** The `<section ...>` of one module on the page (the panel or the context), or null. */
function sectionOf(html: string, attribute: string, key: string): string | null {
  const start = html.indexOf(`${attribute}="${key}"`);
  if (start < 0) return null;
  const open = html.lastIndexOf('<section', start);
  let depth = 0;
  for (const match of html.slice(open).matchAll(/<section\b|<\/section>/g)) {
    depth += match[0] === '</section>' ? -1 : 1;
    if (depth === 0) return html.slice(open, open + (match.index ?? 0) + '</section>'.length);
  }
  return null;
}

function frameTokens(html: string): string[] {
  return [...html.matchAll(/data-frame="([^"]+)"/g)].map((m) => m[1] ?? '');
}

async function context(token: string): Promise<{ extension: Record<string, unknown>; moduleKey: string }> {
  const response = await fetch(`${host.url}/_host/bridge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ frame: token, type: 'getContext' }),
  });
  const answer = (await response.json()) as {
    ok: boolean;
    result: { extension: Record<string, unknown>; moduleKey: string };
  };
  expect(answer.ok).toBe(true);
  return answer.result;
}

const story = DEMO.issues.coveredStory;
const epic = DEMO.issues.coveredEpic;

describe('jira:issueContext', () => {
  it('is on every issue, collapsed, with its label and the lozenge its dynamicProperties return, and no iframe', async () => {
    for (const key of [story, epic]) {
      const section = sectionOf(await issuePage(key), 'data-context', 'probe-context');
      expect(section).not.toBeNull();
      expect(section).toContain('aria-expanded="false"');
      expect(section).toContain('Probe ownership');
      expect(section).toMatch(new RegExp(`lozenge--success"\\s+data-status\\s*>Checked ${key}<`));
      expect(frameTokens(section ?? '')).toEqual([]);
    }
    expect(probe.record.contextProps.at(-1)).toMatchObject({
      context: { moduleKey: 'probe-context', extension: { type: 'jira:issueContext', issue: { key: epic } } },
    });
  });

  it('sits in the right column, after the details', async () => {
    const html = await issuePage(story);
    const aside = html.indexOf('<aside');
    expect(aside).toBeGreaterThan(-1);
    expect(html.indexOf('data-context="probe-context"')).toBeGreaterThan(
      html.indexOf('class="details"', aside),
    );
  });

  it('opens for the user who expanded it, on every issue, and stays closed for everyone else', async () => {
    const opened = await post('/_host/issue-context', {
      module: 'probe-context',
      expanded: '1',
      back: `/browse/${story}`,
    });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/browse/${story}`);
    for (const key of [story, epic]) {
      const section = sectionOf(await issuePage(key), 'data-context', 'probe-context') ?? '';
      expect(section).toContain('aria-expanded="true"');
      const [token = ''] = frameTokens(section);
      expect(await context(token)).toMatchObject({
        moduleKey: 'probe-context',
        extension: { type: 'jira:issueContext', issue: { key } },
      });
    }
    const forOther = sectionOf(await issuePage(story, other), 'data-context', 'probe-context') ?? '';
    expect(forOther).toContain('aria-expanded="false"');
    expect(frameTokens(forOther)).toEqual([]);

    await post('/_host/issue-context', { module: 'probe-context', expanded: '0' });
    expect(sectionOf(await issuePage(story), 'data-context', 'probe-context')).toContain(
      'aria-expanded="false"',
    );
  });

  it('reads label, static status and dynamicProperties from manifest.yml, and refuses an undeclared function', () => {
    const manifest = (props: string) =>
      `app: { id: x }\nmodules:\n  jira:issueContext:\n    - { key: c, resource: main, title: T, label: L${props} }\n` +
      '  function:\n    - { key: f, handler: index.f }\nresources:\n  - { key: main, path: ui }\n';
    const [context] = parseManifest(
      manifest(', status: { type: badge, value: { label: "3" } }, dynamicProperties: { function: f }'),
    ).uiModules;
    expect(context).toMatchObject({
      type: 'jira:issueContext',
      label: 'L',
      status: { type: 'badge', value: { label: '3' } },
      dynamicPropertiesFunction: 'f',
    });
    expect(() => parseManifest(manifest(', dynamicProperties: { function: nope }'))).toThrow(
      'c dynamicProperties names function nope, which is not declared',
    );
  });

  it('refuses to expand a module the manifest does not declare as an issue context', async () => {
    expect((await post('/_host/issue-context', { module: 'probe-panel', expanded: '1' })).status).toBe(400);
  });
});

describe('jira:issuePanel', () => {
  it('shows only the app button until it is clicked on that issue, then the panel above Activity', async () => {
    const before = await issuePage(story);
    expect(sectionOf(before, 'data-module', 'probe-panel')).toBeNull();
    expect(before).toContain('data-add-panel="probe-panel"');

    const issueId = site.state.getIssue(story)?.id ?? '';
    const added = await post('/_host/issue-panel', {
      module: 'probe-panel',
      issueId,
      added: '1',
      back: `/browse/${story}`,
    });
    expect(added.status).toBe(303);

    const after = await issuePage(story);
    const panel = sectionOf(after, 'data-module', 'probe-panel');
    expect(panel).not.toBeNull();
    expect(after).not.toContain('data-add-panel="probe-panel"');
    const at = after.indexOf('data-module="probe-panel"');
    expect(at).toBeLessThan(after.indexOf('aria-label="Activity"'));
    expect(after.indexOf('aria-label="Activity"')).toBeLessThan(after.indexOf('<aside'));
    const [token = ''] = frameTokens(panel ?? '');
    expect(await context(token)).toMatchObject({
      extension: { type: 'jira:issuePanel', issue: { key: story } },
    });

    // Per issue: another issue still shows the button only; another user sees the panel on this one.
    expect(sectionOf(await issuePage(epic), 'data-module', 'probe-panel')).toBeNull();
    expect(sectionOf(await issuePage(story, other), 'data-module', 'probe-panel')).not.toBeNull();

    await post('/_host/issue-panel', { module: 'probe-panel', issueId, added: '0' });
    expect(sectionOf(await issuePage(story), 'data-module', 'probe-panel')).toBeNull();
  });
});

describe('bridge Modal', () => {
  it("registers a modal frame with its opener's module, user and issue, and the opener's context under extension.modal", async () => {
    const issueId = site.state.getIssue(epic)?.id ?? '';
    await post('/_host/issue-panel', { module: 'probe-panel', issueId, added: '1' });
    const [opener = ''] = frameTokens(sectionOf(await issuePage(epic), 'data-module', 'probe-panel') ?? '');
    const response = await fetch(`${host.url}/_host/modal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ frame: opener, resource: null, context: { pick: 'pm' } }),
    });
    const answer = (await response.json()) as { ok: boolean; result: { token: string; src: string } };
    expect(answer.ok).toBe(true);
    expect(answer.result.src).toContain('/resources/main/index.html');
    expect(await context(answer.result.token)).toMatchObject({
      moduleKey: 'probe-panel',
      extension: { type: 'jira:issuePanel', issue: { key: epic }, modal: { pick: 'pm' } },
    });

    const unknown = await fetch(`${host.url}/_host/modal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ frame: opener, resource: 'nope' }),
    });
    expect(unknown.status).toBe(400);
  });
});
