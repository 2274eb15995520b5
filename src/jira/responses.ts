// What Jira answers, read loosely: zod schemas for the fields the client returns (unknown keys are dropped,
// optional ones may be missing or null) and the mapping to the result types of ./types.
import { z } from 'zod';
import type { JiraIssue, JiraUser, ProjectRoleActor } from './types';

/** Jira sends `null` for some absent values: optional fields accept null and read as undefined. */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}

export const userSchema = z.object({
  accountId: z.string().min(1),
  // Display names can be withheld by privacy settings; an empty name is better than a failed scan.
  displayName: optional(z.string()),
  active: z.boolean(),
  accountType: z.string(),
  emailAddress: optional(z.string()),
  avatarUrls: optional(z.record(z.string(), z.string())),
});

export const projectSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  projectTypeKey: z.string(),
  style: optional(z.string()),
  /** The project lead (Jira returns it by default); only its account id and whether it is active are read. */
  lead: optional(z.object({ accountId: z.string().min(1), active: optional(z.boolean()) })),
  /** The project's REST URL: the site's base URL is what precedes `/rest/` (links in emails). */
  self: optional(z.string()),
});

export const issueTypeSchema = z.object({
  id: z.string(),
  name: z.string(),
  hierarchyLevel: z.number().int(),
  subtask: optional(z.boolean()),
});

export const issueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: optional(
    z.object({
      summary: optional(z.string()),
      issuetype: optional(
        z.object({
          id: z.string(),
          name: z.string(),
          hierarchyLevel: optional(z.number().int()),
          subtask: optional(z.boolean()),
        }),
      ),
      status: optional(
        z.object({
          name: optional(z.string()),
          statusCategory: optional(z.object({ key: optional(z.string()) })),
        }),
      ),
      created: optional(z.string()),
      // Jira embeds a summary of the parent (summary, status, issue type with its level): enough to know the
      // parent is an epic even when the parent itself cannot be read.
      parent: optional(
        z.object({
          id: optional(z.string()),
          key: z.string(),
          fields: optional(
            z.object({
              summary: optional(z.string()),
              issuetype: optional(
                z.object({
                  id: optional(z.string()),
                  name: optional(z.string()),
                  hierarchyLevel: optional(z.number().int()),
                }),
              ),
              status: optional(
                z.object({ statusCategory: optional(z.object({ key: optional(z.string()) })) }),
              ),
            }),
          ),
        }),
      ),
      project: optional(z.object({ id: z.string(), key: z.string() })),
      security: optional(z.object({ id: optional(z.string()), name: optional(z.string()) })),
      updated: optional(z.string()),
    }),
  ),
  properties: optional(z.record(z.string(), z.unknown())),
});

export const searchPageSchema = z.object({
  issues: optional(z.array(issueSchema)),
  nextPageToken: optional(z.string()),
  isLast: optional(z.boolean()),
});

/** An id-only search page: each issue carries its id (a key, if Jira adds one, is ignored). */
export const idPageSchema = z.object({
  issues: optional(z.array(z.object({ id: z.string() }))),
  nextPageToken: optional(z.string()),
  isLast: optional(z.boolean()),
});

export const bulkFetchSchema = z.object({
  issues: optional(z.array(issueSchema)),
  issueErrors: optional(
    z.array(
      z.object({
        id: z.union([z.string(), z.number()]).transform(String),
        errorMessage: optional(z.string()),
      }),
    ),
  ),
});

/** `GET /rest/api/3/field`: FieldDetails, read loosely. */
export const fieldSchema = z.object({
  id: z.string(),
  name: z.string(),
  custom: optional(z.boolean()),
  schema: optional(z.object({ type: z.string(), items: optional(z.string()), custom: optional(z.string()) })),
});

