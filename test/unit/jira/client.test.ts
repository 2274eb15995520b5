// The Jira client end to end through fetchTransport against a real local HTTP server: requests as sent on
// the wire, answers as Jira gives them (samples in ./jira-samples), retries with an injected sleep.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { JiraError, describeJiraError } from '../../../src/jira/errors';
import { USER_BULK_BATCH_SIZE, createJiraClient } from '../../../src/jira/client';
import { parseRetryAfter } from '../../../src/jira/requester';
import { fetchTransport } from '../../../src/jira/transport-fetch';
import { startHttpStub, type StubRequest } from '../../support/http-stub';
import { TEST_EMAIL, TEST_TOKEN, caught, startHarness, type Harness } from './harness';
import {
  ACCOUNT_PM,
  OWNERSHIP_KEY,
  issueSample,
  issueTypesSample,
  jqlErrorBody,
  missingIssueBody,
  missingPropertyBody,
  myPermissionsSample,
  myselfSample,
  ownershipSample,
  permissionGrantsSample,
  productManagerRoleSample,
  projectSample,
  propertySample,
  roleLinksSample,
  searchPageSample,
  taskSample,
  userGroupsSample,
  userPageSample,
  userSample,
} from './jira-samples';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const PROPERTY_PATH = `/rest/api/3/issue/RS-1/properties/${OWNERSHIP_KEY}`;

function expectJiraError(error: unknown, kind: JiraError['kind']): JiraError {
  expect(error).toBeInstanceOf(JiraError);
  const jiraError = error as JiraError;
  expect(jiraError.kind).toBe(kind);
  return jiraError;
}

describe('reading single resources', () => {
  it('GET myself: parses the user and drops fields it does not use', async () => {
    h.stub.on('GET', '/rest/api/3/myself', { status: 200, body: myselfSample });
    const me = await h.client().getMyself();
    expect(me).toEqual({
      accountId: ACCOUNT_PM,
      displayName: myselfSample.displayName,
      active: true,
      accountType: 'atlassian',
      emailAddress: 'pm@example.com',
    });
  });

  it('sends basic auth built from email and API token, and asks for JSON', async () => {
    h.stub.on('GET', '/rest/api/3/myself', { status: 200, body: myselfSample });
    await h.client().getMyself();
    const [request] = h.stub.requests;
    const header = request?.headers.authorization ?? '';
    expect(header.startsWith('Basic ')).toBe(true);
    expect(Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8')).toBe(
      `${TEST_EMAIL}:${TEST_TOKEN}`,
    );
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['content-type']).toBeUndefined();
  });

  it('GET project', async () => {
    h.stub.on('GET', '/rest/api/3/project/RS', { status: 200, body: projectSample });
    expect(await h.client().getProject('RS')).toEqual({
      id: '10000',
      key: 'RS',
      name: 'Role Split demo',
      projectTypeKey: 'software',
      style: 'classic',
      self: 'https://example.atlassian.net/rest/api/3/project/10000',
    });
  });

  it('GET project reads the lead (notifications go to the lead)', async () => {
    const lead = { accountId: '5b10ac8d82e05b22cc7d4ef5', active: false, displayName: 'Ada' };
    h.stub.on('GET', '/rest/api/3/project/RS', { status: 200, body: { ...projectSample, lead } });
    expect((await h.client().getProject('RS')).lead).toEqual({ accountId: lead.accountId, active: false });
  });

  it('GET issue types of a project, with hierarchy levels', async () => {
    h.stub.on('GET', '/rest/api/3/issuetype/project', { status: 200, body: issueTypesSample });
    const types = await h.client().getProjectIssueTypes('10000');
    expect(h.stub.requests[0]?.query.get('projectId')).toBe('10000');
    expect(types.map((t) => [t.name, t.hierarchyLevel, t.subtask])).toEqual([
      ['Epic', 1, false],
      ['Story', 0, false],
      ['Sub-task', -1, true],
    ]);
  });

  it('GET issue asks for exactly the fields and properties given', async () => {
    h.stub.on('GET', '/rest/api/3/issue/RS-2', {
      status: 200,
      body: issueSample(2, { parentKey: 'RS-1', ownership: ownershipSample }),
    });
    const issue = await h
      .client()
      .getIssue('RS-2', { fields: ['summary', 'parent'], properties: [OWNERSHIP_KEY] });
    const request = h.stub.requests[0];
    expect(request?.query.get('fields')).toBe('summary,parent');
    expect(request?.query.get('properties')).toBe(OWNERSHIP_KEY);
    expect(issue.key).toBe('RS-2');
    expect(issue.fields.parent?.key).toBe('RS-1');
    expect(issue.fields.issuetype).toEqual({ id: '10001', name: 'Story', hierarchyLevel: 0, subtask: false });
    expect(issue.properties[OWNERSHIP_KEY]).toEqual(ownershipSample);
  });
});

