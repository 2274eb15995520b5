// The site's custom fields: `GET /rest/api/3/field` lists them beside the system fields (FieldDetails, checked
// against the OpenAPI document by the client helper), and search, bulkfetch and GET issue return a user
// picker's value when it is asked for by id (or with *all): a user, a list of users, or null when empty.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO, type RunningSite } from '../../../sandbox/site';
import { client, startTestSite, type Client } from './helpers';

let site: RunningSite;
let api: Client;
const { legacyProductOwner: legacy, stakeholders } = DEMO.customFields;

beforeAll(async () => {
  site = await startTestSite();
  api = client(site, DEMO.adminUser);
});
afterAll(() => site.close());

type Fields = Record<string, unknown>;

function withValues(fieldId: string) {
  return [...site.state.issues.values()].filter((i) => i.customFields?.[fieldId] !== undefined);
}

describe('custom fields', () => {
  it('lists the user pickers with their types beside the system fields', async () => {
    const reply = await api.get('/rest/api/3/field');
    expect(reply.status).toBe(200);
    const fields = reply.body as Array<{ id: string; name: string; custom: boolean; schema?: Fields }>;
    expect(fields.find((f) => f.id === 'summary')).toMatchObject({ custom: false, name: 'Summary' });
    expect(fields.find((f) => f.id === legacy.id)).toMatchObject({
      name: legacy.name,
      custom: true,
      schema: { type: 'user', custom: legacy.schema.custom },
    });
    expect(fields.find((f) => f.id === stakeholders.id)?.schema).toMatchObject({
      type: 'array',
      items: 'user',
    });
  });

  it('returns a value only when asked for: a user, a list of users, or null', async () => {
    const single = withValues(legacy.id)[0];
    const multi = withValues(stakeholders.id).find(
      (i) => (i.customFields?.[stakeholders.id]?.length ?? 0) > 1,
    );
    const empty = [...site.state.issues.values()].find((i) => i.customFields === undefined);
    if (!single || !multi || !empty) throw new Error('demo data without custom field values');

    const search = await api.post('/rest/api/3/search/jql', {
      jql: `key in (${single.key}, ${multi.key}, ${empty.key})`,
      fields: [legacy.id, stakeholders.id],
    });
    const byKey = new Map(
      (search.body as { issues: Array<{ key: string; fields: Fields }> }).issues.map((i) => [
        i.key,
        i.fields,
      ]),
    );
    expect(byKey.get(single.key)?.[legacy.id]).toMatchObject({ accountId: single.customFields?.[legacy.id] });
    expect(
      (byKey.get(multi.key)?.[stakeholders.id] as Array<{ accountId: string }>).map((u) => u.accountId),
    ).toEqual(multi.customFields?.[stakeholders.id]);
    expect(byKey.get(empty.key)).toEqual({ [legacy.id]: null, [stakeholders.id]: null });

    const fetched = await api.post('/rest/api/3/issue/bulkfetch', {
      issueIdsOrKeys: [single.key],
      fields: ['summary'],
    });
    expect((fetched.body as { issues: Array<{ fields: Fields }> }).issues[0]?.fields).not.toHaveProperty(
      legacy.id,
    );
    const all = await api.get(`/rest/api/3/issue/${single.key}?fields=*all`);
    expect((all.body as { fields: Fields }).fields[legacy.id]).toMatchObject({
      accountId: single.customFields?.[legacy.id],
    });
    // An id the site does not have is simply not returned, as Jira does.
    const unknown = await api.get(`/rest/api/3/issue/${single.key}?fields=customfield_99999`);
    expect((unknown.body as { fields: Fields }).fields).toEqual({});
  });
});
