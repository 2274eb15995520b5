// Who may read and change a project's Role Split settings: a project admin (Administer Projects) or a Jira
// admin (Administer Jira), asked of Jira as the user before anything else is read. Administer Projects first
// (one request for a project admin); a Jira admin need not hold it in every project's permission scheme, so
// Administer Jira is asked next (`mypermissions` reports a global permission in a project's context too).
import type { JiraClient } from '../../jira/types';
import { AppError } from '../errors';
import { FreshCache } from '../fresh-cache';
import type { Clock, KeyValueStore } from '../ports';

export const NOT_AN_ADMIN =
  "Only a project admin or a Jira admin can change Role Split's settings: ask one of them to make the change, " +
  'or to give you Administer Projects on this project.';

export async function mayAdministerSettings(userJira: JiraClient, projectId: string): Promise<boolean> {
  if (await userJira.hasPermission('ADMINISTER_PROJECTS', { projectId })) return true;
  return userJira.hasPermission('ADMINISTER', { projectId });
}

/** Refuses with FORBIDDEN unless the user administers the project or Jira. */
export async function requireSettingsAdmin(userJira: JiraClient, projectId: string): Promise<void> {
  if (!(await mayAdministerSettings(userJira, projectId))) throw new AppError('FORBIDDEN', NOT_AN_ADMIN);
}

/**
 * The same check for the page's searches (one per keystroke), remembered for a minute per user. Reading and
 * saving the settings always ask Jira afresh.
 */
export async function requireSettingsAdminCached(
  ports: { userJira: JiraClient; store: KeyValueStore; clock: Clock },
  projectId: string,
  accountId: string | undefined,
): Promise<void> {
  const cache = new FreshCache(ports.store, ports.clock, 60_000);
  const key = `settings-admin:${projectId}:${accountId ?? 'anonymous'}`;
  const may = await cache.get<boolean>(key);
  if (may === true) return;
  if (!(await mayAdministerSettings(ports.userJira, projectId)))
    throw new AppError('FORBIDDEN', NOT_AN_ADMIN);
  await cache.put(key, true);
}
