// Issues: Jira's representation, create / edit / transition / delete with their validations, and the events
// each change raises for the Forge host, and the bulk fetch.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DEMO, type IssueEvent, type RunningSite } from '../../../sandbox/site';
import { client, errorBody, read, startTestSite, type Client } from './helpers';

let site: RunningSite;
let api: Client;
const events: IssueEvent[] = [];

beforeAll(async () => {
  site = await startTestSite();
  api = client(site, DEMO.people.poDirect);
  site.state.onIssueEvent((e) => events.push(e));
});
afterAll(() => site.close());

const issueReply = z.object({
  id: z.string(),
  key: z.string(),
  self: z.string(),
  fields: z.record(z.string(), z.unknown()),
  properties: z.record(z.string(), z.unknown()).optional(),
});
const createdReply = z.object({ id: z.string(), key: z.string(), self: z.string() });

describe('GET issue', () => {
  it('returns every field by default, with parent, status category and hierarchy level', async () => {
    const issue = read(issueReply, await api.get(`/rest/api/3/issue/${DEMO.issues.coveredStory}`));
    expect(Object.keys(issue.fields).sort()).toEqual(
      [
        'assignee',
        'created',
        'issuetype',
        'parent',
        'project',
        'reporter',
        'security',
        'status',
        'summary',
        'updated',
        // The site's custom fields (user pickers), as Jira returns every field by default.
        DEMO.customFields.legacyProductOwner.id,
        DEMO.customFields.stakeholders.id,
      ].sort(),
    );
    expect(issue.fields.issuetype).toMatchObject({ name: 'Story', hierarchyLevel: 0, subtask: false });
    const status = z.object({ statusCategory: z.object({ key: z.string() }) }).parse(issue.fields.status);
    expect(['new', 'indeterminate', 'done']).toContain(status.statusCategory.key);
    expect(issue.fields.parent).toMatchObject({
      key: DEMO.issues.coveredEpic,
      fields: { summary: 'Guest checkout' },
    });
    expect(issue.fields.project).toMatchObject({ key: 'SHOP', name: 'Storefront' });
    expect(issue.fields.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    expect(issue).not.toHaveProperty('properties');
  });

  it('returns only the fields and properties asked for', async () => {
    const issue = read(
      issueReply,
      await api.get(
        `/rest/api/3/issue/${DEMO.issues.coveredEpic}?fields=summary,issuetype&properties=${DEMO.propertyKey}`,
      ),
    );
    expect(Object.keys(issue.fields).sort()).toEqual(['issuetype', 'summary']);
    expect(issue.fields.issuetype).toMatchObject({ name: 'Epic', hierarchyLevel: 1 });
    expect(issue.properties?.[DEMO.propertyKey]).toMatchObject({
      schema: 1,
      pm: { accountId: DEMO.people.pmDirect.accountId },
    });
    const initiative = read(
      issueReply,
      await api.get(`/rest/api/3/issue/${DEMO.issues.initiative}?fields=issuetype,parent`),
    );
    expect(Object.keys(initiative.fields)).toEqual(['issuetype']);
    expect(initiative.fields.issuetype).toMatchObject({ name: 'Initiative', hierarchyLevel: 2 });
  });

  it('404s with Jira’s words for a missing issue', async () => {
    const reply = await api.get('/rest/api/3/issue/SHOP-99999');
    expect(reply.status).toBe(404);
    expect(read(errorBody, reply).errorMessages).toEqual([
      'Issue does not exist or you do not have permission to see it.',
    ]);
  });
});

describe('create, edit, transition, delete', () => {
  it('creates a story under an epic and raises "created"', async () => {
    events.length = 0;
    const reply = await api.post('/rest/api/3/issue', {
      fields: {
        project: { key: 'SHOP' },
        issuetype: { name: 'Story' },
        summary: 'Pay with a bank transfer',
        parent: { key: DEMO.issues.coveredEpic },
      },
      properties: [{ key: DEMO.propertyKey, value: { schema: 1 } }],
    });
    expect(reply.status).toBe(201);
    const created = read(createdReply, reply);
    expect(created.key).toMatch(/^SHOP-\d+$/);
    expect(created.self).toBe(`${site.url}/rest/api/3/issue/${created.id}`);
    expect(events.map((e) => e.type)).toEqual(['created']);
    expect(events[0]?.issue).toMatchObject({
      key: created.key,
      fields: { reporter: { accountId: DEMO.people.poDirect.accountId } },
    });
    const issue = read(issueReply, await api.get(`/rest/api/3/issue/${created.key}?properties=*all`));
    expect(issue.fields.status).toMatchObject({ name: 'To Do', statusCategory: { key: 'new' } });
    expect(issue.properties).toEqual({ [DEMO.propertyKey]: { schema: 1 } });
  });

  it('creates a MOB story under a SHOP epic (cross-project parent)', async () => {
    const reply = await client(site, DEMO.people.developer2).post('/rest/api/3/issue', {
      fields: {
        project: { key: 'MOB' },
        issuetype: { id: '10001' },
        summary: 'Bank transfer in the app',
        parent: { key: DEMO.issues.coveredEpic },
      },
    });
    expect(reply.status).toBe(201);
  });

  it('refuses invalid creations with Jira’s field errors', async () => {
    const missing = await api.post('/rest/api/3/issue', {
      fields: { project: { key: 'SHOP' }, issuetype: { name: 'Story' } },
    });
    expect(missing.status).toBe(400);
    expect(read(errorBody, missing).errors).toEqual({ summary: 'You must specify a summary of the issue.' });
    const wrongLevel = await api.post('/rest/api/3/issue', {
      fields: {
        project: { key: 'SHOP' },
        issuetype: { name: 'Story' },
        summary: 'Under a story?',
        parent: { key: DEMO.issues.coveredStory },
      },
    });
    expect(read(errorBody, wrongLevel).errors).toEqual({
      parent: 'Given parent issue does not belong to appropriate hierarchy.',
    });
    const noInitiativeInMob = await api.post('/rest/api/3/issue', {
      fields: { project: { key: 'MOB' }, issuetype: { name: 'Initiative' }, summary: 'x' },
    });
    expect(read(errorBody, noInitiativeInMob).errors).toHaveProperty('issuetype');
    const viewer = await client(site, DEMO.people.viewer).post('/rest/api/3/issue', {
      fields: { project: { key: 'SHOP' }, issuetype: { name: 'Bug' }, summary: 'x' },
    });
    expect(read(errorBody, viewer).errors).toEqual({
      project: 'You do not have permission to create issues in this project.',
    });
    const unknownField = await api.post('/rest/api/3/issue', {
      fields: { project: { key: 'SHOP' }, issuetype: { name: 'Bug' }, summary: 'x', storyPoints: 3 },
    });
    expect(read(errorBody, unknownField).errors).toHaveProperty('storyPoints');
  });

  it('edits summary and parent, raising "updated" with what changed', async () => {
    const created = read(
      createdReply,
      await api.post('/rest/api/3/issue', {
        fields: { project: { key: 'SHOP' }, issuetype: { name: 'Story' }, summary: 'Loose story' },
      }),
    );
    events.length = 0;
    const reply = await api.put(`/rest/api/3/issue/${created.key}`, {
      fields: { summary: 'Now under an epic', parent: { key: DEMO.issues.coveredEpic } },
    });
    expect(reply.status).toBe(204);
    expect(events.map((e) => [e.type, e.changed])).toEqual([['updated', ['summary', 'parent']]]);
    const issue = read(issueReply, await api.get(`/rest/api/3/issue/${created.key}?fields=summary,parent`));
    expect(issue.fields).toMatchObject({
      summary: 'Now under an epic',
      parent: { key: DEMO.issues.coveredEpic },
    });
    expect((await api.put(`/rest/api/3/issue/${created.key}`, { fields: { parent: null } })).status).toBe(
      204,
    );
    expect(read(issueReply, await api.get(`/rest/api/3/issue/${created.key}?fields=parent`)).fields).toEqual(
      {},
    );
    const asViewer = await client(site, DEMO.people.viewer).put(`/rest/api/3/issue/${created.key}`, {
      fields: { summary: 'x' },
    });
    expect(asViewer.status).toBe(400);
  });

  it('moves an issue through the workflow', async () => {
    const { key } = read(
      createdReply,
      await api.post('/rest/api/3/issue', {
        fields: { project: { key: 'SHOP' }, issuetype: { name: 'Task' }, summary: 'Flow' },
      }),
    );
    const transitions = read(
      z.object({
        transitions: z.array(
          z.object({
            id: z.string(),
            to: z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }) }),
          }),
        ),
      }),
      await api.get(`/rest/api/3/issue/${key}/transitions`),
    );
    // A new issue is in To Do; the workflow offers every other status.
    expect(transitions.transitions.map((t) => t.to.name).sort()).toEqual([
      'Approved',
      'Done',
      'In Progress',
      'In Review',
    ]);
    const toDone = transitions.transitions.find((t) => t.to.statusCategory.key === 'done');
    events.length = 0;
    expect(
      (await api.post(`/rest/api/3/issue/${key}/transitions`, { transition: { id: toDone?.id } })).status,
    ).toBe(204);
    expect(events.map((e) => [e.type, e.changed])).toEqual([['updated', ['status']]]);
    const done = await api.post('/rest/api/3/search/jql', { jql: `key = ${key} AND statusCategory = Done` });
    expect(read(z.object({ issues: z.array(z.unknown()) }), done).issues).toHaveLength(1);
    // Done -> Done is not a transition.
    const again = await api.post(`/rest/api/3/issue/${key}/transitions`, { transition: { id: toDone?.id } });
    expect(again.status).toBe(400);
    expect(read(errorBody, again).errorMessages[0]).toMatch(/is not valid for this issue/);
    expect((await client(site, DEMO.people.viewer).get(`/rest/api/3/issue/${key}/transitions`)).body).toEqual(
      { expand: 'transitions', transitions: [] },
    );
  });

  it('deletes only with Delete Issues, sub-tasks only when asked, and raises "deleted"', async () => {
    const story = DEMO.issues.coveredStory;
    expect((await api.del(`/rest/api/3/issue/${story}`)).status).toBe(403);
    const admin = client(site, DEMO.adminUser);
    expect((await admin.del(`/rest/api/3/issue/${story}`)).status).toBe(400);
    const subtasks = [...site.state.issues.values()]
      .filter((i) => i.parentId === site.state.getIssue(story)?.id)
      .map((i) => i.key);
    expect(subtasks.length).toBeGreaterThan(0);
    events.length = 0;
    expect((await admin.del(`/rest/api/3/issue/${story}?deleteSubtasks=true`)).status).toBe(204);
    expect(
      events
        .filter((e) => e.type === 'deleted')
        .map((e) => (e.issue as { key: string }).key)
        .sort(),
    ).toEqual([story, ...subtasks].sort());
    expect((await api.get(`/rest/api/3/issue/${story}`)).status).toBe(404);
  });
});

