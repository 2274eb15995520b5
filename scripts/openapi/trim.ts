// Cuts Atlassian's Jira Cloud OpenAPI document down to the operations the repository uses.
// Kept per operation: operationId, summary, deprecated, parameters, requestBody, responses, and — for
// Forge's linter, which reads them to require scopes — `security` and `x-atlassian-oauth2-scopes`.
// Kept besides: every component the kept operations reference, followed transitively, and the security
// schemes they name (with only the scopes they use). Dropped: descriptions (except a response's own, which
// OpenAPI requires and which says when the status is sent), examples, tags and the other `x-` annotations.
// Key order is the source document's (paths in particular: Forge's linter takes the first path that matches,
// so their order is part of the meaning); component names are sorted, so reruns give identical output.
import { z } from 'zod';

type Json = unknown;
type JsonObject = Record<string, Json>;

function isRecord(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const documentSchema = z
  .object({
    openapi: z.string(),
    info: z.object({ title: z.string(), version: z.string() }).loose(),
    servers: z.array(z.unknown()).optional(),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    components: z
      .object({
        schemas: z.record(z.string(), z.unknown()).optional(),
        securitySchemes: z.record(z.string(), z.unknown()).optional(),
      })
      .loose()
      .optional(),
  })
  .loose();
export type OpenApiDocument = z.infer<typeof documentSchema>;

export function parseDocument(json: Json): OpenApiDocument {
  return documentSchema.parse(json);
}

const OPERATION_KEYS = [
  'operationId',
  'summary',
  'deprecated',
  'parameters',
  'requestBody',
  'responses',
  'security',
  'x-atlassian-oauth2-scopes',
];
/** Keywords dropped wherever they are keywords (never where they name a property). */
const DROPPED = new Set(['description', 'example', 'examples', 'externalDocs']);
/** Objects whose keys are names chosen by the document's authors, not keywords. */
const NAME_MAPS = new Set(['properties', 'patternProperties', 'responses', 'content', 'schemas']);
/** Values copied as they are: data, not schema. */
const VERBATIM = new Set(['default', 'enum', 'const', 'security', 'x-atlassian-oauth2-scopes']);

function strip(value: Json, parentKey: string | undefined): Json {
  if (Array.isArray(value)) return value.map((item) => strip(item, undefined));
  if (!isRecord(value)) return value;
  const out: JsonObject = {};
  for (const [key, sub] of Object.entries(value)) {
    if (parentKey !== undefined && NAME_MAPS.has(parentKey)) {
      // `key` is a name (a property, a status code, a media type); its value is a schema/response/media.
      out[key] = strip(sub, parentKey === 'responses' ? 'response' : undefined);
    } else if (VERBATIM.has(key)) {
      out[key] = sub;
    } else if (DROPPED.has(key) && !(key === 'description' && parentKey === 'response')) {
      continue;
    } else if (key.startsWith('x-')) {
      continue;
    } else {
      out[key] = strip(sub, key);
    }
  }
  return out;
}

function trimOperation(operation: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(operation)) {
    if (!OPERATION_KEYS.includes(key)) continue;
    out[key] = key === 'responses' ? strip(operation[key], 'responses') : strip(operation[key], key);
  }
  return out;
}

const COMPONENT_REF = /^#\/components\/([^/]+)\/([^/]+)$/;

function collectRefs(value: Json, found: (kind: string, name: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, found);
  } else if (isRecord(value)) {
    for (const [key, sub] of Object.entries(value)) {
      const ref = key === '$ref' && typeof sub === 'string' ? COMPONENT_REF.exec(sub) : null;
      if (ref) found(decodeURIComponent(ref[1] ?? ''), decodeURIComponent(ref[2] ?? ''));
      else collectRefs(sub, found);
      // A discriminator's mapping names schemas by plain string, not `$ref`.
      if (key === 'discriminator' && isRecord(sub) && isRecord(sub.mapping)) {
        for (const target of Object.values(sub.mapping)) collectRefs({ $ref: target }, found);
      }
    }
  }
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface TrimResult {
  document: JsonObject;
  operations: number;
  components: number;
}

