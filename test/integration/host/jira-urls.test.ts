// Jira's page addresses in the sandbox. In Jira one origin serves the REST API and the pages, so the links the
// app builds from a project's `self` (the digest's issue and mute links) open pages; in the sandbox the embedded
// site redirects a browser's GET of `/browse/KEY` or `/jira/{type}/projects/KEY/...` to the host it was given,
// and the host serves a project page at Jira's own address, `/jira/{type}/projects/KEY/apps/{appId}/{envId}[/sub]`.
// Also: the sidebar's "Project settings" link only for project and Jira admins, the outbox's run-now text in
// words, and the start-up text naming the settings page and the outbox.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startHost, type RunningHost } from '../../../sandbox/host';
import { describeRun } from '../../../sandbox/host/shell/outbox';
import { jiraPageUrl, whatToTry } from '../../../sandbox/host/start-text';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';

let site: RunningSite;
let bareSite: RunningSite;
let host: RunningHost;
let hostUrl: string | null = null;

beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0, hostUrl: () => hostUrl });
  bareSite = await startSite({ dataDir: null, port: 0 });
  host = await startHost({ dataDir: null, site, scheduler: false, log: () => {} });
  hostUrl = host.url;
}, 60_000);
afterAll(async () => {
  await host?.close();
  await site?.close();
  await bareSite?.close();
});

/** The page address `/apps/{appId}/{envId}` as the app builds it: the ids its Forge context gives it. */
const appIds = () => `${host.functions.app.appId}/${host.functions.app.environmentId}`;

function get(url: string, actAs: string = DEMO.adminUser.accountId): Promise<Response> {
  return fetch(url, {
    redirect: 'manual',
    headers: { accept: 'text/html', cookie: `forge-host-as=${encodeURIComponent(actAs)}` },
  });
}

describe('the embedded site with a host attached', () => {
  it('redirects an issue link built from the site’s base URL to the host’s issue view', async () => {
    const reply = await get(`${site.url}/browse/${DEMO.issues.coveredStory}`);
    expect(reply.status).toBe(302);
    expect(reply.headers.get('location')).toBe(`${host.url}/browse/${DEMO.issues.coveredStory}`);
    const page = await get(reply.headers.get('location') ?? '');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(DEMO.issues.coveredStory);
  });

  it('redirects the app’s project page address, sub-path and query kept', async () => {
    const path = `/jira/software/projects/${DEMO.projectKey}/apps/${appIds()}/mute?from=email`;
    const reply = await get(`${site.url}${path}`);
    expect(reply.status).toBe(302);
    expect(reply.headers.get('location')).toBe(`${host.url}${path}`);
  });

  it('still answers the REST API, and does not redirect anything but a GET of a page', async () => {
    const project = await fetch(`${site.url}/rest/api/3/project/${DEMO.projectKey}`, {
      headers: { 'x-sandbox-secret': site.secret, 'x-sandbox-as': `user:${DEMO.adminUser.accountId}` },
    });
    expect(project.status).toBe(200);
    const post = await fetch(`${site.url}/browse/${DEMO.issues.coveredStory}`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(post.status).toBe(404);
  });

  it('leaves page addresses 404 on a site without a host', async () => {
    const reply = await get(`${bareSite.url}/browse/${DEMO.issues.coveredStory}`);
    expect(reply.status).toBe(404);
  });
});

describe('the host serves Jira’s own project page addresses', () => {
  it('opens the Alignment page at /apps/{appId}/{envId}, its history starting at the sub-path', async () => {
    const reply = await get(`${host.url}/jira/software/projects/${DEMO.projectKey}/apps/${appIds()}/mute`);
    expect(reply.status).toBe(200);
    const html = await reply.text();
    expect(html).toContain('data-frame=');
    expect(html).toContain('path=%2Fmute');
    expect(html).toContain('Alignment');
  });

  it('opens the settings page at /settings/apps/{appId}/{envId}', async () => {
    const reply = await get(jiraPageUrl(host, DEMO.projectKey, true));
    expect(reply.status).toBe(200);
    const html = await reply.text();
    expect(html).toContain('data-frame=');
    expect(html).not.toContain('path=');
  });

  it('answers 404 for another environment, saying which one the app is in', async () => {
    const reply = await get(
      `${host.url}/jira/software/projects/${DEMO.projectKey}/apps/${host.functions.app.appId}/other-env/mute`,
    );
    expect(reply.status).toBe(404);
    expect(await reply.text()).toContain(host.functions.app.environmentId);
  });
});

describe('the project sidebar', () => {
  const settingsLink = `/settings/apps/`;
  const issuesPage = () => `${host.url}/jira/software/projects/${DEMO.projectKey}/issues`;

  it('shows "Project settings › Role Split" to a project admin', async () => {
    const html = await (await get(issuesPage(), DEMO.adminUser.accountId)).text();
    expect(html).toContain('sidebar__heading">Project settings');
    expect(html).toContain(settingsLink);
  });

  it('hides it from someone who is neither a project nor a Jira admin', async () => {
    for (const person of [DEMO.people.pmDirect, DEMO.people.viewer]) {
      const reply = await get(issuesPage(), person.accountId);
      expect(reply.status).toBe(200);
      const html = await reply.text();
      expect(html).toContain(DEMO.projectName);
      expect(html).not.toContain('sidebar__heading">Project settings');
      expect(html).not.toContain(settingsLink);
    }
  });
});

describe('the outbox’s "Run the scheduled job now"', () => {
  it('says how many projects the run queued, in words', () => {
    expect(describeRun({ runId: '2026113018', queued: 2 })).toBe(
      'Run 2026113018 started: 2 projects queued; the digests follow through the queue within a few seconds and appear below.',
    );
    expect(describeRun({ runId: '2026113018', queued: 1 })).toContain('1 project queued');
  });

  it('says why when it queued none, and where to change it', () => {
    const text = describeRun({ runId: '2026113018', queued: 0 });
    expect(text).toMatch(/^Run 2026113018 started: no project queued/);
    expect(text).toContain('notifications on for this hour');
    expect(text).toContain('Project settings › Role Split');
    expect(text).not.toContain('{');
  });

  it('shows the words on the outbox page after a real run', async () => {
    const reply = await fetch(`${host.url}/_host/notify/run-now`, { method: 'POST', redirect: 'manual' });
    expect(reply.status).toBe(303);
    const location = reply.headers.get('location') ?? '';
    const page = await (await get(`${host.url}${location}`)).text();
    // No project has notifications on in the demo data: none is due.
    expect(page).toMatch(/data-ran>Run \d{10} started: no project queued/);
    expect(page).not.toContain('{&quot;');
  });
});

describe('the start-up text', () => {
  it('names the settings page and the outbox, where to click, at addresses the host serves', async () => {
    const text = whatToTry(host, site);
    const settingsUrl = jiraPageUrl(host, DEMO.projectKey, true);
    expect(text).toContain(settingsUrl);
    expect(text).toContain(`${host.url}/sandbox/outbox`);
    expect(text).toMatch(/Project settings › Role Split \(project admins only/);
    expect(text).toMatch(/Sandbox menu › Outbox/);
    for (const url of text.match(/http:\/\/\S+/g) ?? []) {
      expect([url, (await get(url)).status]).toEqual([url, 200]);
    }
  });
});
