// Who holds the PM and PO roles, for the people a scan actually meets. Membership is read as the app from the
// project's role sources (project role actors and their groups, configured groups, named people). Groups are
// resolved by asking for each candidate's groups (`GET /user/groups`), never by listing a group's members,
// which needs an admin-level scope. If a source cannot be read the roster is `unavailable`: the engine then
// fails with ROSTER_UNAVAILABLE instead of calling owners ineligible because it could not look.
import { holdsRole, type ResolvedRoleSources } from '../domain/eligibility';
import type { Role, Roster } from '../domain/model';
import type { Policy, RoleSources } from '../domain/policy';
import { JiraError } from '../jira/errors';
import type { JiraClient, JiraGroup } from '../jira/types';
import { mapLimit } from './map-limit';

/** Account ids per role supplied by the caller (the CLI's `--roster FILE`): replaces reading role sources. */
export interface RosterOverride {
  pm: readonly string[];
  po: readonly string[];
}

/** One role's sources as they are being read (the domain's ResolvedRoleSources, still mutable). */
interface ResolvedSources extends ResolvedRoleSources {
  userIds: Set<string>;
  groupIds: Set<string>;
  groupNames: Set<string>;
}

type SourcesOutcome = { ok: true; sources: Record<Role, ResolvedSources> } | Extract<Roster, { ok: false }>;

/** One role's sources as read from Jira and the policy, or why they could not be read. */
export type RoleSourcesOutcome = { ok: true; sources: ResolvedRoleSources } | Extract<Roster, { ok: false }>;

const GROUP_LOOKUP_CONCURRENCY = 5;

function emptySources(): ResolvedSources {
  return { userIds: new Set(), groupIds: new Set(), groupNames: new Set() };
}

function addConfigured(target: ResolvedSources, configured: RoleSources): void {
  for (const id of configured.accountIds) target.userIds.add(id);
  for (const g of configured.groups) {
    if (g.groupId) target.groupIds.add(g.groupId);
    if (g.name) target.groupNames.add(g.name.toLowerCase());
  }
}

/**
 * Refused access or a missing role is a roster problem the admin must fix: ROSTER_UNAVAILABLE. Jira refuses
 * role reads without Administer Projects with 401 (the role list) or 404 (one role), and the project itself
 * was read before the roster, so a 404 here means "not allowed", not "no such project". Any other failure
 * (Jira down, rate limited, network) is rethrown so it is reported as what it is.
 */
const REFUSED: ReadonlySet<string> = new Set(['forbidden', 'unauthorized', 'not-found']);

function unreadable(source: string, error: unknown): Extract<Roster, { ok: false }> {
  if (!(error instanceof JiraError) || !REFUSED.has(error.kind)) throw error;
  return {
    ok: false,
    source,
    message: `Could not read ${source}: Jira refused access (reading project role members needs the Administer Projects permission).`,
  };
}

async function readSources(
  jira: JiraClient,
  projectKey: string,
  policy: Policy,
  only: readonly Role[] = ['pm', 'po'],
): Promise<SourcesOutcome> {
  const sources: Record<Role, ResolvedSources> = { pm: emptySources(), po: emptySources() };
  addConfigured(sources.pm, policy.roles.pm);
  addConfigured(sources.po, policy.roles.po);

  const wanted = only.flatMap((role) => policy.roles[role].projectRoles.map((name) => ({ role, name })));
  if (wanted.length === 0) return { ok: true, sources };

  let roles: Array<{ id: number; name: string }>;
  try {
    roles = await jira.getProjectRoles(projectKey);
  } catch (error) {
    return unreadable(`the project roles of ${projectKey}`, error);
  }
  for (const { role, name } of wanted) {
    const source = `project role "${name}" of ${projectKey}`;
    const match = roles.find((r) => r.name.toLowerCase() === name.toLowerCase());
    if (!match) {
      return {
        ok: false,
        source,
        // Said for the page, the panel and the CLI alike: the settings page is where a project admin fixes it
        // (on Jira Free and in team-managed projects the role cannot be created at all).
        message: `Project ${projectKey} has no role named "${name}". A project admin can name groups or people instead in Project settings › Role Split (or a Jira admin can create the role).`,
      };
    }
    try {
      const detail = await jira.getProjectRole(projectKey, match.id);
      for (const actor of detail.actors) {
        if (actor.type === 'user' && actor.accountId) sources[role].userIds.add(actor.accountId);
        if (actor.type === 'group') {
          if (actor.groupId) sources[role].groupIds.add(actor.groupId);
          if (actor.groupName) sources[role].groupNames.add(actor.groupName.toLowerCase());
        }
      }
    } catch (error) {
      return unreadable(source, error);
    }
  }
  return { ok: true, sources };
}

/**
 * The sources of one role only (the issue context needs the slot's role, not both): the project's role list
 * and that role's actors, so two requests at most.
 */
export async function readRoleSources(
  jira: JiraClient,
  projectKey: string,
  policy: Policy,
  role: Role,
): Promise<RoleSourcesOutcome> {
  const read = await readSources(jira, projectKey, policy, [role]);
  return read.ok ? { ok: true, sources: read.sources[role] } : read;
}

export function hasGroupSources(sources: ResolvedRoleSources): boolean {
  return sources.groupIds.size > 0 || sources.groupNames.size > 0;
}

export async function resolveRoster(
  jira: JiraClient,
  projectKey: string,
  policy: Policy,
  candidates: Iterable<string>,
  override?: RosterOverride,
): Promise<Roster> {
  if (override) return { ok: true, pm: new Set(override.pm), po: new Set(override.po) };

  const read = await readSources(jira, projectKey, policy);
  if (!read.ok) return read;
  const { sources } = read;

  const pm = new Set<string>();
  const po = new Set<string>();
  const needGroups: string[] = [];
  for (const accountId of new Set(candidates)) {
    const directPm = sources.pm.userIds.has(accountId);
    const directPo = sources.po.userIds.has(accountId);
    if (directPm) pm.add(accountId);
    if (directPo) po.add(accountId);
    if ((!directPm && hasGroupSources(sources.pm)) || (!directPo && hasGroupSources(sources.po))) {
      needGroups.push(accountId);
    }
  }

  let failure: Extract<Roster, { ok: false }> | null = null;
  await mapLimit(needGroups, GROUP_LOOKUP_CONCURRENCY, async (accountId) => {
    let groups: JiraGroup[];
    try {
      groups = await jira.getUserGroups(accountId);
    } catch (error) {
      // An account Jira does not know has no groups; the engine reports it as not eligible.
      if (error instanceof JiraError && error.kind === 'not-found') return;
      failure ??= unreadable(`the groups of account ${accountId}`, error);
      return;
    }
    if (holdsRole(accountId, groups, sources.pm)) pm.add(accountId);
    if (holdsRole(accountId, groups, sources.po)) po.add(accountId);
  });
  return failure ?? { ok: true, pm, po };
}
