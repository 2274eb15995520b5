// Whether Role Split is on for a project: the `role-split-policy` project entity property (`{ schema: 1,
// enabled: true }`; the settings issue adds the rest of the policy to the same value). A property, not the
// app's storage, so the CLI, Jira expressions and display conditions read the same answer. Read as the app;
// written as the user, who must administer the project — Jira refuses anyone else, and the app checks first so
// the refusal says who can do it. Fields the app does not know are kept on every write.
import { z } from 'zod';
import { JiraError } from '../jira/errors';
import type { JiraClient } from '../jira/types';
import { AppError } from './errors';
import type { Clock, KeyValueStore } from './ports';

export const POLICY_PROPERTY_KEY = 'role-split-policy';

const storedPolicy = z.looseObject({ schema: z.literal(1), enabled: z.boolean().optional() });

/**
 * `enabled` read on its own, loosely: any schema-1 object with `enabled: true` is on, whatever its other
 * fields hold, so a damaged rule in the policy never switches the project off. The policy store reads it too.
 */
export function enabledOf(raw: unknown): { enabled: boolean; unreadable: boolean } {
  if (raw === undefined) return { enabled: false, unreadable: false };
  const parsed = storedPolicy.safeParse(raw);
  if (!parsed.success) return { enabled: false, unreadable: true };
  return { enabled: parsed.data.enabled === true, unreadable: false };
}

export interface Enablement {
  enabled: boolean;
  /** The property is there but is not a schema-1 object: treated as disabled, and the page says so. */
  unreadable: boolean;
}

export async function readEnablement(jira: JiraClient, projectId: string): Promise<Enablement> {
  let raw: unknown;
  try {
    raw = await jira.getProjectProperty(projectId, POLICY_PROPERTY_KEY);
  } catch (error) {
    // A project deleted (or hidden from the app) is simply not enabled: nothing to scan or nudge there.
    if (error instanceof JiraError && error.kind === 'not-found')
      return { enabled: false, unreadable: false };
    throw error;
  }
  return enabledOf(raw);
}

/** Projects known to be enabled, for the daily scan (a property search would need Jira admin rights). */
export function registryKey(projectId: string): string {
  return `enabled-project:${projectId}`;
}
export const REGISTRY_PREFIX = 'enabled-project:';

export interface RegisteredProject {
  projectId: string;
  projectKey: string;
  since: string;
}

export async function register(
  store: KeyValueStore,
  project: { id: string; key: string },
  clock: Clock,
): Promise<void> {
  const entry: RegisteredProject = {
    projectId: project.id,
    projectKey: project.key,
    since: clock.now().toISOString(),
  };
  await store.set(registryKey(project.id), entry);
}

export async function registeredProjects(store: KeyValueStore): Promise<RegisteredProject[]> {
  const entries = await store.list<RegisteredProject>(REGISTRY_PREFIX);
  return entries.map((e) => e.value).filter((v) => typeof v?.projectId === 'string');
}

/**
 * Turns Role Split on or off for the project, as the viewer. Refused with FORBIDDEN unless they may
 * administer the project (Jira would refuse the property write anyway; this says who can).
 */
export async function setEnabled(
  ports: { userJira: JiraClient; store: KeyValueStore; clock: Clock },
  project: { id: string; key: string },
  enabled: boolean,
): Promise<void> {
  const mayAdminister = await ports.userJira.hasPermission('ADMINISTER_PROJECTS', { projectId: project.id });
  if (!mayAdminister) {
    throw new AppError(
      'FORBIDDEN',
      'Only a project admin (Administer Projects) or a Jira admin can enable or disable Role Split here.',
    );
  }
  const current = await ports.userJira.getProjectProperty(project.id, POLICY_PROPERTY_KEY);
  const parsed = storedPolicy.safeParse(current);
  // An unreadable value is replaced (the page said it was unreadable); a readable one keeps its other fields.
  const next = parsed.success ? { ...parsed.data, schema: 1, enabled } : { schema: 1, enabled };
  await ports.userJira.setProjectProperty(project.id, POLICY_PROPERTY_KEY, next);
  if (enabled) await register(ports.store, project, ports.clock);
  else await ports.store.delete(registryKey(project.id));
}
