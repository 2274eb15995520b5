// The site's Jira plan and what an app sees of it: `GET /instance/license` (OpenAPI `License`), the Free plan's
// missing custom project roles, the switch (`/_sandbox/plan`), the team-managed demo project, and Jira's group
// picker. Every /rest/api/3 answer is checked against the OpenAPI document by the helpers' client.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DEMO, type RunningSite } from '../../../sandbox/site';
import { client, errorBody, read, startTestSite } from './helpers';

let site: RunningSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(() => site.close());
afterEach(() => site.state.setPlan('standard'));

const licenseSchema = z.object({
  applications: z.array(z.object({ id: z.string(), plan: z.enum(['FREE', 'PAID', 'UNLICENSED']) })),
});
const roleLinks = z.record(z.string(), z.string());
const foundGroups = z.object({
  header: z.string(),
  total: z.number(),
  groups: z.array(z.object({ name: z.string(), groupId: z.string(), html: z.string() })),
});

async function switchPlan(plan: string): Promise<{ status: number; body: unknown }> {
  // `/_sandbox/...` needs the secret, which the app identity carries.
  return client(site, 'app').post('/_sandbox/plan', { plan });
}

describe('GET /rest/api/3/instance/license', () => {
  it('says PAID on the Standard plan the demo starts on, to any caller, the app included', async () => {
    for (const as of [DEMO.people.viewer, DEMO.adminUser, 'app'] as const) {
      const license = read(licenseSchema, await client(site, as).get('/rest/api/3/instance/license'));
      expect(license.applications).toEqual([{ id: 'jira-software', plan: 'PAID' }]);
    }
  });

  it('says FREE after the switch to Free, and PAID again after switching back', async () => {
    expect(await switchPlan('free')).toMatchObject({ status: 200, body: { plan: 'free' } });
    const free = read(licenseSchema, await client(site, 'app').get('/rest/api/3/instance/license'));
    expect(free.applications).toEqual([{ id: 'jira-software', plan: 'FREE' }]);
    expect((await client(site, 'app').get('/_sandbox/plan')).body).toEqual({ plan: 'free' });

    await switchPlan('standard');
    const paid = read(licenseSchema, await client(site, 'app').get('/rest/api/3/instance/license'));
    expect(paid.applications[0]?.plan).toBe('PAID');
  });

  it('refuses an unknown plan, and a switch without the sandbox secret', async () => {
    const bad = await switchPlan('premium');
    expect(bad.status).toBe(400);
    expect(errorBody.parse(bad.body).errorMessages[0]).toContain('"free"');
    const anonymous = await client(site, DEMO.adminUser).post('/_sandbox/plan', { plan: 'free' });
    expect(anonymous.status).toBe(401);
    expect(site.state.plan).toBe('standard');
  });
});

describe('project roles on the Free plan', () => {
  it('leaves the custom roles out of the role list and answers 404 for them by id; built-in roles stay', async () => {
    const admin = client(site, DEMO.adminUser);
    const standard = read(roleLinks, await admin.get(`/rest/api/3/project/${DEMO.projectKey}/role`));
    expect(Object.keys(standard)).toEqual(
      expect.arrayContaining([DEMO.roleNames.pm, DEMO.roleNames.po, 'Administrators']),
    );

    await switchPlan('free');
    const free = read(roleLinks, await admin.get(`/rest/api/3/project/${DEMO.projectKey}/role`));
    expect(Object.keys(free)).not.toContain(DEMO.roleNames.pm);
    expect(Object.keys(free)).not.toContain(DEMO.roleNames.po);
    expect(Object.keys(free).sort()).toEqual(
      ['Administrators', 'Developers', 'Viewers', 'atlassian-addons-project-access'].sort(),
    );
    const pmRole = await admin.get(
      `/rest/api/3/project/${DEMO.projectKey}/role/${DEMO.roleIds.productManager}`,
    );
    expect(pmRole.status).toBe(404);
    const adminsRole = await admin.get(
      `/rest/api/3/project/${DEMO.projectKey}/role/${DEMO.roleIds.administrators}`,
    );
    expect(adminsRole.status).toBe(200);
  });
});

