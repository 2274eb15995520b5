// The search index trails writes by `searchLagMs`, as Jira's does: a search (and the approximate count) answers
// from each recently written issue as it was before the window, reads by key and the bulk fetch are current at
// once, and `reconcileIssues` (at most 50, the same on every page) makes the named issues current. The clock is
// the site's own (injected), so nothing here waits.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DEMO, type RunningSite } from '../../../sandbox/site';
import { client, errorBody, read, searchPage, startTestSite, type Client } from './helpers';

const LAG = 5_000;
let clock = Date.parse('2026-03-02T09:00:00Z');
let site: RunningSite;
let api: Client;

beforeAll(async () => {
  site = await startTestSite({ clock: () => clock, searchLagMs: LAG });
  api = client(site, DEMO.adminUser);
});
afterAll(() => site.close());

const sam = DEMO.people.poDirect.accountId;
const amara = DEMO.people.poViaGroup.accountId;

async function search(jql: string, extra: Record<string, unknown> = {}) {
  const reply = await api.post('/rest/api/3/search/jql', {
    jql,
    fields: ['summary'],
    properties: [DEMO.propertyKey],
    maxResults: 100,
    ...extra,
  });
  expect(reply.status).toBe(200);
  return read(searchPage, reply);
}

const keysOf = (page: { issues: Array<{ key?: string | undefined }> }): string[] =>
  page.issues.map((i) => i.key ?? '');

/** A SHOP story whose PO is Sam, to hand to Amara. */
function samsStory() {
  const story = [...site.state.issues.values()].find((i) => {
    const value = i.properties.get(DEMO.propertyKey) as { po?: { accountId?: string } } | undefined;
    return i.projectId === DEMO.projectId && value?.po?.accountId === sam && i.securityLevelId === null;
  });
  if (!story) throw new Error('no story owned by Sam');
  return story;
}

describe('a property write', () => {
  it('is searched as it was until the lag has passed, while reads by key are current', async () => {
    const story = samsStory();
    const path = `/rest/api/3/issue/${story.key}/properties/${DEMO.propertyKey}`;
    const value = { schema: 1, po: { accountId: amara, setBy: sam, setAt: '2026-03-02T09:00:00.000Z' } };
    expect((await api.put(path, value)).status).toBe(200);

    // The index still has Sam as the PO: found under Sam, not under Amara, with the old value.
    const underSam = await search(`productOwner = "${sam}"`);
    expect(keysOf(underSam)).toContain(story.key);
    expect(underSam.issues.find((i) => i.key === story.key)?.properties?.[DEMO.propertyKey]).toMatchObject({
      po: { accountId: sam },
    });
    expect(keysOf(await search(`productOwner = "${amara}"`))).not.toContain(story.key);

    // Reads by key and the bulk fetch are current.
    expect(read(z.object({ value: z.unknown() }), await api.get(path)).value).toEqual(value);
    const bulk = read(
      z.object({
        issues: z.array(z.object({ key: z.string(), properties: z.record(z.string(), z.unknown()) })),
      }),
      await api.post('/rest/api/3/issue/bulkfetch', {
        issueIdsOrKeys: [story.key],
        properties: [DEMO.propertyKey],
      }),
    );
    expect(bulk.issues[0]?.properties[DEMO.propertyKey]).toEqual(value);

    // reconcileIssues makes it current in the search.
    const reconciled = await search(`productOwner = "${amara}"`, { reconcileIssues: [Number(story.id)] });
    expect(keysOf(reconciled)).toContain(story.key);
    expect(reconciled.issues.find((i) => i.key === story.key)?.properties?.[DEMO.propertyKey]).toEqual(value);

    // A millisecond before the lag has passed it is still old; after, the index has caught up.
    clock += LAG - 1;
    expect(keysOf(await search(`productOwner = "${amara}"`))).not.toContain(story.key);
    clock += 2;
    expect(keysOf(await search(`productOwner = "${amara}"`))).toContain(story.key);
    expect(keysOf(await search(`productOwner = "${sam}"`))).not.toContain(story.key);
  });
});

