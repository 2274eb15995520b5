// manifest.yml as the host reads it: which UI modules to place in the shell, which resource each serves,
// which function answers each module's bridge calls, and the back-end modules (product-event triggers,
// queue consumers, scheduled triggers). Nothing is hard-coded, so a module added to the manifest plugs in.
// Parsed loosely with zod: the official schema check lives in the manifest test, the host only needs
// these fields and ignores the rest.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseDisplayConditions, type DisplayCondition } from './display-conditions';
import { parseEntities, type EntityCatalog } from './entities';

/** UI module types the shell knows how to place, and where. */
export const UI_MODULE_TYPES = [
  'jira:issuePanel',
  'jira:issueContext',
  'jira:projectPage',
  'jira:projectSettingsPage',
] as const;
export type UiModuleType = (typeof UI_MODULE_TYPES)[number];

export interface UiModule {
  type: UiModuleType;
  key: string;
  title: string;
  resource: string;
  /** The function key of the module's resolver, if it has one. */
  resolverFunction: string | null;
  /** `resource:<key>;<path>` icons as a resource key and path. */
  icon: { resource: string; path: string } | null;
  /** `jira:issueContext`: the label on its collapsed header (manifest `label`). */
  label: string | null;
  /** `jira:issueContext`: the manifest's static `status`, shown next to the label. */
  status: ModuleStatus | null;
  /** `jira:issueContext`: `dynamicProperties.function`, asked for title, label and status on every render. */
  dynamicPropertiesFunction: string | null;
  /** `displayConditions`: where the module is placed (null: everywhere it fits). */
  displayConditions: DisplayCondition | null;
}

/** The `status` an issue context shows on its header (Forge's manifest schema: badge, lozenge or icon). */
export const moduleStatus = z.object({
  type: z.enum(['badge', 'lozenge', 'icon']),
  value: z.object({
    label: z.string().min(1).max(255),
    type: z.enum(['default', 'inprogress', 'moved', 'new', 'removed', 'success']).optional(),
    url: z.string().optional(),
  }),
});
export type ModuleStatus = z.output<typeof moduleStatus>;

export interface FunctionDef {
  key: string;
  /** `file.export`, the file relative to src/ without extension (Forge's convention). */
  file: string;
  exportName: string;
  /** `timeoutSeconds` of the function module, when set (queue consumers and scheduled triggers). */
  timeoutSeconds: number | null;
}

export interface TriggerDef {
  key: string;
  events: string[];
  functionKey: string;
  ignoreSelf: boolean;
  /** A Jira expression filter; the host cannot evaluate it and says so once. */
  expression: string | null;
}

export interface ConsumerDef {
  key: string;
  queue: string;
  /** `function`: called as `(event, context)`; `resolver`: called like a resolver with `method` as key. */
  target:
    { kind: 'function'; functionKey: string } | { kind: 'resolver'; functionKey: string; method: string };
}

export interface ScheduledTriggerDef {
  key: string;
  functionKey: string;
  interval: string;
}

export interface AppManifest {
  appId: string;
  uiModules: UiModule[];
  functions: Map<string, FunctionDef>;
  resources: Map<string, string>;
  triggers: TriggerDef[];
  consumers: ConsumerDef[];
  scheduledTriggers: ScheduledTriggerDef[];
  /** `permissions.content` / `permissions.external`, for the Custom UI's content security policy. */
  content: { scripts: string[]; styles: string[] };
  external: Record<string, unknown>;
  /** `app.storage.entities`: the custom entities the local KVS accepts, and their indexes. */
  entities: EntityCatalog;
  /** Scopes declared with `allowImpersonation: true` (scopes as a map): offline `asUser(accountId)` needs one. */
  impersonationScopes: string[];
}

const title = z.union([z.string(), z.object({ i18n: z.string() }).transform((t) => t.i18n)]).optional();
const uiModule = z.looseObject({
  key: z.string(),
  resource: z.string().optional(),
  resolver: z.looseObject({ function: z.string().optional() }).optional(),
  title,
  icon: z.string().optional(),
  label: title,
  status: moduleStatus.optional(),
  dynamicProperties: z.looseObject({ function: z.string() }).optional(),
  displayConditions: z.unknown().optional(),
});

function resourceIcon(icon: string | undefined): UiModule['icon'] {
  const match = icon ? /^resource:([^;]+);(.+)$/.exec(icon) : null;
  return match?.[1] && match[2] ? { resource: match[1], path: match[2] } : null;
}
const functionModule = z.looseObject({
  key: z.string(),
  handler: z.string().regex(/^[^.]+(\/[^.]+)*\.[A-Za-z_$][\w$]*$/),
  timeoutSeconds: z.number().int().positive().optional(),
});
const triggerModule = z.looseObject({
  key: z.string(),
  function: z.string(),
  events: z.array(z.union([z.string(), z.looseObject({ name: z.string() }).transform((e) => e.name)])),
  filter: z.looseObject({ ignoreSelf: z.boolean().optional(), expression: z.string().optional() }).optional(),
});
const consumerModule = z.looseObject({
  key: z.string(),
  queue: z.string(),
  function: z.string().optional(),
  resolver: z.looseObject({ function: z.string(), method: z.string() }).optional(),
});
const scheduledModule = z.looseObject({ key: z.string(), function: z.string(), interval: z.string() });

