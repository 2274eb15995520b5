// An in-memory EntityStore (src/app/results/entity-store.ts) for fast use-case tests and the bench, with the
// index semantics of Forge's Custom Entity Store as the app relies on them: a record is in an index only when
// it has every partition and range attribute; partitions compare for equality; rows come in range order (key
// order among equal ranges); `limit` (1..100) counts index rows read, and filters then drop rows from that
// page — the pessimistic reading of Forge's docs, so callers that keep filling a page are tested. Batches
// refuse more than 25 items. Bytes read and written are counted as JSON (key + value), the size Forge meters.
import {
  checkBatch,
  checkLimit,
  type EntityPage,
  type EntityQuery,
  type EntityStore,
  type FilterCondition,
  type RangeCondition,
  type Scalar,
} from '../../src/app/results/entity-store';
import { ENTITY_DEFINITIONS, type EntityIndex, type ResultEntity } from '../../src/app/results/records';

type Row = Record<string, unknown>;

export interface StoreMeter {
  bytesRead: number;
  bytesWritten: number;
  recordsRead: number;
  recordsWritten: number;
  recordsDeleted: number;
  calls: number;
}

function emptyMeter(): StoreMeter {
  return { bytesRead: 0, bytesWritten: 0, recordsRead: 0, recordsWritten: 0, recordsDeleted: 0, calls: 0 };
}

