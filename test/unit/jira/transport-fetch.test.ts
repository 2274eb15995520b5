import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { route } from '@forge/api';
import { fetchTransport, normaliseSiteUrl } from '../../../src/jira/transport-fetch';
import { startHttpStub, type HttpStub } from '../../support/http-stub';

let stub: HttpStub;
beforeEach(async () => {
  stub = await startHttpStub();
});
afterEach(async () => {
  await stub.close();
});

const credentials = { email: 'me@example.com', apiToken: 'tok-123' };

describe('normaliseSiteUrl', () => {
  it('strips trailing slashes and keeps a path prefix', () => {
    expect(normaliseSiteUrl('https://acme.atlassian.net/')).toBe('https://acme.atlassian.net');
    expect(normaliseSiteUrl('http://127.0.0.1:8080/jira//')).toBe('http://127.0.0.1:8080/jira');
  });

  it.each([
    'ftp://acme.atlassian.net',
    'acme.atlassian.net',
    'https://u:p@acme.atlassian.net',
    'https://a.net/?x=1',
    '',
  ])('refuses %j', (url) => {
    expect(() => normaliseSiteUrl(url)).toThrow(TypeError);
  });

  it('never echoes credentials from a refused URL', () => {
    expect(() => fetchTransport({ siteUrl: 'https://u:hunter2@a.net', ...credentials })).toThrow(
      /^(?!.*hunter2).*$/,
    );
  });
});

describe('fetchTransport', () => {
  it('sends method, path and query to siteUrl + route, with JSON headers and body', async () => {
    stub.on('POST', '/base/rest/api/3/search/jql', { status: 200, body: { ok: true } });
    const transport = fetchTransport({
      siteUrl: `${stub.url}/base/`,
      ...credentials,
      userAgent: 'role-split-test',
    });
    const response = await transport({
      method: 'POST',
      route: route`/rest/api/3/search/jql?${new URLSearchParams({ a: 'b c' })}`,
      body: { jql: 'project = RS' },
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(await response.text())).toEqual({ ok: true });
    const request = stub.requests[0];
    expect(request?.url).toBe('/base/rest/api/3/search/jql?a=b+c');
    expect(request?.bodyText).toBe('{"jql":"project = RS"}');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['user-agent']).toBe('role-split-test');
  });

  it('basic auth is base64(email:token) and extra headers cannot replace it', async () => {
    stub.on('GET', '/rest/api/3/myself', { status: 200, body: {} });
    const transport = fetchTransport({
      siteUrl: stub.url,
      ...credentials,
      extraHeaders: { Authorization: 'Bearer evil', 'X-Trace': 't1' },
    });
    await transport({ method: 'GET', route: route`/rest/api/3/myself` });
    const headers = stub.requests[0]?.headers;
    expect(headers?.authorization).toBe(`Basic ${Buffer.from('me@example.com:tok-123').toString('base64')}`);
    expect(headers?.['x-trace']).toBe('t1');
  });

  it('hands back a 303 with its Location instead of following it', async () => {
    stub.on('POST', '/rest/api/3/issue/properties/multi', {
      status: 303,
      headers: { location: '/rest/api/3/task/7' },
    });
    const response = await fetchTransport({ siteUrl: stub.url, ...credentials })({
      method: 'POST',
      route: route`/rest/api/3/issue/properties/multi`,
      body: { issues: [] },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/rest/api/3/task/7');
    expect(stub.requests).toHaveLength(1);
  });

  it('rejects with a TimeoutError when no answer comes in time', async () => {
    stub.on('GET', '/slow', { status: 200, hang: true });
    const transport = fetchTransport({ siteUrl: stub.url, ...credentials, timeoutMs: 30 });
    await expect(transport({ method: 'GET', route: route`/slow` })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });
});
