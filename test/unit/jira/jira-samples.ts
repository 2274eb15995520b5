// Jira response bodies the client tests answer with, shaped as Jira Cloud sends them. The contract test
// (test/contract/jira-client.contract.test.ts) checks every entry of SAMPLE_RESPONSES against the OpenAPI
// document, so the unit tests never rely on an answer Jira could not give.
export const SITE = 'https://example.atlassian.net';

export const ACCOUNT_PM = '5b10a2844c20165700ede21g';
export const ACCOUNT_PO = '5b10ac8d82e05b22cc7d4ef5';
export const OWNERSHIP_KEY = 'role-split-ownership';

export function userSample(
  accountId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    self: `${SITE}/rest/api/3/user?accountId=${accountId}`,
    accountId,
    accountType: 'atlassian',
    active: true,
    displayName: `User ${accountId.slice(0, 6)}`,
    timeZone: 'Europe/Paris',
    ...overrides,
  };
}

export const myselfSample = userSample(ACCOUNT_PM, { emailAddress: 'pm@example.com', locale: 'en_US' });

export const projectSample = {
  self: `${SITE}/rest/api/3/project/10000`,
  id: '10000',
  key: 'RS',
  name: 'Role Split demo',
  projectTypeKey: 'software',
  simplified: false,
  style: 'classic',
  isPrivate: false,
  roles: { 'Product Manager': `${SITE}/rest/api/3/project/10000/role/10100` },
};

export const issueTypesSample = [
  {
    self: `${SITE}/rest/api/3/issuetype/10000`,
    id: '10000',
    name: 'Epic',
    hierarchyLevel: 1,
    subtask: false,
  },
  {
    self: `${SITE}/rest/api/3/issuetype/10001`,
    id: '10001',
    name: 'Story',
    hierarchyLevel: 0,
    subtask: false,
  },
  {
    self: `${SITE}/rest/api/3/issuetype/10002`,
    id: '10002',
    name: 'Sub-task',
    hierarchyLevel: -1,
    subtask: true,
  },
];

export interface IssueSampleOptions {
  type?: 'Epic' | 'Story';
  parentKey?: string;
  ownership?: unknown;
}

/** An issue as `/search/jql` or GET issue return it with the fields and properties Role Split asks for. */
export function issueSample(n: number, options: IssueSampleOptions = {}): Record<string, unknown> {
  const type = options.type ?? 'Story';
  const fields: Record<string, unknown> = {
    summary: `${type} number ${n}`,
    issuetype: {
      self: `${SITE}/rest/api/3/issuetype/${type === 'Epic' ? '10000' : '10001'}`,
      id: type === 'Epic' ? '10000' : '10001',
      name: type,
      hierarchyLevel: type === 'Epic' ? 1 : 0,
      subtask: false,
    },
    status: { name: 'To Do', statusCategory: { id: 2, key: 'new', name: 'To Do' } },
    created: '2025-11-03T09:15:00.000+0000',
    project: { id: '10000', key: 'RS', name: 'Role Split demo' },
  };
  if (options.parentKey !== undefined) fields.parent = { id: String(20000 + n), key: options.parentKey };
  return {
    expand: '',
    id: String(10000 + n),
    key: `RS-${n}`,
    self: `${SITE}/rest/api/3/issue/${10000 + n}`,
    fields,
    properties: options.ownership === undefined ? {} : { [OWNERSHIP_KEY]: options.ownership },
  };
}

export const ownershipSample = {
  schema: 1,
  pm: { accountId: ACCOUNT_PM, setBy: ACCOUNT_PM, setAt: '2025-11-04T10:00:00.000Z' },
};

export function searchPageSample(issues: unknown[], nextPageToken?: string): Record<string, unknown> {
  return nextPageToken === undefined ? { issues, isLast: true } : { issues, nextPageToken, isLast: false };
}

export const propertySample = { key: OWNERSHIP_KEY, value: ownershipSample };

export const POLICY_KEY = 'role-split-policy';
export const projectPropertySample = { key: POLICY_KEY, value: { schema: 1, enabled: true } };

/** An id-only search page (`fields: ['id']`): Jira sends each issue's id and nothing else. */
export function idPageSample(ids: number[], nextPageToken?: string): Record<string, unknown> {
  return searchPageSample(
    ids.map((id) => ({ id: String(id) })),
    nextPageToken,
  );
}

