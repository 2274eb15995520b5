// Forge custom entities as the local KVS enforces them: the declarations of manifest.yml's
// `app.storage.entities`, the check of a value against its entity's declared attributes, and index queries
// (`/api/v1/entity/query`) answered from the entity's stored records.
//
// What Forge documents and this follows (developer.atlassian.com/platform/forge: runtime-reference/custom-entities,
// storage-reference/handling-errors-customentities, runtime-reference/storage-api-query-complex; @forge/manifest
// 13.7.0's schema and StorageValidator):
//  - an index is either an attribute name (index name = range attribute, no partition) or
//    `{ name, partition?: [attributes], range: [one attribute] }`; at most 7 indexes and 50 attributes per entity;
//    `by-key` is a reserved index name;
//  - integers are 32-bit signed, floats 0 or between 1e-130 and 1e126 in magnitude; a value that does not match
//    its declared type is refused with 400 INVALID_ENTITY_VALUE;
//  - query pages hold 1-100 records (400 COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE), 10 when no limit is given; `and`
//    and `or` filters may not be combined (INVALID_FILTER_OPERATORS_COMBINATION) nor be empty
//    (EMPTY_FILTER_OPERATOR); BETWEEN needs two values (INSUFFICIENT_FILTER_VALUES).
// Where Forge documents nothing, the stricter reading is taken, so code that passes here also passes there:
//  - an entity or index the manifest does not declare is refused (400 INVALID_ENTITY_TYPE / INVALID_ENTITY_INDEX,
//    the closest documented codes);
//  - a value with an attribute the entity does not declare is refused (INVALID_ENTITY_VALUE);
//  - indexes are sparse: a record lacking one of an index's partition or range attributes is not in that index;
//  - filters are applied to the page the limit cuts from the index, as DynamoDB does, so a page may hold fewer
//    records than the limit (even none) while a cursor says more may follow: page until the cursor is gone.
import { z } from 'zod';
import { KvsFault, type ConditionClause, type KvsEntry } from './kvs-store';

export const ATTRIBUTE_TYPES = ['string', 'boolean', 'float', 'integer', 'any'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export interface EntityIndex {
  name: string;
  partition: string[];
  range: string;
}

export interface EntityDeclaration {
  name: string;
  attributes: Map<string, AttributeType>;
  indexes: Map<string, EntityIndex>;
}

/** The app's declared entities by name. */
export type EntityCatalog = ReadonlyMap<string, EntityDeclaration>;

export const ENTITY_LIMITS = {
  maxIndexes: 7,
  maxAttributes: 50,
  reservedIndexName: 'by-key',
  defaultQueryLimit: 10,
  maxQueryLimit: 100,
  int32: { min: -2_147_483_648, max: 2_147_483_647 },
  float: { minMagnitude: 1e-130, maxMagnitude: 1e126 },
} as const;

const ENTITY_NAME = /^(?![_.-])(?!.*\.{2})[a-z0-9:\-_.]*(?<![.])$/;
const ATTRIBUTE_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

const indexSchema = z.union([
  z.string(),
  z.strictObject({
    name: z.string().min(1),
    range: z.array(z.string()).length(1),
    partition: z.array(z.string()).min(1).optional(),
  }),
]);
const entitySchema = z.strictObject({
  name: z.string().min(3).max(60).regex(ENTITY_NAME),
  attributes: z.record(
    z.string().regex(ATTRIBUTE_NAME).max(30),
    z.strictObject({ type: z.enum(ATTRIBUTE_TYPES) }),
  ),
  indexes: z.array(indexSchema).min(1).optional(),
});
export const entitiesSchema = z.array(entitySchema).min(1);

/** `app.storage.entities` as declarations; throws on what `forge deploy` would refuse. */
export function parseEntities(raw: unknown): EntityCatalog {
  const catalog = new Map<string, EntityDeclaration>();
  if (raw === undefined) return catalog;
  const parsed = entitiesSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`manifest.yml: app.storage.entities: ${parsed.error.message}`);
  for (const entity of parsed.data) {
    const where = `manifest.yml: app.storage.entities ${entity.name}`;
    if (catalog.has(entity.name)) throw new Error(`${where} is declared twice`);
    const attributes = new Map(Object.entries(entity.attributes).map(([k, v]) => [k, v.type]));
    if (attributes.size === 0) throw new Error(`${where} must declare at least one attribute`);
    if (attributes.size > ENTITY_LIMITS.maxAttributes)
      throw new Error(`${where} declares more than ${ENTITY_LIMITS.maxAttributes} attributes`);
    const indexes = new Map<string, EntityIndex>();
    for (const declared of entity.indexes ?? []) {
      const index: EntityIndex =
        typeof declared === 'string'
          ? { name: declared, partition: [], range: declared }
          : { name: declared.name, partition: declared.partition ?? [], range: declared.range[0] as string };
      if (index.name === ENTITY_LIMITS.reservedIndexName)
        throw new Error(`${where} may not name an index ${ENTITY_LIMITS.reservedIndexName}`);
      if (indexes.has(index.name)) throw new Error(`${where} declares index ${index.name} twice`);
      for (const attribute of [...index.partition, index.range]) {
        if (!attributes.has(attribute))
          throw new Error(`${where} index ${index.name} names attribute ${attribute}, which is not declared`);
      }
      indexes.set(index.name, index);
    }
    if (indexes.size > ENTITY_LIMITS.maxIndexes)
      throw new Error(`${where} declares more than ${ENTITY_LIMITS.maxIndexes} indexes`);
    catalog.set(entity.name, { name: entity.name, attributes, indexes });
  }
  return catalog;
}

