// The host's persistent queue on its own: work survives a restart, delays are kept, and a push to a queue
// no consumer listens to is refused with a message that names the queue.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { waitFor } from '../../support/jest-helpers';
import { Queue } from '@forge/events';
import { createBackend } from '../../../src/sandbox/host/backend';
import { DeliveryQueue, type Delivery } from '../../../src/sandbox/host/delivery-queue';
import { KvsStore } from '../../../src/sandbox/host/kvs-store';
import { parseManifest } from '../../../src/sandbox/host/manifest';
import { SANDBOX_APP, setFallbackInvocation } from '../../../src/sandbox/host/runtime';

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
  });

  it('records a throwing handler as failed, without retrying it', async () => {
    let calls = 0;
    const queue = new DeliveryQueue(null, () => {
      calls += 1;
      return Promise.reject(new Error('boom'));
    });
    queue.start();
    await queue.enqueue([{ kind: 'queue', target: 'c', topic: 'q', payload: {}, jobId: 'job-1' }]);
    await queue.whenIdle();
    expect(calls).toBe(1);
    expect(queue.stats('job-1')).toEqual({ success: 0, inProgress: 0, failed: 1 });
    expect(queue.list()[0]?.error).toBe('boom');
    queue.close();
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
    const { jobId } = await new Queue({ key: 'known' }).push([{ body: { a: 1 } }]);
    expect(queue.stats(jobId)).toEqual({ success: 0, inProgress: 1, failed: 0 });
    queue.close();
  });
});
