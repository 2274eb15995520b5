// The scanned id set in KVS chunks: compared with a viewer's visible ids it finds exactly the hidden ids and
// the ids the scan did not read, reading only the chunks that differ.
import { describe, expect, it } from '@jest/globals';
import {
  compareWithScanned,
  readScannedIds,
  writeScannedIds,
} from '../../../../src/app/results/scanned-id-store';
import { CountingStore } from './harness';

const scanned = Array.from({ length: 10_500 }, (_, i) => String(30_000 + i * 3));

describe('the scanned id set', () => {
  it('reads back whole, and shrinks without leaving chunks behind', async () => {
    const store = new CountingStore();
    await writeScannedIds(store, 'P', scanned);
    expect(await readScannedIds(store, 'P')).toEqual(scanned);
    await writeScannedIds(store, 'P', scanned.slice(0, 1_500));
    expect(await readScannedIds(store, 'P')).toEqual(scanned.slice(0, 1_500));
    expect((await store.list('rs-ids:P:')).map((e) => e.key).sort()).toEqual(['rs-ids:P:0', 'rs-ids:P:1']);
  });

  it('finds hidden and unscanned ids, reading only the chunks that differ', async () => {
    const store = new CountingStore();
    await writeScannedIds(store, 'P', scanned);
    const hidden = [scanned[5], scanned[2_400], scanned[2_401]] as string[];
    const created = ['29999', String(30_000 + 4_000 * 3 + 1)];
    const visible = [...scanned.filter((id) => !hidden.includes(id)), ...created];
    store.bytesRead = 0;
    expect(await compareWithScanned(store, 'P', visible)).toEqual({ hidden, notScanned: 2 });
    const everything = store.bytesRead;
    store.bytesRead = 0;
    await readScannedIds(store, 'P');
    // Chunks 0, 2 and 4 of 11, and the head.
    expect(everything).toBeLessThan(store.bytesRead * 0.5);
    expect(await compareWithScanned(store, 'P', scanned)).toEqual({ hidden: [], notScanned: 0 });
    expect(await compareWithScanned(store, 'none yet', ['1'])).toEqual({ hidden: [], notScanned: 1 });
  });
});
