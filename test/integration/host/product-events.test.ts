// Jira product events as trigger modules receive them: created, updated and deleted issues in Forge's payload
// shape (issue id, key and fields with the project; atlassianId of who did it), entity-property-only changes
// raising none, and `filter.ignoreSelf` leaving out what the app did itself. First the translation of the
// embedded site's events, then delivery through the host with a probe app of this test's own manifest.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningHost } from '../../../sandbox/host';
import { parseManifest } from '../../../sandbox/host/manifest';
import { forgeEventOf, triggersFor, type ForgeIssueEvent } from '../../../sandbox/host/product-events';
import { ISSUE_TYPE_IDS } from '../../../sandbox/site/catalog';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import { PROBE_MANIFEST, createProbeApp, startProbeHost, type ProbeApp } from './probe-app';

let site: RunningSite;
beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0 });
});
afterAll(() => site.close());

const user = DEMO.people.poDirect.accountId;
const app = DEMO.appUser.accountId;

function newStory(summary: string, actor: string) {
  return site.state.createIssue(
    {
      projectId: DEMO.projectId,
      issueTypeId: ISSUE_TYPE_IDS.story,
      summary,
      parentId: null,
      assigneeId: null,
      reporterId: actor,
    },
    actor,
  );
}

describe('the Forge shape of an issue event', () => {
  const seen: Array<ForgeIssueEvent | null> = [];
  beforeAll(() => {
    site.state.onIssueEvent((e) => seen.push(forgeEventOf(e)));
  });

  it('carries the issue with its fields and project, and who made the change, for created, updated and deleted', () => {
    const issue = newStory('Event shape probe', user);
    const created = seen.at(-1);
    expect(created).toMatchObject({
      eventType: 'avi:jira:created:issue',
      issue: {
        id: issue.id,
        key: issue.key,
        fields: {
          summary: 'Event shape probe',
          project: { id: DEMO.projectId, key: DEMO.projectKey },
          issuetype: { id: ISSUE_TYPE_IDS.story },
        },
      },
      atlassianId: user,
      associatedUsers: [{ accountId: user }],
    });
    const next = site.state.statuses.find((s) => s.id !== issue.statusId);
    site.state.transitionIssue(issue, next?.id ?? issue.statusId, user);
    expect(seen.at(-1)).toMatchObject({
      eventType: 'avi:jira:updated:issue',
      issue: { id: issue.id, key: issue.key, fields: { project: { key: DEMO.projectKey } } },
      atlassianId: user,
      changelog: { items: [expect.objectContaining({ field: 'status' })] },
    });
    site.state.deleteIssue(issue, user);
    expect(seen.at(-1)).toMatchObject({
      eventType: 'avi:jira:deleted:issue',
      issue: { id: issue.id, key: issue.key, fields: { project: { key: DEMO.projectKey } } },
      atlassianId: user,
    });
  });

  it('raises no issue event for an entity property change alone', () => {
    const issue = site.state.getIssue(DEMO.issues.coveredStory);
    if (!issue) throw new Error('missing story');
    const before = seen.length;
    site.state.setIssueProperty(issue, 'sandbox.note', { a: 1 }, user);
    expect(seen.slice(before)).toEqual([null]);
  });

  it('picks the triggers that listen for the event, leaving the app out of its own ignoreSelf ones', () => {
    const { triggers } = parseManifest(`
app: { id: x }
modules:
  trigger:
    - key: all
      function: f
      events: [avi:jira:created:issue, avi:jira:updated:issue, avi:jira:deleted:issue]
      filter: { ignoreSelf: true }
    - key: created-only
      function: f
      events: [avi:jira:created:issue]
    - key: deleted-everyone
      function: f
      events: [avi:jira:deleted:issue]
      filter: { ignoreSelf: false }
  function:
    - key: f
      handler: index.f
`);
    const event = (eventType: string, atlassianId: string): ForgeIssueEvent => ({
      eventType,
      issue: { id: '1', key: 'SHOP-1', fields: {} },
      atlassianId,
      associatedUsers: [{ accountId: atlassianId }],
    });
    const keys = (e: ForgeIssueEvent) => triggersFor(triggers, e, app).map((t) => t.key);
    expect(keys(event('avi:jira:created:issue', user))).toEqual(['all', 'created-only']);
    expect(keys(event('avi:jira:created:issue', app))).toEqual(['created-only']);
    expect(keys(event('avi:jira:updated:issue', app))).toEqual([]);
    expect(keys(event('avi:jira:deleted:issue', app))).toEqual(['deleted-everyone']);
  });
});

describe('delivery to a trigger module through the host', () => {
  let host: RunningHost;
  let probe: ProbeApp;

  beforeAll(async () => {
    probe = createProbeApp();
    const manifest = PROBE_MANIFEST.replace(
      'events: [avi:jira:created:issue, avi:jira:updated:issue]',
      'events: [avi:jira:created:issue, avi:jira:updated:issue, avi:jira:deleted:issue]',
    );
    expect(manifest).toContain('avi:jira:deleted:issue');
    writeFileSync(join(probe.rootDir, 'manifest.yml'), manifest);
    host = await startProbeHost(site, probe);
  });
  afterAll(async () => {
    await host?.close();
    probe?.remove();
  });

  it('delivers created and deleted issues made by a user, and nothing the app made itself', async () => {
    const mine = newStory('Made by a user', user);
    site.state.deleteIssue(mine, user);
    const theirs = newStory('Made by the app', app);
    site.state.deleteIssue(theirs, app);
    await host.queue.whenIdle();
    expect(probe.record.issueEvents.filter((e) => e.key === mine.key)).toEqual([
      { eventType: 'avi:jira:created:issue', key: mine.key, atlassianId: user },
      { eventType: 'avi:jira:deleted:issue', key: mine.key, atlassianId: user },
    ]);
    expect(probe.record.issueEvents.filter((e) => e.key === theirs.key)).toEqual([]);
  });
});
