// Evaluates a parsed expression of the subset against the context variables Jira gives a workflow validator.
// Semantics as Jira documents them where it does (a missing entity property is null; member access on null
// fails unless `?.`; comparing a Number to a String fails; loading entity properties is an expensive
// operation, at most 10), and refused as UnsupportedConstruct wherever the sandbox cannot be sure: `!`, `&&`,
// `||` and `? :` on anything but Booleans, a member or method it does not model.
import {
  EXPRESSION_LIMITS,
  UnsupportedConstruct,
  type Link,
  type Node,
  type Parsed,
  type Position,
} from './syntax';
import {
  MEMBERS,
  METHODS,
  VALUE_MEMBERS,
  unmodelled,
  unrecognizedProperty,
  type EntityType,
  type ValueType,
} from './types';

/** A Jira object (Issue, Project, ...): its members computed on demand. */
export class Entity {
  constructor(
    readonly type: Exclude<EntityType, 'EntityProperties'>,
    private readonly members: Record<string, () => Value>,
  ) {}

  member(name: string): Value {
    const read = this.members[name];
    if (read === undefined) throw new Error(`the sandbox models ${this.type}.${name} but gave it no value`);
    return read();
  }
}

/** An entity's properties: `properties[key]` or `properties.get(key)` is the stored JSON, null when absent. */
export class EntityPropertiesValue {
  readonly type = 'EntityProperties' as const;
  constructor(
    /** Names the owner in the expensive-operations count: "issue 10001", "project 10000". */
    readonly owner: string,
    private readonly read: (key: string) => unknown,
    private readonly allKeys: () => string[],
  ) {}

  get(key: string, meter: Meter): Value {
    meter.load(`${this.owner} property ${key}`);
    const value = this.read(key);
    return value === undefined ? null : fromJson(value);
  }

  keys(meter: Meter): Value {
    meter.load(`${this.owner} property keys`);
    return this.allKeys();
  }
}

export type JsonMap = { [key: string]: Value };
export type Value = string | number | boolean | null | Value[] | JsonMap | Entity | EntityPropertiesValue;

/** A failure Jira reports as "Evaluation failed: ...": the validator fails, the transition is refused. */
export class EvaluationError extends Error {
  constructor(
    message: string,
    readonly at: Position | null,
  ) {
    super(at ? `${message} (line ${at.line}, column ${at.column})` : message);
    this.name = 'EvaluationError';
  }
}

/** Counts expensive operations (entity property loads, each distinct one once) against Jira's limit. */
export class Meter {
  private readonly loaded = new Set<string>();

  load(what: string): void {
    this.loaded.add(what);
    if (this.loaded.size > EXPRESSION_LIMITS.maxExpensiveOperations) {
      throw new EvaluationError(
        `Expression executed too many expensive operations (${this.loaded.size}), limit: ${EXPRESSION_LIMITS.maxExpensiveOperations}`,
        null,
      );
    }
  }

  get expensiveOperations(): number {
    return this.loaded.size;
  }
}

function fromJson(value: unknown): Value {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromJson(v)]),
    );
  return null;
}

export function typeOf(value: Value): ValueType {
  if (value === null) return 'Null';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'Number';
  if (typeof value === 'boolean') return 'Boolean';
  if (Array.isArray(value)) return 'List';
  if (value instanceof Entity || value instanceof EntityPropertiesValue) return value.type;
  return 'Map';
}

function equals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a instanceof Entity || b instanceof Entity) {
    return (
      a instanceof Entity && b instanceof Entity && a.type === b.type && a.member('id') === b.member('id')
    );
  }
  if (a instanceof EntityPropertiesValue || b instanceof EntityPropertiesValue) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((v, i) => equals(v, b[i] ?? null))
    );
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length && ka.every((k) => k in b && equals(a[k] ?? null, b[k] ?? null))
    );
  }
  return false;
}

function requireBoolean(value: Value, operator: string, at: Position): boolean {
  if (typeof value === 'boolean') return value;
  throw new UnsupportedConstruct(
    `${operator} on a ${typeOf(value)} value (the sandbox applies it to Booleans only)`,
    at,
  );
}

export interface Evaluation {
  value: Value;
  expensiveOperations: number;
}