describe('the team-managed demo project', () => {
  it('is next-gen (simplified), with only Administrator, Member, Viewer and the apps role', async () => {
    const admin = client(site, DEMO.adminUser);
    const project = read(
      z.object({ key: z.string(), style: z.string(), simplified: z.boolean() }),
      await admin.get(`/rest/api/3/project/${DEMO.teamProject.key}`),
    );
    expect(project).toEqual({ key: 'TEAM', style: 'next-gen', simplified: true });
    const roles = read(roleLinks, await admin.get(`/rest/api/3/project/${DEMO.teamProject.key}/role`));
    expect(Object.keys(roles).sort()).toEqual([...DEMO.teamProject.roleNames].sort());

    const company = read(
      z.object({ style: z.string(), simplified: z.boolean() }),
      await admin.get(`/rest/api/3/project/${DEMO.projectKey}`),
    );
    expect(company).toEqual({ style: 'classic', simplified: false });
  });

  it('has epics and stories, no owners, and Role Split not enabled', async () => {
    const team = [...site.state.issues.values()].filter((i) => i.projectId === DEMO.teamProject.id);
    const types = new Set(team.map((i) => site.state.issueType(i.issueTypeId).name));
    expect(types).toEqual(new Set(['Epic', 'Story', 'Task']));
    expect(team.filter((i) => i.properties.has(DEMO.propertyKey))).toEqual([]);
    const property = await client(site, DEMO.adminUser).get(
      `/rest/api/3/project/${DEMO.teamProject.key}/properties/${DEMO.policyPropertyKey}`,
    );
    expect(property.status).toBe(404);
  });

  it('comes after SHOP and MOB: their issues keep the lower ids', () => {
    const ids = (projectId: string) =>
      [...site.state.issues.values()].filter((i) => i.projectId === projectId).map((i) => Number(i.id));
    const others = [...ids(DEMO.projectId), ...ids(DEMO.otherProjectId)];
    expect(Math.min(...ids(DEMO.teamProject.id))).toBeGreaterThan(Math.max(...others));
  });
});

describe('GET /rest/api/3/groups/picker', () => {
  const picker = (
    query: Record<string, string | string[]>,
    as: Parameters<typeof client>[1] = DEMO.adminUser,
  ) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) for (const value of [v].flat()) params.append(k, value);
    return client(site, as).get(`/rest/api/3/groups/picker?${params}`);
  };

  it('finds groups whose name contains the query, case-sensitive unless asked, sorted, with html', async () => {
    const found = read(foundGroups, await picker({ query: 'product' }));
    expect(found.groups.map((g) => g.name)).toEqual([DEMO.groups.productManagers, DEMO.groups.productOwners]);
    expect(found.total).toBe(2);
    expect(found.header).toBe('Showing 2 of 2 matching groups');
    expect(found.groups[0]?.html).toBe('<b>product</b>-managers');
    expect(found.groups[0]?.groupId).toBe(site.state.groups.get(DEMO.groups.productManagers)?.groupId);

    expect(read(foundGroups, await picker({ query: 'PRODUCT' })).groups).toEqual([]);
    const folded = read(foundGroups, await picker({ query: 'PRODUCT', caseInsensitive: 'true' }));
    expect(folded.groups.map((g) => g.name)).toEqual([
      DEMO.groups.productManagers,
      DEMO.groups.productOwners,
    ]);
  });

  it('excludes by name or by id, and caps a page at 20', async () => {
    const managersId = site.state.groups.get(DEMO.groups.productManagers)?.groupId ?? '';
    const byId = read(foundGroups, await picker({ query: 'product', excludeId: managersId }));
    expect(byId.groups.map((g) => g.name)).toEqual([DEMO.groups.productOwners]);
    const byName = read(foundGroups, await picker({ query: 'product', exclude: DEMO.groups.productOwners }));
    expect(byName.groups.map((g) => g.name)).toEqual([DEMO.groups.productManagers]);

    for (let n = 0; n < 25; n++)
      site.state.groups.set(`team-${n}`, { groupId: `g-team-${n}`, name: `team-${n}` });
    try {
      const capped = read(foundGroups, await picker({ query: 'team-', maxResults: '50' }));
      expect(capped.groups).toHaveLength(20);
      expect(capped.total).toBe(25);
      expect(capped.header).toBe('Showing 20 of 25 matching groups');
    } finally {
      for (let n = 0; n < 25; n++) site.state.groups.delete(`team-${n}`);
    }
  });

  it('answers only an exact name to someone without Browse users and groups', async () => {
    const vera = site.state.getUser(DEMO.people.viewer.accountId);
    if (!vera) throw new Error('demo viewer missing');
    const before = [...vera.groups];
    // Out of jira-software-users, Vera loses Browse users and groups (she still browses as a Viewers actor).
    vera.groups = vera.groups.filter((g) => g !== DEMO.groups.users);
    try {
      expect(read(foundGroups, await picker({ query: 'product' }, DEMO.people.viewer)).groups).toEqual([]);
      const exact = read(foundGroups, await picker({ query: DEMO.groups.productOwners }, DEMO.people.viewer));
      expect(exact.groups.map((g) => g.name)).toEqual([DEMO.groups.productOwners]);
    } finally {
      vera.groups = before;
    }
  });
});
