// The project's policy, kept whole in the `role-split-policy` project property (schema 1), so the app, the CLI
// and Jira expressions read one value. Missing fields take the defaults (src/domain/policy.ts); a value that
// does not parse gives the defaults and one sentence naming the field, which the settings page shows — never a
// thrown error in the middle of a scan. `enabled` is read on its own, loosely (enablement.ts), so a damaged rule
// never switches the project off. Every write merges into the stored value and keeps the fields it does not
// know (the notifications issue adds its own) and `enabled`, which the Alignment page switches.
import type { z } from 'zod';
import type { PolicyInput, RoleSourcesInput } from '../contract/settings';
import { GAP_CODES } from '../domain/model';
import { parsePolicy, policySchema, type Policy, type RoleSources } from '../domain/policy';
import { JiraError } from '../jira/errors';
import type { JiraClient } from '../jira/types';
import { POLICY_PROPERTY_KEY, enabledOf } from './enablement';
import { AppError } from './errors';
import { FreshCache } from './fresh-cache';
import type { Clock, KeyValueStore } from './ports';

export { POLICY_PROPERTY_KEY };

/** The fields of the property that make up the policy (besides `schema`, `enabled` and the save stamp). */
const POLICY_FIELDS = ['roles', 'executionTypes', 'includeDone', 'graceDays', 'rules'] as const;

export interface PolicyRead {
  /** The effective policy: the stored one, or the defaults when there is none or it does not parse. */
  policy: Policy;
  /** Whether Role Split is on for the project (read loosely, apart from the rest). */
  enabled: boolean;
  /** 'default': no property, or one without any policy field; 'unreadable': see `problem`. */
  source: 'stored' | 'default' | 'unreadable';
  /** Why the stored value was not used, in one sentence naming the field; null unless unreadable. */
  problem: string | null;
  /** When the settings were last saved (ISO-8601), null if never. */
  savedAt: string | null;
  /** The stored value as Jira returned it (undefined when there is none). */
  raw: unknown;
}

/** Jira's limit on an entity property's value (its JSON text). */
export const MAX_PROPERTY_LENGTH = 32_768;

/** What each field must hold, for the sentence a damaged value gets. */
const EXPECTED: Record<(typeof POLICY_FIELDS)[number], string> = {
  roles: 'for pm and po, lists of project role names, groups and account ids',
  executionTypes: 'a list of at least one issue type name',
  includeDone: 'true or false',
  graceDays: 'a whole number of days from 0 to 365',
  rules: 'for each gap code, enabled (true or false) and severity ("error" or "warning")',
};

const AFTER_PROBLEM = 'the defaults apply until a project admin saves the settings again.';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problemOf(issues: z.core.$ZodIssue[]): string {
  const first = issues[0];
  const path = (first?.path ?? []).map(String);
  const field = (path[0] ?? 'policy') as (typeof POLICY_FIELDS)[number];
  const expected = EXPECTED[field] ?? 'a valid value';
  return `The stored setting "${path.join('.') || 'policy'}" is not valid (expected ${expected}): ${AFTER_PROBLEM}`;
}

/** Rule codes this version does not know are left out of the parse (a newer version may have written them). */
function knownRules(rules: unknown): unknown {
  if (!isPlainObject(rules)) return rules;
  const known: readonly string[] = GAP_CODES;
  return Object.fromEntries(Object.entries(rules).filter(([code]) => known.includes(code)));
}

/** Reads a stored property value (pure: the CLI and the app interpret it the same way). */
export function interpretPolicy(raw: unknown): PolicyRead {
  const { enabled } = enabledOf(raw);
  const savedAt = isPlainObject(raw) && typeof raw.savedAt === 'string' ? raw.savedAt : null;
  const base = { enabled, savedAt, raw };
  const defaults = { ...base, policy: parsePolicy({}) };
  if (raw === undefined) return { ...defaults, source: 'default', problem: null };
  if (!isPlainObject(raw)) {
    return {
      ...defaults,
      source: 'unreadable',
      problem: `The stored policy is not a JSON object: ${AFTER_PROBLEM}`,
    };
  }
  if (raw.schema !== 1) {
    return {
      ...defaults,
      source: 'unreadable',
      problem: `The stored policy has schema ${JSON.stringify(raw.schema) ?? 'none'}, which this version of Role Split does not read: ${AFTER_PROBLEM}`,
    };
  }
  const fields = Object.fromEntries(
    POLICY_FIELDS.filter((f) => Object.hasOwn(raw, f)).map((f) => [
      f,
      f === 'rules' ? knownRules(raw[f]) : raw[f],
    ]),
  );
  if (Object.keys(fields).length === 0) return { ...defaults, source: 'default', problem: null };
  const parsed = policySchema.safeParse({ schema: 1, ...fields });
  if (!parsed.success) return { ...defaults, source: 'unreadable', problem: problemOf(parsed.error.issues) };
  return { ...base, policy: parsed.data, source: 'stored', problem: null };
}