describe('search: POST /rest/api/3/search/jql', () => {
  const request = {
    jql: 'project = RS',
    fields: ['summary', 'issuetype'],
    properties: [OWNERSHIP_KEY],
    maxResults: 3,
  };

  it('sends jql, fields, properties and maxResults, and no token on the first page', async () => {
    h.stub.on('POST', '/rest/api/3/search/jql', { status: 200, body: searchPageSample([issueSample(1)]) });
    const page = await h.client().searchPage(request);
    expect(h.stub.requests[0]?.body).toEqual({
      jql: 'project = RS',
      fields: ['summary', 'issuetype'],
      properties: [OWNERSHIP_KEY],
      maxResults: 3,
    });
    expect(h.stub.requests[0]?.headers['content-type']).toBe('application/json');
    expect(page.nextPageToken).toBeNull();
    expect(page.issues.map((i) => i.key)).toEqual(['RS-1']);
  });

  it('walks nextPageToken across pages, including a short page that is not the last', async () => {
    h.stub.on(
      'POST',
      '/rest/api/3/search/jql',
      { status: 200, body: searchPageSample([issueSample(1), issueSample(2), issueSample(3)], 'page-2') },
      { status: 200, body: searchPageSample([issueSample(4)], 'page-3') }, // short, yet more follows
      { status: 200, body: searchPageSample([], 'page-4') }, // even an empty page is not the end
      { status: 200, body: searchPageSample([issueSample(5), issueSample(6)]) },
    );
    const fetched: number[] = [];
    const keys: string[] = [];
    for await (const issues of h.client().searchAll(request, (n) => fetched.push(n))) {
      keys.push(...issues.map((i) => i.key));
    }
    expect(keys).toEqual(['RS-1', 'RS-2', 'RS-3', 'RS-4', 'RS-5', 'RS-6']);
    expect(fetched).toEqual([3, 4, 4, 6]);
    const tokens = h.stub.requests.map((r) => (r.body as { nextPageToken?: string }).nextPageToken);
    expect(tokens).toEqual([undefined, 'page-2', 'page-3', 'page-4']);
  });

  it('stops when the token is absent even without isLast', async () => {
    h.stub.on(
      'POST',
      '/rest/api/3/search/jql',
      { status: 200, body: { issues: [issueSample(1)], nextPageToken: 'next' } },
      { status: 200, body: { issues: [issueSample(2)] } },
      { status: 200, body: { issues: [issueSample(3)] } },
    );
    const pages: string[][] = [];
    for await (const issues of h.client().searchAll(request)) pages.push(issues.map((i) => i.key));
    expect(pages).toEqual([['RS-1'], ['RS-2']]);
  });

  it('stops when isLast is true even if a token is present', async () => {
    h.stub.on(
      'POST',
      '/rest/api/3/search/jql',
      { status: 200, body: { issues: [issueSample(1)], nextPageToken: 'stale', isLast: true } },
      { status: 200, body: searchPageSample([issueSample(2)]) },
    );
    const keys: string[] = [];
    for await (const issues of h.client().searchAll(request)) keys.push(...issues.map((i) => i.key));
    expect(keys).toEqual(['RS-1']);
    expect(h.stub.requests).toHaveLength(1);
  });

  it('refuses to loop on a token Jira already returned', async () => {
    h.stub.on(
      'POST',
      '/rest/api/3/search/jql',
      { status: 200, body: searchPageSample([issueSample(1)], 'again') },
      { status: 200, body: searchPageSample([issueSample(2)], 'again') },
    );
    const error = await caught(async () => {
      for await (const _issues of h.client().searchAll(request)) {
        // drain
      }
    });
    expectJiraError(error, 'bad-response');
    expect(h.stub.requests).toHaveLength(2);
  });

  it('a JQL error is bad-request with Jira messages, told to the user', async () => {
    h.stub.on('POST', '/rest/api/3/search/jql', { status: 400, body: jqlErrorBody });
    const error = expectJiraError(await caught(() => h.client().searchPage(request)), 'bad-request');
    expect(error.status).toBe(400);
    expect(error.errorMessages).toEqual(jqlErrorBody.errorMessages);
    expect(error.endpoint).toBe('POST /rest/api/3/search/jql');
    expect(describeJiraError(error)).toContain("Field 'bogus' does not exist");
    expect(h.stub.requests).toHaveLength(1); // a 400 is never retried
  });
});

