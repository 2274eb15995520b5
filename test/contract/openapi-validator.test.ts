// The contract checker itself: it must find the right operation and must reject what the document rejects,
// or the contract tests that rely on it prove nothing.
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  JIRA_PLATFORM_OPENAPI,
  createOpenApiValidator,
  findOperation,
  repoRoot,
  validateRequest,
  validateResponse,
} from '../support/openapi';

describe('locating the document', () => {
  it("reads the repository's own trimmed copy", () => {
    expect(JIRA_PLATFORM_OPENAPI).toBe(path.join(repoRoot, 'openapi', 'jira-platform.trimmed.json'));
  });

  it('a missing document fails loudly, naming the file, rather than passing checks', () => {
    const file = path.join(repoRoot, 'no-such-dir', 'jira.json');
    const missing = createOpenApiValidator(file);
    expect(() => missing.findOperation('GET', '/rest/api/3/myself')).toThrow(file);
  });
});

describe('findOperation', () => {
  it('matches templated paths and decodes parameters', () => {
    expect(findOperation('get', '/rest/api/3/issue/RS-1/properties/role%20split?x=1')).toMatchObject({
      method: 'GET',
      template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
      pathParams: { issueIdOrKey: 'RS-1', propertyKey: 'role split' },
      operationId: 'getIssueProperty',
      scopes: ['read:jira-work'],
    });
  });

  it('prefers literal segments over templates', () => {
    expect(findOperation('GET', '/rest/api/3/project/search')?.template).toBe('/rest/api/3/project/search');
    expect(findOperation('GET', '/rest/api/3/project/RS')?.template).toBe(
      '/rest/api/3/project/{projectIdOrKey}',
    );
    expect(findOperation('POST', '/rest/api/3/issue/properties/multi')?.template).toBe(
      '/rest/api/3/issue/properties/multi',
    );
  });

  it('needs the method too', () => {
    expect(findOperation('PATCH', '/rest/api/3/myself')).toBeUndefined();
    expect(findOperation('GET', '/rest/api/3/no/such/thing')).toBeUndefined();
  });
});

describe('validateRequest', () => {
  it('accepts a conforming request', () => {
    expect(
      validateRequest({ method: 'GET', path: '/rest/api/3/user/groups', query: { accountId: 'abc' } }).errors,
    ).toEqual([]);
  });

  it('flags missing required and unknown query parameters, and badly typed values', () => {
    expect(validateRequest({ method: 'GET', path: '/rest/api/3/user/groups' }).errors).toEqual([
      'missing required query parameter "accountId"',
    ]);
    expect(
      validateRequest({ method: 'GET', path: '/rest/api/3/user/bulk?accountId=a&maxResults=ten&colour=red' })
        .errors,
    ).toEqual(['query parameter "maxResults" / must be integer', 'unknown query parameter "colour"']);
    expect(validateRequest({ method: 'GET', path: '/rest/api/3/project/RS/role/admins' }).errors).toEqual([
      'path parameter "id" / must be integer',
    ]);
  });

  it('checks the body against the requestBody schema', () => {
    const bad = validateRequest({
      method: 'POST',
      path: '/rest/api/3/search/jql',
      body: { jql: 'project = RS', nextPageToken: null, startAt: 0 },
    });
    expect(bad.errors).toEqual([
      'request body / must NOT have additional properties (startAt)',
      'request body /nextPageToken must be string',
    ]);
    expect(validateRequest({ method: 'POST', path: '/rest/api/3/search/jql' }).errors).toEqual([
      'missing required request body',
    ]);
    expect(validateRequest({ method: 'GET', path: '/rest/api/3/myself', body: {} }).errors).toEqual([
      'the operation takes no request body',
    ]);
  });

  it('reads JsonNode as free-form JSON (entity property values)', () => {
    const body = { issues: [{ issueID: 1, properties: { k: { schema: 1, pm: { accountId: 'a' } } } }] };
    expect(
      validateRequest({ method: 'POST', path: '/rest/api/3/issue/properties/multi', body }).errors,
    ).toEqual([]);
  });
});

describe('validateResponse', () => {
  it('flags missing required fields and undeclared ones where the document forbids them', () => {
    const errors = validateResponse({
      method: 'POST',
      path: '/rest/api/3/permissions/check',
      status: 200,
      body: { projectPermissions: [], extra: 1 },
    }).errors;
    expect(errors).toEqual([
      "response body (200) / must have required property 'globalPermissions'",
      'response body (200) / must NOT have additional properties (extra)',
    ]);
  });

  it('follows $ref into components and honours nullable', () => {
    const groups = (groupId: unknown) =>
      validateResponse({
        method: 'GET',
        path: '/rest/api/3/user/groups',
        status: 200,
        body: [{ name: 'g', groupId }],
      });
    expect(groups(null).errors).toEqual([]);
    expect(groups(42).errors).not.toEqual([]);
  });

  it('checks formats it knows', () => {
    const body = {
      id: '1',
      status: 'COMPLETE',
      self: 'not a uri',
      elapsedRuntime: 1,
      lastUpdate: 1,
      progress: 1,
      submitted: 1,
      submittedBy: 1,
    };
    expect(validateResponse({ method: 'GET', path: '/rest/api/3/task/1', status: 200, body }).errors).toEqual(
      ['response body (200) /self must match format "uri"'],
    );
  });

  it('an undocumented status is an error; a documented one without a schema takes any body', () => {
    expect(validateResponse({ method: 'GET', path: '/rest/api/3/myself', status: 418 }).errors).toEqual([
      'status 418 is not documented for GET /rest/api/3/myself',
    ]);
    expect(
      validateResponse({
        method: 'GET',
        path: '/rest/api/3/myself',
        status: 401,
        body: { errorMessages: [] },
      }).errors,
    ).toEqual([]);
  });
});
