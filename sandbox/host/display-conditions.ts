// Forge display conditions on the issue view, evaluated as Jira does before it places a module
// (developer.atlassian.com/platform/forge/manifest-reference/display-conditions/, .../jira/ and
// .../entity-property-conditions/): `and` (also what several conditions on one level mean), `or`, `not`; the
// issue view conditions `issueKey`, `issueId`, `issueType`, `projectKey`, `projectId` (a string or a list); and
// the entity property conditions `entityPropertyExists`, `entityPropertyEqualTo`, `entityPropertyContainsAny`,
// `entityPropertyContainsAll` on the `issue` or `project` being viewed, with `objectName` paths.
// A missing property, a missing field under `objectName`, or an entity not in the context makes the condition
// false. Property values are compared as strings: primitives with String(), objects with JSON.stringify, arrays
// element by element. A condition the sandbox cannot evaluate (permissions, jiraExpression, app or user
// properties...) refuses the manifest at load, rather than showing or hiding a module by guess.
import { z } from 'zod';

export type DisplayCondition =
  | { kind: 'and' | 'or'; parts: DisplayCondition[] }
  | { kind: 'not'; part: DisplayCondition }
  | { kind: 'context'; field: ContextField; values: string[] }
  | {
      kind: 'property';
      test: 'exists' | 'equalTo' | 'containsAny' | 'containsAll';
      entity: PropertyEntity;
      propertyKey: string;
      objectName: string | null;
      values: string[];
    };

const CONTEXT_FIELDS = ['issueKey', 'issueId', 'issueType', 'projectKey', 'projectId'] as const;
type ContextField = (typeof CONTEXT_FIELDS)[number];
const PROPERTY_TESTS = {
  entityPropertyExists: 'exists',
  entityPropertyEqualTo: 'equalTo',
  entityPropertyContainsAny: 'containsAny',
  entityPropertyContainsAll: 'containsAll',
} as const;
const PROPERTY_ENTITIES = ['issue', 'project'] as const;
type PropertyEntity = (typeof PROPERTY_ENTITIES)[number];

/** What the issue view knows when it places a module, and how to read an entity property as the viewer. */
export interface DisplayFacts {
  issue: { id: string; key: string; type: string };
  project: { id: string; key: string };
  /** The property's value, or undefined when the entity has no such property (or the viewer cannot read it). */
  property(entity: PropertyEntity, key: string): Promise<unknown>;
}

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const stringOrList = z.union([scalar.transform((v) => [v]), z.array(scalar)]);
const propertyCondition = z.strictObject({
  entity: z.string(),
  propertyKey: z.string().min(1),
  value: stringOrList.optional(),
  objectName: z.string().min(1).optional(),
});

function parseEntry(name: string, raw: unknown, where: string): DisplayCondition {
  if (name === 'and' || name === 'or') {
    // Jira takes an object whose entries the operator joins; Confluence also a list of property conditions.
    const parts = Array.isArray(raw)
      ? raw.map((item, i) => parseDisplayConditions(item, `${where}.${name}[${i}]`))
      : entriesOf(raw, `${where}.${name}`);
    return { kind: name, parts };
  }
  if (name === 'not') return { kind: 'not', part: parseDisplayConditions(raw, `${where}.not`) };
  if ((CONTEXT_FIELDS as readonly string[]).includes(name)) {
    const values = stringOrList.safeParse(raw);
    if (!values.success)
      throw new Error(`manifest.yml: ${where}.${name} must be a string or a list of strings`);
    return { kind: 'context', field: name as ContextField, values: values.data };
  }
  if (name in PROPERTY_TESTS) {
    const test = PROPERTY_TESTS[name as keyof typeof PROPERTY_TESTS];
    const parsed = propertyCondition.safeParse(raw);
    if (!parsed.success) throw new Error(`manifest.yml: ${where}.${name}: ${parsed.error.message}`);
    const { entity, propertyKey, value, objectName } = parsed.data;
    if (!(PROPERTY_ENTITIES as readonly string[]).includes(entity)) {
      throw new Error(
        `manifest.yml: ${where}.${name}: the sandbox evaluates property conditions on issue and project only, not ${entity}`,
      );
    }
    if (test !== 'exists' && value === undefined)
      throw new Error(`manifest.yml: ${where}.${name} needs a value`);
    return {
      kind: 'property',
      test,
      entity: entity as PropertyEntity,
      propertyKey,
      objectName: objectName ?? null,
      values: value ?? [],
    };
  }
  throw new Error(
    `manifest.yml: ${where}.${name} is a display condition the sandbox cannot evaluate; it knows and, or, not, ${CONTEXT_FIELDS.join(', ')} and ${Object.keys(PROPERTY_TESTS).join(', ')}`,
  );
}

function entriesOf(raw: unknown, where: string): DisplayCondition[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error(`manifest.yml: ${where} must be an object of conditions`);
  }
  return Object.entries(raw as Record<string, unknown>).map(([name, value]) =>
    parseEntry(name, value, where),
  );
}

/** A module's `displayConditions`; several conditions on one level are all required (Forge's `and`). */
export function parseDisplayConditions(raw: unknown, where: string): DisplayCondition {
  const parts = entriesOf(raw, where);
  const [only] = parts;
  return parts.length === 1 && only ? only : { kind: 'and', parts };
}

const MISSING = Symbol('missing');

function fieldAt(value: unknown, path: string | null): unknown {
  if (path === null) return value;
  let current: unknown = value;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return MISSING;
    if (!Object.prototype.hasOwnProperty.call(current, step)) return MISSING;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

function asString(value: unknown): string {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}

async function holds(condition: DisplayCondition, facts: DisplayFacts): Promise<boolean> {
  switch (condition.kind) {
    case 'and':
      for (const part of condition.parts) if (!(await holds(part, facts))) return false;
      return true;
    case 'or':
      for (const part of condition.parts) if (await holds(part, facts)) return true;
      return false;
    case 'not':
      return !(await holds(condition.part, facts));
    case 'context': {
      const actual = {
        issueKey: facts.issue.key,
        issueId: facts.issue.id,
        issueType: facts.issue.type,
        projectKey: facts.project.key,
        projectId: facts.project.id,
      }[condition.field];
      return condition.values.includes(actual);
    }
    case 'property': {
      const value = await facts.property(condition.entity, condition.propertyKey);
      if (value === undefined) return false;
      const field = fieldAt(value, condition.objectName);
      if (field === MISSING) return false;
      if (condition.test === 'exists') return true;
      if (condition.test === 'equalTo') {
        return !Array.isArray(field) && condition.values.some((v) => v === asString(field));
      }
      const items = (Array.isArray(field) ? field : [field]).map(asString);
      return condition.test === 'containsAny'
        ? condition.values.some((v) => items.includes(v))
        : condition.values.every((v) => items.includes(v));
    }
  }
}

/** Whether a module with these conditions (null: none) is placed for these facts. */
export function isDisplayed(condition: DisplayCondition | null, facts: DisplayFacts): Promise<boolean> {
  return condition === null ? Promise.resolve(true) : holds(condition, facts);
}
