// The stored results' EntityStore over Forge's Custom Entity Store (@forge/kvs 1.6.5): `kvs.entity(name)` for
// single keys and index queries, `kvs.batchSet` / `batchGet` / `batchDelete` with `entityName` for batches of at
// most 25 keys. A batch reports failed keys instead of throwing; they become one error here, so a write that
// half-succeeded is retried by the caller (the scan's queue retries its invocation), never silently kept.
import { Filter, FilterConditions, Sort, WhereConditions, kvs } from '@forge/kvs';
import type { EntityFilterClauses, EntityWhereClauses } from '@forge/kvs/out/interfaces/entity-query';
import {
  checkBatch,
  checkLimit,
  type EntityQuery,
  type EntityStore,
  type FilterCondition,
  type RangeCondition,
} from '../app/results/entity-store';

function where(range: RangeCondition): EntityWhereClauses {
  switch (range.op) {
    case 'eq':
      return WhereConditions.equalTo(range.value);
    case 'gt':
      return WhereConditions.greaterThan(range.value);
    case 'gte':
      return WhereConditions.greaterThanEqualTo(range.value);
    case 'lt':
      return WhereConditions.lessThan(range.value);
    case 'lte':
      return WhereConditions.lessThanEqualTo(range.value);
    case 'beginsWith':
      return WhereConditions.beginsWith(range.value);
    case 'between':
      return WhereConditions.between(range.from, range.to);
  }
}

function clause(condition: FilterCondition): EntityFilterClauses {
  switch (condition.op) {
    case 'eq':
      return FilterConditions.equalTo(condition.value);
    case 'ne':
      return FilterConditions.notEqualTo(condition.value);
    case 'contains':
      return FilterConditions.contains(condition.value);
    case 'notContains':
      return FilterConditions.notContains(condition.value);
    case 'beginsWith':
      return FilterConditions.beginsWith(condition.value);
    case 'gt':
      return FilterConditions.greaterThan(condition.value);
    case 'gte':
      return FilterConditions.greaterThanEqualTo(condition.value);
    case 'lt':
      return FilterConditions.lessThan(condition.value);
    case 'lte':
      return FilterConditions.lessThanEqualTo(condition.value);
    case 'exists':
      return FilterConditions.exists();
    case 'notExists':
      return FilterConditions.notExists();
  }
}

type Row = Record<string, unknown>;

function failed(operation: string, failedKeys: Array<{ key: string; error: { code: string } }>): void {
  if (failedKeys.length === 0) return;
  const codes = [...new Set(failedKeys.map((f) => f.error.code))].join(', ');
  throw new Error(`Storage ${operation} failed for ${failedKeys.length} key(s) (${codes})`);
}

export const forgeEntityStore: EntityStore = {
  async get(entity, key) {
    return kvs.entity<unknown>(entity).get(key);
  },
  async getMany(entity, keys) {
    checkBatch(keys.length);
    const found = new Map<string, unknown>();
    if (keys.length === 0) return found;
    const result = await kvs.batchGet<unknown>(keys.map((key) => ({ key, entityName: entity })));
    for (const item of result.successfulKeys) found.set(item.key, item.value);
    // A missing key is reported as a failed key (KEY_NOT_FOUND), which is an answer, not an error.
    failed(
      'read',
      result.failedKeys.filter((f) => f.error.code !== 'KEY_NOT_FOUND'),
    );
    return found;
  },
  async set(entity, key, value) {
    await kvs.entity<unknown>(entity).set(key, value);
  },
  async delete(entity, key) {
    await kvs.entity<unknown>(entity).delete(key);
  },
  async batchSet(items) {
    checkBatch(items.length);
    if (items.length === 0) return;
    const result = await kvs.batchSet(
      items.map((item) => ({ key: item.key, value: item.value, entityName: item.entity })),
    );
    failed('write', result.failedKeys);
  },
  async batchDelete(items) {
    checkBatch(items.length);
    if (items.length === 0) return;
    const result = await kvs.batchDelete(items.map((item) => ({ key: item.key, entityName: item.entity })));
    failed(
      'delete',
      result.failedKeys.filter((f) => f.error.code !== 'KEY_NOT_FOUND'),
    );
  },
  async query(entity, index, query: EntityQuery) {
    checkLimit(query.limit);
    let builder = kvs
      .entity<Row>(entity)
      .query()
      .index(index, { partition: query.partition })
      .limit(query.limit);
    if (query.range) builder = builder.where(where(query.range));
    if (query.sort) builder = builder.sort(query.sort === 'desc' ? Sort.DESC : Sort.ASC);
    if (query.cursor) builder = builder.cursor(query.cursor);
    const conditions = query.filters?.conditions ?? [];
    if (conditions.length > 0) {
      const [first, ...rest] = conditions as [FilterCondition, ...FilterCondition[]];
      if (query.filters?.operator === 'or') {
        const filter = new Filter<Row>().or(first.field, clause(first));
        for (const c of rest) filter.or(c.field, clause(c));
        builder = builder.filters(filter);
      } else {
        const filter = new Filter<Row>().and(first.field, clause(first));
        for (const c of rest) filter.and(c.field, clause(c));
        builder = builder.filters(filter);
      }
    }
    const page = await builder.getMany();
    return {
      items: page.results.map((r) => ({ key: r.key, value: r.value })),
      cursor: page.nextCursor ?? null,
    };
  },
};
