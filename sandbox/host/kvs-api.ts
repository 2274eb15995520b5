// The wire side of the local KVS: what `@forge/kvs` sends through `global.__forge_fetch__({ type: 'kvs' }, path,
// init)` (a POST with a JSON body to /api/v1/...) answered the way Forge's KVS service answers it. The shapes
// were read from @forge/kvs 1.6.5 (out/storage-api.js): a missing key is HTTP 404 with a JSON body
// `{ code: 'KEY_NOT_FOUND', message }`, a plain set is an empty 2xx, query pages are `{ data, cursor }`.
// Custom entities are checked against manifest.yml's declarations (entities.ts) on every path that names one.
import { z } from 'zod';
import {
  declaredEntity,
  entityQueryBody,
  queryEntity,
  validateEntityValue,
  type EntityCatalog,
} from './entities';
import { KvsFault, type Conditions, type KvsEntry, type KvsStore, type Namespace } from './kvs-store';

const metadataFields = z.array(z.enum(['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'])).optional();
const ttl = z.object({ value: z.number().positive(), unit: z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS']) });
const setOptions = z
  .object({
    ttl: ttl.optional(),
    keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
    returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
    returnMetadataFields: metadataFields,
  })
  .optional();
const clause = z.object({ property: z.string(), condition: z.string(), values: z.array(z.unknown()) });
const conditions = z.object({ and: z.array(clause).optional(), or: z.array(clause).optional() }).optional();

const getBody = z.object({
  key: z.string(),
  entityName: z.string().optional(),
  options: z.object({ metadataFields }).optional(),
});
const setBody = z.object({
  key: z.string(),
  value: z.unknown(),
  entityName: z.string().optional(),
  options: setOptions,
});
const deleteBody = z.object({ key: z.string(), entityName: z.string().optional() });
const queryBody = z.object({
  limit: z.number().optional(),
  after: z.string().optional(),
  where: z
    .array(
      z.object({
        property: z.literal('key'),
        condition: z.literal('BEGINS_WITH'),
        values: z.array(z.union([z.string(), z.number()])).length(1),
      }),
    )
    .max(1)
    .optional(),
  options: z.object({ metadataFields }).optional(),
});
const batchItem = z.object({
  key: z.string(),
  value: z.unknown().optional(),
  entityName: z.string().optional(),
  options: setOptions,
});
const transactionBody = z.object({
  set: z
    .array(
      z.object({
        key: z.string(),
        value: z.unknown(),
        entityName: z.string().optional(),
        conditions,
        options: setOptions,
      }),
    )
    .optional(),
  delete: z.array(z.object({ key: z.string(), entityName: z.string().optional(), conditions })).optional(),
  check: z
    .array(z.object({ key: z.string(), entityName: z.string().optional(), conditions: conditions.unwrap() }))
    .optional(),
});

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function empty(status = 204): Response {
  return new Response(null, { status });
}

function fault(status: number, code: string, message: string): Response {
  return json(status, { code, message });
}

function nsFor(entityName: string | undefined, secret = false): Namespace {
  if (secret) return { kind: 'secret' };
  return entityName ? { kind: 'entity', name: entityName } : { kind: 'plain' };
}

function withMetadata(entry: KvsEntry, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    key: entry.key,
    value: entry.value,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    ...(entry.expiresAt !== undefined ? { expireTime: new Date(entry.expiresAt).toISOString() } : {}),
    ...extra,
  };
}

function notFound(key: string): Response {
  return fault(404, 'KEY_NOT_FOUND', `Provided key ${key} does not exist`);
}

async function readBody(init: RequestInit | undefined): Promise<unknown> {
  const body = init?.body;
  if (body === undefined || body === null) return {};
  const text = typeof body === 'string' ? body : await new Response(body).text();
  return JSON.parse(text) as unknown;
}

/** Checks what a request says of a custom entity: declared, its value and its condition attributes. */
class EntityChecks {
  constructor(private readonly catalog: EntityCatalog) {}

  name(entityName: string | undefined): void {
    if (entityName !== undefined) declaredEntity(this.catalog, entityName);
  }

  value(entityName: string | undefined, value: unknown): void {
    if (entityName !== undefined) validateEntityValue(declaredEntity(this.catalog, entityName), value);
  }

  conditions(entityName: string | undefined, conditions: Conditions | undefined): void {
    if (!conditions) return;
    if (entityName === undefined) {
      throw new KvsFault(400, 'BAD_REQUEST', 'Conditions apply to custom entities only: give an entityName');
    }
    const entity = declaredEntity(this.catalog, entityName);
    for (const clause of [...(conditions.and ?? []), ...(conditions.or ?? [])]) {
      if (!entity.attributes.has(clause.property)) {
        throw new KvsFault(
          400,
          'INVALID_ENTITY_ATTRIBUTE',
          `Entity ${entity.name} has no attribute ${clause.property}`,
        );
      }
    }
  }
}

async function route(
  store: KvsStore,
  path: string,
  body: unknown,
  catalog: EntityCatalog,
): Promise<Response> {
  const secret = path.startsWith('/api/v1/secret/');
  const entityPath = path.startsWith('/api/v1/entity/');
  const op = path.replace(/^\/api\/v1\/(secret\/|entity\/)?/, '');
  const check = new EntityChecks(catalog);
  switch (op) {
    case 'get': {
      const req = getBody.parse(body);
      if (entityPath && !req.entityName) throw new KvsFault(400, 'BAD_REQUEST', 'entityName is required');
      check.name(req.entityName);
      const entry = store.get(nsFor(req.entityName, secret), req.key);
      return entry ? json(200, withMetadata(entry)) : notFound(req.key);
    }
    case 'set': {
      const req = setBody.parse(body);
      if (entityPath && !req.entityName) throw new KvsFault(400, 'BAD_REQUEST', 'entityName is required');
      check.value(req.entityName, req.value);
      const { previous, latest } = await store.set(
        nsFor(req.entityName, secret),
        req.key,
        req.value,
        req.options,
      );
      if (!req.options?.returnValue) return empty();
      const returned = req.options.returnValue === 'PREVIOUS' ? previous : latest;
      return returned ? json(200, withMetadata(returned)) : empty(200);
    }
    case 'delete': {
      const req = deleteBody.parse(body);
      check.name(req.entityName);
      await store.delete(nsFor(req.entityName, secret), req.key);
      return empty();
    }
    case 'query': {
      if (entityPath) {
        const req = entityQueryBody.parse(body);
        const page = queryEntity(catalog, req, store.entries(nsFor(req.entityName)));
        const fields = new Set(req.options?.metadataFields ?? []);
        // Only the metadata asked for: @forge/kvs hands these records to the app as they come.
        return json(200, {
          data: page.data.map((e) => {
            const { createdAt, updatedAt, expireTime, ...record } = withMetadata(e);
            return {
              ...record,
              ...(fields.has('CREATED_AT') ? { createdAt } : {}),
              ...(fields.has('UPDATED_AT') ? { updatedAt } : {}),
              ...(fields.has('EXPIRE_TIME') && expireTime !== undefined ? { expireTime } : {}),
            };
          }),
          ...(page.cursor ? { cursor: page.cursor } : {}),
        });
      }
      const req = queryBody.parse(body);
      const prefix = req.where?.[0]?.values[0];
      const page = store.query({
        prefix: prefix === undefined ? undefined : String(prefix),
        limit: req.limit,
        cursor: req.after,
      });
      return json(200, {
        data: page.data.map((e) => withMetadata(e)),
        ...(page.cursor ? { cursor: page.cursor } : {}),
      });
    }
    case 'batch/set':
    case 'batch/get':
    case 'batch/delete': {
      const items = z.array(batchItem).parse(body);
      const successfulKeys: Array<Record<string, unknown>> = [];
      const failedKeys: Array<Record<string, unknown>> = [];
      for (const item of items) {
        const ns = nsFor(item.entityName);
        const id = { key: item.key, ...(item.entityName ? { entityName: item.entityName } : {}) };
        try {
          if (op === 'batch/set') check.value(item.entityName, item.value);
          else check.name(item.entityName);
          if (op === 'batch/set') {
            await store.set(ns, item.key, item.value, item.options);
            successfulKeys.push(id);
          } else if (op === 'batch/get') {
            const entry = store.get(ns, item.key);
            if (entry)
              successfulKeys.push(
                withMetadata(entry, item.entityName ? { entityName: item.entityName } : {}),
              );
            else failedKeys.push({ ...id, error: { code: 'KEY_NOT_FOUND', message: 'Key does not exist' } });
          } else {
            await store.delete(ns, item.key);
            successfulKeys.push(id);
          }
        } catch (error) {
          if (!(error instanceof KvsFault)) throw error;
          failedKeys.push({ ...id, error: { code: error.code, message: error.message } });
        }
      }
      return json(200, { successfulKeys, failedKeys });
    }
    case 'transaction': {
      const req = transactionBody.parse(body);
      for (const s of req.set ?? []) {
        check.value(s.entityName, s.value);
        check.conditions(s.entityName, s.conditions);
      }
      for (const d of req.delete ?? []) {
        check.name(d.entityName);
        check.conditions(d.entityName, d.conditions);
      }
      for (const c of req.check ?? []) check.conditions(c.entityName, c.conditions);
      await store.transact({
        set: (req.set ?? []).map((s) => ({
          ns: nsFor(s.entityName),
          key: s.key,
          value: s.value,
          options: s.options,
          conditions: s.conditions,
        })),
        delete: (req.delete ?? []).map((d) => ({
          ns: nsFor(d.entityName),
          key: d.key,
          conditions: d.conditions,
        })),
        check: (req.check ?? []).map((c) => ({
          ns: nsFor(c.entityName),
          key: c.key,
          conditions: c.conditions,
        })),
      });
      return empty();
    }
    default:
      return fault(404, 'NOT_FOUND', `The local KVS has no endpoint ${path}`);
  }
}

/**
 * Answers one `@forge/kvs` request. `entities` are the app's declared custom entities (`manifest.entities`):
 * anything naming another entity is refused. Faults become Forge-shaped error bodies; anything else is a 500.
 */
export async function handleKvsRequest(
  store: KvsStore,
  path: string,
  init: RequestInit | undefined,
  entities: EntityCatalog,
): Promise<Response> {
  try {
    return await route(store, path, await readBody(init), entities);
  } catch (error) {
    if (error instanceof KvsFault) return fault(error.status, error.code, error.message);
    if (error instanceof z.ZodError || error instanceof SyntaxError) {
      return fault(400, 'BAD_REQUEST', `Provided request body is invalid: ${error.message}`);
    }
    throw error;
  }
}