export function declaredEntity(catalog: EntityCatalog, name: string): EntityDeclaration {
  const entity = catalog.get(name);
  if (!entity) {
    throw new KvsFault(
      400,
      'INVALID_ENTITY_TYPE',
      `Custom entity ${name} is not declared in manifest.yml (app.storage.entities)`,
    );
  }
  return entity;
}

function invalidValue(entity: string, message: string): KvsFault {
  return new KvsFault(400, 'INVALID_ENTITY_VALUE', `Entity ${entity}: ${message}`);
}

function matchesType(type: AttributeType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return (
        Number.isInteger(value) &&
        (value as number) >= ENTITY_LIMITS.int32.min &&
        (value as number) <= ENTITY_LIMITS.int32.max
      );
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return false;
      const magnitude = Math.abs(value);
      return (
        magnitude === 0 ||
        (magnitude >= ENTITY_LIMITS.float.minMagnitude && magnitude <= ENTITY_LIMITS.float.maxMagnitude)
      );
    }
    case 'any':
      return value !== undefined;
  }
}

/** A value stored in an entity: an object whose every attribute is declared and of its declared type. */
export function validateEntityValue(entity: EntityDeclaration, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidValue(entity.name, 'a value must be an object of the declared attributes');
  }
  for (const [attribute, attributeValue] of Object.entries(value as Record<string, unknown>)) {
    const type = entity.attributes.get(attribute);
    if (!type) throw invalidValue(entity.name, `attribute ${attribute} is not declared`);
    if (!matchesType(type, attributeValue)) {
      throw invalidValue(
        entity.name,
        `attribute ${attribute} must be of type ${type}, got ${JSON.stringify(attributeValue)}`,
      );
    }
  }
}

const RANGE_CONDITIONS = [
  'BEGINS_WITH',
  'BETWEEN',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
] as const;
const FILTER_CONDITIONS = [
  ...RANGE_CONDITIONS,
  'CONTAINS',
  'NOT_CONTAINS',
  'NOT_EQUAL_TO',
  'EXISTS',
  'NOT_EXISTS',
] as const;

