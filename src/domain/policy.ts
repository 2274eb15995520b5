// A project's Role Split settings, with the product's defaults. Stored by the app (later: the settings page);
// the CLI and a fresh install use `defaultPolicy()`. Parsed with zod so a damaged stored value never leaks in.
import { z } from 'zod';
import { DEFAULT_SEVERITY, GAP_CODES, type GapCode } from './model';

export const roleSourcesSchema = z.object({
  /** Jira project role names whose actors (users, and members of group actors) hold the role. */
  projectRoles: z.array(z.string().min(1)).default([]),
  /** Jira groups, by group id (preferred, stable) or by name. */
  groups: z
    .array(z.object({ groupId: z.string().min(1).optional(), name: z.string().min(1).optional() }))
    .default([]),
  /** Named people (Atlassian account ids). */
  accountIds: z.array(z.string().min(1)).default([]),
});
export type RoleSources = z.infer<typeof roleSourcesSchema>;

const severitySchema = z.enum(['error', 'warning']);
const ruleSchema = z.object({ enabled: z.boolean(), severity: severitySchema });
export type RuleSetting = z.infer<typeof ruleSchema>;

function defaultRules(): Record<GapCode, RuleSetting> {
  return Object.fromEntries(
    GAP_CODES.map((c) => [c, { enabled: true, severity: DEFAULT_SEVERITY[c] }]),
  ) as Record<GapCode, RuleSetting>;
}

export const policySchema = z.object({
  schema: z.literal(1).default(1),
  roles: z
    .object({
      pm: roleSourcesSchema.default({ projectRoles: ['Product Manager'], groups: [], accountIds: [] }),
      po: roleSourcesSchema.default({ projectRoles: ['Product Owner'], groups: [], accountIds: [] }),
    })
    .default({
      pm: { projectRoles: ['Product Manager'], groups: [], accountIds: [] },
      po: { projectRoles: ['Product Owner'], groups: [], accountIds: [] },
    }),
  /** Names of the level-0 issue types in scope (case-insensitive). Default: Story only. */
  executionTypes: z.array(z.string().min(1)).min(1).default(['Story']),
  /** Whether issues in the Done status category are checked. */
  includeDone: z.boolean().default(false),
  /** Days after creation during which EPIC_WITHOUT_PM, STORY_WITHOUT_PO and EPIC_WITHOUT_STORIES stay quiet. */
  graceDays: z.number().int().min(0).max(365).default(0),
  /** Per-rule switch and severity; rules missing here take the defaults. */
  rules: z
    .partialRecord(z.enum(GAP_CODES), ruleSchema)
    .default({})
    .transform((r): Record<GapCode, RuleSetting> => ({ ...defaultRules(), ...r })),
});
export type Policy = z.output<typeof policySchema>;

export function defaultPolicy(): Policy {
  return policySchema.parse({});
}

/** Parse a stored or supplied policy; unknown fields are dropped, missing ones take the defaults. */
export function parsePolicy(value: unknown): Policy {
  return policySchema.parse(value ?? {});
}
