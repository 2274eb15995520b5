// Issue entity properties: Jira's answers, limits and permissions, the asynchronous bulk set, and the event
// hook every write raises.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DEMO, type IssueEvent, type RunningSite } from '../../../sandbox/site';
import { client, errorBody, read, startTestSite, type Client } from './helpers';

let site: RunningSite;
let api: Client;
const events: IssueEvent[] = [];

beforeAll(async () => {
  site = await startTestSite({ taskDelayMs: 5 });
  api = client(site, 'app');
  site.state.onIssueEvent((e) => events.push(e));
});
afterAll(() => site.close());

const story = DEMO.issues.coveredStory;
const path = (issue: string, key: string): string =>
  `/rest/api/3/issue/${issue}/properties/${encodeURIComponent(key)}`;

describe('one property', () => {
  it('creates (201), replaces (200), reads, lists and deletes (204)', async () => {
    const value = { schema: 1, note: 'hello' };
    expect((await api.put(path(story, 'sandbox.test'), value)).status).toBe(201);
    expect((await api.put(path(story, 'sandbox.test'), { ...value, note: 'again' })).status).toBe(200);
    const got = await api.get(path(story, 'sandbox.test'));
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ key: 'sandbox.test', value: { schema: 1, note: 'again' } });
    const list = read(
      z.object({ keys: z.array(z.object({ key: z.string(), self: z.string() })) }),
      await api.get(`/rest/api/3/issue/${story}/properties`),
    );
    expect(list.keys.map((k) => k.key).sort()).toEqual([DEMO.propertyKey, 'sandbox.test'].sort());
    expect((await api.del(path(story, 'sandbox.test'))).status).toBe(204);
    expect((await api.get(path(story, 'sandbox.test'))).status).toBe(404);
  });

  it('words a missing property differently from a missing issue', async () => {
    const noProperty = await api.get(path(story, 'nothing-here'));
    expect(noProperty.status).toBe(404);
    expect(read(errorBody, noProperty).errorMessages).toEqual([
      "The property with key 'nothing-here' does not exist.",
    ]);
    const noIssue = await api.get(path('SHOP-99999', DEMO.propertyKey));
    expect(noIssue.status).toBe(404);
    expect(read(errorBody, noIssue).errorMessages).toEqual([
      'Issue does not exist or you do not have permission to see it.',
    ]);
    expect((await api.del(path(story, 'nothing-here'))).status).toBe(404);
  });

  it('takes any JSON value, by issue id or key', async () => {
    const id = site.state.getIssue(story)?.id ?? '';
    for (const value of ['just a string', 42, [1, 2], null, true]) {
      expect([200, 201]).toContain((await api.put(path(id, 'sandbox.any'), value)).status);
      expect(read(z.object({ value: z.unknown() }), await api.get(path(story, 'sandbox.any'))).value).toEqual(
        value,
      );
    }
  });

  it('refuses a value over 32,768 characters, invalid JSON, an empty body and a key over 255 characters', async () => {
    const fits = JSON.stringify({ pad: 'x'.repeat(32_768 - 10) });
    expect(fits.length).toBe(32_768);
    expect((await api.putRaw(path(story, 'sandbox.big'), fits)).status).toBe(201);
    const tooLong = await api.putRaw(
      path(story, 'sandbox.big'),
      JSON.stringify({ pad: 'x'.repeat(32_768 - 9) }),
    );
    expect(tooLong.status).toBe(400);
    expect(read(errorBody, tooLong).errorMessages[0]).toMatch(/too long: 32769 characters/);
    const notJson = await api.putRaw(path(story, 'sandbox.bad'), '{ pm: Priya }');
    expect(notJson.status).toBe(400);
    expect(read(errorBody, notJson).errorMessages[0]).toMatch(/valid JSON/);
    expect((await api.putRaw(path(story, 'sandbox.bad'), '')).status).toBe(400);
    const longKey = await api.put(path(story, 'k'.repeat(256)), { a: 1 });
    expect(longKey.status).toBe(400);
    expect(read(errorBody, longKey).errorMessages[0]).toMatch(/property key is too long/);
    expect((await api.put(path(story, 'k'.repeat(255)), { a: 1 })).status).toBe(201);
    expect(site.state.getIssue(story)?.properties.has('sandbox.bad')).toBe(false);
  });

  it('raises an "updated" issue event for each write, with the property in the payload', async () => {
    events.length = 0;
    await api.put(path(story, DEMO.propertyKey), {
      schema: 1,
      po: { accountId: DEMO.people.poDirect.accountId, setBy: 'x', setAt: DEMO.now },
    });
    await api.del(path(story, 'sandbox.any'));
    expect(events.map((e) => [e.type, e.changed])).toEqual([
      ['updated', [`property:${DEMO.propertyKey}`]],
      ['updated', ['property:sandbox.any']],
    ]);
    expect(events[0]?.actorAccountId).toBe(DEMO.appUser.accountId);
    expect(events[0]?.issue).toMatchObject({ key: story, properties: { [DEMO.propertyKey]: { schema: 1 } } });
  });
});

