// The settings page's pickers: groups (Jira's group picker) and people (Jira's user search), both as the user,
// so they find only what the admin may see. People are people only: app and customer accounts and
// deactivated accounts are never offered as named PMs or POs.
import type { SettingsResults } from '../../contract/settings';
import { requireSettingsAdminCached } from './admin';
import { namedPersonView } from './describe-settings';
import type { SettingsPorts } from './ports';

/** Jira's group picker shows 20 by default; enough for a picker that narrows as the admin types. */
export const MAX_GROUPS = 20;
export const MAX_PEOPLE = 20;

export async function searchGroups(
  ports: SettingsPorts,
  project: { id: string },
  accountId: string | undefined,
  query: string,
): Promise<SettingsResults['settings/search-groups']> {
  await requireSettingsAdminCached(ports, project.id, accountId);
  const groups = await ports.userJira.searchGroups(query, MAX_GROUPS);
  return { groups: groups.map((g) => ({ groupId: g.groupId ?? null, name: g.name })) };
}

export async function searchPeople(
  ports: SettingsPorts,
  project: { id: string },
  accountId: string | undefined,
  query: string,
): Promise<SettingsResults['settings/search-people']> {
  await requireSettingsAdminCached(ports, project.id, accountId);
  const found = await ports.userJira.searchUsers(query, MAX_PEOPLE);
  return {
    people: found
      .filter((u) => u.accountType === 'atlassian' && u.active)
      .map((u) => namedPersonView(u.accountId, u)),
  };
}
