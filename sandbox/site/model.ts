// The embedded Jira site's data: what it stores (users, groups, projects with their roles and permission
// schemes, issues with their entity properties, the notification outbox) and the snapshot format it persists.
// The snapshot is also what the demo seed and the large-project generator produce. Parsed with zod on load, so
// a hand-edited or damaged file fails loudly instead of serving half-read data.
import { z } from 'zod';

export type AccountType = 'atlassian' | 'app';

export interface SiteUser {
  accountId: string;
  accountType: AccountType;
  displayName: string;
  /** null for the app user, which has no mailbox and cannot sign in with Basic auth. */
  email: string | null;
  /** The API token accepted with Basic auth (`email:apiToken`); null: cannot sign in that way. */
  apiToken: string | null;
  active: boolean;
  timeZone: string;
  locale: string;
  /** Names of the groups the user belongs to. */
  groups: string[];
}

export interface SiteGroup {
  groupId: string;
  name: string;
}

export type RoleActor = { type: 'user'; accountId: string } | { type: 'group'; groupName: string };

export interface SiteRole {
  /** Jira project roles are site-wide (same id in every project); only their actors are per project. */
  id: number;
  name: string;
  description: string;
  actors: RoleActor[];
}

/**
 * Who belongs to an issue security level, as Jira lets admins add them: people, groups, project roles (of the
 * issue's project), and the issue's own reporter or assignee. An app's account is a member only when added
 * (by user, group or role, e.g. `atlassian-addons-project-access`), as in Jira.
 */
export type SecurityMember =
  | { type: 'user'; accountId: string }
  | { type: 'group'; groupName: string }
  | { type: 'projectRole'; roleId: number }
  | { type: 'reporter' }
  | { type: 'assignee' };

export interface SiteSecurityLevel {
  /** Site-wide unique, as in Jira. */
  id: string;
  name: string;
  description: string;
  members: SecurityMember[];
}

export interface SiteSecurityScheme {
  id: string;
  name: string;
  description: string;
  levels: SiteSecurityLevel[];
}

/** Company-managed (`classic`) or team-managed (`next-gen`, Jira's `style`): the latter's roles are its own. */
export type ProjectStyle = 'classic' | 'next-gen';

/**
 * The site's Jira plan, switched in the sandbox menu: `GET /instance/license` answers FREE or PAID, and on Free
 * the custom project roles are gone from the REST API (./plan.ts), as Jira Free has none.
 */
export type SitePlan = 'free' | 'standard';

export interface SiteProject {
  id: string;
  key: string;
  name: string;
  style: ProjectStyle;
  description: string;
  leadAccountId: string;
  /** Ids of the issue types of the project's issue type scheme (see catalog.ts). */
  issueTypeIds: string[];
  roles: SiteRole[];
  /** The project's permission scheme: project permission key -> ids of the roles granted it. */
  permissionScheme: Record<string, number[]>;
  /** Next issue number: Jira never reuses the number of a deleted issue. */
  nextNumber: number;
  /** The project's issue security scheme (its levels may secure the project's issues); null: none. */
  issueSecuritySchemeId: string | null;
  /** Project entity properties: key -> any JSON value. */
  properties: Map<string, unknown>;
}

export interface SiteIssue {
  id: string;
  key: string;
  projectId: string;
  /** The number in the key (`SHOP-12` -> 12), kept for ordering by key. */
  number: number;
  issueTypeId: string;
  statusId: string;
  summary: string;
  /** Epoch milliseconds. */
  created: number;
  updated: number;
  parentId: string | null;
  assigneeId: string | null;
  reporterId: string | null;
  /** The issue security level (of the project's scheme); null: not secured, anyone who may browse sees it. */
  securityLevelId: string | null;
  /** Entity properties: key -> any JSON value. */
  properties: Map<string, unknown>;
  /**
   * Values of the site's custom fields (./custom-fields.ts), by field id: an account id for a single-user
   * picker, account ids for a multi-user picker. Absent or missing ids: empty.
   */
  customFields?: Record<string, string | string[]>;
}

export interface OutboxRecipient {
  accountId: string;
  displayName: string;
  email: string | null;
}