describe('bulk set (asynchronous task)', () => {
  const taskSchema = z.object({
    id: z.string(),
    status: z.string(),
    progress: z.number(),
    result: z
      .object({
        successfulIssues: z.array(z.number()),
        failedIssues: z.array(z.object({ issueID: z.number(), errors: z.array(z.string()) })),
      })
      .optional(),
  });

  async function untilDone(as: Client, location: string) {
    const taskPath = new URL(location).pathname;
    for (let i = 0; i < 200; i++) {
      const task = read(taskSchema, await as.get(taskPath));
      if (task.status === 'COMPLETE' || task.status === 'FAILED') return task;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('task never finished');
  }

  it('answers 303 with the task location, then runs to COMPLETE and applies the values', async () => {
    const epic = site.state.getIssue(DEMO.issues.coveredEpic);
    const mob = site.state.getIssue(DEMO.issues.crossProjectStory);
    const reply = await api.post('/rest/api/3/issue/properties/multi', {
      issues: [
        { issueID: Number(epic?.id), properties: { 'sandbox.bulk': { n: 1 } } },
        { issueID: Number(mob?.id), properties: { 'sandbox.bulk': { n: 2 }, 'sandbox.bulk2': 'two' } },
      ],
    });
    expect(reply.status).toBe(303);
    const location = reply.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^${site.url}/rest/api/3/task/\\d+$`));
    const task = await untilDone(api, location);
    expect(task).toMatchObject({ status: 'COMPLETE', progress: 100 });
    expect(task.result?.successfulIssues).toEqual([Number(epic?.id), Number(mob?.id)]);
    expect(epic?.properties.get('sandbox.bulk')).toEqual({ n: 1 });
    expect(mob?.properties.get('sandbox.bulk2')).toBe('two');
  });

  it('is not transactional: issues the caller may not edit fail, the others are written', async () => {
    const asSam = client(site, DEMO.people.poDirect);
    const shop = site.state.getIssue(DEMO.issues.coveredStory);
    const reply = await asSam.post('/rest/api/3/issue/properties/multi', {
      issues: [
        { issueID: Number(shop?.id), properties: { 'sandbox.sam': true } },
        { issueID: 999_999, properties: { 'sandbox.sam': true } },
      ],
    });
    expect(reply.status).toBe(303);
    const task = await untilDone(asSam, reply.headers.get('location') ?? '');
    expect(task.result?.successfulIssues).toEqual([Number(shop?.id)]);
    expect(task.result?.failedIssues.map((f) => f.issueID)).toEqual([999_999]);
    // Only the submitter (or a Jira admin) may look at a task.
    expect((await client(site, DEMO.people.viewer).get(`/rest/api/3/task/${task.id}`)).status).toBe(403);
  });

  it('refuses bad requests up front', async () => {
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ issueID: 10001 + i, properties: { a: 1 } }));
    expect((await api.post('/rest/api/3/issue/properties/multi', { issues: tooMany })).status).toBe(400);
    const elevenProperties = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, i]));
    expect(
      (
        await api.post('/rest/api/3/issue/properties/multi', {
          issues: [{ issueID: 10001, properties: elevenProperties }],
        })
      ).status,
    ).toBe(400);
    expect((await api.post('/rest/api/3/issue/properties/multi', { issues: [] })).status).toBe(400);
    const big = { issueID: 10001, properties: { big: 'x'.repeat(40_000) } };
    expect((await api.post('/rest/api/3/issue/properties/multi', { issues: [big] })).status).toBe(400);
    expect((await api.get('/rest/api/3/task/424242')).status).toBe(404);
  });
});
