// People and projects: myself, one user, users in bulk (paginated, unknown ids missing, deactivated ones
// flagged), the picker search, a user's groups, a project and its issue types with hierarchy levels.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DEMO, type RunningSite } from '../../../sandbox/site';
import { client, read, startTestSite, type Client } from './helpers';

let site: RunningSite;
let api: Client;
beforeAll(async () => {
  site = await startTestSite();
  api = client(site, 'app');
});
afterAll(() => site.close());

const user = z.object({
  accountId: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  accountType: z.string(),
});
const page = z.object({
  startAt: z.number(),
  maxResults: z.number(),
  total: z.number(),
  isLast: z.boolean(),
  values: z.array(user),
});

describe('users', () => {
  it('GET /user returns one account, deactivated or not; unknown is 404', async () => {
    expect(
      read(user, await api.get(`/rest/api/3/user?accountId=${DEMO.people.pmDeactivated.accountId}`)),
    ).toMatchObject({
      displayName: 'Helen Okafor',
      active: false,
    });
    expect((await api.get(`/rest/api/3/user?accountId=${DEMO.unknownAccountId}`)).status).toBe(404);
  });

  it('GET /user/bulk pages through known accounts and leaves unknown ones out', async () => {
    const ids = [
      DEMO.people.pmDirect,
      DEMO.people.pmDeactivated,
      DEMO.people.poDirect,
      DEMO.people.viewer,
    ].map((p) => p.accountId);
    const query = (startAt: number) =>
      [...ids, DEMO.unknownAccountId].map((id) => `accountId=${encodeURIComponent(id)}`).join('&') +
      `&startAt=${startAt}&maxResults=3`;
    const first = read(page, await api.get(`/rest/api/3/user/bulk?${query(0)}`));
    expect(first).toMatchObject({ startAt: 0, maxResults: 3, total: 4, isLast: false });
    const second = read(page, await api.get(`/rest/api/3/user/bulk?${query(3)}`));
    expect(second).toMatchObject({ startAt: 3, total: 4, isLast: true });
    const all = [...first.values, ...second.values];
    expect(all.map((u) => u.accountId)).toEqual(ids);
    expect(all.find((u) => u.accountId === DEMO.people.pmDeactivated.accountId)?.active).toBe(false);
    expect((await api.get('/rest/api/3/user/bulk')).status).toBe(400);
  });

  it('GET /user/search finds active people by name or email', async () => {
    const found = read(z.array(user), await api.get('/rest/api/3/user/search?query=pri'));
    expect(found.map((u) => u.accountId)).toEqual([DEMO.people.pmDirect.accountId]);
    const byEmail = read(z.array(user), await api.get('/rest/api/3/user/search?query=sam%40'));
    expect(byEmail.map((u) => u.displayName)).toEqual(['Sam Whitaker']);
    expect(read(z.array(user), await api.get('/rest/api/3/user/search?query=helen'))).toEqual([]);
    expect((await api.get('/rest/api/3/user/search')).status).toBe(400);
  });

  it('GET /user/groups lists a person’s groups with ids', async () => {
    const groups = read(
      z.array(z.object({ name: z.string(), groupId: z.string() })),
      await api.get(`/rest/api/3/user/groups?accountId=${DEMO.people.pmViaGroup.accountId}`),
    );
    expect(groups.map((g) => g.name).sort()).toEqual([DEMO.groups.productManagers, DEMO.groups.users].sort());
    expect((await api.get(`/rest/api/3/user/groups?accountId=${DEMO.unknownAccountId}`)).status).toBe(404);
  });

  it('GET /myself for a person carries the profile', async () => {
    const me = read(
      user.extend({ emailAddress: z.string() }),
      await client(site, DEMO.people.poViaGroup).get('/rest/api/3/myself'),
    );
    expect(me).toMatchObject({
      displayName: 'Amara Diallo',
      emailAddress: DEMO.people.poViaGroup.email,
      accountType: 'atlassian',
    });
  });
});

describe('projects', () => {
  it('GET /project by key or id', async () => {
    const project = z.object({
      id: z.string(),
      key: z.string(),
      name: z.string(),
      projectTypeKey: z.string(),
      style: z.string(),
    });
    expect(read(project, await api.get('/rest/api/3/project/SHOP'))).toMatchObject({
      id: DEMO.projectId,
      name: 'Storefront',
      style: 'classic',
    });
    expect(read(project, await api.get(`/rest/api/3/project/${DEMO.otherProjectId}`)).key).toBe('MOB');
    expect((await api.get('/rest/api/3/project/NOPE')).status).toBe(404);
  });

  it('GET /issuetype/project lists the types with their hierarchy levels, filtered by level', async () => {
    const types = z.array(
      z.object({ id: z.string(), name: z.string(), hierarchyLevel: z.number(), subtask: z.boolean() }),
    );
    const shop = read(types, await api.get(`/rest/api/3/issuetype/project?projectId=${DEMO.projectId}`));
    expect(Object.fromEntries(shop.map((t) => [t.name, t.hierarchyLevel]))).toEqual({
      Initiative: 2,
      Epic: 1,
      Story: 0,
      Task: 0,
      Bug: 0,
      'Sub-task': -1,
    });
    const epics = read(
      types,
      await api.get(`/rest/api/3/issuetype/project?projectId=${DEMO.projectId}&level=1`),
    );
    expect(epics.map((t) => t.name)).toEqual(['Epic']);
    const mob = read(types, await api.get(`/rest/api/3/issuetype/project?projectId=${DEMO.otherProjectId}`));
    expect(mob.map((t) => t.name)).not.toContain('Initiative');
    expect((await api.get('/rest/api/3/issuetype/project')).status).toBe(400);
    expect(
      (
        await client(site, DEMO.people.outsider).get(
          `/rest/api/3/issuetype/project?projectId=${DEMO.projectId}`,
        )
      ).status,
    ).toBe(404);
  });
});