describe('status mapping', () => {
  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [409, 'bad-request'],
  ] as const)('HTTP %i -> %s, with Jira messages and the endpoint template', async (status, kind) => {
    h.stub.on('GET', '/rest/api/3/project/SECRET', {
      status,
      body: { errorMessages: [`message for ${status}`], errors: {} },
    });
    const error = expectJiraError(await caught(() => h.client().getProject('SECRET')), kind);
    expect(error.status).toBe(status);
    expect(error.errorMessages).toEqual([`message for ${status}`]);
    expect(error.endpoint).toBe('GET /rest/api/3/project/{projectIdOrKey}');
    expect(error.message).not.toContain(TEST_TOKEN);
    expect(h.stub.requests).toHaveLength(1);
  });

  it('a body that is not JSON is bad-response', async () => {
    h.stub.on('GET', '/rest/api/3/myself', { status: 200, rawBody: '<html>gateway</html>' });
    const error = expectJiraError(await caught(() => h.client().getMyself()), 'bad-response');
    expect(error.status).toBe(200);
  });

  it('JSON of the wrong shape is bad-response naming the path, not the values', async () => {
    h.stub.on('GET', '/rest/api/3/myself', { status: 200, body: { ...myselfSample, active: 'yes-secret' } });
    const error = expectJiraError(await caught(() => h.client().getMyself()), 'bad-response');
    expect(error.message).toContain('active');
    expect(error.message).not.toContain('yes-secret');
  });
});