function sizeOf(key: string, value: unknown): number {
  return Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function inRange(value: unknown, range: RangeCondition | undefined): boolean {
  if (!range) return true;
  switch (range.op) {
    case 'eq':
      return compare(value, range.value) === 0;
    case 'gt':
      return compare(value, range.value) > 0;
    case 'gte':
      return compare(value, range.value) >= 0;
    case 'lt':
      return compare(value, range.value) < 0;
    case 'lte':
      return compare(value, range.value) <= 0;
    case 'beginsWith':
      return String(value).startsWith(String(range.value));
    case 'between':
      return compare(value, range.from) >= 0 && compare(value, range.to) <= 0;
  }
}

function matches(row: Row, condition: FilterCondition): boolean {
  const value = row[condition.field];
  switch (condition.op) {
    case 'eq':
      return value === condition.value;
    case 'ne':
      return value !== condition.value;
    case 'contains':
      return typeof value === 'string' && value.includes(condition.value);
    case 'notContains':
      return typeof value !== 'string' || !value.includes(condition.value);
    case 'beginsWith':
      return typeof value === 'string' && value.startsWith(condition.value);
    case 'gt':
      return value !== undefined && compare(value, condition.value) > 0;
    case 'gte':
      return value !== undefined && compare(value, condition.value) >= 0;
    case 'lt':
      return value !== undefined && compare(value, condition.value) < 0;
    case 'lte':
      return value !== undefined && compare(value, condition.value) <= 0;
    case 'exists':
      return value !== undefined;
    case 'notExists':
      return value === undefined;
  }
}

interface Position {
  range: unknown;
  key: string;
}

export class MemoryEntityStore implements EntityStore {
  readonly data = new Map<ResultEntity, Map<string, Row>>();
  meter: StoreMeter = emptyMeter();

  /** Zeroes the counters (a bench or test measures one step at a time). */
  resetMeter(): StoreMeter {
    const previous = this.meter;
    this.meter = emptyMeter();
    return previous;
  }

  private invalidate(entity: ResultEntity): void {
    for (const id of this.sorted.keys()) if (id.startsWith(`${entity}\u0000`)) this.sorted.delete(id);
  }

  private table(entity: ResultEntity): Map<string, Row> {
    let table = this.data.get(entity);
    if (!table) this.data.set(entity, (table = new Map<string, Row>()));
    return table;
  }

  private indexOf(entity: ResultEntity, name: string): EntityIndex {
    const index = ENTITY_DEFINITIONS.find((d) => d.name === entity)?.indexes.find((i) => i.name === name);
    if (!index) throw new Error(`No index ${name} on ${entity}`);
    return index;
  }

  private read(key: string, value: Row): Row {
    this.meter.bytesRead += sizeOf(key, value);
    this.meter.recordsRead += 1;
    return structuredClone(value);
  }

  private write(entity: ResultEntity, key: string, value: unknown): void {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new Error('A custom entity value is an object of attributes');
    }
    const definition = ENTITY_DEFINITIONS.find((d) => d.name === entity);
    for (const attribute of Object.keys(value)) {
      if (!definition?.attributes[attribute]) throw new Error(`${entity} has no attribute ${attribute}`);
    }
    this.meter.bytesWritten += sizeOf(key, value);
    this.meter.recordsWritten += 1;
    this.table(entity).set(key, structuredClone(value as Row));
    this.invalidate(entity);
  }

  get(entity: ResultEntity, key: string): Promise<unknown> {
    this.meter.calls += 1;
    const row = this.table(entity).get(key);
    return Promise.resolve(row === undefined ? undefined : this.read(key, row));
  }

  getMany(entity: ResultEntity, keys: readonly string[]): Promise<Map<string, unknown>> {
    checkBatch(keys.length);
    this.meter.calls += 1;
    const found = new Map<string, unknown>();
    for (const key of keys) {
      const row = this.table(entity).get(key);
      if (row !== undefined) found.set(key, this.read(key, row));
    }
    return Promise.resolve(found);
  }

  set(entity: ResultEntity, key: string, value: unknown): Promise<void> {
    this.meter.calls += 1;
    this.write(entity, key, value);
    return Promise.resolve();
  }

  delete(entity: ResultEntity, key: string): Promise<void> {
    this.meter.calls += 1;
    if (this.table(entity).delete(key)) this.meter.recordsDeleted += 1;
    this.invalidate(entity);
    return Promise.resolve();
  }

  batchSet(items: ReadonlyArray<{ entity: ResultEntity; key: string; value: unknown }>): Promise<void> {
    checkBatch(items.length);
    const seen = new Set(items.map((i) => `${i.entity}/${i.key}`));
    if (seen.size !== items.length) throw new Error('A batch may not set one key twice');
    this.meter.calls += 1;
    for (const item of items) this.write(item.entity, item.key, item.value);
    return Promise.resolve();
  }

  batchDelete(items: ReadonlyArray<{ entity: ResultEntity; key: string }>): Promise<void> {
    checkBatch(items.length);
    this.meter.calls += 1;
    for (const item of items) {
      if (this.table(item.entity).delete(item.key)) this.meter.recordsDeleted += 1;
      this.invalidate(item.entity);
    }
    return Promise.resolve();
  }

  /** Sorted index rows per entity, index and partition; dropped on any write to the entity. */
  private readonly sorted = new Map<string, Array<{ key: string; row: Row; range: unknown }>>();

  private indexRows(entity: ResultEntity, index: EntityIndex, partition: Scalar[]) {
    const id = `${entity}\u0000${index.name}\u0000${JSON.stringify(partition)}`;
    let rows = this.sorted.get(id);
    if (!rows) {
      rows = [...this.table(entity)]
        .filter(
          ([, row]) =>
            row[index.range] !== undefined && index.partition.every((attr, i) => row[attr] === partition[i]),
        )
        .map(([key, row]) => ({ key, row, range: row[index.range] }))
        .sort((a, b) => compare(a.range, b.range) || compare(a.key, b.key));
      this.sorted.set(id, rows);
    }
    return rows;
  }

  query(entity: ResultEntity, indexName: string, query: EntityQuery): Promise<EntityPage<unknown>> {
    checkLimit(query.limit);
    this.meter.calls += 1;
    const index = this.indexOf(entity, indexName);
    if (query.partition.length !== index.partition.length) {
      throw new Error(`${indexName} is partitioned by ${index.partition.join(', ')}`);
    }
    const direction = query.sort === 'desc' ? -1 : 1;
    const indexed = this.indexRows(entity, index, query.partition);
    let rows = query.range ? indexed.filter((r) => inRange(r.range, query.range)) : indexed;
    if (direction < 0) rows = [...rows].reverse();
    const after = query.cursor
      ? (JSON.parse(Buffer.from(query.cursor, 'base64url').toString()) as Position)
      : null;
    // First row past the cursor's position (binary search: the rows are in order).
    let from = 0;
    if (after) {
      let lo = 0;
      let hi = rows.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const r = rows[mid] as { key: string; range: unknown };
        if (direction * (compare(r.range, after.range) || compare(r.key, after.key)) > 0) hi = mid;
        else lo = mid + 1;
      }
      from = lo;
    }
    const window = rows.slice(from, from + query.limit);
    const last = window[window.length - 1];
    const more = from + query.limit < rows.length && last !== undefined;
    const conditions = query.filters?.conditions ?? [];
    const kept = window.filter(({ row }) => {
      if (conditions.length === 0) return true;
      return query.filters?.operator === 'or'
        ? conditions.some((c) => matches(row, c))
        : conditions.every((c) => matches(row, c));
    });
    return Promise.resolve({
      items: kept.map(({ key, row }) => ({ key, value: this.read(key, row) })),
      cursor: more
        ? Buffer.from(JSON.stringify({ range: last.range, key: last.key })).toString('base64url')
        : null,
    });
  }
}
