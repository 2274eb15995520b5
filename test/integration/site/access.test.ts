// Who gets in and what they may do: Basic auth and the trusted host headers, per-project permissions (viewer,
// outsider, developer, admin, the app), project role reads, mypermissions and the bulk permission check.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DEMO, type RunningSite } from '../../../sandbox/site';
import { client, errorBody, read, searchKeys, startTestSite } from './helpers';

let site: RunningSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(() => site.close());

const myself = z.object({ accountId: z.string(), accountType: z.string(), active: z.boolean() });
const story = DEMO.issues.coveredStory;
const propertyPath = `/rest/api/3/issue/${story}/properties/${DEMO.propertyKey}`;

describe('authentication', () => {
  it('accepts email + API token, and the trusted headers as the app or as a user', async () => {
    expect(read(myself, await client(site, DEMO.people.viewer).get('/rest/api/3/myself')).accountId).toBe(
      DEMO.people.viewer.accountId,
    );
    expect(read(myself, await client(site, 'app').get('/rest/api/3/myself'))).toMatchObject({
      accountId: DEMO.appUser.accountId,
      accountType: 'app',
    });
    const asSam = client(site, { accountId: DEMO.people.poDirect.accountId });
    expect(read(myself, await asSam.get('/rest/api/3/myself')).accountId).toBe(
      DEMO.people.poDirect.accountId,
    );
  });

  it('answers 401 in Jira’s shape without credentials, with a wrong token, a wrong secret or a deactivated account', async () => {
    const attempts = [
      client(site, 'anonymous'),
      client(site, { basic: `${DEMO.people.viewer.email}:wrong-token` }),
      client(site, { basic: `nobody@example.com:${DEMO.people.viewer.apiToken}` }),
      client(site, { basic: `${DEMO.people.pmDeactivated.email}:${DEMO.people.pmDeactivated.apiToken}` }),
      client(site, { accountId: DEMO.people.pmDeactivated.accountId }),
      client(site, { accountId: 'no-such-account' }),
    ];
    for (const api of attempts) {
      const reply = await api.get('/rest/api/3/myself');
      expect(reply.status).toBe(401);
      expect(read(errorBody, reply).errorMessages).toHaveLength(1);
    }
    const wrongSecret = await fetch(`${site.url}/rest/api/3/myself`, {
      headers: { 'X-Sandbox-Secret': 'nope', 'X-Sandbox-As': 'app' },
    });
    expect(wrongSecret.status).toBe(401);
  });
});

