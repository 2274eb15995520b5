// Project entity properties: Jira's shapes and statuses, who may read and who may write, persistence, and the
// demo's starting `role-split-policy`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import { client, errorBody, read, startTestSite, tempDir } from './helpers';

let site: RunningSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(() => site.close());

const path = (project: string, key: string): string =>
  `/rest/api/3/project/${project}/properties/${encodeURIComponent(key)}`;
const keysSchema = z.object({ keys: z.array(z.object({ key: z.string(), self: z.string() })) });

describe('the demo projects', () => {
  it('start enabled: role-split-policy is { schema: 1, enabled: true } on SHOP and MOB', async () => {
    const api = client(site, DEMO.people.viewer);
    for (const project of [DEMO.projectKey, DEMO.otherProjectKey]) {
      const reply = await api.get(path(project, DEMO.policyPropertyKey));
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ key: 'role-split-policy', value: { schema: 1, enabled: true } });
    }
  });
});

describe('reading', () => {
  it('lists keys with self links and reads by project id or key, for anyone who may browse', async () => {
    const list = read(
      keysSchema,
      await client(site, DEMO.people.developer).get(`/rest/api/3/project/${DEMO.projectId}/properties`),
    );
    expect(list.keys).toEqual([
      {
        key: 'role-split-policy',
        self: `${site.url}/rest/api/3/project/${DEMO.projectKey}/properties/role-split-policy`,
      },
    ]);
    expect(
      (await client(site, DEMO.people.developer).get(path(DEMO.projectId, 'role-split-policy'))).status,
    ).toBe(200);
  });

  it('answers 404 for a project the caller cannot browse, and words a missing property apart', async () => {
    const stranger = await client(site, DEMO.people.outsider).get(path(DEMO.projectKey, 'role-split-policy'));
    expect(stranger.status).toBe(404);
    expect(read(errorBody, stranger).errorMessages).toEqual([
      `No project could be found with key '${DEMO.projectKey}'.`,
    ]);
    const missing = await client(site, DEMO.people.viewer).get(path(DEMO.projectKey, 'nothing-here'));
    expect(missing.status).toBe(404);
    expect(read(errorBody, missing).errorMessages).toEqual([
      "The property with key 'nothing-here' does not exist.",
    ]);
  });
});

describe('writing', () => {
  it('lets a project admin create (201), replace (200) and delete (204)', async () => {
    const admin = client(site, DEMO.people.admin);
    expect((await admin.put(path('MOB', 'sandbox.test'), { a: 1 })).status).toBe(201);
    expect((await admin.put(path('MOB', 'sandbox.test'), { a: 2 })).status).toBe(200);
    expect((await admin.get(path('MOB', 'sandbox.test'))).body).toEqual({
      key: 'sandbox.test',
      value: { a: 2 },
    });
    expect((await admin.del(path('MOB', 'sandbox.test'))).status).toBe(204);
    expect((await admin.get(path('MOB', 'sandbox.test'))).status).toBe(404);
    expect((await admin.del(path('MOB', 'sandbox.test'))).status).toBe(404);
  });

  it('refuses someone who may browse but not administer the project with 403, and changes nothing', async () => {
    for (const who of ['developer', 'pmDirect', 'viewer'] as const) {
      const api = client(site, DEMO.people[who]);
      const put = await api.put(path(DEMO.projectKey, 'role-split-policy'), { schema: 1, enabled: false });
      expect([who, put.status]).toEqual([who, 403]);
      expect([who, (await api.del(path(DEMO.projectKey, 'role-split-policy'))).status]).toEqual([who, 403]);
    }
    expect((await client(site, DEMO.people.outsider).put(path(DEMO.projectKey, 'x'), 1)).status).toBe(404);
    expect(
      (await client(site, DEMO.people.viewer).get(path(DEMO.projectKey, 'role-split-policy'))).body,
    ).toEqual({
      key: 'role-split-policy',
      value: { schema: 1, enabled: true },
    });
  });

  it('lets a Jira administrator who holds no role in the project write', async () => {
    site.state.setGroupMembership(DEMO.people.viewer.accountId, DEMO.groups.siteAdmins, true);
    try {
      expect(
        (await client(site, DEMO.people.viewer).put(path('MOB', 'sandbox.jira-admin'), true)).status,
      ).toBe(201);
    } finally {
      site.state.setGroupMembership(DEMO.people.viewer.accountId, DEMO.groups.siteAdmins, false);
    }
    expect(
      (await client(site, DEMO.people.viewer).put(path('MOB', 'sandbox.jira-admin'), false)).status,
    ).toBe(403);
  });

  it('lets the app write as itself through its add-ons admin access', async () => {
    const app = client(site, 'app');
    expect([200, 201]).toContain((await app.put(path('MOB', 'sandbox.app'), { by: 'app' })).status);
    expect((await app.get(path('MOB', 'sandbox.app'))).body).toEqual({
      key: 'sandbox.app',
      value: { by: 'app' },
    });
  });

  it('refuses an empty or invalid body and a key over 255 characters, as for issue properties', async () => {
    const admin = client(site, DEMO.people.admin);
    expect((await admin.putRaw(path('MOB', 'sandbox.bad'), '')).status).toBe(400);
    expect((await admin.putRaw(path('MOB', 'sandbox.bad'), '{ nope')).status).toBe(400);
    expect((await admin.put(path('MOB', 'k'.repeat(256)), 1)).status).toBe(400);
    const tooLong = await admin.putRaw(
      path('MOB', 'sandbox.big'),
      JSON.stringify({ pad: 'x'.repeat(32_768) }),
    );
    expect(tooLong.status).toBe(400);
  });
});

describe('persistence', () => {
  it('enables the projects of a data file written before project properties, and keeps a deletion', async () => {
    const dataDir = tempDir();
    await (await startSite({ dataDir, port: 0 })).close();
    const file = join(dataDir, 'site.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { projects: Array<Record<string, unknown>> };
    for (const project of stored.projects) delete project.properties;
    writeFileSync(file, JSON.stringify(stored));
    const old = await startSite({ dataDir, port: 0 });
    try {
      expect((await client(old, DEMO.people.viewer).get(path('MOB', 'role-split-policy'))).body).toEqual({
        key: 'role-split-policy',
        value: { schema: 1, enabled: true },
      });
      expect((await client(old, DEMO.people.admin).del(path('MOB', 'role-split-policy'))).status).toBe(204);
    } finally {
      await old.close();
    }
    const reopened = await startSite({ dataDir, port: 0 });
    try {
      expect((await client(reopened, DEMO.people.viewer).get(path('MOB', 'role-split-policy'))).status).toBe(
        404,
      );
    } finally {
      await reopened.close();
    }
  });

  it('keeps a project property across a restart', async () => {
    const dataDir = tempDir();
    const first = await startSite({ dataDir, port: 0 });
    const off = { schema: 1, enabled: false };
    expect((await client(first, DEMO.people.admin).put(path('SHOP', 'role-split-policy'), off)).status).toBe(
      200,
    );
    await first.close();
    const second = await startSite({ dataDir, port: 0 });
    try {
      expect((await client(second, DEMO.people.viewer).get(path('SHOP', 'role-split-policy'))).body).toEqual({
        key: 'role-split-policy',
        value: off,
      });
    } finally {
      await second.close();
    }
  });
});