describe('retries', () => {
  it('429 with Retry-After (seconds) waits that long, then succeeds', async () => {
    h.stub.on(
      'GET',
      '/rest/api/3/myself',
      { status: 429, headers: { 'retry-after': '2' }, body: { errorMessages: ['Rate limit'] } },
      { status: 200, body: myselfSample },
    );
    const me = await h.client().getMyself();
    expect(me.accountId).toBe(ACCOUNT_PM);
    expect(h.stub.requests).toHaveLength(2);
    expect(h.sleeps).toHaveLength(1);
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(h.sleeps[0]).toBeLessThan(2300);
  });

  it('429 with Retry-After as an HTTP date waits until then', async () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    h.stub.on(
      'GET',
      '/rest/api/3/myself',
      { status: 429, headers: { 'retry-after': new Date(now + 3000).toUTCString() } },
      { status: 200, body: myselfSample },
    );
    await h.client({ now: () => now }).getMyself();
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(3000);
    expect(h.sleeps[0]).toBeLessThan(3300);
  });

  it('429 without Retry-After backs off exponentially', async () => {
    h.stub.on(
      'GET',
      '/rest/api/3/myself',
      { status: 429 },
      { status: 429 },
      { status: 429 },
      { status: 200, body: myselfSample },
    );
    await h.client({ random: () => 0.5 }).getMyself();
    expect(h.sleeps).toHaveLength(3);
    expect(h.sleeps[1]).toBeGreaterThan(h.sleeps[0] ?? Infinity);
    expect(h.sleeps[2]).toBeGreaterThan(h.sleeps[1] ?? Infinity);
  });

  it('429 that never ends: rate-limited after maxRetries, with the wait Jira asked for', async () => {
    h.stub.on('GET', '/rest/api/3/myself', { status: 429, headers: { 'retry-after': '1' } });
    const error = expectJiraError(
      await caught(() => h.client({ maxRetries: 3 }).getMyself()),
      'rate-limited',
    );
    expect(h.stub.requests).toHaveLength(4);
    expect(error.retryAfterMs).toBe(1000);
    expect(describeJiraError(error)).toContain('try again in about 1 s');
  });

  it('a Retry-After beyond the time budget fails at once instead of waiting', async () => {
    h.stub.on('GET', '/rest/api/3/myself', { status: 429, headers: { 'retry-after': '60' } });
    const error = expectJiraError(
      await caught(() => h.client({ timeBudgetMs: 20_000 }).getMyself()),
      'rate-limited',
    );
    expect(error.retryAfterMs).toBe(60_000);
    expect(h.sleeps).toEqual([]);
    expect(h.stub.requests).toHaveLength(1);
  });

  it('retries stop when the next wait would overrun the budget (virtual clock)', async () => {
    let clock = 0;
    h.stub.on('GET', '/rest/api/3/myself', { status: 503 });
    const client = h.client({
      timeBudgetMs: 5_000,
      maxRetries: 10,
      now: () => clock,
      sleep: (ms) => {
        clock += ms;
        return Promise.resolve();
      },
    });
    expectJiraError(await caught(() => client.getMyself()), 'server');
    expect(clock).toBeLessThanOrEqual(5_000);
    expect(h.stub.requests.length).toBeGreaterThan(1);
    expect(h.stub.requests.length).toBeLessThan(11);
  });

  it('503 then success', async () => {
    h.stub.on('GET', '/rest/api/3/project/RS', { status: 503 }, { status: 200, body: projectSample });
    expect((await h.client().getProject('RS')).key).toBe('RS');
    expect(h.stub.requests).toHaveLength(2);
  });

  it('500 on a GET: retried twice, then a typed server error', async () => {
    h.stub.on('GET', '/rest/api/3/myself', {
      status: 500,
      body: { errorMessages: ['Internal server error'] },
    });
    const error = expectJiraError(await caught(() => h.client().getMyself()), 'server');
    expect(error.status).toBe(500);
    expect(error.endpoint).toBe('GET /rest/api/3/myself');
    expect(h.stub.requests).toHaveLength(3);
  });

  it('maxRetries 0 never retries', async () => {
    h.stub.on('GET', '/rest/api/3/myself', { status: 429 }, { status: 200, body: myselfSample });
    expectJiraError(await caught(() => h.client({ maxRetries: 0 }).getMyself()), 'rate-limited');
    expect(h.stub.requests).toHaveLength(1);
  });

  const notification = {
    subject: 'Gaps',
    textBody: 'RS-1 has no PM',
    to: { users: [{ accountId: ACCOUNT_PM }] },
  };

  it('POST notify is not repeated after a 500 or a bare 503 (the email may have gone)', async () => {
    h.stub.on('POST', '/rest/api/3/issue/RS-1/notify', { status: 500 });
    expectJiraError(await caught(() => h.client().notifyIssue('RS-1', notification)), 'server');
    h.stub.on('POST', '/rest/api/3/issue/RS-1/notify', { status: 503 });
    expectJiraError(await caught(() => h.client().notifyIssue('RS-1', notification)), 'server');
    expect(h.stub.requests).toHaveLength(2);
  });

  it('POST notify is repeated after a 429, and after a 503 with Retry-After (nothing was done)', async () => {
    h.stub.on(
      'POST',
      '/rest/api/3/issue/RS-1/notify',
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 503, headers: { 'retry-after': '1' } },
      { status: 204 },
    );
    await h.client().notifyIssue('RS-1', notification);
    expect(h.stub.requests).toHaveLength(3);
  });
});

describe('transport failures', () => {
  it('no answer within the timeout is a timeout error (retried for a GET, then given up)', async () => {
    h.stub.on('GET', '/rest/api/3/myself', { status: 200, hang: true });
    const error = expectJiraError(await caught(() => h.client({}, { timeoutMs: 50 }).getMyself()), 'timeout');
    expect(error.endpoint).toBe('GET /rest/api/3/myself');
    expect(h.stub.requests).toHaveLength(3);
    expect(describeJiraError(error)).toBe('Jira did not answer in time; try again.');
  });

  it('a timed-out notify is not repeated', async () => {
    h.stub.on('POST', '/rest/api/3/issue/RS-1/notify', { status: 204, hang: true });
    // A timeout long enough for the request to reach the stub even on a loaded machine: what is tested is
    // that the client does not send it again after giving up, not how fast it gives up.
    const notify = h.client({}, { timeoutMs: 1_000 }).notifyIssue('RS-1', {
      subject: 's',
      textBody: 't',
      to: { users: [] },
    });
    expectJiraError(await caught(() => notify), 'timeout');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.stub.requests).toHaveLength(1);
  });

  it('a refused connection is a network error', async () => {
    const gone = await startHttpStub();
    await gone.close();
    const client = createJiraClient(
      fetchTransport({ siteUrl: gone.url, email: TEST_EMAIL, apiToken: TEST_TOKEN }),
      {
        maxRetries: 0,
      },
    );
    const error = expectJiraError(await caught(() => client.getMyself()), 'network');
    expect(error.message).not.toContain(TEST_TOKEN);
  });
});