/**
 * The document with only `keep` (template -> methods, lower case), the components they reach and the
 * security schemes they name. `note` goes into `info` so a reader knows where the file came from.
 */
export function trimDocument(
  source: OpenApiDocument,
  keep: ReadonlyMap<string, ReadonlySet<string>>,
  note: string,
): TrimResult {
  const paths: JsonObject = {};
  let operations = 0;
  for (const [template, item] of Object.entries(source.paths)) {
    const methods = keep.get(template);
    if (!methods) continue;
    const kept: JsonObject = {};
    for (const [key, value] of Object.entries(item)) {
      if (key === 'parameters') kept[key] = strip(value, key);
      else if (methods.has(key) && isRecord(value)) {
        kept[key] = trimOperation(value);
        operations += 1;
      }
    }
    paths[template] = kept;
  }

  // Components reached from the kept operations, followed through each component found.
  const sourceComponents: JsonObject = source.components ?? {};
  const reached = new Map<string, Set<string>>();
  const queue: Array<[string, string]> = [];
  const found = (kind: string, name: string) => {
    const names = reached.get(kind) ?? new Set<string>();
    reached.set(kind, names);
    if (names.has(name)) return;
    names.add(name);
    queue.push([kind, name]);
  };
  collectRefs(paths, found);
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [kind, name] = next;
    const group = sourceComponents[kind];
    const component = isRecord(group) ? group[name] : undefined;
    if (component === undefined) throw new Error(`unresolved reference #/components/${kind}/${name}`);
    collectRefs(component, found);
  }
  const components: JsonObject = {};
  for (const kind of [...reached.keys()].sort(byName)) {
    const group = sourceComponents[kind];
    if (!isRecord(group)) continue;
    components[kind] = Object.fromEntries(
      [...(reached.get(kind) ?? [])]
        .sort(byName)
        .map((name) => [name, strip(group[name], kind === 'responses' ? 'response' : undefined)]),
    );
  }
  const securitySchemes = keptSecuritySchemes(paths, source.components?.securitySchemes ?? {});
  if (Object.keys(securitySchemes).length > 0) components.securitySchemes = securitySchemes;

  const document: JsonObject = {
    openapi: source.openapi,
    info: { title: source.info.title, version: source.info.version, 'x-trimmed': note },
    ...(source.servers ? { servers: source.servers } : {}),
    paths,
    components,
  };
  const componentCount = [...reached.values()].reduce((n, names) => n + names.size, 0);
  return { document, operations, components: componentCount };
}

/** The security schemes the kept operations name; an OAuth2 scheme lists only the scopes they use. */
function keptSecuritySchemes(paths: JsonObject, schemes: Record<string, Json>): JsonObject {
  const used = new Map<string, Set<string>>();
  for (const item of Object.values(paths)) {
    if (!isRecord(item)) continue;
    for (const operation of Object.values(item)) {
      const security = isRecord(operation) ? operation.security : undefined;
      if (!Array.isArray(security)) continue;
      for (const requirement of security) {
        if (!isRecord(requirement)) continue;
        for (const [scheme, scopes] of Object.entries(requirement)) {
          const set = used.get(scheme) ?? new Set<string>();
          used.set(scheme, set);
          if (Array.isArray(scopes)) for (const s of scopes) if (typeof s === 'string') set.add(s);
        }
      }
    }
  }
  const out: JsonObject = {};
  for (const name of [...used.keys()].sort(byName)) {
    const scheme = schemes[name];
    if (!isRecord(scheme)) continue;
    const stripped = strip(scheme, undefined);
    if (isRecord(stripped) && isRecord(stripped.flows)) {
      const scopes = [...(used.get(name) ?? [])].sort(byName);
      for (const flow of Object.values(stripped.flows)) {
        if (isRecord(flow) && isRecord(flow.scopes)) {
          const all = flow.scopes;
          flow.scopes = Object.fromEntries(scopes.filter((s) => s in all).map((s) => [s, all[s]]));
        }
      }
    }
    out[name] = stripped;
  }
  return out;
}
