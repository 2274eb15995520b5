// The ports Forge functions give the use cases: Jira as the app (a scan must read role membership and issues
// the viewer may not see), the system clock, and the project's policy from the app's storage.
import { asApp } from '@forge/api';
import { kvs } from '@forge/kvs';
import type { ScanPorts } from '../app/ports';
import { defaultPolicy, parsePolicy, type Policy } from '../domain/policy';
import { createJiraClient } from '../jira/client';
import { forgeTransport } from '../jira/transport-forge';

export function appPorts(): ScanPorts {
  return { jira: createJiraClient(forgeTransport(asApp())), clock: { now: () => new Date() } };
}

/** KVS key of a project's stored policy. */
export function policyKey(projectId: string): string {
  return `policy:${projectId}`;
}

/** The project's stored policy, or the defaults when none is stored. A damaged value throws (zod). */
export async function policyFor(projectId: string): Promise<Policy> {
  const stored = await kvs.get<unknown>(policyKey(projectId));
  return stored === undefined ? defaultPolicy() : parsePolicy(stored);
}