const filterClause = z.object({
  property: z.string(),
  condition: z.enum(FILTER_CONDITIONS),
  values: z.array(z.unknown()),
});
/** The body @forge/kvs 1.6.5 posts to /api/v1/entity/query (out/entity-query.js `getMany`). */
export const entityQueryBody = z.strictObject({
  entityName: z.string(),
  indexName: z.string(),
  partition: z.array(z.unknown()).optional(),
  range: z.object({ condition: z.enum(RANGE_CONDITIONS), values: z.array(z.unknown()) }).optional(),
  filters: z
    .object({ and: z.array(filterClause).optional(), or: z.array(filterClause).optional() })
    .optional(),
  sort: z.enum(['ASC', 'DESC']).optional(),
  cursor: z.string().optional(),
  limit: z.number().optional(),
  options: z.object({ metadataFields: z.array(z.string()).optional() }).optional(),
});
export type EntityQuery = z.output<typeof entityQueryBody>;

type Scalar = string | number | boolean;

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Order of two values of one attribute: numbers numerically, strings by UTF-8 bytes, false before true. */
function compareScalars(a: Scalar, b: Scalar): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return typeof a < typeof b ? -1 : 1;
}

function sameType(a: unknown, b: unknown): boolean {
  return isScalar(a) && isScalar(b) && typeof a === typeof b;
}

function needValues(condition: string, values: unknown[], count: number): void {
  if (values.length < count) {
    throw new KvsFault(
      400,
      'INSUFFICIENT_FILTER_VALUES',
      `The condition ${condition} needs ${count} value${count === 1 ? '' : 's'}`,
    );
  }
}

/** Whether an attribute's value satisfies one condition (range or filter). Comparisons never cross types. */
function satisfies(actual: unknown, condition: string, values: unknown[]): boolean {
  switch (condition) {
    case 'EXISTS':
      return actual !== undefined;
    case 'NOT_EXISTS':
      return actual === undefined;
  }
  needValues(condition, values, condition === 'BETWEEN' ? 2 : 1);
  const [first, second] = values;
  switch (condition) {
    case 'EQUAL_TO':
      return actual !== undefined && JSON.stringify(actual) === JSON.stringify(first);
    case 'NOT_EQUAL_TO':
      return actual === undefined || JSON.stringify(actual) !== JSON.stringify(first);
    case 'BEGINS_WITH':
      return typeof actual === 'string' && typeof first === 'string' && actual.startsWith(first);
    case 'CONTAINS':
      return contains(actual, first);
    case 'NOT_CONTAINS':
      return actual !== undefined && !contains(actual, first);
    case 'BETWEEN':
      return (
        sameType(actual, first) &&
        sameType(actual, second) &&
        compareScalars(actual as Scalar, first as Scalar) >= 0 &&
        compareScalars(actual as Scalar, second as Scalar) <= 0
      );
  }
  if (!sameType(actual, first)) return false;
  const order = compareScalars(actual as Scalar, first as Scalar);
  switch (condition) {
    case 'GREATER_THAN':
      return order > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return order >= 0;
    case 'LESS_THAN':
      return order < 0;
    case 'LESS_THAN_EQUAL_TO':
      return order <= 0;
    default:
      throw new KvsFault(400, 'BAD_REQUEST', `Unknown condition ${condition}`);
  }
}

function contains(actual: unknown, value: unknown): boolean {
  if (typeof actual === 'string') return typeof value === 'string' && actual.includes(value);
  if (Array.isArray(actual)) return actual.some((item) => JSON.stringify(item) === JSON.stringify(value));
  return false;
}

function attributeOf(value: unknown, attribute: string): unknown {
  return value !== null && typeof value === 'object'
    ? (value as Record<string, unknown>)[attribute]
    : undefined;
}