describe('issue properties', () => {
  it('GET returns the value', async () => {
    h.stub.on('GET', PROPERTY_PATH, { status: 200, body: propertySample });
    expect(await h.client().getIssueProperty('RS-1', OWNERSHIP_KEY)).toEqual(ownershipSample);
  });

  it('GET: a 404 naming the property means "absent" -> undefined', async () => {
    h.stub.on('GET', PROPERTY_PATH, { status: 404, body: missingPropertyBody });
    expect(await h.client().getIssueProperty('RS-1', OWNERSHIP_KEY)).toBeUndefined();
  });

  it('GET: a 404 for a missing issue is still a not-found error', async () => {
    h.stub.on('GET', `/rest/api/3/issue/RS-404/properties/${OWNERSHIP_KEY}`, {
      status: 404,
      body: missingIssueBody,
    });
    const error = expectJiraError(
      await caught(() => h.client().getIssueProperty('RS-404', OWNERSHIP_KEY)),
      'not-found',
    );
    expect(error.errorMessages).toEqual(missingIssueBody.errorMessages);
  });

  it('GET: a 404 without a message is not taken for "absent"', async () => {
    h.stub.on('GET', PROPERTY_PATH, { status: 404, rawBody: '' });
    expectJiraError(await caught(() => h.client().getIssueProperty('RS-1', OWNERSHIP_KEY)), 'not-found');
  });

  it('PUT sends the value as the JSON body', async () => {
    h.stub.on('PUT', PROPERTY_PATH, { status: 201 });
    await h.client().setIssueProperty('RS-1', OWNERSHIP_KEY, ownershipSample);
    const request = h.stub.requests[0];
    expect(request?.method).toBe('PUT');
    expect(request?.body).toEqual(ownershipSample);
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it('PUT refuses undefined without calling Jira', async () => {
    await expect(h.client().setIssueProperty('RS-1', OWNERSHIP_KEY, undefined)).rejects.toThrow(TypeError);
    expect(h.stub.requests).toHaveLength(0);
  });

  it('DELETE: 204 and "property already gone" both succeed; a missing issue fails', async () => {
    h.stub.on('DELETE', PROPERTY_PATH, { status: 204 }, { status: 404, body: missingPropertyBody });
    await h.client().deleteIssueProperty('RS-1', OWNERSHIP_KEY);
    await h.client().deleteIssueProperty('RS-1', OWNERSHIP_KEY);
    h.stub.on('DELETE', PROPERTY_PATH, { status: 404, body: missingIssueBody });
    expectJiraError(await caught(() => h.client().deleteIssueProperty('RS-1', OWNERSHIP_KEY)), 'not-found');
    expect(h.stub.requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE', 'DELETE']);
  });
});

describe('bulk issue properties (asynchronous task)', () => {
  const issues = [
    { issueID: 10001, properties: { [OWNERSHIP_KEY]: ownershipSample } },
    { issueID: 10002, properties: { [OWNERSHIP_KEY]: ownershipSample } },
  ];

  it('303 See Other: the task id comes from Location, and the redirect is not followed', async () => {
    h.stub.on('POST', '/rest/api/3/issue/properties/multi', {
      status: 303,
      headers: { location: `${h.stub.url}/rest/api/3/task/10641` },
    });
    expect(await h.client().bulkSetIssueProperties(issues)).toEqual({ taskId: '10641' });
    expect(h.stub.requests).toHaveLength(1);
    expect(h.stub.requests[0]?.body).toEqual({ issues });
  });

  it('a transport that followed the redirect hands back the task: its id is used', async () => {
    h.stub.on('POST', '/rest/api/3/issue/properties/multi', { status: 200, body: taskSample });
    expect(await h.client().bulkSetIssueProperties(issues)).toEqual({ taskId: '10641' });
  });

  it('303 without a task Location is bad-response', async () => {
    h.stub.on('POST', '/rest/api/3/issue/properties/multi', {
      status: 303,
      headers: { location: '/somewhere' },
    });
    expectJiraError(await caught(() => h.client().bulkSetIssueProperties(issues)), 'bad-response');
  });

  it('more than 100 issues is refused before calling Jira', async () => {
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ issueID: i + 1, properties: { k: 1 } }));
    await expect(h.client().bulkSetIssueProperties(tooMany)).rejects.toThrow(RangeError);
    expect(h.stub.requests).toHaveLength(0);
  });

  it('GET task', async () => {
    h.stub.on('GET', '/rest/api/3/task/10641', { status: 200, body: taskSample });
    expect(await h.client().getTask('10641')).toEqual({
      id: '10641',
      status: 'COMPLETE',
      progress: 100,
      result: '',
    });
  });
});

