// The enhanced search's paging: opaque, expiring tokens that walk a result exactly once, and the page-size caps.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DEMO, SEARCH_LIMITS, type RunningSite } from '../../../sandbox/site';
import { client, errorBody, read, searchAll, searchPage, startTestSite, type Client } from './helpers';

const ROLE_SPLIT_FIELDS = ['summary', 'issuetype', 'status', 'created', 'parent', 'project'];

describe('search paging on the demo site', () => {
  let site: RunningSite;
  let api: Client;
  let clock = Date.parse('2026-03-01T10:00:00Z');

  beforeAll(async () => {
    site = await startTestSite({ clock: () => clock });
    api = client(site);
  });
  afterAll(() => site.close());

  const shopIssueKeys = (): string[] =>
    [...site.state.issues.values()].filter((i) => i.projectId === DEMO.projectId).map((i) => i.key);

  it('walks every issue exactly once over several pages, in the order asked for', async () => {
    const pages = await searchAll(api, {
      jql: `project = ${DEMO.projectKey} ORDER BY key ASC`,
      fields: ['summary'],
      maxResults: 17,
    });
    expect(pages.length).toBeGreaterThan(3);
    const keys = pages.flatMap((p) => p.issues.map((i) => i.key ?? ''));
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(shopIssueKeys().sort());
    const numbers = keys.map((k) => Number(k.split('-')[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // Every page but the last is full and carries a token; the last has none; no page says `total`.
    pages.slice(0, -1).forEach((p) => {
      expect(p.issues).toHaveLength(17);
      expect(p.isLast).toBe(false);
    });
    expect(pages.at(-1)?.nextPageToken).toBeUndefined();
    for (const page of pages) expect(page).not.toHaveProperty('total');
  });

  it('hands out opaque tokens that do not reveal the position or the query', async () => {
    const first = read(
      searchPage,
      await api.post('/rest/api/3/search/jql', {
        jql: 'project = SHOP ORDER BY key',
        maxResults: 5,
        fields: ['summary'],
      }),
    );
    const token = first.nextPageToken ?? '';
    const second = read(
      searchPage,
      await api.post('/rest/api/3/search/jql', {
        jql: 'project = SHOP ORDER BY key',
        maxResults: 5,
        fields: ['summary'],
        nextPageToken: token,
      }),
    );
    expect(token).toMatch(/^[A-Za-z0-9_-]{30,}$/);
    const decoded = Buffer.from(token, 'base64url').toString('latin1');
    expect(decoded).not.toContain('SHOP');
    expect(decoded).not.toMatch(/"o"|offset|"5"/);
    expect(second.nextPageToken).not.toBe(token);
  });

  it('refuses a garbage token, a token of another query and an expired token with 400', async () => {
    const garbage = await api.post('/rest/api/3/search/jql', {
      jql: 'project = SHOP',
      nextPageToken: 'bm90IGEgdG9rZW4',
    });
    expect(garbage.status).toBe(400);
    expect(read(errorBody, garbage).errorMessages[0]).toMatch(/nextPageToken/);

    const first = read(
      searchPage,
      await api.post('/rest/api/3/search/jql', { jql: 'project = SHOP', maxResults: 5 }),
    );
    const other = await api.post('/rest/api/3/search/jql', {
      jql: 'project = MOB',
      maxResults: 5,
      nextPageToken: first.nextPageToken,
    });
    expect(other.status).toBe(400);

    const stillGood = await api.post('/rest/api/3/search/jql', {
      jql: 'project = SHOP',
      maxResults: 5,
      nextPageToken: first.nextPageToken,
    });
    expect(stillGood.status).toBe(200);
    // Jira's tokens live 7 days: still good a minute before, refused a minute after.
    const day = 24 * 60 * 60_000;
    clock += 7 * day - 60_000;
    const almostAWeek = await api.post('/rest/api/3/search/jql', {
      jql: 'project = SHOP',
      maxResults: 5,
      nextPageToken: first.nextPageToken,
    });
    expect(almostAWeek.status).toBe(200);
    clock += 2 * 60_000;
    const expired = await api.post('/rest/api/3/search/jql', {
      jql: 'project = SHOP',
      maxResults: 5,
      nextPageToken: first.nextPageToken,
    });
    expect(expired.status).toBe(400);
    expect(read(errorBody, expired).errorMessages[0]).toMatch(/expired/);
  });

  it('does not accept another caller’s token', async () => {
    const first = read(
      searchPage,
      await api.post('/rest/api/3/search/jql', { jql: 'project = SHOP', maxResults: 5 }),
    );
    const asViewer = await client(site, DEMO.people.viewer).post('/rest/api/3/search/jql', {
      jql: 'project = SHOP',
      maxResults: 5,
      nextPageToken: first.nextPageToken,
    });
    expect(asViewer.status).toBe(400);
  });

  it('returns ids only unless fields are asked for, and properties only when asked for', async () => {
    const idsOnly = read(
      searchPage,
      await api.post('/rest/api/3/search/jql', { jql: 'project = SHOP', maxResults: 3 }),
    );
    expect(idsOnly.issues.map((i) => Object.keys(i))).toEqual([['id'], ['id'], ['id']]);
    const withFields = read(
      searchPage,
      await api.post('/rest/api/3/search/jql', {
        jql: `key = ${DEMO.issues.coveredStory}`,
        fields: ROLE_SPLIT_FIELDS,
        properties: [DEMO.propertyKey],
      }),
    );
    const issue = withFields.issues[0];
    expect(Object.keys(issue?.fields ?? {}).sort()).toEqual([...ROLE_SPLIT_FIELDS].sort());
    const ownership = z
      .object({ schema: z.literal(1), po: z.object({ accountId: z.string() }) })
      .safeParse(issue?.properties?.[DEMO.propertyKey]);
    expect(ownership.success).toBe(true);
    expect(issue?.fields?.parent).toMatchObject({
      key: DEMO.issues.coveredEpic,
      fields: { issuetype: { name: 'Epic' } },
    });
    const noProperties = read(
      searchPage,
      await api.post('/rest/api/3/search/jql', {
        jql: `key = ${DEMO.issues.coveredStory}`,
        fields: ['summary'],
      }),
    );
    expect(noProperties.issues[0]).not.toHaveProperty('properties');
  });
});

describe('page-size caps', () => {
  let site: RunningSite;
  let api: Client;
  // Enough issues to hit the ids-only cap of 5,000.
  beforeAll(async () => {
    site = await startTestSite({ seed: { issues: 5200 } });
    api = client(site, 'app');
  });
  afterAll(() => site.close());

  const pageOf = async (body: Record<string, unknown>) =>
    read(
      searchPage,
      await api.post('/rest/api/3/search/jql', { jql: 'project = SHOP ORDER BY key', ...body }),
    );

  it('gives up to 5,000 ids when only ids are asked for', async () => {
    expect((await pageOf({ maxResults: 5000 })).issues).toHaveLength(SEARCH_LIMITS.idsOnlyMax);
    expect((await pageOf({ maxResults: 5000, fields: ['id'] })).issues).toHaveLength(
      SEARCH_LIMITS.idsOnlyMax,
    );
  });

  it('refuses maxResults outside 1..5,000 with Jira’s 400, on POST and GET', async () => {
    for (const maxResults of [0, -1, 5001, 10_000]) {
      const reply = await api.post('/rest/api/3/search/jql', { jql: 'project = SHOP', maxResults });
      expect(reply.status).toBe(400);
      expect(read(errorBody, reply).errorMessages).toEqual([
        'The max results parameter has to be between 1 and 5,000.',
      ]);
    }
    for (const maxResults of ['0', '5001']) {
      const reply = await api.get(`/rest/api/3/search/jql?jql=project%3DSHOP&maxResults=${maxResults}`);
      expect(reply.status).toBe(400);
      expect(read(errorBody, reply).errorMessages[0]).toMatch(/between 1 and 5,000/);
    }
    expect((await pageOf({ maxResults: 1 })).issues).toHaveLength(1);
  });

  it('gives up to 100 with a few fields and properties, 50 with many fields or *all', async () => {
    expect(
      (await pageOf({ maxResults: 1000, fields: ROLE_SPLIT_FIELDS, properties: [DEMO.propertyKey] })).issues,
    ).toHaveLength(100);
    const elevenFields = [...ROLE_SPLIT_FIELDS, 'updated', 'assignee', 'reporter', 'labels', 'priority'];
    expect((await pageOf({ maxResults: 1000, fields: elevenFields })).issues).toHaveLength(50);
    expect((await pageOf({ maxResults: 1000, fields: ['*all'] })).issues).toHaveLength(50);
    expect(
      (await pageOf({ maxResults: 1000, fields: ['summary'], properties: ['a', 'b', 'c', 'd', 'e'] })).issues,
    ).toHaveLength(100);
    expect(
      (await pageOf({ maxResults: 1000, fields: ROLE_SPLIT_FIELDS, properties: ['a', 'b', 'c', 'd', 'e'] }))
        .issues,
    ).toHaveLength(50);
  });

  it('defaults to 50 and never gives more than maxResults', async () => {
    expect((await pageOf({ fields: ['summary'] })).issues).toHaveLength(SEARCH_LIMITS.defaultMaxResults);
    expect((await pageOf({ fields: ['summary'], maxResults: 7 })).issues).toHaveLength(7);
  });

  it('refuses more than 5 properties', async () => {
    const reply = await api.post('/rest/api/3/search/jql', {
      jql: 'project = SHOP',
      properties: ['a', 'b', 'c', 'd', 'e', 'f'],
    });
    expect(reply.status).toBe(400);
    expect(read(errorBody, reply).errorMessages[0]).toMatch(/5/);
  });

  it('refuses members the request bean does not have', async () => {
    const reply = await api.post('/rest/api/3/search/jql', { jql: 'project = SHOP', startAt: 100 });
    expect(reply.status).toBe(400);
  });

  it('answers the GET form of the search the same way', async () => {
    const reply = await api.get(
      '/rest/api/3/search/jql?jql=project%20%3D%20SHOP%20ORDER%20BY%20key&fields=summary,status&maxResults=3',
    );
    const page = read(searchPage, reply);
    expect(page.issues.map((i) => i.key)).toEqual(['SHOP-1', 'SHOP-2', 'SHOP-3']);
    expect(Object.keys(page.issues[0]?.fields ?? {}).sort()).toEqual(['status', 'summary']);
  });
});
