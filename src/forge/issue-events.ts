// Product events (manifest: trigger role-split-issue-events; created, updated and deleted issues, the app's own
// changes ignored): mark the issue dirty in its project and queue an incremental rescan 30 s later, so a burst
// of edits costs one rescan. Projects where Role Split is off are left alone.
import { asApp } from '@forge/api';
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { markDirty } from '../app/scan-job/dirty';
import { cachedEnablement } from '../app/scan-job/describe-status';
import { requestScan } from '../app/scan-job/request-scan';
import { createJiraClient } from '../jira/client';
import { forgeTransport } from '../jira/transport-forge';
import { forgeScanQueue } from './scan-queue';
import { forgeStore } from './store';

/** A burst of edits within this window is one incremental rescan. */
export const RESCAN_DELAY_S = 30;

const id = z.union([z.string().min(1), z.number()]).transform(String);
const eventSchema = z.object({
  eventType: z.string(),
  issue: z.object({
    id,
    fields: z.object({ project: z.object({ id, key: z.string().min(1) }) }).loose(),
  }),
});

export async function issueEvents(event: unknown): Promise<void> {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) return; // an event without an issue and its project tells the scan nothing
  const { issue } = parsed.data;
  const project = issue.fields.project;
  const clock = { now: () => new Date() };
  const jira = createJiraClient(forgeTransport(asApp()));
  if (!(await cachedEnablement({ jira, store: forgeStore, clock }, project.id)).enabled) return;
  await markDirty(forgeStore, project.id, [issue.id], clock.now());
  await requestScan(
    { store: forgeStore, queue: forgeScanQueue(), clock, newId: () => randomUUID() },
    project,
    'incremental',
    { delaySeconds: RESCAN_DELAY_S },
  );
}