describe('project roles', () => {
  it('role list: ids parsed from the role URLs', async () => {
    h.stub.on('GET', '/rest/api/3/project/RS/role', { status: 200, body: roleLinksSample });
    expect(await h.client().getProjectRoles('RS')).toEqual([
      { id: 10002, name: 'Administrators' },
      { id: 10100, name: 'Product Manager' },
      { id: 10101, name: 'Product Owner' },
    ]);
  });

  it('a role URL without an id is bad-response', async () => {
    h.stub.on('GET', '/rest/api/3/project/RS/role', { status: 200, body: { Odd: 'https://x/role/latest' } });
    expectJiraError(await caught(() => h.client().getProjectRoles('RS')), 'bad-response');
  });

  it('role actors: users by account id, groups by id and name, anything else as other', async () => {
    h.stub.on('GET', '/rest/api/3/project/RS/role/10100', {
      status: 200,
      body: {
        ...productManagerRoleSample,
        actors: [
          ...productManagerRoleSample.actors,
          { id: 3, type: 'atlassian-something-new', displayName: 'x' },
        ],
      },
    });
    const role = await h.client().getProjectRole('RS', 10100);
    expect(role).toEqual({
      id: 10100,
      name: 'Product Manager',
      actors: [
        { type: 'user', accountId: ACCOUNT_PM },
        { type: 'group', groupId: '952d12c3-5b5b-4d04-bb32-44d383afc4b2', groupName: 'product-managers' },
        { type: 'other' },
      ],
    });
  });
});

describe('users and groups', () => {
  it("a user's groups; a null group id is left out", async () => {
    h.stub.on('GET', '/rest/api/3/user/groups', { status: 200, body: userGroupsSample });
    expect(await h.client().getUserGroups(ACCOUNT_PM)).toEqual([
      { name: 'product-managers', groupId: '952d12c3-5b5b-4d04-bb32-44d383afc4b2' },
      { name: 'jira-software-users' },
    ]);
    expect(h.stub.requests[0]?.query.get('accountId')).toBe(ACCOUNT_PM);
  });

  /** Answers /user/bulk with the requested ids (except unknown ones), `pageSize` at a time. */
  function bulkUsers(unknown: Set<string>, pageSize = Infinity) {
    return (request: StubRequest) => {
      const known = request.query.getAll('accountId').filter((id) => !unknown.has(id));
      const startAt = Number(request.query.get('startAt') ?? 0);
      const values = known.slice(startAt, startAt + pageSize);
      const isLast = startAt + values.length >= known.length;
      const maxResults = Number(request.query.get('maxResults') ?? 10);
      return {
        status: 200,
        body: userPageSample(
          values.map((id) => userSample(id)),
          { startAt, maxResults, isLast, total: known.length },
        ),
      };
    };
  }

  it(`batches account ids ${USER_BULK_BATCH_SIZE} per request, deduplicated; unknown accounts are missing`, async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `acct-${i}`);
    h.stub.on('GET', '/rest/api/3/user/bulk', bulkUsers(new Set(['acct-7', 'acct-99'])));
    const users = await h.client().getUsers([...ids, 'acct-0', '', 'acct-119']);
    expect(users.map((u) => u.accountId).sort()).toEqual(
      ids.filter((id) => id !== 'acct-7' && id !== 'acct-99').sort(),
    );
    const batches = h.stub.requests.map((r) => r.query.getAll('accountId'));
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(new Set(batches.flat()).size).toBe(120);
    expect(h.stub.requests.map((r) => r.query.get('maxResults'))).toEqual(['50', '50', '20']);
  });

  it('follows pages within a batch until isLast', async () => {
    h.stub.on('GET', '/rest/api/3/user/bulk', bulkUsers(new Set(), 2));
    const users = await h.client().getUsers(['a', 'b', 'c', 'd', 'e']);
    expect(users.map((u) => u.accountId)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(h.stub.requests.map((r) => r.query.get('startAt'))).toEqual(['0', '2', '4']);
  });

  it('no ids, no request', async () => {
    expect(await h.client().getUsers([])).toEqual([]);
    expect(h.stub.requests).toHaveLength(0);
  });

  it('keeps active and accountType as Jira says', async () => {
    h.stub.on('GET', '/rest/api/3/user/bulk', {
      status: 200,
      body: userPageSample([userSample('x', { active: false, accountType: 'app' })], {
        startAt: 0,
        maxResults: 1,
        isLast: true,
      }),
    });
    expect(await h.client().getUsers(['x'])).toEqual([
      { accountId: 'x', displayName: 'User x', active: false, accountType: 'app' },
    ]);
  });
});

