// The local stand-in for Forge's key-value store: plain keys, secrets and custom-entity keys, each in its own
// namespace, with Forge's documented limits (key pattern and length, 240 KiB values, 25 operations per
// transaction, query pages of at most 100, begins-with on the key only). Persisted to one JSON file in the
// host's data dir (atomic writes), or kept in memory when the path is null.
import { JsonFile } from './json-file';

/** A fault the KVS API reports as an HTTP status plus Forge's `{ code, message }` body. */
export class KvsFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KvsFault';
  }
}

export interface KvsEntry {
  key: string;
  value: unknown;
  /** Seconds since the epoch, as Forge reports them. */
  createdAt: number;
  updatedAt: number;
  /** Milliseconds since the epoch; absent when the entry never expires. */
  expiresAt?: number;
}

export type TtlUnit = 'SECONDS' | 'MINUTES' | 'HOURS' | 'DAYS';
export interface SetOptions {
  ttl?: { value: number; unit: TtlUnit };
  keyPolicy?: 'OVERRIDE' | 'FAIL_IF_EXISTS';
}

/** `plain` for kvs.get/set, `secret` for kvs.getSecret, otherwise a custom entity's name. */
export type Namespace = { kind: 'plain' } | { kind: 'secret' } | { kind: 'entity'; name: string };

export interface ConditionClause {
  property: string;
  condition: string;
  values: unknown[];
}
export interface Conditions {
  and?: ConditionClause[];
  or?: ConditionClause[];
}

export interface TransactionOps {
  set: Array<{ ns: Namespace; key: string; value: unknown; options?: SetOptions; conditions?: Conditions }>;
  delete: Array<{ ns: Namespace; key: string; conditions?: Conditions }>;
  check: Array<{ ns: Namespace; key: string; conditions: Conditions }>;
}

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const MAX_KEY_LENGTH = 500;
const MAX_VALUE_BYTES = 240 * 1024;
const MAX_DEPTH = 31;
const MAX_TRANSACTION_OPS = 25;
export const DEFAULT_QUERY_LIMIT = 10;
export const MAX_QUERY_LIMIT = 100;

const TTL_MS: Record<TtlUnit, number> = {
  SECONDS: 1000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
};

interface StoredFile {
  version: 1;
  namespaces: Record<string, KvsEntry[]>;
}

function nsId(ns: Namespace): string {
  return ns.kind === 'entity' ? `entity:${ns.name}` : ns.kind;
}

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
  return 1 + children.reduce<number>((max, child) => Math.max(max, depthOf(child)), 0);
}

export function validateKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key)) {
    throw new KvsFault(
      400,
      'INVALID_KEY',
      `Invalid key ${JSON.stringify(key)}: keys are 1-${MAX_KEY_LENGTH} characters of letters, digits, ':', '.', '_', '-', '#' and spaces`,
    );
  }
}

function validateValue(value: unknown): void {
  if (value === undefined) throw new KvsFault(400, 'BAD_REQUEST', 'A value is required');
  const size = Buffer.byteLength(JSON.stringify(value));
  if (size > MAX_VALUE_BYTES) {
    throw new KvsFault(
      400,
      'VALUE_TOO_LARGE',
      `Value is ${size} bytes; Forge allows at most ${MAX_VALUE_BYTES}`,
    );
  }
  if (depthOf(value) > MAX_DEPTH) {
    throw new KvsFault(400, 'VALUE_TOO_DEEP', `Value nests deeper than Forge's limit of ${MAX_DEPTH}`);
  }
}

function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Forge's filter conditions, evaluated against an entity's attributes (used by transaction checks). */
function holds(clause: ConditionClause, value: unknown): boolean {
  const actual =
    value !== null && typeof value === 'object'
      ? (value as Record<string, unknown>)[clause.property]
      : undefined;
  const [first, second] = clause.values;
  switch (clause.condition) {
    case 'EXISTS':
      return actual !== undefined;
    case 'NOT_EXISTS':
      return actual === undefined;
    case 'EQUAL_TO':
      return actual === first;
    case 'NOT_EQUAL_TO':
      return actual !== first;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(first));
    case 'CONTAINS':
      return typeof actual === 'string'
        ? actual.includes(String(first))
        : Array.isArray(actual) && actual.includes(first);
    case 'NOT_CONTAINS':
      return !(typeof actual === 'string'
        ? actual.includes(String(first))
        : Array.isArray(actual) && actual.includes(first));
    case 'GREATER_THAN':
      return actual !== undefined && compare(actual, first) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return actual !== undefined && compare(actual, first) >= 0;
    case 'LESS_THAN':
      return actual !== undefined && compare(actual, first) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return actual !== undefined && compare(actual, first) <= 0;
    case 'BETWEEN':
      return actual !== undefined && compare(actual, first) >= 0 && compare(actual, second) <= 0;
    default:
      throw new KvsFault(400, 'BAD_REQUEST', `Unknown condition ${clause.condition}`);
  }
}

function conditionsHold(conditions: Conditions | undefined, value: unknown): boolean {
  if (!conditions) return true;
  const and = conditions.and ?? [];
  const or = conditions.or ?? [];
  return and.every((c) => holds(c, value)) && (or.length === 0 || or.some((c) => holds(c, value)));
}

export class KvsStore {
  private readonly namespaces = new Map<string, Map<string, KvsEntry>>();
  private readonly file: JsonFile<StoredFile>;

  constructor(
    path: string | null,
    private readonly now: () => number = Date.now,
  ) {
    this.file = new JsonFile(path, () => this.toJson());
    const stored = JsonFile.read(path) as StoredFile | undefined;
    if (stored?.version === 1) {
      for (const [id, entries] of Object.entries(stored.namespaces)) {
        this.namespaces.set(id, new Map(entries.map((e) => [e.key, e])));
      }
    }
  }

