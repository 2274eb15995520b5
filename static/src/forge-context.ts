// The one place the app reads Forge's view context. It is parsed loosely (only the fields used) because the
// host owns its shape; the app uses it for routing and presentation only, never to decide what data to show
// (the resolvers take the issue and project from their own trusted context). Pure: app.tsx fetches it.
import * as z from 'zod/mini';

/**
 * `issue-context`: the compact section on every issue; `full-view`: the same issue's full view in the bridge
 * Modal the section opens (Forge runs a modal as its opener's module, with the opener's `context` under
 * `extension.modal`); `issue-panel`: that full view as the issue panel a user adds with the app's button.
 */
export type ModuleView = 'issue-context' | 'full-view' | 'issue-panel' | 'alignment-page' | 'settings-page';

/** What the section passes as the Modal's `context`, so the modal frame knows to show the full view. */
export const FULL_VIEW_MODAL = { view: 'full' } as const;

/** Module keys from manifest.yml, a fallback for hosts that leave `extension.type` out. */
const MODULE_KEYS: Readonly<Record<string, ModuleView>> = {
  'role-split-issue-context': 'issue-context',
  'role-split-issue-panel': 'issue-panel',
  'role-split-alignment-page': 'alignment-page',
  'role-split-settings-page': 'settings-page',
};

const EXTENSION_TYPES: Readonly<Record<string, ModuleView>> = {
  'jira:issueContext': 'issue-context',
  'jira:issuePanel': 'issue-panel',
  'jira:projectPage': 'alignment-page',
  'jira:projectSettingsPage': 'settings-page',
};

const contextSchema = z.object({
  moduleKey: z.optional(z.string()),
  siteUrl: z.optional(z.string()),
  locale: z.optional(z.string()),
  timezone: z.optional(z.string()),
  theme: z.nullish(z.object({ colorMode: z.optional(z.string()) })),
  extension: z.optional(
    z.looseObject({
      type: z.optional(z.string()),
      modal: z.optional(z.unknown()),
    }),
  ),
});

function isFullViewModal(modal: unknown): boolean {
  return typeof modal === 'object' && modal !== null && (modal as { view?: unknown }).view === 'full';
}

export interface AppContext {
  module: ModuleView | null;
  /** Base URL of the Jira site, for `href`s; navigation itself goes through the router. */
  siteUrl: string | null;
  locale: string;
  timeZone: string | undefined;
  colorMode: 'light' | 'dark' | null;
}

function supportedLocale(locale: string | undefined): string {
  // Forge sends e.g. "en-US" or "en_US"; Intl wants BCP 47 and throws on anything it cannot read.
  const candidate = (locale ?? '').replace('_', '-');
  try {
    return Intl.getCanonicalLocales(candidate)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

function supportedTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

export function readContext(raw: unknown): AppContext {
  const parsed = contextSchema.safeParse(raw);
  const context = parsed.success ? parsed.data : {};
  const type = context.extension?.type;
  const colorMode = context.theme?.colorMode;
  const module =
    (type && EXTENSION_TYPES[type]) || (context.moduleKey && MODULE_KEYS[context.moduleKey]) || null;
  return {
    // The full view in a modal, whichever issue module opened it.
    module:
      isFullViewModal(context.extension?.modal) && (module === 'issue-context' || module === 'issue-panel')
        ? 'full-view'
        : module,
    siteUrl: context.siteUrl?.replace(/\/+$/, '') || null,
    locale: supportedLocale(context.locale),
    timeZone: supportedTimeZone(context.timezone),
    colorMode: colorMode === 'dark' || colorMode === 'light' ? colorMode : null,
  };
}