/** A secured issue as bulk fetch returns it with the scan's fields. */
export function securedIssueSample(n: number): Record<string, unknown> {
  const issue = issueSample(n, { ownership: ownershipSample });
  return {
    ...issue,
    fields: {
      ...(issue.fields as Record<string, unknown>),
      security: {
        self: `${SITE}/rest/api/3/securitylevel/10100`,
        id: '10100',
        name: 'Product leadership',
        description: '',
      },
      updated: '2025-11-05T10:00:00.000+0000',
    },
  };
}

export function bulkFetchSample(
  issues: unknown[],
  issueErrors: Array<{ id: string; errorMessage: string }> = [],
): Record<string, unknown> {
  return { issues, issueErrors };
}

export const missingPropertyBody = {
  errorMessages: [`The property with key '${OWNERSHIP_KEY}' does not exist.`],
  errors: {},
};
export const missingIssueBody = {
  errorMessages: ['Issue does not exist or you do not have permission to see it.'],
  errors: {},
};

export const taskSample = {
  self: `${SITE}/rest/api/3/task/10641`,
  id: '10641',
  description: 'Bulk set issue properties',
  status: 'COMPLETE',
  result: '',
  submittedBy: 10000,
  progress: 100,
  elapsedRuntime: 156,
  submitted: 1501708132800,
  started: 1501708132900,
  finished: 1501708133000,
  lastUpdate: 1501708133000,
};

export const roleLinksSample = {
  Administrators: `${SITE}/rest/api/3/project/RS/role/10002`,
  'Product Manager': `${SITE}/rest/api/3/project/RS/role/10100`,
  'Product Owner': `${SITE}/rest/api/3/project/RS/role/10101`,
};

export const productManagerRoleSample = {
  self: `${SITE}/rest/api/3/project/RS/role/10100`,
  name: 'Product Manager',
  id: 10100,
  actors: [
    {
      id: 1,
      displayName: 'Pam Manager',
      type: 'atlassian-user-role-actor',
      actorUser: { accountId: ACCOUNT_PM },
    },
    {
      id: 2,
      displayName: 'product-managers',
      type: 'atlassian-group-role-actor',
      name: 'product-managers',
      actorGroup: {
        name: 'product-managers',
        displayName: 'product-managers',
        groupId: '952d12c3-5b5b-4d04-bb32-44d383afc4b2',
      },
    },
  ],
};

export const userGroupsSample = [
  {
    name: 'product-managers',
    groupId: '952d12c3-5b5b-4d04-bb32-44d383afc4b2',
    self: `${SITE}/rest/api/3/group?groupId=952d12c3-5b5b-4d04-bb32-44d383afc4b2`,
  },
  // Some groups (e.g. legacy ones) come without an id.
  { name: 'jira-software-users', groupId: null },
];

export function userPageSample(
  users: unknown[],
  page: { startAt: number; maxResults: number; isLast: boolean; total?: number },
): Record<string, unknown> {
  return {
    self: `${SITE}/rest/api/3/user/bulk?startAt=${page.startAt}&maxResults=${page.maxResults}`,
    startAt: page.startAt,
    maxResults: page.maxResults,
    isLast: page.isLast,
    ...(page.total === undefined ? {} : { total: page.total }),
    values: users,
  };
}

export function myPermissionsSample(key: string, havePermission: boolean): Record<string, unknown> {
  return {
    permissions: {
      [key]: {
        id: '12',
        key,
        name: 'Edit Issues',
        type: 'PROJECT',
        description: 'Ability to edit issues.',
        havePermission,
      },
    },
  };
}

export const permissionGrantsSample = {
  globalPermissions: [],
  projectPermissions: [{ permission: 'BROWSE_PROJECTS', issues: [10001, 10003], projects: [] }],
};

export const jqlErrorBody = {
  errorMessages: ["Field 'bogus' does not exist or you do not have permission to view it."],
  errors: {},
};