describe('project permissions', () => {
  it('a viewer may read but not write properties', async () => {
    const viewer = client(site, DEMO.people.viewer);
    expect((await viewer.get(propertyPath)).status).toBe(200);
    const put = await viewer.put(propertyPath, { schema: 1 });
    expect(put.status).toBe(403);
    expect(read(errorBody, put).errorMessages[0]).toMatch(/permission/);
    // The document lists no 403 for DELETE: Jira answers 404.
    expect((await viewer.del(propertyPath)).status).toBe(404);
    expect(site.state.getIssue(story)?.properties.get(DEMO.propertyKey)).toMatchObject({ schema: 1, po: {} });
  });

  it('a non-member cannot see the project’s issues: 404 and filtered from search', async () => {
    const outsider = client(site, DEMO.people.outsider);
    expect((await outsider.get(`/rest/api/3/issue/${story}`)).status).toBe(404);
    expect((await outsider.get(propertyPath)).status).toBe(404);
    expect((await outsider.put(propertyPath, { schema: 1 })).status).toBe(404);
    expect((await outsider.get('/rest/api/3/project/SHOP')).status).toBe(404);
    const visible = await searchKeys(outsider, 'project = MOB OR issuetype = Epic');
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every((k) => k.startsWith('MOB-'))).toBe(true);
    // A MOB story is visible even though its epic (in SHOP) is not.
    expect((await outsider.get(`/rest/api/3/issue/${DEMO.issues.crossProjectStory}`)).status).toBe(200);
  });

  it('project roles need Administer Projects: 401 (list) and 404 (one role) for members, 404 for strangers, actors for admins and the app', async () => {
    const developer = await client(site, DEMO.people.developer).get('/rest/api/3/project/SHOP/role');
    expect(developer.status).toBe(401);
    expect(read(errorBody, developer).errorMessages).toEqual([
      'You cannot edit the configuration of this project.',
    ]);
    expect(
      (
        await client(site, DEMO.people.developer).get(
          `/rest/api/3/project/SHOP/role/${DEMO.roleIds.productManager}`,
        )
      ).status,
    ).toBe(404);
    expect((await client(site, DEMO.people.outsider).get('/rest/api/3/project/SHOP/role')).status).toBe(404);

    const links = read(
      z.record(z.string(), z.string()),
      await client(site, 'app').get('/rest/api/3/project/SHOP/role'),
    );
    expect(links[DEMO.roleNames.pm]).toBe(
      `${site.url}/rest/api/3/project/SHOP/role/${DEMO.roleIds.productManager}`,
    );
    const role = read(
      z.object({
        id: z.number(),
        name: z.string(),
        actors: z.array(
          z.object({
            type: z.string(),
            actorUser: z.object({ accountId: z.string() }).optional(),
            actorGroup: z.object({ name: z.string(), groupId: z.string() }).optional(),
          }),
        ),
      }),
      await client(site, DEMO.adminUser).get(`/rest/api/3/project/SHOP/role/${DEMO.roleIds.productManager}`),
    );
    expect(role.name).toBe(DEMO.roleNames.pm);
    const users = role.actors
      .filter((a) => a.type === 'atlassian-user-role-actor')
      .map((a) => a.actorUser?.accountId);
    const groups = role.actors
      .filter((a) => a.type === 'atlassian-group-role-actor')
      .map((a) => a.actorGroup?.name);
    expect(users).toEqual(
      expect.arrayContaining([DEMO.people.pmDirect.accountId, DEMO.people.pmDeactivated.accountId]),
    );
    expect(groups).toEqual([DEMO.groups.productManagers]);
    const active = read(
      z.object({ actors: z.array(z.object({ actorUser: z.object({ accountId: z.string() }).optional() })) }),
      await client(site, 'app').get(
        `/rest/api/3/project/SHOP/role/${DEMO.roleIds.productManager}?excludeInactiveUsers=true`,
      ),
    );
    expect(active.actors.map((a) => a.actorUser?.accountId)).not.toContain(
      DEMO.people.pmDeactivated.accountId,
    );
  });

  it('follows role changes made through the state', async () => {
    const developer = client(site, DEMO.people.developer);
    site.state.addRoleActor('SHOP', 'Administrators', {
      type: 'user',
      accountId: DEMO.people.developer.accountId,
    });
    expect((await developer.get('/rest/api/3/project/SHOP/role')).status).toBe(200);
    site.state.removeRoleActor('SHOP', 'Administrators', {
      type: 'user',
      accountId: DEMO.people.developer.accountId,
    });
    expect((await developer.get('/rest/api/3/project/SHOP/role')).status).toBe(401);
  });
});

