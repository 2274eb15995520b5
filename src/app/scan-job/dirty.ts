// Issues that changed since the project's last scan, one store key per issue (`scan-dirty:<projectId>:<id>`):
// writing the same key twice is harmless, so product events and the app's own writes mark issues without a
// read-modify-write race. The next incremental run consumes the keys it saw and deletes them when it succeeds.
import type { KeyValueStore } from '../ports';

export interface DirtyMark {
  at: string;
  mark: string;
}

export function dirtyPrefix(projectId: string): string {
  return `scan-dirty:${projectId}:`;
}

export async function markDirty(
  store: KeyValueStore,
  projectId: string,
  issueIds: readonly string[],
  at: Date,
): Promise<void> {
  for (const id of issueIds) {
    // Each mark is unique, so a run deletes only the mark it read, never one set again while it ran.
    const mark: DirtyMark = {
      at: at.toISOString(),
      mark: `${at.getTime()}-${Math.random().toString(36).slice(2)}`,
    };
    // Seven days: far longer than any run, so only a project nobody scans any more leaves keys to expire.
    await store.set(`${dirtyPrefix(projectId)}${id}`, mark, { ttlSeconds: 7 * 86_400 });
  }
}
