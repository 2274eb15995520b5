// The host's persistent queue on its own: work survives a restart, delays are kept, Forge's runtime promises
// hold (at-least-once delivery, retries with backoff for throws and timeouts within the retention window,
// parallel delivery under each event's concurrency limit), and a push to a queue no consumer listens to is
// refused with a message that names the queue.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { waitFor } from '../../support/jest-helpers';
import { Queue } from '@forge/events';
import { createBackend } from '../../../sandbox/host/backend';
import { DeliveryQueue, type Delivery } from '../../../sandbox/host/delivery-queue';
import { FunctionTimeoutError } from '../../../sandbox/host/functions';
import { KvsStore } from '../../../sandbox/host/kvs-store';
import { parseManifest } from '../../../sandbox/host/manifest';
import { SANDBOX_APP, setFallbackInvocation } from '../../../sandbox/host/runtime';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'host-queue-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  setFallbackInvocation(undefined);
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe('DeliveryQueue', () => {
  it('delivers after a restart what was queued before it', async () => {
    const file = join(tempDir(), 'queue.json');
    const first = new DeliveryQueue(file, () => Promise.reject(new Error('must not run before the restart')));
    await first.enqueue([{ kind: 'queue', target: 'c', topic: 'q', payload: { n: 1 }, delayInSeconds: 1 }]);
    first.close();

    const delivered: Delivery[] = [];
    const second = new DeliveryQueue(file, (d) => {
      delivered.push(d);
      return Promise.resolve();
    });
    second.start();
    await waitFor(() => expect(delivered.map((d) => d.payload)).toEqual([{ n: 1 }]), { timeout: 5_000 });
    await waitFor(() => expect(second.list().map((d) => d.status)).toEqual(['succeeded']));
    second.close();
    // The temp folder is removed after the test: never under a background write still landing.
    await second.flushed();
  });

  it('retries a consumer that throws, with backoff and a retryContext, until it succeeds', async () => {
    const seen: Array<Delivery['retryContext']> = [];
    const queue = new DeliveryQueue(
      null,
      (d) => {
        seen.push(d.retryContext);
        return seen.length <= 2 ? Promise.reject(new Error('boom')) : Promise.resolve();
      },
      { backoffMs: (retry) => retry * 10 },
    );
    queue.start();
    await queue.enqueue([{ kind: 'queue', target: 'c', topic: 'q', payload: {}, jobId: 'job-1' }]);
    await waitFor(() => expect(queue.stats('job-1')).toEqual({ success: 1, inProgress: 0, failed: 0 }), {
      timeout: 5_000,
    });
    expect(seen.map((c) => c && { retryCount: c.retryCount, retryReason: c.retryReason })).toEqual([
      null,
      { retryCount: 1, retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' },
      { retryCount: 2, retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' },
    ]);
    expect(seen[2]?.retentionWindow?.remainingTimeMs).toBeGreaterThan(0);
    queue.close();
  });

  it('retries a consumer that timed out, as FUNCTION_TIME_OUT', async () => {
    const reasons: Array<string | null> = [];
    const queue = new DeliveryQueue(
      null,
      (d) => {
        reasons.push(d.retryContext?.retryReason ?? null);
        return reasons.length === 1
          ? Promise.reject(new FunctionTimeoutError('too slow'))
          : Promise.resolve();
      },
      { backoffMs: () => 5 },
    );
    queue.start();
    await queue.enqueue([{ kind: 'queue', target: 'c', topic: 'q', payload: {}, jobId: 'job-t' }]);
    await waitFor(() => expect(reasons).toEqual([null, 'FUNCTION_TIME_OUT']), { timeout: 5_000 });
    queue.close();
  });

  it('gives up on a failing queue event once its retention window is over', async () => {
    let calls = 0;
    const queue = new DeliveryQueue(
      null,
      () => {
        calls += 1;
        return Promise.reject(new Error('still broken'));
      },
      { backoffMs: () => 60_000, retentionMs: 1_000 },
    );
    queue.start();
    await queue.enqueue([{ kind: 'queue', target: 'c', topic: 'q', payload: {}, jobId: 'job-2' }]);
    await queue.whenIdle();
    expect(calls).toBe(1);
    expect(queue.stats('job-2')).toEqual({ success: 0, inProgress: 0, failed: 1 });
    expect(queue.list()[0]?.error).toBe('still broken');
    queue.close();
  });

  it('does not retry a product-event trigger that throws (Forge retries those only on InvocationError)', async () => {
    let calls = 0;
    const queue = new DeliveryQueue(
      null,
      () => {
        calls += 1;
        return Promise.reject(new Error('boom'));
      },
      { backoffMs: () => 1 },
    );
    queue.start();
    await queue.enqueue([
      { kind: 'trigger', target: 't', topic: 'avi:jira:updated:issue', payload: {}, jobId: 'j' },
    ]);
    await queue.whenIdle();
    expect(calls).toBe(1);
    expect(queue.stats('j')).toEqual({ success: 0, inProgress: 0, failed: 1 });
    queue.close();
  });

  it('runs events in parallel, but never more than concurrency.limit with the same key', async () => {
    let running = 0;
    let mostAtOnce = 0;
    let keyedRunning = 0;
    let mostKeyed = 0;
    const queue = new DeliveryQueue(
      null,
      async (d) => {
        const keyed = d.concurrency !== null;
        running += 1;
        if (keyed) keyedRunning += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        mostKeyed = Math.max(mostKeyed, keyedRunning);
        await new Promise((resolve) => setTimeout(resolve, 30));
        running -= 1;
        if (keyed) keyedRunning -= 1;
      },
      { parallelism: 4 },
    );
    await queue.enqueue([
      ...Array.from({ length: 6 }, (_, n) => ({
        kind: 'queue' as const,
        target: 'c',
        topic: 'q',
        payload: { n },
        jobId: 'keyed',
        concurrency: { key: 'project-SHOP', limit: 2 },
      })),
      ...Array.from({ length: 4 }, (_, n) => ({
        kind: 'queue' as const,
        target: 'c',
        topic: 'q',
        payload: { n },
        jobId: 'free',
      })),
    ]);
    queue.start();
    await waitFor(() => expect(queue.stats('keyed')?.success).toBe(6), { timeout: 5_000 });
    await waitFor(() => expect(queue.stats('free')?.success).toBe(4), { timeout: 5_000 });
    expect(mostKeyed).toBe(2);
    expect(mostAtOnce).toBeGreaterThan(2);
    expect(mostAtOnce).toBeLessThanOrEqual(4);
    queue.close();
  });

  it('now and then delivers a succeeded queue event once more, with the same event id (at least once)', async () => {
    const seen: Array<{ id: string; retry: unknown }> = [];
    const queue = new DeliveryQueue(
      null,
      (d) => {
        seen.push({ id: d.id, retry: d.retryContext });
        return Promise.resolve();
      },
      { duplicateChance: 1, random: () => 0 },
    );
    queue.start();
    await queue.enqueue([
      { kind: 'queue', target: 'c', topic: 'q', payload: {}, id: 'event-1', jobId: 'dup' },
    ]);
    await waitFor(() => expect(queue.stats('dup')).toEqual({ success: 1, inProgress: 0, failed: 0 }));
    expect(seen).toEqual([
      { id: 'event-1', retry: null },
      { id: 'event-1', retry: null },
    ]);
    queue.close();
  });

  it('delivers again after a restart an event that was running when the host stopped (at least once)', async () => {
    const file = join(tempDir(), 'queue.json');
    let started = 0;
    const first = new DeliveryQueue(file, () => {
      started += 1;
      return new Promise(() => {}); // the host stops while this runs
    });
    first.start();
    await first.enqueue([{ kind: 'queue', target: 'c', topic: 'q', payload: { n: 2 } }]);
    await waitFor(() => expect(started).toBe(1));
    first.close();

    const delivered: unknown[] = [];
    const second = new DeliveryQueue(file, (d) => {
      delivered.push(d.payload);
      return Promise.resolve();
    });
    second.start();
    await waitFor(() => expect(delivered).toEqual([{ n: 2 }]), { timeout: 5_000 });
    second.close();
  });
});

describe('queue requests from @forge/events', () => {
  it('refuses a push to a queue that no consumer in manifest.yml listens to', async () => {
    const manifest = parseManifest(
      'app: { id: x }\nmodules:\n  consumer:\n    - { key: c, queue: known, function: f }\n  function:\n    - { key: f, handler: index.f }\n',
    );
    const queue = new DeliveryQueue(null, () => Promise.resolve());
    const product = {
      mode: 'embedded' as const,
      siteUrl: '',
      request: () => Promise.reject(new Error('unused')),
    };
    const backend = createBackend({ manifest, kvs: new KvsStore(null), product, queue });
    setFallbackInvocation({
      backend,
      app: SANDBOX_APP,
      invocationId: 'i',
      functionKey: 'f',
      moduleKey: 'm',
      moduleType: 't',
      deadline: Date.now() + 25_000,
    });
    await expect(new Queue({ key: 'unknown' }).push([{ body: {} }])).rejects.toThrow(
      'No consumer in manifest.yml listens to queue unknown',
    );
    const { jobId } = await new Queue({ key: 'known' }).push([
      { body: { a: 1 }, concurrency: { key: 'k', limit: 1 } },
    ]);
    expect(queue.stats(jobId)).toEqual({ success: 0, inProgress: 1, failed: 0 });
    expect(queue.list()[0]?.concurrency).toEqual({ key: 'k', limit: 1 });
    queue.close();
  });
});
