// The ports Forge functions give the use cases: Jira as the app (a scan must read role membership and issues
// the viewer may not see) and as the viewer (what the issue panel shows), the system clock, and the project's
// policy from its `role-split-policy` property.
import { randomUUID } from 'node:crypto';
import { asApp, asUser } from '@forge/api';
import type { OwnershipPorts, ScanPorts } from '../app/ports';
import { cachedPolicy } from '../app/policy-store';
import { patchResultsAfterWrite, rescanAfterWaiver, type ResultsPatchPorts } from '../app/patch-results';
import { ResultStore } from '../app/results/result-store';
import { storeWaiverSource } from '../app/waiver-store';
import type { Policy } from '../domain/policy';
import { createJiraClient } from '../jira/client';
import { forgeTransport } from '../jira/transport-forge';
import type { JiraTransport } from '../jira/types';
import { forgeEntityStore } from './entity-store';
import { forgeScanQueue } from './scan-queue';
import { forgeStore } from './store';

/**
 * Forge stops a resolver at 25 s. Every Jira call of one invocation shares one deadline a few seconds inside
 * that, so retries and Retry-After waits across several calls cannot add up to a killed function: the user
 * gets a clear "Jira did not answer in time" instead.
 */
const RESOLVER_JIRA_DEADLINE_MS = 20_000;

/** Counts the Jira requests of one invocation (every attempt, retries included), for the log line. */
export interface RequestMeter {
  jiraRequests: number;
}

function counted(transport: JiraTransport, meter: RequestMeter | undefined): JiraTransport {
  if (!meter) return transport;
  return (request) => {
    meter.jiraRequests += 1;
    return transport(request);
  };
}

/** The ports of one resolver invocation: Jira as the app and as the viewer, the clock, the app's store. */
export function resolverPorts(meter?: RequestMeter): ScanPorts & OwnershipPorts {
  const options = { deadlineAt: Date.now() + RESOLVER_JIRA_DEADLINE_MS };
  return {
    jira: createJiraClient(counted(forgeTransport(asApp()), meter), options),
    userJira: createJiraClient(counted(forgeTransport(asUser()), meter), options),
    clock: { now: () => new Date() },
    store: forgeStore,
    waivers: storeWaiverSource(forgeStore),
    afterWrite: (written) => patchResultsAfterWrite(resultsPatchPorts(), written),
    afterWaiverChange: (issue) => rescanAfterWaiver(resultsPatchPorts(), issue),
  };
}

/** What the issue panel's writes need to patch the Alignment page's stored results. */
function resultsPatchPorts(): ResultsPatchPorts {
  const clock = { now: () => new Date() };
  return {
    results: new ResultStore({ entities: forgeEntityStore, store: forgeStore, clock }),
    store: forgeStore,
    clock,
    queue: forgeScanQueue(),
    waivers: storeWaiverSource(forgeStore),
    newId: () => randomUUID(),
  };
}

/**
 * The project's policy from the `role-split-policy` project property (read as the app), cached for at most a
 * minute in KVS (`cache:policy:<projectId>`; a save on the settings page drops it). A property that does not
 * parse gives the defaults; the settings page says why.
 */
export async function policyFor(projectId: string): Promise<Policy> {
  return cachedPolicy(
    {
      jira: createJiraClient(forgeTransport(asApp())),
      store: forgeStore,
      clock: { now: () => new Date() },
    },
    projectId,
  );
}
