// The trimming behind `npm run openapi:trim` (scripts/openapi/trim.ts), on a small document: what it keeps
// decides what the contract checks and Forge's linter can see.
import { describe, expect, it } from '@jest/globals';
import { parseDocument, trimDocument } from '../../scripts/openapi/trim';

const scopes = [
  { scheme: 'OAuth2', scopes: ['read:jira-work'], state: 'Current' },
  { scheme: 'OAuth2', scopes: ['read:issue:jira'], state: 'Beta' },
];

const source = parseDocument({
  openapi: '3.0.1',
  info: { title: 'Jira', version: '1', description: 'long text' },
  paths: {
    '/rest/api/3/issue/{issueIdOrKey}': {
      get: {
        operationId: 'getIssue',
        summary: 'Get issue',
        description: 'long text',
        tags: ['Issues'],
        parameters: [
          { name: 'issueIdOrKey', in: 'path', required: true, description: 'x', schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'Returned if the request is successful.',
            content: {
              'application/json': { example: '{}', schema: { $ref: '#/components/schemas/Issue' } },
            },
          },
        },
        security: [{ basicAuth: [] }, { OAuth2: ['read:jira-work'] }],
        'x-atlassian-oauth2-scopes': scopes,
        'x-atlassian-connect-scope': 'READ',
      },
      delete: { operationId: 'deleteIssue', responses: { '204': { description: 'Deleted.' } } },
    },
    '/rest/api/3/dashboard': { get: { operationId: 'getDashboards', responses: {} } },
  },
  components: {
    schemas: {
      Issue: {
        type: 'object',
        description: 'An issue.',
        properties: {
          // Properties named like the keywords the trimming drops must survive.
          description: { type: 'string', description: 'The description field.' },
          fields: { $ref: '#/components/schemas/Fields' },
        },
        example: { id: '1' },
      },
      Fields: { type: 'object', additionalProperties: true, 'x-note': 'internal' },
      Dashboard: { type: 'object' },
    },
    securitySchemes: {
      basicAuth: { type: 'http', scheme: 'basic', description: 'Basic auth.' },
      OAuth2: {
        type: 'oauth2',
        flows: {
          authorizationCode: {
            authorizationUrl: 'https://auth.example/authorize',
            tokenUrl: 'https://auth.example/token',
            scopes: { 'read:jira-work': 'Read.', 'write:jira-work': 'Write.' },
          },
        },
      },
    },
  },
});

const { document, operations, components } = trimDocument(
  source,
  new Map([['/rest/api/3/issue/{issueIdOrKey}', new Set(['get'])]]),
  'a note',
);

describe('trimDocument', () => {
  it('keeps only the wanted operations, with their security and OAuth scopes', () => {
    expect(operations).toBe(1);
    expect(document.paths).toEqual({
      '/rest/api/3/issue/{issueIdOrKey}': {
        get: {
          operationId: 'getIssue',
          summary: 'Get issue',
          parameters: [{ name: 'issueIdOrKey', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'Returned if the request is successful.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Issue' } } },
            },
          },
          security: [{ basicAuth: [] }, { OAuth2: ['read:jira-work'] }],
          'x-atlassian-oauth2-scopes': scopes,
        },
      },
    });
  });

  it('keeps the referenced schemas, transitively, without descriptions, examples or x- annotations', () => {
    expect(components).toBe(2);
    expect(document.components).toMatchObject({
      schemas: {
        Fields: { type: 'object', additionalProperties: true },
        Issue: {
          type: 'object',
          properties: { description: { type: 'string' }, fields: { $ref: '#/components/schemas/Fields' } },
        },
      },
    });
    expect(Object.keys((document.components as { schemas: object }).schemas)).toEqual(['Fields', 'Issue']);
  });

  it('keeps the security schemes the operations name, with only the scopes they use', () => {
    expect((document.components as { securitySchemes: unknown }).securitySchemes).toEqual({
      OAuth2: {
        type: 'oauth2',
        flows: {
          authorizationCode: {
            authorizationUrl: 'https://auth.example/authorize',
            tokenUrl: 'https://auth.example/token',
            scopes: { 'read:jira-work': 'Read.' },
          },
        },
      },
      basicAuth: { type: 'http', scheme: 'basic' },
    });
  });

  it('says where the file came from and keeps the version', () => {
    expect(document.info).toEqual({ title: 'Jira', version: '1', 'x-trimmed': 'a note' });
  });

  it('refuses a reference it cannot resolve', () => {
    const broken = parseDocument({
      openapi: '3.0.1',
      info: { title: 'Jira', version: '1' },
      paths: { '/a': { get: { responses: { '200': { $ref: '#/components/schemas/Missing' } } } } },
    });
    expect(() => trimDocument(broken, new Map([['/a', new Set(['get'])]]), '')).toThrow(
      'unresolved reference #/components/schemas/Missing',
    );
  });
});
