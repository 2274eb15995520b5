// Contract checks against Atlassian's Jira Cloud platform OpenAPI document, for tests.
//
// The document is the repository's trimmed copy, openapi/jira-platform.trimmed.json: the operations the code
// uses and the schemas they reference, cut from Atlassian's full document by `npm run openapi:trim -- PATH`
// (scripts/openapi-trim.mts). It is always there, so these checks never skip; an operation the copy lacks
// reads as undocumented (test/contract/openapi-coverage.test.ts makes sure src/ uses none such):
//
//   import { validateResponse } from '../support/openapi';
//   describe('my site answers as Jira does', () => {
//     it('GET myself', async () => {
//       const res = await fetch(`${site}/rest/api/3/myself`);
//       const check = validateResponse({ method: 'GET', path: '/rest/api/3/myself', status: res.status, body: await res.json() });
//       expect(check.errors).toEqual([]);   // prints every mismatch when it fails
//     });
//   });
//
// API (all synchronous; the document is read and indexed once, compiled validators are cached):
// - findOperation(method, path)  the documented operation a concrete path hits (`/rest/api/3/issue/EX-1`
//   -> `/rest/api/3/issue/{issueIdOrKey}`); literal segments win over templated ones (`/issue/picker` is
//   not `/issue/{issueIdOrKey}`). A query string on `path` is ignored. Undefined when nothing matches.
// - validateRequest({ method, path, query?, body? })  the operation exists; path parameters match their
//   schemas; required query parameters are present, unknown ones are flagged, values match their schemas
//   (comma-separated lists are split for array parameters); the JSON body conforms to the requestBody
//   schema (and is present when required). `query` may also come from a query string on `path`.
// - validateResponse({ method, path, status, body })  `body` (parsed JSON; undefined for none) conforms to
//   the schema documented for that status (else `NXX`, else `default`); an undocumented status is an error;
//   a documented status without a JSON schema accepts any body.
// Each returns `{ valid, errors, operation }`; `errors` are readable lines, so `expect(r.errors).toEqual([])`
// shows every mismatch.
// - createOpenApiValidator(file)  the same API over another document; reading a missing file throws.
//
// How the OpenAPI 3.0 schemas are read (ajv, JSON Schema draft-07): `#/components/schemas/X` references are
// registered once as separate schemas; `nullable: true` becomes "or null"; `example`, `xml`, `discriminator`
// and `x-*` annotations are dropped; formats come from ajv-formats and any format it does not know is
// accepted; `additionalProperties` is kept as declared, so a body with fields the document does not list
// fails where the document says `false`. One deliberate exception: `JsonNode` (Jackson's Java class,
// used for free-form JSON such as entity property values) is read as "any JSON", since its published bean
// schema would reject every real value.
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { z } from 'zod';

export type HttpMethodName = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface OperationMatch {
  method: HttpMethodName;
  /** The documented path template, e.g. `/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}`. */
  template: string;
  operationId?: string;
  /** Path parameters, percent-decoded. */
  pathParams: Record<string, string>;
  /** OAuth scopes of state "Current" (the classic scopes) in `x-atlassian-oauth2-scopes`. */
  scopes: string[];
  /** OAuth scopes of state "Beta" (the granular scopes). */
  granularScopes: string[];
}

export interface ValidationResult {
  valid: boolean;
  errors: string[];
  operation?: OperationMatch;
}

export type QueryInput =
  URLSearchParams | string | Record<string, string | number | boolean | Array<string | number> | undefined>;

export interface RequestToValidate {
  method: string;
  /** Concrete path, optionally with a query string. */
  path: string;
  query?: QueryInput;
  /** Parsed JSON body; undefined when there is none. */
  body?: unknown;
}

export interface ResponseToValidate {
  method: string;
  path: string;
  status: number;
  /** Parsed JSON body; undefined when there is none. */
  body?: unknown;
}

export interface OpenApiValidator {
  readonly file: string;
  findOperation(method: string, concretePath: string): OperationMatch | undefined;
  validateRequest(request: RequestToValidate): ValidationResult;
  validateResponse(response: ResponseToValidate): ValidationResult;
}