const manifestSchema = z.looseObject({
  app: z.looseObject({
    id: z.string(),
    storage: z.looseObject({ entities: z.unknown().optional() }).optional(),
  }),
  modules: z.record(z.string(), z.array(z.unknown())).default({}),
  resources: z.array(z.looseObject({ key: z.string(), path: z.string() })).default([]),
  permissions: z
    .looseObject({
      content: z
        .looseObject({ scripts: z.array(z.string()).default([]), styles: z.array(z.string()).default([]) })
        .optional(),
      external: z.record(z.string(), z.unknown()).optional(),
      // A list of scope names, or a map of scope name to `{ allowImpersonation }`.
      scopes: z
        .union([
          z.array(z.string()),
          z.record(z.string(), z.looseObject({ allowImpersonation: z.boolean().optional() }).nullable()),
        ])
        .optional(),
    })
    .optional(),
});

function modulesOf<T extends z.ZodType>(
  modules: Record<string, unknown[]>,
  type: string,
  schema: T,
): Array<z.output<T>> {
  return (modules[type] ?? []).map((m, i) => {
    const parsed = schema.safeParse(m);
    if (!parsed.success)
      throw new Error(`manifest.yml: modules.${type}[${i}] is not usable: ${parsed.error.message}`);
    return parsed.data;
  });
}

export function parseManifest(text: string): AppManifest {
  const raw = manifestSchema.parse(parse(text));
  const functions = new Map<string, FunctionDef>();
  for (const f of modulesOf(raw.modules, 'function', functionModule)) {
    const dot = f.handler.lastIndexOf('.');
    functions.set(f.key, {
      key: f.key,
      file: f.handler.slice(0, dot),
      exportName: f.handler.slice(dot + 1),
      timeoutSeconds: f.timeoutSeconds ?? null,
    });
  }
  const uiModules: UiModule[] = UI_MODULE_TYPES.flatMap((type) =>
    modulesOf(raw.modules, type, uiModule).map((m) => ({
      type,
      key: m.key,
      title: m.title ?? m.key,
      resource: m.resource ?? '',
      resolverFunction: m.resolver?.function ?? null,
      icon: resourceIcon(m.icon),
      label: m.label ?? null,
      status: m.status ?? null,
      dynamicPropertiesFunction: m.dynamicProperties?.function ?? null,
      displayConditions:
        m.displayConditions === undefined
          ? null
          : parseDisplayConditions(m.displayConditions, `modules.${type} ${m.key} displayConditions`),
    })),
  );
  const needs = (where: string, key: string | null) => {
    if (key !== null && !functions.has(key))
      throw new Error(`manifest.yml: ${where} names function ${key}, which is not declared`);
  };
  uiModules.forEach((m) => needs(m.key, m.resolverFunction));
  uiModules.forEach((m) => needs(`${m.key} dynamicProperties`, m.dynamicPropertiesFunction));
  const triggers = modulesOf(raw.modules, 'trigger', triggerModule).map((t) => ({
    key: t.key,
    events: t.events,
    functionKey: t.function,
    ignoreSelf: t.filter?.ignoreSelf ?? false,
    expression: t.filter?.expression ?? null,
  }));
  triggers.forEach((t) => needs(t.key, t.functionKey));
  const consumers: ConsumerDef[] = modulesOf(raw.modules, 'consumer', consumerModule).map((c) => {
    if (c.resolver) {
      return {
        key: c.key,
        queue: c.queue,
        target: { kind: 'resolver', functionKey: c.resolver.function, method: c.resolver.method },
      };
    }
    if (!c.function) throw new Error(`manifest.yml: consumer ${c.key} has neither function nor resolver`);
    return { key: c.key, queue: c.queue, target: { kind: 'function', functionKey: c.function } };
  });
  consumers.forEach((c) => needs(c.key, c.target.functionKey));
  const scheduledTriggers = modulesOf(raw.modules, 'scheduledTrigger', scheduledModule).map((s) => ({
    key: s.key,
    functionKey: s.function,
    interval: s.interval,
  }));
  scheduledTriggers.forEach((s) => needs(s.key, s.functionKey));
  return {
    appId: raw.app.id,
    uiModules,
    functions,
    resources: new Map(raw.resources.map((r) => [r.key, r.path])),
    triggers,
    consumers,
    scheduledTriggers,
    content: {
      scripts: raw.permissions?.content?.scripts ?? [],
      styles: raw.permissions?.content?.styles ?? [],
    },
    external: raw.permissions?.external ?? {},
    entities: parseEntities(raw.app.storage?.entities),
    impersonationScopes: impersonationScopesOf(raw.permissions?.scopes),
  };
}

function impersonationScopesOf(
  scopes: string[] | Record<string, { allowImpersonation?: boolean } | null> | undefined,
): string[] {
  if (!scopes || Array.isArray(scopes)) return [];
  return Object.entries(scopes)
    .filter(([, options]) => options?.allowImpersonation === true)
    .map(([scope]) => scope);
}

export function loadManifest(path: string): AppManifest {
  return parseManifest(readFileSync(path, 'utf8'));
}