/** One `POST /issue/{key}/notify` as the site "sent" it: who asked, who receives it, who was left out. */
export interface OutboxMessage {
  id: string;
  issueId: string;
  issueKey: string;
  /** Account id of the caller (the app user for Forge app calls). */
  sentBy: string;
  /** ISO-8601. */
  sentAt: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  recipients: OutboxRecipient[];
  /** Addressed, but not delivered: inactive, unknown, cannot browse the issue, or outside a restriction. */
  skipped: Array<{ accountId: string; reason: string }>;
}

// ---------------------------------------------------------------------------------------------------------
// Snapshot (the persisted form; dates as ISO strings, properties as plain objects)

const userSchema = z.object({
  accountId: z.string().min(1),
  accountType: z.enum(['atlassian', 'app']),
  displayName: z.string(),
  email: z.string().nullable(),
  apiToken: z.string().nullable(),
  active: z.boolean(),
  timeZone: z.string(),
  locale: z.string(),
  groups: z.array(z.string()),
});

const roleActorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), accountId: z.string().min(1) }),
  z.object({ type: z.literal('group'), groupName: z.string().min(1) }),
]);

const projectSchema = z.object({
  id: z.string().min(1),
  key: z.string().regex(/^[A-Z][A-Z0-9]+$/),
  name: z.string(),
  // Absent from files written before team-managed projects existed: those were all company-managed.
  style: z.enum(['classic', 'next-gen']).default('classic'),
  description: z.string(),
  leadAccountId: z.string(),
  issueTypeIds: z.array(z.string()),
  roles: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      description: z.string(),
      actors: z.array(roleActorSchema),
    }),
  ),
  permissionScheme: z.record(z.string(), z.array(z.number().int())),
  nextNumber: z.number().int().min(1),
  // Optional in files written before issue security existed.
  issueSecuritySchemeId: z.string().nullable().default(null),
  // Absent from files written before project properties existed: those were seeded from the demo, whose
  // projects start with Role Split enabled, so they keep it (a property deleted since is absent, not missing).
  properties: z
    .record(z.string(), z.unknown())
    .default(() => ({ 'role-split-policy': { schema: 1, enabled: true } })),
});

const securityMemberSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), accountId: z.string().min(1) }),
  z.object({ type: z.literal('group'), groupName: z.string().min(1) }),
  z.object({ type: z.literal('projectRole'), roleId: z.number().int() }),
  z.object({ type: z.literal('reporter') }),
  z.object({ type: z.literal('assignee') }),
]);

const securitySchemeSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string(),
  levels: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      description: z.string(),
      members: z.array(securityMemberSchema),
    }),
  ),
});

const issueSchema = z.object({
  id: z.string().regex(/^\d+$/),
  key: z.string(),
  projectId: z.string(),
  issueTypeId: z.string(),
  statusId: z.string(),
  summary: z.string(),
  created: z.iso.datetime(),
  updated: z.iso.datetime(),
  parentId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  reporterId: z.string().nullable(),
  securityLevelId: z.string().nullable().default(null),
  properties: z.record(z.string(), z.unknown()),
  // Optional: files written before custom fields existed have none.
  customFields: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
});

const outboxSchema = z.object({
  id: z.string(),
  issueId: z.string(),
  issueKey: z.string(),
  sentBy: z.string(),
  sentAt: z.string(),
  subject: z.string(),
  textBody: z.string(),
  htmlBody: z.string().nullable(),
  recipients: z.array(
    z.object({ accountId: z.string(), displayName: z.string(), email: z.string().nullable() }),
  ),
  skipped: z.array(z.object({ accountId: z.string(), reason: z.string() })),
});

export const SNAPSHOT_FORMAT = 'role-split-sandbox-site';

export const snapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(1),
  appAccountId: z.string().min(1),
  // Absent from files written before the plan switch: Standard, where custom project roles exist.
  plan: z.enum(['free', 'standard']).default('standard'),
  users: z.array(userSchema),
  groups: z.array(z.object({ groupId: z.string().min(1), name: z.string().min(1) })),
  /** Global permission key -> names of the groups granted it. */
  globalPermissions: z.record(z.string(), z.array(z.string())),
  projects: z.array(projectSchema),
  issueSecuritySchemes: z.array(securitySchemeSchema).default([]),
  issues: z.array(issueSchema),
  nextIssueId: z.number().int().min(1),
  outbox: z.array(outboxSchema),
});

export type SiteSnapshot = z.infer<typeof snapshotSchema>;
export type SnapshotIssue = SiteSnapshot['issues'][number];