/** A search page of field values: the fields are kept raw (their shapes depend on each field's type). */
export const fieldValuesPageSchema = z.object({
  issues: optional(
    z.array(
      z.object({ id: z.string(), key: z.string(), fields: optional(z.record(z.string(), z.unknown())) }),
    ),
  ),
  nextPageToken: optional(z.string()),
  isLast: optional(z.boolean()),
});

export const entityPropertySchema = z.record(z.string(), z.unknown());

export const taskSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  status: z.string(),
  progress: optional(z.number()),
  result: z.unknown().optional(),
});

/** `GET /project/{key}/role`: role name -> role URL (`.../project/KEY/role/10002`). */
export const roleLinksSchema = z.record(z.string(), z.string());

export const roleActorSchema = z.object({
  type: optional(z.string()),
  actorUser: optional(z.object({ accountId: optional(z.string()) })),
  actorGroup: optional(
    z.object({
      name: optional(z.string()),
      displayName: optional(z.string()),
      groupId: optional(z.string()),
    }),
  ),
});

export const projectRoleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  actors: optional(z.array(roleActorSchema)),
});

export const groupsSchema = z.array(z.object({ name: z.string(), groupId: optional(z.string()) }));

/** `GET /rest/api/3/groups/picker`: FoundGroups (only the names and ids are read). */
export const foundGroupsSchema = z.object({
  groups: optional(z.array(z.object({ name: z.string(), groupId: optional(z.string()) }))),
});

/** `GET /rest/api/3/instance/license`: License; a plan is kept as sent, so a new plan name is not an error. */
export const licenseSchema = z.object({
  applications: z.array(z.object({ id: z.string(), plan: z.string() })),
});

export const userPageSchema = z.object({
  values: optional(z.array(userSchema)),
  isLast: optional(z.boolean()),
  total: optional(z.number()),
});

export const myPermissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: optional(z.boolean()) }).loose()),
});

export const permissionGrantsSchema = z.object({
  projectPermissions: optional(
    z.array(
      z.object({
        permission: z.string(),
        issues: optional(z.array(z.number())),
        projects: optional(z.array(z.number())),
      }),
    ),
  ),
  globalPermissions: optional(z.array(z.string())),
});

/** `https://site/rest/api/3/task/10001` -> `10001`. */
export function taskIdFromLocation(location: string | null): string | undefined {
  if (location === null) return undefined;
  const match = /\/rest\/api\/[23]\/task\/([^/?#]+)/.exec(location);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/** `https://site/rest/api/3/project/MKY/role/10360` -> 10360. */
export function roleIdFromUrl(url: string): number | undefined {
  const match = /\/role\/(\d+)\/?(?:[?#].*)?$/.exec(url);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export function toIssue(raw: z.output<typeof issueSchema>): JiraIssue {
  return { id: raw.id, key: raw.key, fields: raw.fields ?? {}, properties: raw.properties ?? {} };
}

export function toUser(raw: z.output<typeof userSchema>): JiraUser {
  const user: JiraUser = {
    accountId: raw.accountId,
    displayName: raw.displayName ?? '',
    active: raw.active,
    accountType: raw.accountType,
  };
  if (raw.emailAddress !== undefined) user.emailAddress = raw.emailAddress;
  const avatar = raw.avatarUrls?.['48x48'];
  if (avatar !== undefined) user.avatarUrl = avatar;
  return user;
}

export function toActor(raw: z.output<typeof roleActorSchema>): ProjectRoleActor {
  if (raw.type === 'atlassian-user-role-actor' && raw.actorUser?.accountId) {
    return { type: 'user', accountId: raw.actorUser.accountId };
  }
  if (raw.type === 'atlassian-group-role-actor' && raw.actorGroup) {
    const actor: ProjectRoleActor = { type: 'group' };
    if (raw.actorGroup.groupId) actor.groupId = raw.actorGroup.groupId;
    const name = raw.actorGroup.name ?? raw.actorGroup.displayName;
    if (name) actor.groupName = name;
    return actor;
  }
  return { type: 'other' };
}
