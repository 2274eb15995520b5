// The storage port of the stored results: Forge's Custom Entity Store as the use cases need it (Forge:
// src/forge/entity-store.ts over @forge/kvs; tests and the bench: test/support/memory-entity-store.ts, with the
// same index semantics). Queries go through a named index: the partition attributes compared for equality, an
// optional condition on the one range attribute, results in range order, at most 100 a page. Filters apply to
// the rows the index returned, so a page may hold fewer rows than `limit` (even none) and still have a cursor:
// callers loop on the cursor, never on the page's length.
import type { ResultEntity } from './records';

export type Scalar = string | number | boolean;

/** Forge's batch calls take at most 25 keys (custom entities batch reference). */
export const BATCH_LIMIT = 25;
/** Forge's query pages hold at most 100 results. */
export const QUERY_LIMIT = 100;

export type RangeCondition =
  | { op: 'eq' | 'gt' | 'gte' | 'lt' | 'lte' | 'beginsWith'; value: string | number }
  | { op: 'between'; from: string | number; to: string | number };

export type FilterCondition =
  | { field: string; op: 'eq' | 'ne'; value: Scalar }
  | { field: string; op: 'contains' | 'notContains' | 'beginsWith'; value: string }
  | { field: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: string | number }
  | { field: string; op: 'exists' | 'notExists' };

export interface EntityQuery {
  /** One value per partition attribute of the index, in the index's order. */
  partition: Scalar[];
  range?: RangeCondition;
  /** Forge combines filters with one operator: all `and` or all `or`. */
  filters?: { operator: 'and' | 'or'; conditions: FilterCondition[] };
  sort?: 'asc' | 'desc';
  /** 1 to 100. */
  limit: number;
  cursor?: string;
}

export interface EntityPage<T> {
  items: Array<{ key: string; value: T }>;
  /** Null on the last page. Opaque: never persist it (Forge's advice), only hand it back soon. */
  cursor: string | null;
}

export interface EntityStore {
  get(entity: ResultEntity, key: string): Promise<unknown>;
  /** Up to 25 keys; missing keys are simply absent from the map. */
  getMany(entity: ResultEntity, keys: readonly string[]): Promise<Map<string, unknown>>;
  set(entity: ResultEntity, key: string, value: unknown): Promise<void>;
  delete(entity: ResultEntity, key: string): Promise<void>;
  /** Up to 25 items; throws if any item failed (the ones that succeeded stay written). */
  batchSet(items: ReadonlyArray<{ entity: ResultEntity; key: string; value: unknown }>): Promise<void>;
  /** Up to 25 items; throws if any item failed. */
  batchDelete(items: ReadonlyArray<{ entity: ResultEntity; key: string }>): Promise<void>;
  query(entity: ResultEntity, index: string, query: EntityQuery): Promise<EntityPage<unknown>>;
}

export function checkBatch(size: number): void {
  if (size > BATCH_LIMIT)
    throw new RangeError(`A storage batch takes at most ${BATCH_LIMIT} items, not ${size}`);
}

export function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > QUERY_LIMIT) {
    throw new RangeError(`A storage query page takes 1 to ${QUERY_LIMIT} results, not ${limit}`);
  }
}

/** Splits a list into the store's batches. */
export function batches<T>(items: readonly T[], size = BATCH_LIMIT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