// ---------------------------------------------------------------------------------------------------------
// Where the document is.

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const parsed = z
        .object({ name: z.string().optional() })
        .safeParse(JSON.parse(fs.readFileSync(manifest, 'utf8')));
      if (parsed.success && parsed.data.name === 'role-split') return dir;
    }
    if (path.dirname(dir) === dir) return start;
  }
}

export const repoRoot = findRepoRoot(process.cwd());
export const JIRA_PLATFORM_OPENAPI = path.join(repoRoot, 'openapi', 'jira-platform.trimmed.json');

// ---------------------------------------------------------------------------------------------------------
// The slice of the document's structure this module reads (schemas stay opaque JSON until converted).

const jsonObject = z.record(z.string(), z.unknown());
const parameterSchema = z.object({
  name: z.string(),
  in: z.string(),
  required: z.boolean().optional(),
  schema: jsonObject.optional(),
});
const mediaMap = z.record(z.string(), z.object({ schema: jsonObject.optional() }).loose());
const operationSchema = z
  .object({
    operationId: z.string().optional(),
    parameters: z.array(parameterSchema).optional(),
    requestBody: z
      .object({ required: z.boolean().optional(), content: mediaMap.optional() })
      .loose()
      .optional(),
    responses: z.record(z.string(), z.object({ content: mediaMap.optional() }).loose()).optional(),
    'x-atlassian-oauth2-scopes': z
      .array(z.object({ state: z.string().optional(), scopes: z.array(z.string()) }).loose())
      .optional(),
  })
  .loose();
type Operation = z.infer<typeof operationSchema>;
type Parameter = z.infer<typeof parameterSchema>;

const documentSchema = z.object({
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z
    .object({ schemas: z.record(z.string(), jsonObject).optional() })
    .loose()
    .optional(),
});

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

interface IndexedPath {
  template: string;
  /** Per segment: a literal string, or a regex with the names of the parameters it captures. */
  segments: Array<string | { regex: RegExp; names: string[] }>;
  operations: Partial<Record<HttpMethodName, Operation>>;
}

// ---------------------------------------------------------------------------------------------------------
// OpenAPI 3.0 schema -> JSON Schema draft-07 for ajv.

const COMPONENT_BASE = 'https://openapi.invalid/components/schemas/';
/** Component schemas read as "any JSON": see the header comment. */
const FREE_FORM_COMPONENTS = new Set(['JsonNode']);
const DROPPED_KEYWORDS = new Set(['example', 'examples', 'xml', 'discriminator', 'externalDocs', 'nullable']);
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'definitions']);
const SCHEMA_KEYWORDS = new Set(['items', 'additionalProperties', 'not', 'additionalItems', 'propertyNames']);
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function convertSchema(schema: unknown, formats: Set<string>): unknown {
  if (!isRecord(schema)) return schema; // `true` / `false` schemas
  const out: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(keyword) || keyword.startsWith('x-')) continue;
    if (keyword === '$ref' && typeof value === 'string') {
      out.$ref = value.startsWith('#/components/schemas/')
        ? COMPONENT_BASE + value.slice('#/components/schemas/'.length)
        : value;
    } else if (SCHEMA_MAP_KEYWORDS.has(keyword) && isRecord(value)) {
      out[keyword] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, convertSchema(sub, formats)]),
      );
    } else if (SCHEMA_KEYWORDS.has(keyword)) {
      out[keyword] = convertSchema(value, formats);
    } else if (SCHEMA_LIST_KEYWORDS.has(keyword) && Array.isArray(value)) {
      out[keyword] = value.map((sub) => convertSchema(sub, formats));
    } else {
      if (keyword === 'format' && typeof value === 'string') formats.add(value);
      out[keyword] = value;
    }
  }
  return schema.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

// ---------------------------------------------------------------------------------------------------------

