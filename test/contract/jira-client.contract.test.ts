// Contract: every request the Jira client sends, and every sample answer its tests rely on, conforms to
// Atlassian's Jira Cloud platform OpenAPI document (the trimmed copy in openapi/, see test/support/openapi.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createJiraClient } from '../../src/jira/client';
import { JiraError } from '../../src/jira/errors';
import { fetchTransport } from '../../src/jira/transport-fetch';
import type { JiraClient } from '../../src/jira/types';
import { startHttpStub, type HttpStub, type StubReply } from '../support/http-stub';
import { findOperation, validateRequest, validateResponse } from '../support/openapi';
import {
  ACCOUNT_PM,
  ACCOUNT_PO,
  OWNERSHIP_KEY,
  POLICY_KEY,
  SAMPLE_RESPONSES,
  bulkFetchSample,
  idPageSample,
  projectPropertySample,
  securedIssueSample,
  issueSample,
  issueTypesSample,
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
} from '../unit/jira/jira-samples';

interface ClientCase {
  /** The JiraClient method exercised. */
  method: keyof JiraClient;
  /** What the stub answers, per `METHOD path`. */
  script: Array<[string, string, ...StubReply[]]>;
  call(client: JiraClient): Promise<unknown>;
}

const drain = async (pages: AsyncIterable<unknown>) => {
  for await (const _page of pages) {
    // every page
  }
};

