// The daily scheduled trigger (manifest: role-split-daily-scan): a full scan of every enabled project, which
// catches what no event reveals — role changes, deactivated accounts, properties written by other tools — and
// records the day's trend point. Forge may run a scheduled trigger twice; two full-scan requests for one project
// fold into one run (src/app/scan-job/run-scan.ts), so that costs nothing.
import { asApp } from '@forge/api';
import { randomUUID } from 'node:crypto';
import { readEnablement, registeredProjects, registryKey } from '../app/enablement';
import { requestScan } from '../app/scan-job/request-scan';
import { createJiraClient } from '../jira/client';
import { forgeTransport } from '../jira/transport-forge';
import { forgeScanQueue } from './scan-queue';
import { forgeStore } from './store';

export async function dailyScan(): Promise<{ queued: number; dropped: number }> {
  const clock = { now: () => new Date() };
  const jira = createJiraClient(forgeTransport(asApp()));
  const queue = forgeScanQueue();
  let queued = 0;
  let dropped = 0;
  for (const project of await registeredProjects(forgeStore)) {
    const enablement = await readEnablement(jira, project.projectId).catch(() => null);
    if (enablement && !enablement.enabled) {
      // Turned off (or the project deleted) outside the page: forget it.
      await forgeStore.delete(registryKey(project.projectId));
      dropped += 1;
      continue;
    }
    await requestScan(
      { store: forgeStore, queue, clock, newId: () => randomUUID() },
      { id: project.projectId, key: project.projectKey },
      'full',
    );
    queued += 1;
  }
  console.log(JSON.stringify({ event: 'role-split.daily-scan', queued, dropped }));
  return { queued, dropped };
}