/** Evaluates `parsed` with `variables` (issue, project, user, transition ...). */
export function evaluate(parsed: Parsed, variables: Record<string, Value>): Evaluation {
  const meter = new Meter();

  const member = (target: Value, name: string, at: Position): Value => {
    if (target === null) throw new EvaluationError(`Cannot read property "${name}" of null`, at);
    const type = typeOf(target);
    if (target instanceof Entity) {
      if (name in MEMBERS[target.type]) return target.member(name);
      if (unmodelled(target.type, name)) throw new UnsupportedConstruct(`${target.type}.${name}`, at);
      throw new EvaluationError(
        unrecognizedProperty(target.type, name, Object.keys(MEMBERS[target.type])),
        at,
      );
    }
    if (target instanceof EntityPropertiesValue)
      throw new UnsupportedConstruct(`EntityProperties.${name} (use properties["${name}"])`, at);
    if (type === 'Map') return (target as JsonMap)[name] ?? null;
    if (VALUE_MEMBERS[type]?.[name] !== undefined) return (target as string | Value[]).length;
    // Strings and lists have `length` as their one property; numbers and booleans none.
    throw new EvaluationError(unrecognizedProperty(type, name, Object.keys(VALUE_MEMBERS[type] ?? {})), at);
  };

  const index = (target: Value, key: Value, at: Position): Value => {
    if (target === null)
      throw new EvaluationError(
        `Cannot read property [${typeof key === 'object' ? typeOf(key) : String(key)}] of null`,
        at,
      );
    if (target instanceof EntityPropertiesValue) {
      if (typeof key !== 'string') throw new EvaluationError('An entity property key must be a String', at);
      return target.get(key, meter);
    }
    if (target instanceof Entity) {
      if (typeof key !== 'string')
        throw new EvaluationError(`A property name of ${target.type} must be a String`, at);
      return member(target, key, at);
    }
    if (Array.isArray(target)) {
      if (typeof key !== 'number' || !Number.isInteger(key))
        throw new EvaluationError('A list index must be a whole Number', at);
      return target[key] ?? null;
    }
    if (typeOf(target) === 'Map') {
      if (typeof key !== 'string') throw new EvaluationError('A map key must be a String', at);
      return (target as JsonMap)[key] ?? null;
    }
    throw new UnsupportedConstruct(`computed member access on a ${typeOf(target)}`, at);
  };

  const method = (target: Value, name: string, args: Value[], at: Position): Value => {
    if (target === null) throw new EvaluationError(`Cannot call method "${name}" of null`, at);
    const type = typeOf(target);
    const signature = METHODS[type]?.[name];
    if (signature === undefined) throw new UnsupportedConstruct(`method ${type}.${name}()`, at);
    if (args.length !== signature.args)
      throw new EvaluationError(
        `${type}.${name}() takes ${signature.args} argument(s), ${args.length} given`,
        at,
      );
    const [first = null] = args;
    if (target instanceof EntityPropertiesValue) {
      if (name === 'keys') return target.keys(meter);
      if (typeof first !== 'string') throw new EvaluationError('An entity property key must be a String', at);
      return target.get(first, meter);
    }
    if (Array.isArray(target)) return target.some((item) => equals(item, first));
    if (typeof first !== 'string')
      throw new EvaluationError(`String.includes() takes a String, not a ${typeOf(first)}`, at);
    return (target as string).includes(first);
  };

  const chain = (base: Node, links: Link[]): Value => {
    let current = node(base);
    for (const link of links) {
      // Optional chaining short-circuits the rest of the chain, as in JavaScript.
      if (link.optional && current === null) return null;
      if (link.kind === 'member') current = member(current, link.name, link.at);
      else if (link.kind === 'index') current = index(current, node(link.index), link.at);
      else current = method(current, link.name, link.args.map(node), link.at);
    }
    return current;
  };

  const node = (n: Node): Value => {
    switch (n.type) {
      case 'literal':
        return n.value;
      case 'list':
        return n.items.map(node);
      case 'identifier': {
        const value = variables[n.name];
        if (value === undefined) throw new EvaluationError(`Unrecognized identifier: "${n.name}"`, n.at);
        return value;
      }
      case 'chain':
        return chain(n.base, n.links);
      case 'not':
        return !requireBoolean(node(n.operand), '!', n.at);
      case 'conditional':
        return requireBoolean(node(n.test), '? :', n.at) ? node(n.consequent) : node(n.alternate);
      case 'binary': {
        if (n.operator === '&&' || n.operator === '||') {
          const left = requireBoolean(node(n.left), n.operator, n.at);
          if (n.operator === '&&' ? !left : left) return left;
          return requireBoolean(node(n.right), n.operator, n.at);
        }
        const left = node(n.left);
        const right = node(n.right);
        if (n.operator === '==') return equals(left, right);
        if (n.operator === '!=') return !equals(left, right);
        if (n.operator === '+') {
          if (typeof left === 'number' && typeof right === 'number') return left + right;
          const text = (v: Value) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
          if ((typeof left === 'string' || typeof right === 'string') && text(left) && text(right))
            return String(left) + String(right);
          throw new EvaluationError(`Can't add ${typeOf(right)} to ${typeOf(left)}.`, n.at);
        }
        if (typeof left !== 'number' || typeof right !== 'number')
          throw new EvaluationError(`Can't compare ${typeOf(left)} to ${typeOf(right)}.`, n.at);
        switch (n.operator) {
          case '<':
            return left < right;
          case '<=':
            return left <= right;
          case '>':
            return left > right;
          case '>=':
            return left >= right;
        }
      }
    }
  };

  const value = node(parsed.root);
  return { value, expensiveOperations: meter.expensiveOperations };
}

/** The JSON Jira returns for a value (`POST /expression/evaluate`); a Jira object is refused, loudly. */
export function toJson(value: Value): unknown {
  if (value instanceof Entity || value instanceof EntityPropertiesValue)
    throw new UnsupportedConstruct(
      `a result that is a Jira object (${value.type}); return its fields instead`,
      null,
    );
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}
