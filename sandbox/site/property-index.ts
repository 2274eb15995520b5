// Which entity-property paths JQL can search, as in Jira: only those an app's `jira:entityProperty` module
// indexes (for issues), each by `issue.property[key].path` and, when declared, by its `searchAlias`. The site reads
// them from the repository's manifest.yml, so the JQL the app (and its users) can run here is the JQL its
// manifest makes possible in Jira. A clause on a path nobody indexes matches nothing (no error): Jira has no
// index entry to match, and its JQL validator accepts any `issue.property[...]` clause.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

export type IndexedType = 'number' | 'text' | 'string' | 'user' | 'date';

export interface IndexedPath {
  propertyKey: string;
  /** Dot-separated path in the property's JSON value, e.g. `po.accountId`. */
  path: string;
  type: IndexedType;
  searchAlias?: string;
}

const moduleSchema = z.object({
  key: z.string(),
  entityType: z.enum(['issue', 'user', 'project']).default('issue'),
  propertyKey: z.string().min(1),
  values: z.array(
    z.object({
      path: z.string().min(1),
      type: z
        .string()
        .transform((t) => t.toLowerCase())
        .pipe(z.enum(['number', 'text', 'string', 'user', 'date'])),
      searchAlias: z.string().min(1).optional(),
    }),
  ),
});

const manifestSchema = z.object({
  modules: z
    .object({ 'jira:entityProperty': z.array(moduleSchema).optional() })
    .passthrough()
    .optional(),
});

/** The issue property index a manifest declares. Throws on a manifest whose modules cannot be read. */
export function parsePropertyIndex(manifestText: string): IndexedPath[] {
  const parsed = manifestSchema.safeParse(parse(manifestText));
  if (!parsed.success)
    throw new Error(`manifest.yml: jira:entityProperty is not usable: ${parsed.error.message}`);
  return (parsed.data.modules?.['jira:entityProperty'] ?? [])
    .filter((m) => m.entityType === 'issue')
    .flatMap((m) =>
      m.values.map((v) => ({
        propertyKey: m.propertyKey,
        path: v.path,
        type: v.type,
        ...(v.searchAlias !== undefined ? { searchAlias: v.searchAlias } : {}),
      })),
    );
}

/** manifest.yml in the working directory or the nearest folder above it, if any. */
export function findManifest(from: string = process.cwd()): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'manifest.yml');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The index of the manifest found from the working directory; none (no property is searchable) without one. */
export function manifestPropertyIndex(): IndexedPath[] {
  const path = findManifest();
  return path === undefined ? [] : parsePropertyIndex(readFileSync(path, 'utf8'));
}

/** Lookups for the JQL compiler: by alias (case-insensitive, as JQL field names are) and by key + path. */
export class PropertyIndex {
  private readonly byAlias = new Map<string, IndexedPath>();
  private readonly byPath = new Map<string, IndexedPath>();

  constructor(readonly entries: readonly IndexedPath[]) {
    for (const entry of entries) {
      if (entry.searchAlias !== undefined) this.byAlias.set(entry.searchAlias.toLowerCase(), entry);
      this.byPath.set(`${entry.propertyKey}\n${entry.path}`, entry);
    }
  }

  alias(name: string): IndexedPath | undefined {
    return this.byAlias.get(name.toLowerCase());
  }

  path(propertyKey: string, path: string): IndexedPath | undefined {
    return this.byPath.get(`${propertyKey}\n${path}`);
  }
}