describe('permission questions', () => {
  const permissionsReply = z.object({
    permissions: z.record(
      z.string(),
      z.object({ key: z.string(), havePermission: z.boolean(), type: z.string() }),
    ),
  });

  it('mypermissions answers per issue, per project and globally', async () => {
    const viewer = client(site, DEMO.people.viewer);
    const onIssue = read(
      permissionsReply,
      await viewer.get(`/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,EDIT_ISSUES&issueKey=${story}`),
    );
    expect(onIssue.permissions.BROWSE_PROJECTS?.havePermission).toBe(true);
    expect(onIssue.permissions.EDIT_ISSUES?.havePermission).toBe(false);
    const issueId = site.state.getIssue(story)?.id ?? '';
    const asAmara = read(
      permissionsReply,
      await client(site, DEMO.people.poViaGroup).get(
        `/rest/api/3/mypermissions?permissions=EDIT_ISSUES&issueId=${issueId}`,
      ),
    );
    expect(asAmara.permissions.EDIT_ISSUES?.havePermission).toBe(true);
    const onProject = read(
      permissionsReply,
      await client(site, DEMO.people.developer).get(
        `/rest/api/3/mypermissions?permissions=ADMINISTER_PROJECTS&projectKey=SHOP`,
      ),
    );
    expect(onProject.permissions.ADMINISTER_PROJECTS?.havePermission).toBe(false);
    const global = read(
      permissionsReply,
      await client(site, DEMO.adminUser).get('/rest/api/3/mypermissions?permissions=ADMINISTER'),
    );
    expect(global.permissions.ADMINISTER).toMatchObject({ havePermission: true, type: 'GLOBAL' });
    expect((await viewer.get('/rest/api/3/mypermissions?permissions=MAKE_COFFEE')).status).toBe(400);
    expect((await viewer.get('/rest/api/3/mypermissions')).status).toBe(400);
    expect(
      (
        await client(site, DEMO.people.outsider).get(
          `/rest/api/3/mypermissions?permissions=EDIT_ISSUES&issueKey=${story}`,
        )
      ).status,
    ).toBe(404);
  });

  it('permissions/check answers for the caller, and for others only to admins and the app', async () => {
    const shopId = Number(DEMO.projectId);
    const mobId = Number(DEMO.otherProjectId);
    const issueId = Number(site.state.getIssue(story)?.id);
    const request = (accountId?: string) => ({
      ...(accountId ? { accountId } : {}),
      globalPermissions: ['ADMINISTER'],
      projectPermissions: [
        { permissions: ['EDIT_ISSUES', 'BROWSE_PROJECTS'], projects: [shopId, mobId, 1], issues: [issueId] },
      ],
    });
    const grants = z.object({
      globalPermissions: z.array(z.string()),
      projectPermissions: z.array(
        z.object({ permission: z.string(), issues: z.array(z.number()), projects: z.array(z.number()) }),
      ),
    });
    const outsider = read(
      grants,
      await client(site, DEMO.people.outsider).post('/rest/api/3/permissions/check', request()),
    );
    expect(outsider.globalPermissions).toEqual([]);
    expect(outsider.projectPermissions).toEqual([
      { permission: 'EDIT_ISSUES', issues: [], projects: [mobId] },
      { permission: 'BROWSE_PROJECTS', issues: [], projects: [mobId] },
    ]);
    const aboutViewer = read(
      grants,
      await client(site, 'app').post('/rest/api/3/permissions/check', request(DEMO.people.viewer.accountId)),
    );
    expect(aboutViewer.projectPermissions).toEqual([
      { permission: 'EDIT_ISSUES', issues: [], projects: [] },
      { permission: 'BROWSE_PROJECTS', issues: [issueId], projects: [shopId, mobId] },
    ]);
    const denied = await client(site, DEMO.people.developer).post(
      '/rest/api/3/permissions/check',
      request(DEMO.people.viewer.accountId),
    );
    expect(denied.status).toBe(403);
    expect(read(errorBody, denied).errorMessages).toEqual([
      'Only Jira administrators can perform this operation.',
    ]);
    const invalid = await client(site, 'app').post('/rest/api/3/permissions/check', {
      projectPermissions: [{ permissions: ['NOPE'] }],
    });
    expect(invalid.status).toBe(400);
    expect(read(errorBody, invalid).errors).toEqual({ NOPE: 'Unrecognized permission' });
  });
});

describe('permission check limits', () => {
  let big: RunningSite;
  beforeAll(async () => {
    big = await startTestSite({ seed: { issues: 1100 } });
  });
  afterAll(() => big.close());

  it('refuses more than 1,000 existing issues with 400; unknown ids do not count', async () => {
    const ids = [...big.state.issues.keys()].map(Number);
    expect(ids.length).toBeGreaterThan(1000);
    const check = (issues: number[]) =>
      client(big, 'app').post('/rest/api/3/permissions/check', {
        projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues }],
      });
    const tooMany = await check(ids.slice(0, 1001));
    expect(tooMany.status).toBe(400);
    expect(read(errorBody, tooMany).errorMessages[0]).toMatch(/1000 issues/);
    const unknownIds = Array.from({ length: 500 }, (_, i) => 9_000_000 + i);
    const fine = await check([...ids.slice(0, 1000), ...unknownIds]);
    expect(fine.status).toBe(200);
    // Spread over two entries, the issues still count together.
    const split = await client(big, 'app').post('/rest/api/3/permissions/check', {
      projectPermissions: [
        { permissions: ['BROWSE_PROJECTS'], issues: ids.slice(0, 600) },
        { permissions: ['EDIT_ISSUES'], issues: ids.slice(600, 1001) },
      ],
    });
    expect(split.status).toBe(400);
  });
});