describe('created and deleted issues', () => {
  it('appear in searches and counts only after the lag, and stay until it has passed', async () => {
    const jql = 'project = SHOP AND summary ~ "lagging"';
    const count = async () =>
      read(z.object({ count: z.number() }), await api.post('/rest/api/3/search/approximate-count', { jql }))
        .count;
    const created = read(
      z.object({ id: z.string(), key: z.string() }),
      await api.post('/rest/api/3/issue', {
        fields: {
          project: { key: DEMO.projectKey },
          issuetype: { name: 'Task' },
          summary: 'A lagging task',
        },
      }),
    );
    expect((await api.get(`/rest/api/3/issue/${created.key}`)).status).toBe(200);
    expect(keysOf(await search(jql))).toEqual([]);
    expect(await count()).toBe(0);
    expect(keysOf(await search(jql, { reconcileIssues: [Number(created.id)] }))).toEqual([created.key]);
    clock += LAG + 1;
    expect(keysOf(await search(jql))).toEqual([created.key]);
    expect(await count()).toBe(1);

    expect((await api.del(`/rest/api/3/issue/${created.key}`)).status).toBe(204);
    expect((await api.get(`/rest/api/3/issue/${created.key}`)).status).toBe(404);
    expect(keysOf(await search(jql))).toEqual([created.key]);
    expect(keysOf(await search(jql, { reconcileIssues: [Number(created.id)] }))).toEqual([]);
    clock += LAG + 1;
    expect(keysOf(await search(jql))).toEqual([]);
  });
});

describe('reconcileIssues', () => {
  it('takes at most 50 ids, and the same ones on every page', async () => {
    const ids = [...site.state.issues.keys()].map(Number);
    const tooMany = await api.post('/rest/api/3/search/jql', {
      jql: 'project = SHOP',
      reconcileIssues: ids.slice(0, 51),
    });
    expect(tooMany.status).toBe(400);
    expect(read(errorBody, tooMany).errorMessages[0]).toMatch(/up to 50/);

    const reconcileIssues = ids.slice(0, 50);
    const first = read(
      searchPage,
      await api.post('/rest/api/3/search/jql', { jql: 'project = SHOP', maxResults: 5, reconcileIssues }),
    );
    const next = (body: Record<string, unknown>) =>
      api.post('/rest/api/3/search/jql', {
        jql: 'project = SHOP',
        maxResults: 5,
        nextPageToken: first.nextPageToken,
        ...body,
      });
    expect((await next({ reconcileIssues: [...reconcileIssues].reverse() })).status).toBe(200);
    const changed = await next({ reconcileIssues: reconcileIssues.slice(1) });
    expect(changed.status).toBe(400);
    expect(read(errorBody, changed).errorMessages[0]).toMatch(/same on every page/);
    expect((await next({})).status).toBe(400);
    const viaGet = await api.get(
      `/rest/api/3/search/jql?jql=project%3DSHOP&reconcileIssues=${ids.slice(0, 51).join(',')}`,
    );
    expect(viaGet.status).toBe(400);
  });
});

describe('without a lag (the default)', () => {
  it('searches see a write at once', async () => {
    const plain = await startTestSite();
    try {
      const story = [...plain.state.issues.values()].find((i) => i.projectId === DEMO.projectId);
      if (!story) throw new Error('no SHOP issue');
      const as = client(plain, DEMO.adminUser);
      expect(
        (
          await as.put(`/rest/api/3/issue/${story.key}/properties/${DEMO.propertyKey}`, {
            po: { accountId: amara },
          })
        ).status,
      ).toBe(200);
      const page = read(
        searchPage,
        await as.post('/rest/api/3/search/jql', { jql: `productOwner = "${amara}"`, maxResults: 100 }),
      );
      expect(page.issues.map((i) => i.id)).toContain(story.id);
    } finally {
      await plain.close();
    }
  });
});
