import { describe, expect, it } from '@jest/globals';
import {
  JiraError,
  describeJiraError,
  errorFromResponse,
  errorFromTransportFailure,
  isJiraError,
  kindForStatus,
  parseErrorBody,
} from '../../../src/jira/errors';
import { isMissingPropertyAnswer } from '../../../src/jira/client';

describe('kindForStatus', () => {
  it.each([
    [400, 'bad-request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [405, 'bad-request'],
    [429, 'rate-limited'],
    [500, 'server'],
    [503, 'server'],
    [504, 'server'],
    [302, 'bad-response'],
  ] as const)('%i -> %s', (status, kind) => {
    expect(kindForStatus(status)).toBe(kind);
  });
});

describe('errorFromResponse', () => {
  it("keeps Jira's errorMessages and errors and names the endpoint", () => {
    const error = errorFromResponse({
      endpoint: 'POST /rest/api/3/search/jql',
      status: 400,
      bodyText: JSON.stringify({ errorMessages: ['Bad JQL'], errors: { jql: 'near "AND"' } }),
    });
    expect(error).toBeInstanceOf(JiraError);
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe('bad-request');
    expect(error.status).toBe(400);
    expect(error.errorMessages).toEqual(['Bad JQL']);
    expect(error.errors).toEqual({ jql: 'near "AND"' });
    expect(error.message).toBe(
      'Jira bad-request (HTTP 400) on POST /rest/api/3/search/jql: Bad JQL | jql: near "AND"',
    );
  });

  it('tolerates bodies that are not an ErrorCollection', () => {
    expect(parseErrorBody('<html>')).toEqual({ errorMessages: [], errors: {} });
    expect(parseErrorBody('[1,2]')).toEqual({ errorMessages: [], errors: {} });
    expect(parseErrorBody(JSON.stringify({ errorMessages: 'not a list', errors: { a: 'b' } }))).toEqual({
      errorMessages: [],
      errors: { a: 'b' },
    });
  });
});

describe('errorFromTransportFailure', () => {
  it('aborts and timeouts are timeout', () => {
    const abort = new Error('aborted');
    abort.name = 'AbortError';
    expect(errorFromTransportFailure('GET /x', abort).kind).toBe('timeout');
    const wrapped = new TypeError('fetch failed', {
      cause: Object.assign(new Error('t'), { code: 'UND_ERR_CONNECT_TIMEOUT' }),
    });
    expect(errorFromTransportFailure('GET /x', wrapped).kind).toBe('timeout');
  });

  it('anything else is network, summarised without the message (which could quote a URL)', () => {
    const failure = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED https://user:secret@host'), {
        code: 'ECONNREFUSED',
      }),
    });
    const error = errorFromTransportFailure('GET /rest/api/3/myself', failure);
    expect(error.kind).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain('secret');
    expect(error.cause).toBe(failure);
  });
});

describe('describeJiraError', () => {
  const of = (kind: JiraError['kind'], extra: Partial<ConstructorParameters<typeof JiraError>[0]> = {}) =>
    describeJiraError(
      new JiraError({ kind, endpoint: 'GET /rest/api/3/project/{projectIdOrKey}', ...extra }),
    );

  it('gives one line per kind, without endpoint or stack', () => {
    const kinds = [
      'unauthorized',
      'forbidden',
      'not-found',
      'bad-request',
      'rate-limited',
      'server',
      'bad-response',
      'timeout',
      'network',
    ] as const;
    const lines = kinds.map((kind) => of(kind, { status: 500 }));
    expect(new Set(lines).size).toBe(kinds.length);
    for (const line of lines) {
      expect(line).not.toMatch(/\n/);
      expect(line).not.toContain('/rest/api');
    }
  });

  it("quotes Jira's messages for bad requests and refusals, flattened and bounded", () => {
    const line = of('bad-request', {
      status: 400,
      errorMessages: ['The value\n  "X" does not exist for the field project.'],
    });
    expect(line).toBe(
      'Jira rejected the request (HTTP 400): The value "X" does not exist for the field project.',
    );
    const long = of('forbidden', { status: 403, errorMessages: ['x'.repeat(1000)] });
    expect(long.length).toBeLessThan(400);
  });

  it('says when to retry after a rate limit', () => {
    expect(of('rate-limited', { status: 429, retryAfterMs: 2500 })).toContain('about 3 s');
  });

  it('never repeats what a foreign error says', () => {
    expect(describeJiraError(new Error('token=abc leaked'))).toBe(
      'Something went wrong while talking to Jira.',
    );
    expect(describeJiraError('nope')).toBe('Something went wrong while talking to Jira.');
  });

  it('isJiraError narrows by kind', () => {
    const error = new JiraError({ kind: 'timeout', endpoint: 'GET /x' });
    expect(isJiraError(error)).toBe(true);
    expect(isJiraError(error, 'timeout')).toBe(true);
    expect(isJiraError(error, 'network')).toBe(false);
    expect(isJiraError(new Error('x'))).toBe(false);
  });
});

describe('isMissingPropertyAnswer (404 on an issue property)', () => {
  const body = (...errorMessages: string[]) => JSON.stringify({ errorMessages, errors: {} });
  it('a message about the property means the property is absent', () => {
    expect(
      isMissingPropertyAnswer(body("The property with key 'role-split-ownership' does not exist.")),
    ).toBe(true);
  });
  it('a missing or hidden issue, an empty body or an unknown message is not', () => {
    expect(
      isMissingPropertyAnswer(body('Issue does not exist or you do not have permission to see it.')),
    ).toBe(false);
    expect(isMissingPropertyAnswer('')).toBe(false);
    expect(isMissingPropertyAnswer(body('Not Found'))).toBe(false);
  });
});