/** The project's policy as the given client may read it. A project Jira does not find has none. */
export async function readPolicy(jira: JiraClient, projectId: string): Promise<PolicyRead> {
  let raw: unknown;
  try {
    raw = await jira.getProjectProperty(projectId, POLICY_PROPERTY_KEY);
  } catch (error) {
    if (error instanceof JiraError && error.kind === 'not-found') return interpretPolicy(undefined);
    throw error;
  }
  return interpretPolicy(raw);
}

function sourcesInput(sources: RoleSources): RoleSourcesInput {
  return {
    projectRoles: [...sources.projectRoles],
    // A group stored by id alone shows its id until the page saves it with a name.
    groups: sources.groups.flatMap((g) => {
      const name = g.name ?? g.groupId;
      if (name === undefined) return [];
      return [g.groupId === undefined ? { name } : { groupId: g.groupId, name }];
    }),
    accountIds: [...sources.accountIds],
  };
}

/** The domain policy in the form the settings page edits. */
export function toPolicyInput(policy: Policy): PolicyInput {
  return {
    roles: { pm: sourcesInput(policy.roles.pm), po: sourcesInput(policy.roles.po) },
    executionTypes: [...policy.executionTypes],
    includeDone: policy.includeDone,
    graceDays: policy.graceDays,
    rules: Object.fromEntries(GAP_CODES.map((c) => [c, { ...policy.rules[c] }])) as PolicyInput['rules'],
  };
}

/** The page's input as a domain policy (rules it leaves out take the defaults). */
export function fromPolicyInput(input: PolicyInput): Policy {
  return parsePolicy({ schema: 1, ...input });
}

/**
 * Writes the policy into the project property with the given client (as the user, for the settings page: Jira
 * then refuses anyone who may not edit the project's properties). Merges into what is stored: unknown fields,
 * unknown rule codes and `enabled` are kept; `savedAt` / `savedBy` stamp the save. Returns the value written.
 */
export async function savePolicy(
  jira: JiraClient,
  projectId: string,
  policy: Policy,
  stamp: { savedAt: string; savedBy: string | null },
): Promise<Record<string, unknown>> {
  const current = await jira.getProjectProperty(projectId, POLICY_PROPERTY_KEY);
  const base = isPlainObject(current) ? current : {};
  const storedRules = isPlainObject(base.rules) ? base.rules : {};
  const next: Record<string, unknown> = {
    ...base,
    schema: 1,
    enabled: enabledOf(current).enabled,
    roles: policy.roles,
    executionTypes: policy.executionTypes,
    includeDone: policy.includeDone,
    graceDays: policy.graceDays,
    rules: { ...storedRules, ...policy.rules },
    savedAt: stamp.savedAt,
    savedBy: stamp.savedBy,
  };
  const length = JSON.stringify(next).length;
  if (length > MAX_PROPERTY_LENGTH) {
    // Jira would refuse it with a 400 about "the property value"; this says what to change instead.
    throw new AppError(
      'BAD_REQUEST',
      `The settings are too long to store in Jira (${length.toLocaleString('en')} characters of at most ` +
        `${MAX_PROPERTY_LENGTH.toLocaleString('en')}): name fewer groups or people, or use a project role or a group instead of many named people.`,
    );
  }
  await jira.setProjectProperty(projectId, POLICY_PROPERTY_KEY, next);
  return next;
}

/** How long a reader may use a cached policy: a save drops it at once, edits in Jira show within a minute. */
export const POLICY_FRESH_MS = 60_000;

export function policyCacheKey(projectId: string): string {
  return `policy:${projectId}`; // stored as `cache:policy:<projectId>` by FreshCache
}

/** The policy through a cache of at most a minute in the app's store (read as the app). */
export async function cachedPolicy(
  ports: { jira: JiraClient; store: KeyValueStore; clock: Clock },
  projectId: string,
): Promise<Policy> {
  const cache = new FreshCache(ports.store, ports.clock, POLICY_FRESH_MS);
  const cached = await cache.get<unknown>(policyCacheKey(projectId));
  if (cached !== undefined) {
    const parsed = policySchema.safeParse(cached);
    if (parsed.success) return parsed.data;
  }
  const { policy } = await readPolicy(ports.jira, projectId);
  await cache.put(policyCacheKey(projectId), policy);
  return policy;
}

export async function forgetCachedPolicy(
  ports: { store: KeyValueStore; clock: Clock },
  projectId: string,
): Promise<void> {
  await new FreshCache(ports.store, ports.clock, POLICY_FRESH_MS).forget(policyCacheKey(projectId));
}