const CASES: ClientCase[] = [
  {
    method: 'getMyself',
    script: [['GET', '/rest/api/3/myself', { status: 200, body: myselfSample }]],
    call: (c) => c.getMyself(),
  },
  {
    method: 'getProject',
    script: [['GET', '/rest/api/3/project/RS', { status: 200, body: projectSample }]],
    call: (c) => c.getProject('RS'),
  },
  {
    method: 'getProjectIssueTypes',
    script: [['GET', '/rest/api/3/issuetype/project', { status: 200, body: issueTypesSample }]],
    call: (c) => c.getProjectIssueTypes('10000'),
  },
  {
    method: 'searchPage',
    script: [['POST', '/rest/api/3/search/jql', { status: 200, body: searchPageSample([issueSample(1)]) }]],
    call: (c) => c.searchPage({ jql: 'project = RS', fields: ['summary'] }),
  },
  {
    method: 'searchAll',
    script: [
      [
        'POST',
        '/rest/api/3/search/jql',
        { status: 200, body: searchPageSample([issueSample(1)], 'next') },
        { status: 200, body: searchPageSample([issueSample(2)]) },
      ],
    ],
    call: (c) =>
      drain(
        c.searchAll({
          jql: 'project = RS ORDER BY key',
          fields: ['summary', 'issuetype', 'status', 'created', 'parent', 'project'],
          properties: [OWNERSHIP_KEY],
          maxResults: 100,
        }),
      ),
  },
  {
    method: 'searchIdsPage',
    script: [['POST', '/rest/api/3/search/jql', { status: 200, body: idPageSample([10001, 10002], 'next') }]],
    call: async (c) => {
      const first = await c.searchIdsPage('project = "RS" ORDER BY id ASC');
      return c.searchIdsPage('project = "RS" ORDER BY id ASC', first.nextPageToken);
    },
  },
  {
    method: 'bulkFetchIssues',
    script: [
      [
        'POST',
        '/rest/api/3/issue/bulkfetch',
        { status: 200, body: bulkFetchSample([securedIssueSample(1)]) },
      ],
    ],
    call: (c) =>
      c.bulkFetchIssues({
        issueIdsOrKeys: ['10001', 'RS-2'],
        fields: ['summary', 'issuetype', 'status', 'created', 'parent', 'project', 'security', 'updated'],
        properties: [OWNERSHIP_KEY],
      }),
  },
  {
    method: 'getProjectProperty',
    script: [
      [
        'GET',
        `/rest/api/3/project/RS/properties/${POLICY_KEY}`,
        { status: 200, body: projectPropertySample },
      ],
    ],
    call: (c) => c.getProjectProperty('RS', POLICY_KEY),
  },
  {
    method: 'setProjectProperty',
    script: [['PUT', `/rest/api/3/project/RS/properties/${POLICY_KEY}`, { status: 200 }]],
    call: (c) => c.setProjectProperty('RS', POLICY_KEY, { schema: 1, enabled: true }),
  },
  {
    method: 'getIssue',
    script: [['GET', '/rest/api/3/issue/RS-1', { status: 200, body: issueSample(1) }]],
    call: (c) => c.getIssue('RS-1', { fields: ['summary', 'issuetype'], properties: [OWNERSHIP_KEY] }),
  },
  {
    method: 'getIssueProperty',
    script: [
      ['GET', `/rest/api/3/issue/RS-1/properties/${OWNERSHIP_KEY}`, { status: 200, body: propertySample }],
    ],
    call: (c) => c.getIssueProperty('RS-1', OWNERSHIP_KEY),
  },
  {
    method: 'setIssueProperty',
    script: [['PUT', `/rest/api/3/issue/RS-1/properties/${OWNERSHIP_KEY}`, { status: 200 }]],
    call: (c) => c.setIssueProperty('RS-1', OWNERSHIP_KEY, ownershipSample),
  },
  {
    method: 'deleteIssueProperty',
    script: [['DELETE', `/rest/api/3/issue/RS-1/properties/${OWNERSHIP_KEY}`, { status: 204 }]],
    call: (c) => c.deleteIssueProperty('RS-1', OWNERSHIP_KEY),
  },
  {
    method: 'bulkSetIssueProperties',
    script: [
      [
        'POST',
        '/rest/api/3/issue/properties/multi',
        { status: 303, headers: { location: 'https://example.atlassian.net/rest/api/3/task/10641' } },
      ],
    ],
    call: (c) =>
      c.bulkSetIssueProperties([{ issueID: 10001, properties: { [OWNERSHIP_KEY]: ownershipSample } }]),
  },
  {
    method: 'getTask',
    script: [['GET', '/rest/api/3/task/10641', { status: 200, body: taskSample }]],
    call: (c) => c.getTask('10641'),
  },
  {
    method: 'getProjectRoles',
    script: [['GET', '/rest/api/3/project/RS/role', { status: 200, body: roleLinksSample }]],
    call: (c) => c.getProjectRoles('RS'),
  },
  {
    method: 'getProjectRole',
    script: [['GET', '/rest/api/3/project/RS/role/10100', { status: 200, body: productManagerRoleSample }]],
    call: (c) => c.getProjectRole('RS', 10100),
  },
  {
    method: 'searchUsers',
    script: [['GET', '/rest/api/3/user/search', { status: 200, body: [userSample(ACCOUNT_PO)] }]],
    call: (c) => c.searchUsers('Sam', 11),
  },
  {
    method: 'getUserGroups',
    script: [['GET', '/rest/api/3/user/groups', { status: 200, body: userGroupsSample }]],
    call: (c) => c.getUserGroups(ACCOUNT_PM),
  },
  {
    method: 'getUsers',
    script: [
      [
        'GET',
        '/rest/api/3/user/bulk',
        {
          status: 200,
          body: userPageSample([userSample(ACCOUNT_PM)], {
            startAt: 0,
            maxResults: 2,
            isLast: false,
            total: 2,
          }),
        },
        {
          status: 200,
          body: userPageSample([userSample(ACCOUNT_PO)], {
            startAt: 1,
            maxResults: 2,
            isLast: true,
            total: 2,
          }),
        },
      ],
    ],
    call: (c) => c.getUsers([ACCOUNT_PM, ACCOUNT_PO]),
  },
  {
    method: 'hasPermission',
    script: [
      ['GET', '/rest/api/3/mypermissions', { status: 200, body: myPermissionsSample('EDIT_ISSUES', true) }],
    ],
    call: async (c) => [
      await c.hasPermission('EDIT_ISSUES', { issueId: '10001' }),
      await c.hasPermission('EDIT_ISSUES', { projectId: '10000' }),
    ],
  },
  {
    method: 'checkPermissions',
    script: [['POST', '/rest/api/3/permissions/check', { status: 200, body: permissionGrantsSample }]],
    call: (c) =>
      c.checkPermissions({
        accountId: ACCOUNT_PM,
        projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: [10001, 10002] }],
      }),
  },
  {
    method: 'getLicense',
    script: [
      [
        'GET',
        '/rest/api/3/instance/license',
        {
          status: 200,
          body: {
            applications: [
              { id: 'jira-software', plan: 'FREE' },
              { id: 'jira-product-discovery', plan: 'PAID' },
            ],
          },
        },
      ],
    ],
    call: (c) => c.getLicense(),
  },
  {
    method: 'searchGroups',
    script: [
      [
        'GET',
        '/rest/api/3/groups/picker',
        {
          status: 200,
          body: {
            header: 'Showing 1 of 1 matching groups',
            total: 1,
            groups: [
              {
                name: 'product-managers',
                groupId: '276f955c-63d7-42c8-9520-92d01dca0625',
                html: '<b>product</b>-managers',
                labels: [],
              },
            ],
          },
        },
      ],
    ],
    call: (c) => c.searchGroups('product', 20),
  },
  {
    method: 'getFields',
    script: [
      [
        'GET',
        '/rest/api/3/field',
        {
          status: 200,
          body: [
            {
              id: 'summary',
              key: 'summary',
              name: 'Summary',
              custom: false,
              schema: { type: 'string', system: 'summary' },
            },
            {
              id: 'customfield_10100',
              key: 'customfield_10100',
              name: 'Product Owner (legacy)',
              custom: true,
              clauseNames: ['cf[10100]', 'Product Owner (legacy)'],
              schema: {
                type: 'user',
                custom: 'com.atlassian.jira.plugin.system.customfieldtypes:userpicker',
                customId: 10100,
              },
            },
          ],
        },
      ],
    ],
    call: (c) => c.getFields(),
  },
  {
    method: 'searchFieldValuesPage',
    script: [
      [
        'POST',
        '/rest/api/3/search/jql',
        {
          status: 200,
          body: {
            issues: [
              {
                id: '10001',
                key: 'RS-1',
                fields: { customfield_10100: { accountId: ACCOUNT_PM, displayName: 'Pat', active: true } },
              },
              { id: '10002', key: 'RS-2', fields: { customfield_10100: null } },
            ],
            isLast: true,
          },
        },
      ],
    ],
    call: (c) => c.searchFieldValuesPage('project = "RS" ORDER BY key ASC', ['customfield_10100']),
  },
  {
    method: 'notifyIssue',
    script: [['POST', '/rest/api/3/issue/RS-1/notify', { status: 204 }]],
    call: (c) =>
      c.notifyIssue('RS-1', {
        subject: 'Role Split: 1 gap',
        textBody: 'RS-1 has no PM',
        htmlBody: '<p>RS-1 has no PM</p>',
        to: { users: [{ accountId: ACCOUNT_PM }] },
        restrict: { permissions: [{ key: 'BROWSE' }] },
      }),
  },
];

