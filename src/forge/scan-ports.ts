// The ports a scan run gets inside Forge: Jira as the app (a scan reads every issue; each viewer is then shown
// only theirs), the app's storage, the queue, and the stored results.
import { randomUUID } from 'node:crypto';
import { asApp } from '@forge/api';
import { createScanEngine } from '../app/scan-job/engine';
import type { ScanJobPorts } from '../app/scan-job/ports';
import { createResultsPort } from '../app/scan-job/results-port';
import { cachedEnablement } from '../app/scan-job/describe-status';
import { storeWaiverSource } from '../app/waiver-store';
import { createJiraClient } from '../jira/client';
import { forgeTransport } from '../jira/transport-forge';
import { forgeEntityStore } from './entity-store';
import { policyFor } from './ports';
import { forgeScanQueue } from './scan-queue';
import { forgeStore } from './store';

export function scanJobPorts(options: { jiraDeadlineAt: number }): ScanJobPorts {
  const clock = { now: () => new Date() };
  const jira = createJiraClient(forgeTransport(asApp()), { deadlineAt: options.jiraDeadlineAt });
  return {
    jira,
    store: forgeStore,
    clock,
    engine: createScanEngine(jira, clock),
    results: createResultsPort({ entities: forgeEntityStore, store: forgeStore, clock }),
    queue: forgeScanQueue(),
    waivers: storeWaiverSource(forgeStore),
    policyFor,
    isEnabled: async (projectId) =>
      (await cachedEnablement({ jira, store: forgeStore, clock }, projectId)).enabled,
    newId: () => randomUUID(),
  };
}