describe('bulk fetch', () => {
  // The admin sees every demo issue (the secured ones too); earlier tests here may have deleted some.
  const admin = (): Client => client(site, DEMO.adminUser);
  const bulk = z.object({
    issueErrors: z.array(z.unknown()),
    issues: z.array(issueReply),
  });

  it('returns up to 100 issues by id or key (duplicates once), in ascending id order', async () => {
    const shop = [...site.state.issues.values()].filter((i) => i.projectId === DEMO.projectId).slice(0, 99);
    const shuffled = [...shop].reverse().map((i, n) => (n % 2 === 0 ? i.id : i.key.toLowerCase()));
    const reply = read(
      bulk,
      await admin().post('/rest/api/3/issue/bulkfetch', {
        issueIdsOrKeys: [...shuffled, shop[0]?.key ?? ''],
        fields: ['summary'],
        properties: [DEMO.propertyKey],
      }),
    );
    expect(reply.issueErrors).toEqual([]);
    expect(reply.issues.map((i) => i.id)).toEqual(
      shop.map((i) => i.id).sort((a, b) => Number(a) - Number(b)),
    );
    expect(Object.keys(reply.issues[0]?.fields ?? {})).toEqual(['summary']);
    const withProperty = shop.find((i) => i.properties.has(DEMO.propertyKey));
    expect(reply.issues.find((i) => i.id === withProperty?.id)?.properties?.[DEMO.propertyKey]).toEqual(
      withProperty?.properties.get(DEMO.propertyKey),
    );
  });

  it('refuses no ids, more than 100, more than 5 properties and unknown members with 400', async () => {
    const keys = [...site.state.issues.values()].slice(0, 101).map((i) => i.key);
    for (const body of [
      { issueIdsOrKeys: [] },
      { issueIdsOrKeys: keys },
      { issueIdsOrKeys: keys.slice(0, 1), properties: ['a', 'b', 'c', 'd', 'e', 'f'] },
      { issueIdsOrKeys: keys.slice(0, 1), jql: 'project = SHOP' },
      { fields: ['summary'] },
    ]) {
      const reply = await admin().post('/rest/api/3/issue/bulkfetch', body);
      expect(reply.status).toBe(400);
      expect(read(errorBody, reply).errorMessages).toHaveLength(1);
    }
  });

  it('returns all navigable fields by default', async () => {
    const reply = read(
      bulk,
      await admin().post('/rest/api/3/issue/bulkfetch', {
        issueIdsOrKeys: [site.state.issues.values().next().value?.key ?? ''],
      }),
    );
    expect(reply.issues[0]?.fields).toMatchObject({
      summary: expect.any(String),
      status: expect.any(Object),
    });
  });
});
