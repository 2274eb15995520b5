// Lists too large for one stored value (a KVS value holds at most 240 KiB), kept as numbered chunk records
// under one prefix: `<prefix>:<n>`. A chunk is written whole or not at all, so a run killed midway finds every
// chunk it wrote intact and rewrites the rest.
import { decodeIds, encodeIds } from '../results/id-set-codec';
import type { KeyValueStore } from '../ports';

export function chunkKey(prefix: string, index: number): string {
  return `${prefix}:${String(index).padStart(5, '0')}`;
}

export async function writeChunk<T>(store: KeyValueStore, prefix: string, index: number, items: T[]) {
  await store.set(chunkKey(prefix, index), items);
}

/** Chunks 0..count-1 in order; a missing chunk is an error (the checkpoint says it was written). */
export async function readChunks<T>(store: KeyValueStore, prefix: string, count: number): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i++) {
    const chunk = await store.get<T[]>(chunkKey(prefix, i));
    if (!Array.isArray(chunk)) throw new Error(`scan checkpoint chunk ${chunkKey(prefix, i)} is missing`);
    out.push(...chunk);
  }
  return out;
}

/** Every chunk under the prefix, whatever their numbers (facts chunks are written in completion order). */
export async function readAllChunks<T>(store: KeyValueStore, prefix: string): Promise<T[]> {
  const entries = await store.list<T[]>(`${prefix}:`);
  entries.sort((a, b) => a.key.localeCompare(b.key));
  return entries.flatMap((e) => (Array.isArray(e.value) ? e.value : []));
}

export async function deleteChunks(store: KeyValueStore, prefix: string): Promise<void> {
  for (const entry of await store.list(`${prefix}:`)) await store.delete(entry.key);
}

/** Splits `items` into arrays of at most `size`. */
export function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Id lists, stored as encoded sets (sorted, delta, varint, base64: 2–3 bytes an id instead of 8 as JSON). The
 * order read back is ascending id, the same on every read, so batch i always covers the same ids.
 */
export async function writeIdChunk(
  store: KeyValueStore,
  prefix: string,
  index: number,
  ids: readonly string[],
) {
  await store.set(chunkKey(prefix, index), { ids: encodeIds(ids) });
}

export async function readIdChunks(store: KeyValueStore, prefix: string, count: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const chunk = await store.get<{ ids?: unknown }>(chunkKey(prefix, i));
    if (typeof chunk?.ids !== 'string')
      throw new Error(`scan checkpoint chunk ${chunkKey(prefix, i)} is missing`);
    out.push(...decodeIds(chunk.ids));
  }
  return out;
}