describe('permissions', () => {
  it('mypermissions in an issue context', async () => {
    h.stub.on('GET', '/rest/api/3/mypermissions', {
      status: 200,
      body: myPermissionsSample('EDIT_ISSUES', true),
    });
    expect(await h.client().hasPermission('EDIT_ISSUES', { issueId: '10001' })).toBe(true);
    const query = h.stub.requests[0]?.query;
    expect(query?.get('permissions')).toBe('EDIT_ISSUES');
    expect(query?.get('issueId')).toBe('10001');
    expect(query?.has('projectId')).toBe(false);
  });

  it('false when Jira says so, and when the permission is not in the answer', async () => {
    h.stub.on(
      'GET',
      '/rest/api/3/mypermissions',
      { status: 200, body: myPermissionsSample('EDIT_ISSUES', false) },
      { status: 200, body: { permissions: {} } },
    );
    expect(await h.client().hasPermission('EDIT_ISSUES', { projectId: '10000' })).toBe(false);
    expect(await h.client().hasPermission('EDIT_ISSUES', { projectId: '10000' })).toBe(false);
    expect(h.stub.requests[0]?.query.get('projectId')).toBe('10000');
  });

  it('refuses the global context, where Jira over-reports', async () => {
    await expect(h.client().hasPermission('EDIT_ISSUES', {})).rejects.toThrow(TypeError);
    expect(h.stub.requests).toHaveLength(0);
  });

  it('bulk permission check', async () => {
    h.stub.on('POST', '/rest/api/3/permissions/check', { status: 200, body: permissionGrantsSample });
    const request = {
      accountId: ACCOUNT_PM,
      projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: [10001, 10002, 10003] }],
    };
    expect(await h.client().checkPermissions(request)).toEqual({
      globalPermissions: [],
      projectPermissions: [{ permission: 'BROWSE_PROJECTS', issues: [10001, 10003], projects: [] }],
    });
    expect(h.stub.requests[0]?.body).toEqual(request);
  });
});

describe('notify', () => {
  it('POSTs the notification as given', async () => {
    h.stub.on('POST', '/rest/api/3/issue/RS-1/notify', { status: 204 });
    const notification = {
      subject: 'Role Split: 2 gaps',
      textBody: 'RS-1 has no PM',
      htmlBody: '<p>RS-1 has no PM</p>',
      to: { users: [{ accountId: ACCOUNT_PM }] },
      restrict: { permissions: [{ key: 'BROWSE' }] },
    };
    await h.client().notifyIssue('RS-1', notification);
    expect(h.stub.requests[0]?.body).toEqual(notification);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, ignores junk', () => {
    const now = Date.UTC(2025, 5, 1);
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter(new Date(now + 7000).toUTCString(), now)).toBe(7000);
    expect(parseRetryAfter(new Date(now - 7000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
