// One deadline shared by every call of a client (a Forge resolver's 25 s): no call starts, and no retry waits,
// past it — so several slow calls cannot add up to a function Forge kills mid-answer.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createJiraClient, fetchTransport, JiraError } from '../../../src/jira';
import { startHttpStub, type HttpStub } from '../../support/http-stub';

let stub: HttpStub;
beforeEach(async () => {
  stub = await startHttpStub();
});
afterEach(() => stub.close());

function clientWith(deadlineAt: number, sleep = (_ms: number) => Promise.resolve()) {
  return createJiraClient(fetchTransport({ siteUrl: stub.url, email: 'a@example.com', apiToken: 't' }), {
    deadlineAt,
    sleep,
  });
}

describe('a shared deadline', () => {
  it('refuses to start a call once it has passed, without sending anything', async () => {
    const error = await clientWith(Date.now() - 1)
      .getMyself()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraError);
    expect((error as JiraError).kind).toBe('timeout');
    expect(stub.requests).toHaveLength(0);
  });

  it('does not wait out a Retry-After that would end past it', async () => {
    stub.on('GET', '/rest/api/3/myself', { status: 429, headers: { 'Retry-After': '30' }, body: {} });
    const waits: number[] = [];
    const error = await clientWith(Date.now() + 5_000, (ms) => {
      waits.push(ms);
      return Promise.resolve();
    })
      .getMyself()
      .catch((e: unknown) => e);
    expect((error as JiraError).kind).toBe('rate-limited');
    expect(waits).toEqual([]);
    expect(stub.requests).toHaveLength(1);
  });
});