/** Every sample response above, with the request it answers; checked against the OpenAPI document. */
export const SAMPLE_RESPONSES: Array<{
  name: string;
  method: string;
  path: string;
  status: number;
  body?: unknown;
}> = [
  { name: 'myself', method: 'GET', path: '/rest/api/3/myself', status: 200, body: myselfSample },
  { name: 'project', method: 'GET', path: '/rest/api/3/project/RS', status: 200, body: projectSample },
  {
    name: 'issue types',
    method: 'GET',
    path: '/rest/api/3/issuetype/project',
    status: 200,
    body: issueTypesSample,
  },
  {
    name: 'search page (more)',
    method: 'POST',
    path: '/rest/api/3/search/jql',
    status: 200,
    body: searchPageSample([issueSample(1, { type: 'Epic', ownership: ownershipSample })], 'token-2'),
  },
  {
    name: 'search page (last)',
    method: 'POST',
    path: '/rest/api/3/search/jql',
    status: 200,
    body: searchPageSample([issueSample(2, { parentKey: 'RS-1' })]),
  },
  {
    name: 'search JQL error',
    method: 'POST',
    path: '/rest/api/3/search/jql',
    status: 400,
    body: jqlErrorBody,
  },
  { name: 'issue', method: 'GET', path: '/rest/api/3/issue/RS-1', status: 200, body: issueSample(1) },
  {
    name: 'id-only search page',
    method: 'POST',
    path: '/rest/api/3/search/jql',
    status: 200,
    body: idPageSample([10001, 10002], 'token-2'),
  },
  {
    name: 'bulk fetch',
    method: 'POST',
    path: '/rest/api/3/issue/bulkfetch',
    status: 200,
    body: bulkFetchSample(
      [issueSample(1), securedIssueSample(2)],
      [{ id: '10003', errorMessage: 'Try again' }],
    ),
  },
  {
    name: 'project property',
    method: 'GET',
    path: `/rest/api/3/project/RS/properties/${POLICY_KEY}`,
    status: 200,
    body: projectPropertySample,
  },
  {
    name: 'issue property',
    method: 'GET',
    path: `/rest/api/3/issue/RS-1/properties/${OWNERSHIP_KEY}`,
    status: 200,
    body: propertySample,
  },
  {
    name: 'issue property missing',
    method: 'GET',
    path: `/rest/api/3/issue/RS-1/properties/${OWNERSHIP_KEY}`,
    status: 404,
    body: missingPropertyBody,
  },
  {
    name: 'issue missing',
    method: 'GET',
    path: `/rest/api/3/issue/RS-404/properties/${OWNERSHIP_KEY}`,
    status: 404,
    body: missingIssueBody,
  },
  {
    name: 'property set',
    method: 'PUT',
    path: `/rest/api/3/issue/RS-1/properties/${OWNERSHIP_KEY}`,
    status: 200,
  },
  {
    name: 'property created',
    method: 'PUT',
    path: `/rest/api/3/issue/RS-1/properties/${OWNERSHIP_KEY}`,
    status: 201,
  },
  {
    name: 'property deleted',
    method: 'DELETE',
    path: `/rest/api/3/issue/RS-1/properties/${OWNERSHIP_KEY}`,
    status: 204,
  },
  { name: 'bulk property task', method: 'POST', path: '/rest/api/3/issue/properties/multi', status: 303 },
  { name: 'task', method: 'GET', path: '/rest/api/3/task/10641', status: 200, body: taskSample },
  {
    name: 'role links',
    method: 'GET',
    path: '/rest/api/3/project/RS/role',
    status: 200,
    body: roleLinksSample,
  },
  {
    name: 'role',
    method: 'GET',
    path: '/rest/api/3/project/RS/role/10100',
    status: 200,
    body: productManagerRoleSample,
  },
  {
    name: 'user groups',
    method: 'GET',
    path: '/rest/api/3/user/groups',
    status: 200,
    body: userGroupsSample,
  },
  {
    name: 'user bulk page',
    method: 'GET',
    path: '/rest/api/3/user/bulk',
    status: 200,
    body: userPageSample([userSample(ACCOUNT_PM), userSample(ACCOUNT_PO, { active: false })], {
      startAt: 0,
      maxResults: 2,
      isLast: true,
      total: 2,
    }),
  },
  {
    name: 'my permissions',
    method: 'GET',
    path: '/rest/api/3/mypermissions',
    status: 200,
    body: myPermissionsSample('EDIT_ISSUES', true),
  },
  {
    name: 'permission check',
    method: 'POST',
    path: '/rest/api/3/permissions/check',
    status: 200,
    body: permissionGrantsSample,
  },
  { name: 'notify', method: 'POST', path: '/rest/api/3/issue/RS-1/notify', status: 204 },
];
