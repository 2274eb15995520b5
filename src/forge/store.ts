// The app's KeyValueStore over Forge's KVS (@forge/kvs). `create` is `FAIL_IF_EXISTS` (the store answers a
// key conflict with an error, which becomes `false`); `swap` is an OVERRIDE that returns the PREVIOUS value.
import { ForgeKvsAPIError, WhereConditions, kvs, type ListResult } from '@forge/kvs';
import type { KeyValueStore } from '../app/ports';

function ttl(options?: { ttlSeconds?: number }) {
  return options?.ttlSeconds ? { ttl: { value: options.ttlSeconds, unit: 'SECONDS' as const } } : {};
}

function isKeyConflict(error: unknown): boolean {
  return (
    error instanceof ForgeKvsAPIError &&
    (error.code === 'KEY_CONFLICT' ||
      error.code === 'KEY_ALREADY_EXISTS' ||
      error.responseDetails.status === 409)
  );
}

export const forgeStore: KeyValueStore = {
  async get<T>(key: string) {
    return kvs.get<T>(key);
  },
  async set(key, value, options) {
    await kvs.set(key, value, ttl(options));
  },
  async create(key, value, options) {
    try {
      await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ...ttl(options) });
      return true;
    } catch (error) {
      if (isKeyConflict(error)) return false;
      throw error;
    }
  },
  async swap<T>(key: string, value: unknown) {
    const previous = await kvs.set<unknown, T>(key, value, {
      keyPolicy: 'OVERRIDE',
      returnValue: 'PREVIOUS',
    });
    return previous?.value;
  },
  async delete(key) {
    await kvs.delete(key);
  },
  async list<T>(prefix: string) {
    const rows: Array<{ key: string; value: T }> = [];
    let cursor: string | undefined;
    do {
      let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100);
      if (cursor) query = query.cursor(cursor);
      const page: ListResult<T> = await query.getMany<T>();
      rows.push(...page.results.map((r) => ({ key: r.key, value: r.value })));
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  },
};
