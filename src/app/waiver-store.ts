// Waivers recorded by the app, one stored value per issue (`waivers:<projectId>:<issueId>`, by gap code), so
// the scan reads a project's waivers with one prefix query and two issues' waivers never share a value.
// Written under the issue's lock. Account ids only (who set it); names are resolved when read.
import { z } from 'zod';
import { GAP_CODES, type GapCode, type Waiver } from '../domain/model';
import type { KeyValueStore, WaiverSource } from './ports';

const storedWaiverSchema = z.object({
  code: z.enum(GAP_CODES),
  reason: z.string(),
  setBy: z.string(),
  setAt: z.string(),
  expiresAt: z.string(),
});
export type StoredWaiver = z.output<typeof storedWaiverSchema>;

const issueWaiversSchema = z.object({ issueKey: z.string(), waivers: z.array(storedWaiverSchema) });
export type IssueWaivers = z.output<typeof issueWaiversSchema>;

export const WAIVERS_PREFIX = 'waivers:';

export function waiversKey(projectId: string, issueId: string): string {
  return `${WAIVERS_PREFIX}${projectId}:${issueId}`;
}

function parse(value: unknown): IssueWaivers | null {
  const parsed = issueWaiversSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The issue's waivers still in force at `now` (an expired waiver is over: its gap is back). */
export async function readIssueWaivers(
  store: KeyValueStore,
  projectId: string,
  issueId: string,
  now: Date,
): Promise<StoredWaiver[]> {
  const stored = parse(await store.get<unknown>(waiversKey(projectId, issueId)));
  return (stored?.waivers ?? []).filter((w) => Date.parse(w.expiresAt) > now.getTime());
}

/** Replace the waiver of `code` (or remove it with `null`); expired ones are dropped on the way. */
export async function writeIssueWaiver(
  store: KeyValueStore,
  ref: { projectId: string; issueId: string; issueKey: string },
  code: GapCode,
  waiver: StoredWaiver | null,
  now: Date,
): Promise<StoredWaiver[]> {
  const kept = (await readIssueWaivers(store, ref.projectId, ref.issueId, now)).filter(
    (w) => w.code !== code,
  );
  const waivers = waiver ? [...kept, waiver] : kept;
  const key = waiversKey(ref.projectId, ref.issueId);
  if (waivers.length === 0) await store.delete(key);
  else await store.set(key, { issueKey: ref.issueKey, waivers } satisfies IssueWaivers);
  return waivers;
}

/** The scan's and the panel's WaiverSource over the app's store. */
export function storeWaiverSource(store: KeyValueStore): WaiverSource {
  return {
    async waiversFor(project) {
      const rows = await store.list<unknown>(`${WAIVERS_PREFIX}${project.id}:`);
      return rows.flatMap(({ value }): Waiver[] => {
        const stored = parse(value);
        if (!stored) return [];
        return stored.waivers.map((w) => ({
          issueKey: stored.issueKey,
          code: w.code,
          reason: w.reason,
          setBy: w.setBy,
          expiresAt: w.expiresAt,
        }));
      });
    },
  };
}
