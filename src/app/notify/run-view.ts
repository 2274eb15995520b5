// The settings page's figures of notifications: the last run that reached a project (sent, failed, unknown,
// skipped, outgoing mail off), emails claimed today across the site, and what the last send learned about
// impersonation. Read from the run's own records: its claims and the project's part.
import type { NotificationRunView } from '../../contract/notifications';
import { utcDay } from '../results/trend-store';
import type { Clock, KeyValueStore } from '../ports';
import { claimSchema, slotsTaken } from './claims';
import { SITE_STATE_KEY, claimPrefix, lastRunKey, projectRunKey } from './keys';
import { projectRunSchema } from './project-stage';
import { z } from 'zod';

export async function readRunView(
  store: KeyValueStore,
  projectId: string,
): Promise<NotificationRunView | null> {
  const last = z.object({ runId: z.string() }).safeParse(await store.get<unknown>(lastRunKey(projectId)));
  if (!last.success) return null;
  const part = projectRunSchema.safeParse(
    await store.get<unknown>(projectRunKey(last.data.runId, projectId)),
  );
  if (!part.success) return null;
  const view: NotificationRunView = {
    at: part.data.at,
    sent: 0,
    failed: 0,
    unknown: 0,
    skipped: part.data.skipped + part.data.cappedOut,
    mailDisabled: false,
  };
  for (const row of await store.list<unknown>(claimPrefix(last.data.runId))) {
    const claim = claimSchema.safeParse(row.value);
    if (!claim.success || !claim.data.projectIds.includes(projectId)) continue;
    if (claim.data.state === 'sent') view.sent += 1;
    else if (claim.data.state === 'unknown') view.unknown += 1;
    else if (claim.data.state === 'capped') view.skipped += 1;
    else if (claim.data.state === 'failed') {
      view.failed += 1;
      if (claim.data.error?.startsWith('HTTP 403')) view.mailDisabled = true;
    }
  }
  return view;
}

export function sentToday(store: KeyValueStore, clock: Clock): Promise<number> {
  return slotsTaken(store, utcDay(clock.now()));
}

/**
 * The settings page's view of the engine's records (the shape of NotificationRunStatus in ./settings-ports.ts):
 * the last run of a project, what the site sent on a UTC day, and whether impersonation worked last time.
 */
export function engineRunStatus(store: KeyValueStore) {
  return {
    lastRun: (projectId: string) => readRunView(store, projectId),
    sentToday: (now: Date) => slotsTaken(store, utcDay(now)),
    async impersonation(): Promise<'granted' | 'not-granted' | 'unknown'> {
      const state = z
        .object({ impersonation: z.enum(['granted', 'not-granted']).nullable() })
        .safeParse(await store.get<unknown>(SITE_STATE_KEY));
      return (state.success ? state.data.impersonation : null) ?? 'unknown';
    },
  };
}