export function createOpenApiValidator(file: string): OpenApiValidator {
  let loaded: { index: IndexedPath[]; ajv: Ajv } | undefined;
  const compiled = new Map<string, ValidateFunction>();

  function load() {
    if (loaded) return loaded;
    if (!fs.existsSync(file)) throw new Error(`OpenAPI document not found: ${file}`);
    const document = documentSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));

    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
    addFormats(ajv);
    const formats = new Set<string>();
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      const converted = FREE_FORM_COMPONENTS.has(name) ? {} : convertSchema(schema, formats);
      ajv.addSchema({ ...(converted as object), $id: COMPONENT_BASE + name });
    }

    const index: IndexedPath[] = [];
    for (const [template, item] of Object.entries(document.paths)) {
      const operations: IndexedPath['operations'] = {};
      for (const method of METHODS) {
        const raw = item[method.toLowerCase()];
        if (raw !== undefined) operations[method] = operationSchema.parse(raw);
        for (const parameter of operations[method]?.parameters ?? [])
          convertSchema(parameter.schema, formats);
      }
      index.push({ template, segments: template.split('/').map(segmentMatcher), operations });
    }
    // Lenient on formats ajv-formats does not know: accept any value.
    for (const format of formats) if (!ajv.formats[format]) ajv.addFormat(format, true);
    loaded = { index, ajv };
    return loaded;
  }

  function compile(key: string, schema: unknown): ValidateFunction {
    let validate = compiled.get(key);
    if (!validate) {
      validate = load().ajv.compile(convertSchema(schema, new Set()) as object);
      compiled.set(key, validate);
    }
    return validate;
  }

  /** The answer for a call the document has no operation for. */
  function undocumented(method: string, concretePath: string): { valid: false; errors: string[] } {
    return { valid: false, errors: [`no documented operation for ${method.toUpperCase()} ${concretePath}`] };
  }

  function match(
    method: string,
    concretePath: string,
  ): { match: OperationMatch; operation: Operation } | undefined {
    const verb = method.toUpperCase() as HttpMethodName;
    const pathOnly = concretePath.split('?')[0] ?? '';
    const segments = pathOnly.split('/');
    let best: { entry: IndexedPath; params: Record<string, string>; rank: number[] } | undefined;
    for (const entry of load().index) {
      if (entry.segments.length !== segments.length || entry.operations[verb] === undefined) continue;
      const params: Record<string, string> = {};
      const rank: number[] = [];
      let matches = true;
      for (const [i, matcher] of entry.segments.entries()) {
        const actual = segments[i] ?? '';
        if (typeof matcher === 'string') {
          if (matcher !== actual && matcher !== safeDecode(actual)) {
            matches = false;
            break;
          }
          rank.push(1);
        } else {
          const found = matcher.regex.exec(actual);
          if (!found || actual === '') {
            matches = false;
            break;
          }
          matcher.names.forEach((name, n) => (params[name] = safeDecode(found[n + 1] ?? '')));
          rank.push(0);
        }
      }
      if (matches && (best === undefined || compareRank(rank, best.rank) > 0)) best = { entry, params, rank };
    }
    if (!best) return undefined;
    const operation = best.entry.operations[verb];
    if (!operation) return undefined;
    const scopesOf = (state: string) =>
      (operation['x-atlassian-oauth2-scopes'] ?? [])
        .filter((s) => s.state === state)
        .flatMap((s) => s.scopes);
    const result: OperationMatch = {
      method: verb,
      template: best.entry.template,
      pathParams: best.params,
      scopes: scopesOf('Current'),
      granularScopes: scopesOf('Beta'),
    };
    if (operation.operationId !== undefined) result.operationId = operation.operationId;
    return { match: result, operation };
  }

  function checkParameter(where: string, parameter: Parameter, values: string[], errors: string[]): void {
    if (!parameter.schema) return;
    const isArray = parameter.schema.type === 'array';
    const itemSchema =
      isArray && isRecord(parameter.schema.items) ? parameter.schema.items : parameter.schema;
    const typed = values
      .flatMap((value) => (isArray ? value.split(',') : [value]))
      .map((v) => coerce(v, itemSchema));
    const instance = isArray ? typed : typed[0];
    const validate = compile(`param ${where} ${parameter.in} ${parameter.name}`, parameter.schema);
    if (!isArray && typed.length > 1)
      errors.push(`${parameter.in} parameter "${parameter.name}" is repeated`);
    if (!validate(instance))
      errors.push(...describe(`${parameter.in} parameter "${parameter.name}"`, validate.errors));
  }

  return {
    file,

    findOperation: (method, concretePath) => match(method, concretePath)?.match,

    validateRequest({ method, path: concretePath, query, body }) {
      const found = match(method, concretePath);
      if (!found) return undocumented(method, concretePath);
      const { match: operationMatch, operation } = found;
      const where = `${operationMatch.method} ${operationMatch.template}`;
      const errors: string[] = [];
      const parameters = operation.parameters ?? [];

      for (const parameter of parameters.filter((p) => p.in === 'path')) {
        const value = operationMatch.pathParams[parameter.name];
        if (value !== undefined) checkParameter(where, parameter, [value], errors);
      }

      const queryValues = normaliseQuery(concretePath, query);
      const documented = new Map(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
      for (const [name, parameter] of documented) {
        const values = queryValues.get(name);
        if (values === undefined) {
          if (parameter.required) errors.push(`missing required query parameter "${name}"`);
        } else {
          checkParameter(where, parameter, values, errors);
        }
      }
      for (const name of queryValues.keys()) {
        if (!documented.has(name)) errors.push(`unknown query parameter "${name}"`);
      }

      const requestBody = operation.requestBody;
      if (body === undefined) {
        if (requestBody?.required) errors.push('missing required request body');
      } else if (!requestBody) {
        errors.push('the operation takes no request body');
      } else {
        const schema = jsonSchemaOf(requestBody.content);
        if (schema !== undefined) {
          const validate = compile(`request ${where}`, schema);
          if (!validate(body)) errors.push(...describe('request body', validate.errors));
        }
      }
      return { valid: errors.length === 0, errors, operation: operationMatch };
    },

    validateResponse({ method, path: concretePath, status, body }) {
      const found = match(method, concretePath);
      if (!found) return undocumented(method, concretePath);
      const { match: operationMatch, operation } = found;
      const where = `${operationMatch.method} ${operationMatch.template}`;
      const responses = operation.responses ?? {};
      const key = [String(status), `${String(status)[0] ?? ''}XX`, 'default'].find(
        (k) => responses[k] !== undefined,
      );
      if (key === undefined) {
        return {
          valid: false,
          errors: [`status ${status} is not documented for ${where}`],
          operation: operationMatch,
        };
      }
      const schema = jsonSchemaOf(responses[key]?.content);
      if (schema === undefined) return { valid: true, errors: [], operation: operationMatch };
      const validate = compile(`response ${where} ${key}`, schema);
      const errors = validate(body) ? [] : describe(`response body (${status})`, validate.errors);
      return { valid: errors.length === 0, errors, operation: operationMatch };
    },
  };
}

