// One client's throttle (src/jira/throttle.ts): a Retry-After told to one call holds back every call of the
// client, the requests in flight halve after a 429 and grow back one at a time, and nothing waits past a
// deadline. On a virtual clock: no test here waits for real time.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Throttle } from '../../../src/jira/throttle';
import { myselfSample } from './jira-samples';
import { startHarness, type Harness } from './harness';

function aThrottle() {
  let clock = 1_000_000;
  const sleeps: number[] = [];
  const throttle = new Throttle(
    () => clock,
    (ms) => {
      sleeps.push(ms);
      clock += ms;
      return Promise.resolve();
    },
  );
  return { throttle, sleeps, now: () => clock };
}

const never = () => Number.POSITIVE_INFINITY;
const refuse = (ms: number) => new Error(`would wait ${ms} ms`);

describe('Throttle', () => {
  it('lets any number through until Jira refuses one', async () => {
    const { throttle, sleeps } = aThrottle();
    for (let i = 0; i < 50; i++) await throttle.acquire(0, never(), refuse);
    expect(throttle.inFlight).toBe(50);
    expect(sleeps).toEqual([]);
  });

  it('after a 429 with 4 in flight: everyone waits out the Retry-After, then at most 2 go at once', async () => {
    const { throttle, sleeps, now } = aThrottle();
    for (let i = 0; i < 4; i++) await throttle.acquire(0, never(), refuse);
    throttle.rateLimited(now() + 2_000, throttle.inFlight);
    for (let i = 0; i < 4; i++) throttle.release('other');
    expect(throttle.limit).toBe(2);

    let started = 0;
    const callers = Array.from({ length: 3 }, () =>
      throttle.acquire(0, never(), refuse).then(() => {
        started++;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(sleeps[0]).toBe(2_000);
    expect(started).toBe(2);
    throttle.release('ok');
    await Promise.all(callers);
    expect(started).toBe(3);
  });

  it('does not serve a wait twice: a caller that slept its own Retry-After goes at once', async () => {
    const { throttle, sleeps, now } = aThrottle();
    const until = now() + 1_500;
    throttle.rateLimited(until, 1);
    await throttle.acquire(until, never(), refuse);
    expect(sleeps).toEqual([]);
  });

  it('refuses to wait out a pause that ends past the deadline', async () => {
    const { throttle, now } = aThrottle();
    throttle.rateLimited(now() + 30_000, 1);
    await expect(throttle.acquire(0, now() + 5_000, refuse)).rejects.toThrow('would wait 30000 ms');
    expect(throttle.inFlight).toBe(0);
  });

  it('grows back by one per window of successes, and is lifted at 32', async () => {
    const { throttle } = aThrottle();
    throttle.rateLimited(0, 8);
    expect(throttle.limit).toBe(4);
    const limits: number[] = [];
    for (let i = 0; i < 600 && Number.isFinite(throttle.limit); i++) {
      await throttle.acquire(0, never(), refuse);
      throttle.release('ok');
      limits.push(throttle.limit);
    }
    expect(limits.slice(0, 9)).toEqual([4, 4, 4, 5, 5, 5, 5, 5, 6]);
    expect(throttle.limit).toBe(Number.POSITIVE_INFINITY);
  });

  it('hands a freed slot to the longest waiter, and to a retry before any first attempt', async () => {
    const { throttle } = aThrottle();
    throttle.rateLimited(0, 2); // limit 1
    await throttle.acquire(0, never(), refuse);
    const order: string[] = [];
    const wait = (name: string, retry = false) =>
      throttle.acquire(0, never(), refuse, retry).then(() => {
        order.push(name);
      });
    const first = wait('first');
    const second = wait('second');
    const retried = wait('retry', true);
    // A newcomer after a slot is freed does not take the slot reserved for a waiter.
    throttle.release('other');
    const newcomer = wait('newcomer');
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['retry']);
    for (let i = 0; i < 3; i++) {
      throttle.release('other');
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([first, second, retried, newcomer]);
    expect(order).toEqual(['retry', 'first', 'second', 'newcomer']);
  });

  it('never goes below one request in flight', () => {
    const { throttle } = aThrottle();
    throttle.rateLimited(0, 1);
    throttle.rateLimited(0, 1);
    expect(throttle.limit).toBe(1);
  });
});

describe('a client shares its throttle between calls', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.stub.reset();
    h.sleeps.length = 0;
  });

  it('a call started after another met a 429 waits out the same Retry-After before sending', async () => {
    const clock = 5_000_000;
    h.stub.on(
      'GET',
      '/rest/api/3/myself',
      { status: 429, headers: { 'retry-after': '3' } },
      { status: 200, body: myselfSample },
    );
    const client = h.client({ now: () => clock, random: () => 0 });
    await client.getMyself();
    expect(h.sleeps).toEqual([3_000]);
    // The clock has not moved: the pause Jira asked for is still on for every other call of this client.
    await client.getMyself();
    expect(h.sleeps).toEqual([3_000, 3_000]);
    expect(h.stub.requests).toHaveLength(3);
  });

  it('another client (another user, another invocation) is not held back', async () => {
    const clock = 5_000_000;
    h.stub.on(
      'GET',
      '/rest/api/3/myself',
      { status: 429, headers: { 'retry-after': '3' } },
      { status: 200, body: myselfSample },
    );
    await h.client({ now: () => clock, random: () => 0 }).getMyself();
    await h.client({ now: () => clock, random: () => 0 }).getMyself();
    expect(h.sleeps).toEqual([3_000]);
  });
});
