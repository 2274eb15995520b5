// The endpoints the parallel scan and enablement use, on the wire: id-only search pages, bulk fetch (limits,
// issueErrors, secured issues) and project properties (absent versus a missing project).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { JiraError } from '../../../src/jira/errors';
import { caught, startHarness, type Harness } from './harness';
import {
  POLICY_KEY,
  bulkFetchSample,
  idPageSample,
  issueSample,
  projectPropertySample,
  securedIssueSample,
} from './jira-samples';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const PROPERTY_PATH = `/rest/api/3/project/RS/properties/${POLICY_KEY}`;

describe('searchIdsPage', () => {
  it('asks for ids only, 5,000 a page, and sends the token from the second page on', async () => {
    h.stub.on(
      'POST',
      '/rest/api/3/search/jql',
      { status: 200, body: idPageSample([10001, 10002], 'next') },
      { status: 200, body: idPageSample([10003]) },
    );
    const client = h.client();
    const first = await client.searchIdsPage('project = "RS" ORDER BY id ASC');
    const second = await client.searchIdsPage('project = "RS" ORDER BY id ASC', first.nextPageToken);
    expect(first).toEqual({ ids: ['10001', '10002'], nextPageToken: 'next' });
    expect(second).toEqual({ ids: ['10003'], nextPageToken: null });
    expect(h.stub.requests.map((r) => r.body)).toEqual([
      { jql: 'project = "RS" ORDER BY id ASC', fields: ['id'], maxResults: 5000 },
      { jql: 'project = "RS" ORDER BY id ASC', fields: ['id'], maxResults: 5000, nextPageToken: 'next' },
    ]);
  });

  it('a short page with a token is not the last; isLast: true is, whatever the token', async () => {
    h.stub.on(
      'POST',
      '/rest/api/3/search/jql',
      { status: 200, body: { issues: [{ id: '1' }], nextPageToken: 'more', isLast: false } },
      { status: 200, body: { issues: [], nextPageToken: 'stale', isLast: true } },
    );
    const client = h.client();
    expect((await client.searchIdsPage('x')).nextPageToken).toBe('more');
    expect(await client.searchIdsPage('x', 'more')).toEqual({ ids: [], nextPageToken: null });
  });
});

describe('bulkFetchIssues', () => {
  it('sends ids, fields and properties; reads issues, security, updated and issueErrors', async () => {
    h.stub.on('POST', '/rest/api/3/issue/bulkfetch', {
      status: 200,
      body: bulkFetchSample(
        [issueSample(1), securedIssueSample(2)],
        [{ id: '10003', errorMessage: 'Later' }],
      ),
    });
    const result = await h.client().bulkFetchIssues({
      issueIdsOrKeys: ['10001', '10002', '10003'],
      fields: ['summary', 'security', 'updated'],
      properties: ['role-split-ownership'],
    });
    expect(h.stub.requests[0]?.body).toEqual({
      issueIdsOrKeys: ['10001', '10002', '10003'],
      fields: ['summary', 'security', 'updated'],
      properties: ['role-split-ownership'],
    });
    expect(result.issues.map((i) => [i.key, i.fields.security?.name, i.fields.updated])).toEqual([
      ['RS-1', undefined, undefined],
      ['RS-2', 'Product leadership', '2025-11-05T10:00:00.000+0000'],
    ]);
    expect(result.issueErrors).toEqual([{ id: '10003', message: 'Later' }]);
  });

  it('a null security level reads as none', async () => {
    const issue = issueSample(1);
    h.stub.on('POST', '/rest/api/3/issue/bulkfetch', {
      status: 200,
      body: bulkFetchSample([{ ...issue, fields: { ...(issue.fields as object), security: null } }]),
    });
    const { issues } = await h.client().bulkFetchIssues({ issueIdsOrKeys: ['1'], fields: ['security'] });
    expect(issues[0]?.fields.security).toBeUndefined();
  });

  it('refuses 0 or more than 100 issues, and more than 5 properties, before calling Jira', async () => {
    const client = h.client();
    const ids = Array.from({ length: 101 }, (_, i) => String(i));
    await expect(client.bulkFetchIssues({ issueIdsOrKeys: [], fields: [] })).rejects.toThrow(RangeError);
    await expect(client.bulkFetchIssues({ issueIdsOrKeys: ids, fields: [] })).rejects.toThrow(RangeError);
    await expect(
      client.bulkFetchIssues({
        issueIdsOrKeys: ['1'],
        fields: [],
        properties: ['a', 'b', 'c', 'd', 'e', 'f'],
      }),
    ).rejects.toThrow(RangeError);
    expect(h.stub.requests).toHaveLength(0);
  });

  it('is retried after a 500 (a read), unlike other POSTs', async () => {
    h.stub.on(
      'POST',
      '/rest/api/3/issue/bulkfetch',
      { status: 500 },
      { status: 200, body: bulkFetchSample([issueSample(1)]) },
    );
    const { issues } = await h.client().bulkFetchIssues({ issueIdsOrKeys: ['1'], fields: ['summary'] });
    expect(issues).toHaveLength(1);
    expect(h.stub.requests).toHaveLength(2);
  });
});

describe('project properties', () => {
  it('GET returns the value; a 404 naming the property means absent', async () => {
    h.stub.on(
      'GET',
      PROPERTY_PATH,
      { status: 200, body: projectPropertySample },
      { status: 404, body: { errorMessages: [`The property with key '${POLICY_KEY}' does not exist.`] } },
    );
    const client = h.client();
    expect(await client.getProjectProperty('RS', POLICY_KEY)).toEqual({ schema: 1, enabled: true });
    expect(await client.getProjectProperty('RS', POLICY_KEY)).toBeUndefined();
  });

  it('GET: a missing project is a not-found error, not an absent property', async () => {
    h.stub.on('GET', PROPERTY_PATH, {
      status: 404,
      body: { errorMessages: ["No project could be found with key 'RS'."] },
    });
    const error = await caught(() => h.client().getProjectProperty('RS', POLICY_KEY));
    expect(error).toBeInstanceOf(JiraError);
    expect((error as JiraError).kind).toBe('not-found');
  });

  it('PUT sends the value as the body; a refusal is forbidden; undefined is refused locally', async () => {
    h.stub.on('PUT', PROPERTY_PATH, { status: 200 }, { status: 403, body: { errorMessages: ['No.'] } });
    const client = h.client();
    await client.setProjectProperty('RS', POLICY_KEY, { schema: 1, enabled: false });
    expect(h.stub.requests[0]?.body).toEqual({ schema: 1, enabled: false });
    const error = await caught(() =>
      client.setProjectProperty('RS', POLICY_KEY, { schema: 1, enabled: true }),
    );
    expect((error as JiraError).kind).toBe('forbidden');
    await expect(client.setProjectProperty('RS', POLICY_KEY, undefined)).rejects.toThrow(TypeError);
    expect(h.stub.requests).toHaveLength(2);
  });
});