  get(ns: Namespace, key: string): KvsEntry | undefined {
    validateKey(key);
    return this.live(ns, key);
  }

  async set(
    ns: Namespace,
    key: string,
    value: unknown,
    options: SetOptions = {},
  ): Promise<{ previous?: KvsEntry; latest: KvsEntry }> {
    validateKey(key);
    validateValue(value);
    const previous = this.live(ns, key);
    if (options.keyPolicy === 'FAIL_IF_EXISTS' && previous) {
      throw new KvsFault(409, 'KEY_CONFLICT', `Key ${key} already exists`);
    }
    const latest = this.write(ns, key, value, options, previous);
    await this.file.save();
    return { previous, latest };
  }

  async delete(ns: Namespace, key: string): Promise<boolean> {
    validateKey(key);
    const existed = this.live(ns, key) !== undefined;
    this.bucket(ns).delete(key);
    if (existed) await this.file.save();
    return existed;
  }

  /** Keys in ascending order, optionally those beginning with `prefix`, after the cursor's key. */
  query(request: { prefix?: string; limit?: number; cursor?: string }): {
    data: KvsEntry[];
    cursor?: string;
  } {
    const limit = request.limit ?? DEFAULT_QUERY_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) {
      throw new KvsFault(400, 'BAD_REQUEST', `Query limit must be between 1 and ${MAX_QUERY_LIMIT}`);
    }
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
    const prefix = request.prefix ?? '';
    const keys = [...this.bucket({ kind: 'plain' }).keys()]
      .filter((k) => k.startsWith(prefix) && (after === undefined || k > after))
      .sort();
    const page: KvsEntry[] = [];
    let index = 0;
    for (; index < keys.length && page.length < limit; index++) {
      const entry = this.live({ kind: 'plain' }, keys[index] as string);
      if (entry) page.push(entry);
    }
    const more = keys.slice(index).some((k) => this.live({ kind: 'plain' }, k) !== undefined);
    const last = page[page.length - 1];
    return more && last ? { data: page, cursor: encodeCursor(last.key) } : { data: page };
  }

  /** Every live record of a namespace, in no particular order (custom entity queries sort them). */
  entries(ns: Namespace): KvsEntry[] {
    return [...this.bucket(ns).keys()].flatMap((key) => this.live(ns, key) ?? []);
  }

  /** All-or-nothing: every check and condition is evaluated before anything is written. */
  async transact(ops: TransactionOps): Promise<void> {
    const count = ops.set.length + ops.delete.length + ops.check.length;
    if (count === 0) throw new KvsFault(400, 'BAD_REQUEST', 'A transaction needs at least one operation');
    if (count > MAX_TRANSACTION_OPS) {
      throw new KvsFault(
        400,
        'TOO_MANY_OPERATIONS',
        `A transaction holds at most ${MAX_TRANSACTION_OPS} operations`,
      );
    }
    const touched = [...ops.set, ...ops.delete, ...ops.check].map((op) => `${nsId(op.ns)}\u0000${op.key}`);
    if (new Set(touched).size !== touched.length) {
      throw new KvsFault(400, 'BAD_REQUEST', 'A transaction may touch each key only once');
    }
    for (const op of ops.set) {
      validateKey(op.key);
      validateValue(op.value);
    }
    for (const op of [...ops.set, ...ops.delete, ...ops.check]) {
      validateKey(op.key);
      if (op.conditions && !conditionsHold(op.conditions, this.live(op.ns, op.key)?.value)) {
        throw new KvsFault(409, 'CONDITIONAL_CHECK_FAILED', `The condition on ${op.key} does not hold`);
      }
    }
    for (const op of ops.set) this.write(op.ns, op.key, op.value, op.options ?? {}, this.live(op.ns, op.key));
    for (const op of ops.delete) this.bucket(op.ns).delete(op.key);
    await this.file.save();
  }

  /** Drops everything (the sandbox's `--reset`). */
  async clear(): Promise<void> {
    this.namespaces.clear();
    await this.file.save();
  }

  flushSync(): void {
    this.file.saveNow();
  }

  private write(
    ns: Namespace,
    key: string,
    value: unknown,
    options: SetOptions,
    previous?: KvsEntry,
  ): KvsEntry {
    const nowMs = this.now();
    const seconds = Math.floor(nowMs / 1000);
    const entry: KvsEntry = {
      key,
      // A copy, so later mutation of the caller's object cannot change what is stored.
      value: structuredClone(value),
      createdAt: previous?.createdAt ?? seconds,
      updatedAt: seconds,
      ...(options.ttl ? { expiresAt: nowMs + options.ttl.value * TTL_MS[options.ttl.unit] } : {}),
    };
    this.bucket(ns).set(key, entry);
    return entry;
  }

  private live(ns: Namespace, key: string): KvsEntry | undefined {
    const entry = this.bucket(ns).get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.bucket(ns).delete(key);
      return undefined;
    }
    return entry;
  }

  private bucket(ns: Namespace): Map<string, KvsEntry> {
    const id = nsId(ns);
    let bucket = this.namespaces.get(id);
    if (!bucket) {
      bucket = new Map();
      this.namespaces.set(id, bucket);
    }
    return bucket;
  }

  private toJson(): StoredFile {
    const namespaces: Record<string, KvsEntry[]> = {};
    for (const [id, bucket] of this.namespaces) namespaces[id] = [...bucket.values()];
    return { version: 1, namespaces };
  }
}