function segmentMatcher(segment: string): IndexedPath['segments'][number] {
  if (!segment.includes('{')) return segment;
  const names: string[] = [];
  const source = segment
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  return { regex: new RegExp(`^${source}$`), names };
}

/** Literal segments beat templated ones, deciding at the first segment where two candidates differ. */
function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function normaliseQuery(concretePath: string, query: QueryInput | undefined): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const add = (name: string, value: string) => values.set(name, [...(values.get(name) ?? []), value]);
  const queryAt = concretePath.indexOf('?');
  if (queryAt >= 0)
    new URLSearchParams(concretePath.slice(queryAt + 1)).forEach((value, name) => add(name, value));
  if (query instanceof URLSearchParams || typeof query === 'string') {
    new URLSearchParams(query).forEach((value, name) => add(name, value));
  } else if (query !== undefined) {
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) add(name, String(item));
    }
  }
  return values;
}

/** A query/path string as the type its schema expects, so ajv checks the value rather than "is a string". */
function coerce(value: string, schema: Record<string, unknown>): unknown {
  const type = schema.type;
  if ((type === 'integer' || type === 'number') && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return Number(value);
  }
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function jsonSchemaOf(content: z.infer<typeof mediaMap> | undefined): unknown {
  if (!content) return undefined;
  return (content['application/json'] ?? content['*/*'])?.schema;
}

function describe(what: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const extra =
      error.keyword === 'additionalProperties'
        ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})`
        : error.keyword === 'enum'
          ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
          : '';
    return `${what} ${error.instancePath || '/'} ${error.message ?? error.keyword}${extra}`;
  });
}

// ---------------------------------------------------------------------------------------------------------
// The default instance, over the Jira platform document.

const platform = createOpenApiValidator(JIRA_PLATFORM_OPENAPI);

export function findOperation(method: string, concretePath: string): OperationMatch | undefined {
  return platform.findOperation(method, concretePath);
}
export function validateRequest(request: RequestToValidate): ValidationResult {
  return platform.validateRequest(request);
}
export function validateResponse(response: ResponseToValidate): ValidationResult {
  return platform.validateResponse(response);
}
