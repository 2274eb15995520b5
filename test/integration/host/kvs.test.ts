// The local KVS as the app uses it: the real @forge/kvs package, through the host's runtime seam, against
// the host's store (a JSON file in a temp dir, so persistence is covered too).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Filter, FilterConditions, kvs, WhereConditions, type ForgeKvsAPIError } from '@forge/kvs';
import { handleKvsRequest } from '../../../sandbox/host/kvs-api';
import { KvsStore } from '../../../sandbox/host/kvs-store';
import { parseManifest } from '../../../sandbox/host/manifest';
import { SANDBOX_APP, setFallbackInvocation } from '../../../sandbox/host/runtime';

// The transaction test checks a condition on a custom entity, which must be declared as in Forge.
const { entities } = parseManifest(
  'app:\n  id: x\n  storage:\n    entities:\n      - name: counter\n        attributes:\n          n: { type: integer }\n',
);
let dir: string;
let store: KvsStore;

function useStore(s: KvsStore): void {
  setFallbackInvocation({
    backend: {
      fetch: (d, path, init) =>
        d.type === 'kvs' ? handleKvsRequest(s, path, init, entities) : Promise.reject(new Error('not kvs')),
    },
    app: SANDBOX_APP,
    invocationId: 'kvs-test',
    functionKey: 'f',
    moduleKey: 'm',
    moduleType: 't',
    deadline: Date.now() + 25_000,
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'host-kvs-'));
  store = new KvsStore(join(dir, 'kvs.json'));
  useStore(store);
});
afterEach(() => {
  setFallbackInvocation(undefined);
  rmSync(dir, { recursive: true, force: true });
});

async function kvsError(promise: Promise<unknown>): Promise<ForgeKvsAPIError> {
  try {
    await promise;
  } catch (error) {
    return error as ForgeKvsAPIError;
  }
  throw new Error('expected the KVS call to fail');
}

describe('local KVS through @forge/kvs', () => {
  it('reads a missing key as undefined and a stored one back, with metadata on request', async () => {
    expect(await kvs.get('missing')).toBeUndefined();
    await kvs.set('policy:10000', { graceDays: 3 });
    expect(await kvs.get('policy:10000')).toEqual({ graceDays: 3 });
    const withMeta = await kvs.get('policy:10000', {
      metadataFields: ['CREATED_AT' as never, 'UPDATED_AT' as never],
    });
    expect(withMeta).toMatchObject({
      key: 'policy:10000',
      value: { graceDays: 3 },
      createdAt: expect.any(Number) as unknown,
    });
    await kvs.delete('policy:10000');
    expect(await kvs.get('policy:10000')).toBeUndefined();
  });

  it('pages a begins-with query with cursors, in key order, each key once', async () => {
    const keys = Array.from({ length: 23 }, (_, i) => `snap:SHOP:${String(i).padStart(3, '0')}`);
    for (const key of [...keys].reverse()) await kvs.set(key, { key });
    await kvs.set('other:1', {});
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = kvs.query().where('key', WhereConditions.beginsWith('snap:SHOP:')).limit(10);
      const page = await (cursor ? query.cursor(cursor) : query).getMany();
      seen.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(keys);
    expect(pages).toBe(3);
  });

  it('refuses a FAIL_IF_EXISTS set on an existing key with KEY_CONFLICT (a lock)', async () => {
    await kvs.set(
      'lock:SHOP-1',
      { by: 'a' },
      { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: 30, unit: 'SECONDS' } },
    );
    const error = await kvsError(kvs.set('lock:SHOP-1', { by: 'b' }, { keyPolicy: 'FAIL_IF_EXISTS' }));
    expect(error.code).toBe('KEY_CONFLICT');
    expect(await kvs.get('lock:SHOP-1')).toEqual({ by: 'a' });
  });

  it('applies a transaction all or nothing', async () => {
    await kvs.entity<{ n: number }>('counter').set('c', { n: 1 });
    await kvs.set('a', 1);
    const failing = kvs
      .transact()
      .set('b', 2)
      .delete('a')
      .check('c', {
        entityName: 'counter',
        conditions: new Filter<{ n: number }>().and('n', FilterConditions.equalTo(2)),
      });
    const error = await kvsError(failing.execute());
    expect(error.code).toBe('CONDITIONAL_CHECK_FAILED');
    expect(await kvs.get('a')).toBe(1);
    expect(await kvs.get('b')).toBeUndefined();
    await kvs.transact().set('b', 2).delete('a').execute();
    expect([await kvs.get('a'), await kvs.get('b')]).toEqual([undefined, 2]);
  });

  it('answers batch calls per key and keeps secrets apart from plain keys', async () => {
    const set = await kvs.batchSet([
      { key: 'x', value: 1 },
      { key: 'bad key!', value: 2 },
    ]);
    expect(set.successfulKeys).toEqual([{ key: 'x' }]);
    expect(set.failedKeys[0]).toMatchObject({ key: 'bad key!', error: { code: 'INVALID_KEY' } });
    const got = await kvs.batchGet([{ key: 'x' }, { key: 'y' }]);
    expect(got.successfulKeys).toMatchObject([{ key: 'x', value: 1 }]);
    expect(got.failedKeys).toMatchObject([{ key: 'y', error: { code: 'KEY_NOT_FOUND' } }]);
    await kvs.setSecret('x', 'secret');
    expect([await kvs.get('x'), await kvs.getSecret('x')]).toEqual([1, 'secret']);
  });

  it('enforces Forge limits: key pattern and query page size', async () => {
    expect((await kvsError(kvs.set('no/slashes', 1))).code).toBe('INVALID_KEY');
    expect((await kvsError(kvs.query().limit(101).getMany())).code).toBe('BAD_REQUEST');
  });

  it('keeps what was written across a restart (the JSON file)', async () => {
    await kvs.set('policy:10000', { includeDone: true });
    const reopened = new KvsStore(join(dir, 'kvs.json'));
    useStore(reopened);
    expect(await kvs.get('policy:10000')).toEqual({ includeDone: true });
  });
});

describe('KvsStore expiry', () => {
  it('forgets a key once its TTL has passed', async () => {
    let now = 1_000_000;
    const clocked = new KvsStore(null, () => now);
    await clocked.set({ kind: 'plain' }, 'lock', 1, { ttl: { value: 5, unit: 'SECONDS' } });
    now += 4_999;
    expect(clocked.get({ kind: 'plain' }, 'lock')?.value).toBe(1);
    now += 1;
    expect(clocked.get({ kind: 'plain' }, 'lock')).toBeUndefined();
  });
});
