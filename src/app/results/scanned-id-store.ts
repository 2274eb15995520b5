// The set of issue ids the last scan read, in KVS: a head (`rs-ids:<projectId>`) and chunks of 1,000 ids each
// (`rs-ids:<projectId>:<n>`, encoded by id-set-codec). The head names each chunk's first id, size and hash, so a
// viewer's visible set is compared chunk by chunk and only chunks that differ are read: a viewer with a few
// hidden issues reads a few KB, not the whole set (about 70 KB at 50,000 issues).
import { z } from 'zod';
import type { KeyValueStore } from '../ports';
import { compareIds, decodeIds, encodeIds, hashIds, sortIds } from './id-set-codec';

export const IDS_PER_CHUNK = 1_000;

const headSchema = z.object({
  schema: z.literal(2),
  hash: z.string(),
  count: z.number().int().min(0),
  chunks: z.array(z.object({ first: z.string(), count: z.number().int().min(1), hash: z.string() })),
});
type Head = z.infer<typeof headSchema>;

export function idsKey(projectId: string): string {
  return `rs-ids:${projectId}`;
}

function chunkKey(projectId: string, index: number): string {
  return `${idsKey(projectId)}:${index}`;
}

function size(key: string, value: unknown): number {
  return Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));
}

/** Writes the set (chunks first, the head last, so a reader never follows a head to missing chunks). */
export async function writeScannedIds(
  store: KeyValueStore,
  projectId: string,
  ids: Iterable<string>,
): Promise<number> {
  const sorted = sortIds(ids);
  const chunks: Head['chunks'] = [];
  let written = 0;
  for (let i = 0; i < sorted.length; i += IDS_PER_CHUNK) {
    const part = sorted.slice(i, i + IDS_PER_CHUNK);
    const encoded = encodeIds(part);
    const key = chunkKey(projectId, chunks.length);
    await store.set(key, encoded);
    written += size(key, encoded);
    chunks.push({ first: part[0] as string, count: part.length, hash: hashIds(part) });
  }
  const previous = headSchema.safeParse(await store.get<unknown>(idsKey(projectId)));
  const head: Head = { schema: 2, hash: hashIds(sorted), count: sorted.length, chunks };
  await store.set(idsKey(projectId), head);
  // Chunks past the new end belong to a larger set no head names any more.
  if (previous.success) {
    for (let i = chunks.length; i < previous.data.chunks.length; i++)
      await store.delete(chunkKey(projectId, i));
  }
  return written + size(idsKey(projectId), head);
}

async function readHead(store: KeyValueStore, projectId: string): Promise<Head | undefined> {
  const value = await store.get<unknown>(idsKey(projectId));
  if (value === undefined) return undefined;
  const head = headSchema.safeParse(value);
  // An older or damaged head: treated as no set, so the viewer is compared against nothing the scan read and
  // sees nothing until the next scan rewrites it (never more than the scan read).
  return head.success ? head.data : undefined;
}

async function readChunk(store: KeyValueStore, projectId: string, index: number): Promise<string[]> {
  const encoded = await store.get<unknown>(chunkKey(projectId, index));
  if (typeof encoded !== 'string') throw new Error('The stored scanned id set is incomplete');
  return decodeIds(encoded);
}

export async function readScannedIds(store: KeyValueStore, projectId: string): Promise<string[] | undefined> {
  const head = await readHead(store, projectId);
  if (!head) return undefined;
  const chunks = await Promise.all(head.chunks.map((_, i) => readChunk(store, projectId, i)));
  return chunks.flat();
}

/**
 * Scanned ids missing from `visible`, and how many of `visible` the scan did not read, reading only the chunks
 * whose ids differ from the visible ones in the same id range.
 */
export async function compareWithScanned(
  store: KeyValueStore,
  projectId: string,
  visible: Iterable<string>,
): Promise<{ hidden: string[]; notScanned: number }> {
  const head = await readHead(store, projectId);
  const sorted = sortIds(visible);
  if (!head || head.chunks.length === 0) return { hidden: [], notScanned: sorted.length };
  const firsts = head.chunks.map((c) => c.first);
  // Visible ids by the chunk whose range holds them; -1 = below the first scanned id.
  const byChunk = new Map<number, string[]>();
  let chunk = -1;
  for (const id of sorted) {
    while (chunk + 1 < firsts.length && compareIds(id, firsts[chunk + 1] as string) >= 0) chunk += 1;
    const list = byChunk.get(chunk) ?? [];
    list.push(id);
    byChunk.set(chunk, list);
  }
  let notScanned = byChunk.get(-1)?.length ?? 0;
  const hidden: string[] = [];
  await Promise.all(
    head.chunks.map(async (entry, index) => {
      const mine = byChunk.get(index) ?? [];
      if (mine.length === entry.count && hashIds(mine) === entry.hash) return;
      const scanned = await readChunk(store, projectId, index);
      const visibleHere = new Set(mine);
      const scannedHere = new Set(scanned);
      for (const id of scanned) if (!visibleHere.has(id)) hidden.push(id);
      for (const id of mine) if (!scannedHere.has(id)) notScanned += 1;
    }),
  );
  return { hidden: sortIds(hidden), notScanned };
}