/** Filters of one operator; both, or an empty one, are refused as Forge refuses them. */
function filterClauses(entity: EntityDeclaration, filters: EntityQuery['filters']) {
  if (!filters) return null;
  if (filters.and && filters.or) {
    throw new KvsFault(
      400,
      'INVALID_FILTER_OPERATORS_COMBINATION',
      'Filter operators "and" and "or" cannot be present at the same level',
    );
  }
  const operator = filters.and ? 'and' : filters.or ? 'or' : null;
  const clauses = filters.and ?? filters.or ?? [];
  if (!operator || clauses.length === 0)
    throw new KvsFault(400, 'EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty');
  for (const clause of clauses) {
    if (!entity.attributes.has(clause.property)) {
      throw new KvsFault(
        400,
        'INVALID_ENTITY_ATTRIBUTE',
        `Entity ${entity.name} has no attribute ${clause.property} to filter on`,
      );
    }
  }
  return { operator, clauses };
}

interface CursorPosition {
  /** The index and partition the cursor belongs to, so it cannot be replayed against another query. */
  scope: string;
  range: Scalar;
  key: string;
}

const cursorSchema = z.object({
  scope: z.string(),
  range: z.union([z.string(), z.number(), z.boolean()]),
  key: z.string(),
});

function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, scope: string): CursorPosition {
  try {
    const position = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (position.scope === scope) return position;
  } catch {
    // fall through to the refusal below
  }
  throw new KvsFault(400, 'INVALID_CURSOR', 'The cursor is not valid for this query');
}

/** One page of an index query over the entity's live records. */
export function queryEntity(
  catalog: EntityCatalog,
  query: EntityQuery,
  records: KvsEntry[],
): { data: KvsEntry[]; cursor?: string } {
  const entity = declaredEntity(catalog, query.entityName);
  const index = entity.indexes.get(query.indexName);
  if (!index) {
    throw new KvsFault(
      400,
      'INVALID_ENTITY_INDEX',
      `Entity ${entity.name} has no index ${query.indexName} in manifest.yml`,
    );
  }
  const limit = query.limit ?? ENTITY_LIMITS.defaultQueryLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > ENTITY_LIMITS.maxQueryLimit) {
    throw new KvsFault(
      400,
      'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
      `The page limit must be set between 1 and ${ENTITY_LIMITS.maxQueryLimit}`,
    );
  }
  const partition = query.partition ?? [];
  if (partition.length !== index.partition.length) {
    throw new KvsFault(
      400,
      'BAD_REQUEST',
      `Index ${index.name} of ${entity.name} is partitioned by [${index.partition.join(', ')}]: give ${index.partition.length} partition value(s), got ${partition.length}`,
    );
  }
  const filters = filterClauses(entity, query.filters);

  const inIndex = records.filter((record) => {
    const range = attributeOf(record.value, index.range);
    return (
      isScalar(range) &&
      index.partition.every((attribute, i) => {
        const actual = attributeOf(record.value, attribute);
        return actual !== undefined && JSON.stringify(actual) === JSON.stringify(partition[i]);
      })
    );
  });
  const matching = query.range
    ? inIndex.filter((r) =>
        satisfies(attributeOf(r.value, index.range), query.range!.condition, query.range!.values),
      )
    : inIndex;
  const direction = query.sort === 'DESC' ? -1 : 1;
  const position = (r: KvsEntry) => ({ range: attributeOf(r.value, index.range) as Scalar, key: r.key });
  const order = (a: { range: Scalar; key: string }, b: { range: Scalar; key: string }) =>
    direction * (compareScalars(a.range, b.range) || compareScalars(a.key, b.key));
  const sorted = matching.sort((a, b) => order(position(a), position(b)));

  const scope = JSON.stringify([entity.name, index.name, partition, query.sort ?? 'ASC']);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, scope);
  const remaining = after ? sorted.filter((r) => order(position(r), after) > 0) : sorted;
  const window = remaining.slice(0, limit);
  const data = filters
    ? window.filter((r) => {
        const test = (c: ConditionClause) =>
          satisfies(attributeOf(r.value, c.property), c.condition, c.values);
        return filters.operator === 'and' ? filters.clauses.every(test) : filters.clauses.some(test);
      })
    : window;
  const last = window[window.length - 1];
  return remaining.length > limit && last
    ? { data, cursor: encodeCursor({ scope, ...position(last) }) }
    : { data };
}
