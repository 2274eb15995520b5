// Who muted Role Split's gap reminders, per person per project: one app-storage value per (project, person),
// `notify-mute:<projectId>:<accountId>`, so the notification run reads a project's muted people with one prefix
// query and a switch never rewrites anyone else's value. Written for the viewer only (the resolvers take the
// account from the platform, never from a payload), from the issue context, the Alignment page or the email's
// own link (which lands on the Alignment page).
//
// For N1 (the engine): the planner skips everyone in `mutedIn(store, projectId)` and counts them as skipped
// ('muted'). This module is N2's; the key layout is the contract between the two.
import { z } from 'zod';
import type { KeyValueStore } from '../ports';

export const MUTE_PREFIX = 'notify-mute:';

export function muteKey(projectId: string, accountId: string): string {
  return `${MUTE_PREFIX}${projectId}:${accountId}`;
}

/** Where the person muted from: kept for the log line and for support, never shown to anyone else. */
export type MuteSurface = 'issue' | 'page' | 'email';

const storedMuteSchema = z.object({
  accountId: z.string().min(1),
  mutedAt: z.string(),
  via: z.enum(['issue', 'page', 'email']).optional(),
});
export type StoredMute = z.output<typeof storedMuteSchema>;

/** The person's mute for the project, or null when they hear reminders (a damaged value counts as not muted). */
export async function readMute(
  store: KeyValueStore,
  projectId: string,
  accountId: string,
): Promise<StoredMute | null> {
  const parsed = storedMuteSchema.safeParse(await store.get<unknown>(muteKey(projectId, accountId)));
  return parsed.success && parsed.data.accountId === accountId ? parsed.data : null;
}

/**
 * Mutes or unmutes. Muting again keeps the first `mutedAt` (a second click from another surface is not a new
 * decision); unmuting deletes the value, so an unmuted person leaves nothing behind in storage.
 */
export async function writeMute(
  store: KeyValueStore,
  input: { projectId: string; accountId: string; muted: boolean; via: MuteSurface; now: Date },
): Promise<StoredMute | null> {
  const key = muteKey(input.projectId, input.accountId);
  if (!input.muted) {
    await store.delete(key);
    return null;
  }
  const existing = await readMute(store, input.projectId, input.accountId);
  if (existing) return existing;
  const value: StoredMute = { accountId: input.accountId, mutedAt: input.now.toISOString(), via: input.via };
  await store.set(key, value);
  return value;
}

/** Account ids of everyone who muted the project's reminders (one prefix query). */
export async function mutedIn(store: KeyValueStore, projectId: string): Promise<Set<string>> {
  const rows = await store.list<unknown>(`${MUTE_PREFIX}${projectId}:`);
  const muted = new Set<string>();
  for (const row of rows) {
    const parsed = storedMuteSchema.safeParse(row.value);
    if (parsed.success && row.key === muteKey(projectId, parsed.data.accountId))
      muted.add(parsed.data.accountId);
  }
  return muted;
}
