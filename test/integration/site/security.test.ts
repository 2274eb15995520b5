// Issue security as Jira applies it: a secured issue does not exist for anyone outside its level (404 on direct
// reads and property reads/writes, left out of searches, counts and bulk fetches, left out as a child's
// `parent`), members come in as users, groups, project roles, reporter or assignee, and the app sees a secured
// issue only when its account is in the level (the demo adds it to "Product leadership", not "Security team").
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { waitFor } from '../../support/jest-helpers';
import { DEMO, type RunningSite } from '../../../sandbox/site';
import { snapshotSchema } from '../../../sandbox/site/model';
import { client, errorBody, read, searchAll, startTestSite, type Identity } from './helpers';

let site: RunningSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(() => site.close());

const { securedEpic, securedStory, storyUnderSecuredEpic, securedTask } = DEMO.security;
const vera = DEMO.people.viewer; // may browse SHOP, in no level
const diego = DEMO.people.developer; // a developer, named in "Security team"
const NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

const bulkResult = z
  .object({
    issueErrors: z.array(z.object({ id: z.string(), errorMessage: z.string() })),
    issues: z.array(
      z.object({
        id: z.string(),
        key: z.string(),
        fields: z.record(z.string(), z.unknown()),
        properties: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  })
  .strict();

const issueReply = z.object({ key: z.string(), fields: z.record(z.string(), z.unknown()) });

async function visibleKeys(as: Identity, jql: string): Promise<string[]> {
  const pages = await searchAll(client(site, as), { jql, fields: ['parent'], maxResults: 100 });
  return pages.flatMap((p) => p.issues.map((i) => i.key ?? i.id));
}

describe('direct reads', () => {
  it('answer 404 with Jira’s message to anyone outside the level, 200 to members', async () => {
    for (const key of [securedEpic, securedStory]) {
      const denied = await client(site, vera).get(`/rest/api/3/issue/${key}`);
      expect(denied.status).toBe(404);
      expect(read(errorBody, denied).errorMessages).toEqual([NOT_FOUND]);
      expect((await client(site, diego).get(`/rest/api/3/issue/${key}`)).status).toBe(404);
      // Members through a project role: the admin (Administrators), Priya (Product Manager), the app.
      for (const member of [DEMO.adminUser, DEMO.people.pmDirect, 'app'] as const)
        expect((await client(site, member).get(`/rest/api/3/issue/${key}`)).status).toBe(200);
    }
  });

  it('hide property reads and writes the same way', async () => {
    const path = `/rest/api/3/issue/${securedEpic}/properties/${DEMO.propertyKey}`;
    expect((await client(site, vera).get(path)).status).toBe(404);
    expect((await client(site, vera).get(`/rest/api/3/issue/${securedEpic}/properties`)).status).toBe(404);
    // Diego may edit SHOP issues, but not one he cannot see.
    const put = await client(site, diego).put(path, { schema: 1 });
    expect(put.status).toBe(404);
    expect(read(errorBody, put).errorMessages).toEqual([NOT_FOUND]);
    expect((await client(site, diego).del(path)).status).toBe(404);
    expect(site.state.getIssue(securedEpic)?.properties.get(DEMO.propertyKey)).toMatchObject({ pm: {} });
    expect((await client(site, DEMO.people.pmDirect).get(path)).status).toBe(200);
  });

  it('fail the bulk property set on a secured issue for someone outside its level', async () => {
    const epic = site.state.getIssue(securedEpic);
    const open = site.state.getIssue(storyUnderSecuredEpic);
    const reply = await client(site, diego).post('/rest/api/3/issue/properties/multi', {
      issues: [
        { issueID: Number(epic?.id), properties: { 'bulk-check': { by: 'diego' } } },
        { issueID: Number(open?.id), properties: { 'bulk-check': { by: 'diego' } } },
      ],
    });
    expect(reply.status).toBe(303);
    const taskPath = new URL(reply.headers.get('location') ?? '').pathname;
    const task = z.object({
      status: z.string(),
      result: z
        .object({
          successfulIssues: z.array(z.number()),
          failedIssues: z.array(z.object({ issueID: z.number(), errors: z.array(z.string()) })),
        })
        .optional(),
    });
    const done = await waitFor(
      async () => {
        const now = read(task, await client(site, diego).get(taskPath));
        expect(now.status).toBe('COMPLETE');
        return now;
      },
      { timeout: 5_000, interval: 10 },
    );
    expect(done.result?.successfulIssues).toEqual([Number(open?.id)]);
    expect(done.result?.failedIssues).toEqual([{ issueID: Number(epic?.id), errors: [NOT_FOUND] }]);
    expect(epic?.properties.has('bulk-check')).toBe(false);
  });

  it('leave a parent the reader cannot see out of its child’s parent field', async () => {
    const asVera = read(
      issueReply,
      await client(site, vera).get(`/rest/api/3/issue/${storyUnderSecuredEpic}`),
    );
    expect(asVera.fields).not.toHaveProperty('parent');
    const asAdmin = read(
      issueReply,
      await client(site, DEMO.adminUser).get(`/rest/api/3/issue/${storyUnderSecuredEpic}`),
    );
    expect(asAdmin.fields.parent).toMatchObject({ key: securedEpic });
  });
});

describe('searches', () => {
  it('leave secured issues out for non-members and keep them for members', async () => {
    const jql = `project = ${DEMO.projectKey}`;
    const asVera = await visibleKeys(vera, jql);
    const asAdmin = await visibleKeys(DEMO.adminUser, jql);
    expect(asVera).not.toContain(securedEpic);
    expect(asVera).not.toContain(securedStory);
    expect(asVera).not.toContain(securedTask);
    expect(asVera).toContain(storyUnderSecuredEpic);
    expect(asAdmin).toEqual(expect.arrayContaining([securedEpic, securedStory, securedTask]));
    expect(asAdmin.length - asVera.length).toBe(3);

    const count = async (as: Identity) =>
      read(
        z.object({ count: z.number() }),
        await client(site, as).post('/rest/api/3/search/approximate-count', { jql }),
      ).count;
    expect(await count(DEMO.adminUser)).toBe(asAdmin.length);
    expect(await count(vera)).toBe(asVera.length);
  });

  it('return the child without its hidden parent, and find nothing under a hidden key', async () => {
    const page = read(
      z.object({ issues: z.array(z.object({ key: z.string(), fields: z.record(z.string(), z.unknown()) })) }),
      await client(site, vera).post('/rest/api/3/search/jql', {
        jql: `key = ${storyUnderSecuredEpic}`,
        fields: ['parent', 'summary'],
      }),
    );
    expect(page.issues).toHaveLength(1);
    expect(page.issues[0]?.fields).not.toHaveProperty('parent');
    expect(await visibleKeys(vera, `parent = ${securedEpic}`)).toEqual([]);
    expect((await visibleKeys(DEMO.adminUser, `parent = ${securedEpic}`)).length).toBeGreaterThan(1);
    const byKey = await client(site, vera).post('/rest/api/3/search/jql', { jql: `key = ${securedEpic}` });
    expect(byKey.status).toBe(400);
    expect(read(errorBody, byKey).errorMessages[0]).toMatch(/does not exist/);
  });
});

describe('the security field and the level clause', () => {
  it('show the level to members and find issues by it', async () => {
    const epic = read(
      issueReply,
      await client(site, DEMO.adminUser).get(`/rest/api/3/issue/${securedEpic}?fields=security,summary`),
    );
    expect(epic.fields.security).toMatchObject({
      id: DEMO.security.levels.leadership,
      name: 'Product leadership',
    });
    const open = read(issueReply, await client(site, vera).get(`/rest/api/3/issue/${storyUnderSecuredEpic}`));
    expect(open.fields.security).toBeNull();
    expect([...(await visibleKeys(DEMO.adminUser, 'level = "Product leadership"'))].sort()).toEqual(
      [securedEpic, securedStory].sort(),
    );
    expect(await visibleKeys(vera, 'level = "Product leadership"')).toEqual([]);
    expect(await visibleKeys(DEMO.adminUser, `project = SHOP AND level is not EMPTY`)).toHaveLength(3);
  });
});

describe('setting the level', () => {
  it('needs Set Issue Security and membership of the level; the issue then hides or shows', async () => {
    const admin = client(site, DEMO.adminUser);
    const created = read(
      z.object({ key: z.string() }),
      await admin.post('/rest/api/3/issue', {
        fields: {
          project: { key: DEMO.projectKey },
          issuetype: { name: 'Task' },
          summary: 'Pricing experiment for VIP customers',
          security: { id: DEMO.security.levels.leadership },
        },
      }),
    );
    expect((await client(site, vera).get(`/rest/api/3/issue/${created.key}`)).status).toBe(404);

    // Diego may edit but not set security: the field is not there for him.
    const byDiego = await client(site, diego).put(`/rest/api/3/issue/${DEMO.issues.coveredStory}`, {
      fields: { security: { id: DEMO.security.levels.securityTeam } },
    });
    expect(byDiego.status).toBe(400);
    expect(read(errorBody, byDiego).errors).toHaveProperty('security');
    // A level of another scheme (MOB has none) is refused.
    const onMob = await admin.put(`/rest/api/3/issue/${DEMO.issues.crossProjectStory}`, {
      fields: { security: { id: DEMO.security.levels.leadership } },
    });
    expect(onMob.status).toBe(400);

    expect((await admin.put(`/rest/api/3/issue/${created.key}`, { fields: { security: null } })).status).toBe(
      204,
    );
    expect((await client(site, vera).get(`/rest/api/3/issue/${created.key}`)).status).toBe(200);
  });
});

describe('bulk fetch', () => {
  it('leaves issues the caller cannot see out, in ascending id order', async () => {
    const keys = [securedEpic, storyUnderSecuredEpic, securedStory, DEMO.issues.coveredStory, 'SHOP-99999'];
    const asVera = read(
      bulkResult,
      await client(site, vera).post('/rest/api/3/issue/bulkfetch', {
        issueIdsOrKeys: keys,
        fields: ['summary', 'parent'],
      }),
    );
    expect(asVera.issues.map((i) => i.key).sort()).toEqual(
      [storyUnderSecuredEpic, DEMO.issues.coveredStory].sort(),
    );
    expect(asVera.issues.find((i) => i.key === storyUnderSecuredEpic)?.fields).not.toHaveProperty('parent');
    const asAdmin = read(
      bulkResult,
      await client(site, DEMO.adminUser).post('/rest/api/3/issue/bulkfetch', {
        issueIdsOrKeys: keys.map((k) => k.toLowerCase()),
        fields: ['summary'],
      }),
    );
    expect(asAdmin.issues).toHaveLength(4);
    const ids = asAdmin.issues.map((i) => Number(i.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });
});

describe('membership', () => {
  it('lets the app in only where its account is a member', async () => {
    expect((await client(site, 'app').get(`/rest/api/3/issue/${securedEpic}`)).status).toBe(200);
    expect((await client(site, 'app').get(`/rest/api/3/issue/${securedTask}`)).status).toBe(404);
    expect(await visibleKeys('app', `project = ${DEMO.projectKey}`)).not.toContain(securedTask);
    // The admin is in "Security team" through the site-admins group, Diego by name.
    expect((await client(site, DEMO.adminUser).get(`/rest/api/3/issue/${securedTask}`)).status).toBe(200);
    expect((await client(site, diego).get(`/rest/api/3/issue/${securedTask}`)).status).toBe(200);
  });

  it('follows the assignee and reporter members as the issue changes', async () => {
    const task = site.state.getIssue(securedTask);
    if (!task) throw new Error('demo task missing');
    const before = task.assigneeId;
    expect((await client(site, vera).get(`/rest/api/3/issue/${securedTask}`)).status).toBe(404);
    site.state.updateIssue(task, { assigneeId: vera.accountId }, null);
    try {
      expect((await client(site, vera).get(`/rest/api/3/issue/${securedTask}`)).status).toBe(200);
      expect(await visibleKeys(vera, `project = ${DEMO.projectKey}`)).toContain(securedTask);
    } finally {
      site.state.updateIssue(task, { assigneeId: before }, null);
    }
    expect((await client(site, vera).get(`/rest/api/3/issue/${securedTask}`)).status).toBe(404);

    // "Product leadership" lets the reporter in: Vera reports a new secured story and sees it.
    const created = site.state.createIssue(
      {
        projectId: DEMO.projectId,
        issueTypeId: site.state.getIssue(securedStory)?.issueTypeId ?? '',
        summary: 'A secured story Vera reported',
        parentId: null,
        assigneeId: null,
        reporterId: vera.accountId,
        securityLevelId: DEMO.security.levels.leadership,
      },
      null,
    );
    expect((await client(site, vera).get(`/rest/api/3/issue/${created.key}`)).status).toBe(200);
    expect((await client(site, diego).get(`/rest/api/3/issue/${created.key}`)).status).toBe(404);
  });

  it('does not let notifications reach people outside the level', async () => {
    const reply = await client(site, 'app').post(`/rest/api/3/issue/${securedEpic}/notify`, {
      textBody: 'x',
      to: { users: [{ accountId: vera.accountId }, { accountId: DEMO.people.pmDirect.accountId }] },
    });
    expect(reply.status).toBe(204);
    const outbox = await fetch(`${site.url}/_sandbox/outbox`, {
      headers: { 'X-Sandbox-Secret': site.secret },
    });
    const { messages } = z
      .object({
        messages: z.array(
          z.object({
            recipients: z.array(z.object({ accountId: z.string() })),
            skipped: z.array(z.object({ accountId: z.string(), reason: z.string() })),
          }),
        ),
      })
      .parse(await outbox.json());
    const last = messages.at(-1);
    expect(last?.recipients.map((r) => r.accountId)).toEqual([DEMO.people.pmDirect.accountId]);
    expect(last?.skipped).toEqual([{ accountId: vera.accountId, reason: 'cannot browse the issue' }]);
  });
});

describe('persistence', () => {
  it('keeps schemes and levels in the snapshot, and loads files written before issue security', () => {
    const snapshot = snapshotSchema.parse(JSON.parse(JSON.stringify(site.state.toSnapshot())));
    expect(snapshot.issueSecuritySchemes.map((s) => s.id)).toEqual([DEMO.security.schemeId]);
    expect(snapshot.issues.find((i) => i.key === securedEpic)?.securityLevelId).toBe(
      DEMO.security.levels.leadership,
    );
    const old = JSON.parse(JSON.stringify(site.state.toSnapshot())) as Record<string, unknown>;
    delete old.issueSecuritySchemes;
    for (const issue of old.issues as Array<Record<string, unknown>>) delete issue.securityLevelId;
    for (const project of old.projects as Array<Record<string, unknown>>)
      delete project.issueSecuritySchemeId;
    const loaded = snapshotSchema.parse(old);
    expect(loaded.issues.every((i) => i.securityLevelId === null)).toBe(true);
    expect(loaded.issueSecuritySchemes).toEqual([]);
  });
});