describe('Jira client requests conform to the OpenAPI document', () => {
  let stub: HttpStub;
  let client: JiraClient;
  beforeAll(async () => {
    stub = await startHttpStub();
    client = createJiraClient(fetchTransport({ siteUrl: stub.url, email: 'c@example.com', apiToken: 't' }), {
      sleep: () => Promise.resolve(),
    });
  });
  afterAll(async () => {
    await stub.close();
  });
  beforeEach(() => stub.reset());

  it('covers every client method', () => {
    expect(CASES.map((c) => c.method).sort()).toEqual(Object.keys(client).sort());
  });

  it.each(CASES.map((c) => [c.method, c] as const))(
    '%s sends documented requests',
    async (_name, testCase) => {
      for (const [method, path, ...replies] of testCase.script) stub.on(method, path, ...replies);
      await testCase.call(client);
      expect(stub.requests.length).toBeGreaterThan(0);
      for (const request of stub.requests) {
        const result = validateRequest({ method: request.method, path: request.url, body: request.body });
        expect({ request: `${request.method} ${request.url}`, errors: result.errors }).toEqual({
          request: `${request.method} ${request.url}`,
          errors: [],
        });
      }
    },
  );

  it.each(CASES.map((c) => [c.method, c] as const))(
    '%s names its documented endpoint in errors',
    async (_name, testCase) => {
      for (const [method, path] of testCase.script)
        stub.on(method, path, { status: 400, body: { errorMessages: ['no'] } });
      const error: unknown = await testCase.call(client).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(JiraError);
      const request = stub.requests[0];
      const operation = request && findOperation(request.method, request.url);
      expect((error as JiraError).endpoint).toBe(`${operation?.method} ${operation?.template}`);
    },
  );
});

describe('sample Jira answers used by the tests conform to the OpenAPI document', () => {
  it.each(SAMPLE_RESPONSES.map((s) => [s.name, s] as const))('%s', (_name, sample) => {
    const result = validateResponse(sample);
    expect(result.errors).toEqual([]);
    expect(result.operation).toBeDefined();
  });
});
