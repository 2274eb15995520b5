// The settings page's contract (issue 11, `jira:projectSettingsPage`): what its resolvers take and return. The
// page edits the whole policy, which lives in the `role-split-policy` project property (src/app/policy-store.ts)
// so the app, the CLI and Jira expressions read one value. Only project admins (Administer Projects) and Jira
// admins (Administer Jira) may read or save it here; the resolver checks as the user and refuses anyone else with
// FORBIDDEN. The project always comes from the Forge context.
import { z } from 'zod';
import { GAP_CODES, type GapCode } from '../domain/model';
import type { ScanStatusView } from './alignment';
import type { PersonView } from './views';

const accountId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9:_-]+$/, 'not an account id');

/** Where a role's people come from; a person holds the role when any source names them. */
export const roleSourcesInputSchema = z
  .object({
    /** Jira project role names (their user actors and the members of their group actors). */
    projectRoles: z.array(z.string().trim().min(1).max(255)).max(20),
    /** Jira groups; `groupId` is stable and preferred, `name` is what the page shows. */
    groups: z
      .array(
        z
          .object({ groupId: z.string().min(1).max(255).optional(), name: z.string().min(1).max(255) })
          .strict(),
      )
      .max(20),
    /** Named people. */
    accountIds: z.array(accountId).max(50),
  })
  .strict();
export type RoleSourcesInput = z.infer<typeof roleSourcesInputSchema>;

const ruleSettingSchema = z.object({ enabled: z.boolean(), severity: z.enum(['error', 'warning']) }).strict();

/**
 * The editable policy (everything but `enabled`, which the Alignment page switches). Saved whole: the backend
 * merges it into the stored property, keeping every field it does not know.
 */
export const policyInputSchema = z
  .object({
    roles: z.object({ pm: roleSourcesInputSchema, po: roleSourcesInputSchema }).strict(),
    /** Names of the project's level-0 issue types in scope (at least one). */
    executionTypes: z.array(z.string().trim().min(1).max(255)).min(1).max(20),
    includeDone: z.boolean(),
    graceDays: z.number().int().min(0).max(365),
    rules: z.record(z.enum(GAP_CODES), ruleSettingSchema),
  })
  .strict();
export type PolicyInput = z.infer<typeof policyInputSchema>;

export const settingsPayloads = {
  'settings/get': z.object({}).strict(),
  'settings/save': z.object({ policy: policyInputSchema }).strict(),
  /** Groups whose name contains `query` (Jira's group picker, as the user), for the role sources. */
  'settings/search-groups': z.object({ query: z.string().trim().max(100) }).strict(),
  /** People whose name or email starts with `query` (Jira's user search, as the user), for named people. */
  'settings/search-people': z.object({ query: z.string().trim().min(1).max(100) }).strict(),
} as const;

/** Why the page suggests a way of naming the roles' people. */
export type RolesOnboarding =
  /** Every project role the policy names exists here. */
  | { kind: 'ok' }
  /** Some named roles do not exist; a Jira admin can create them (Settings > System > Project roles). */
  | { kind: 'create-roles'; missing: Array<{ role: 'pm' | 'po'; name: string }> }
  /**
   * Roles cannot be added here: the site is on Jira Free (no custom project roles) or the project is
   * team-managed (its roles are its own, fixed set). The form then starts from groups or named people.
   */
  | {
      kind: 'roles-unavailable';
      reason: 'free-plan' | 'team-managed';
      missing: Array<{ role: 'pm' | 'po'; name: string }>;
    };

export interface ScanFailureView {
  at: string;
  code: string;
  message: string;
}

export interface SettingsView {
  project: { id: string; key: string; name: string; style: 'company-managed' | 'team-managed' };
  /** `role-split-policy`'s `enabled` (switched on the Alignment page). */
  enabled: boolean;
  /** The effective policy, in the form the page edits (defaults filled in). */
  policy: PolicyInput;
  /** 'default': no property (or one with `enabled` only) - the defaults apply; 'unreadable': see `problem`. */
  source: 'stored' | 'default' | 'unreadable';
  /** Why the stored value was not used (it does not parse): the defaults apply until it is saved again. */
  problem: string | null;
  /** The project's own issue types (what the scope choice offers: level 0 only, sub-tasks never). */
  issueTypes: Array<{ id: string; name: string; hierarchyLevel: number }>;
  /** The project roles that exist in this project. */
  projectRoles: Array<{ id: number; name: string }>;
  onboarding: RolesOnboarding;
  /** Jira's plan for Jira Software / Work Management, from `GET /rest/api/3/instance/license`. */
  plan: 'FREE' | 'PAID' | 'UNLICENSED' | 'unknown';
  /** Display names for the named people and groups the policy holds (unknown accounts: displayName null). */
  people: PersonView[];
  health: {
    lastScan: ScanStatusView | null;
    currentScan: ScanStatusView | null;
    /** The last few failed scans, newest first (at most 5). */
    failures: ScanFailureView[];
    /** When the settings were last saved (ISO-8601), null if never. */
    savedAt: string | null;
    /** Saved since the last scan started: the page says "settings changed — rescan pending". */
    rescanPending: boolean;
  };
}

export interface SettingsResults {
  'settings/get': SettingsView;
  'settings/save': SettingsView;
  'settings/search-groups': { groups: Array<{ groupId: string | null; name: string }> };
  'settings/search-people': { people: PersonView[] };
}

export type { GapCode };
