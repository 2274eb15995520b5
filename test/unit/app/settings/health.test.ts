// The health box's pieces: when a save counts as waiting for a rescan, and the failed-scan log.
import { describe, expect, it } from '@jest/globals';
import { isRescanPending } from '../../../../src/app/settings/describe-settings';
import {
  MAX_SCAN_FAILURES,
  loadScanFailures,
  recordScanFailure,
  scanFailuresKey,
} from '../../../../src/app/scan-job/failure-log';
import { MemoryStore } from '../../../support/memory-store';

describe('isRescanPending', () => {
  const saved = '2026-11-30T12:00:00.000Z';

  it('is pending while the last full scan started before the save, or there was none', () => {
    expect(isRescanPending(saved, '2026-11-30T11:59:59.000Z', true)).toBe(true);
    expect(isRescanPending(saved, null, true)).toBe(true);
    expect(isRescanPending(saved, undefined, true)).toBe(true);
  });

  it('is not pending once a full scan started after the save, when never saved, or when disabled', () => {
    expect(isRescanPending(saved, '2026-11-30T12:00:01.000Z', true)).toBe(false);
    expect(isRescanPending(null, null, true)).toBe(false);
    expect(isRescanPending(saved, null, false)).toBe(false);
    expect(isRescanPending('not a date', null, true)).toBe(false);
  });
});

describe('the failed-scan log', () => {
  it('keeps the last five, newest first, and a run recorded twice once', async () => {
    const store = new MemoryStore();
    for (let n = 1; n <= 7; n++) {
      await recordScanFailure(store, 'p1', {
        runId: `run-${n}`,
        at: `2026-11-30T12:0${n}:00.000Z`,
        code: 'ROSTER_UNAVAILABLE',
        message: `failure ${n}`,
      });
    }
    await recordScanFailure(store, 'p1', {
      runId: 'run-7',
      at: '2026-11-30T12:07:00.000Z',
      code: 'ROSTER_UNAVAILABLE',
      message: 'failure 7',
    });
    const failures = await loadScanFailures(store, 'p1');
    expect(failures).toHaveLength(MAX_SCAN_FAILURES);
    expect(failures.map((f) => f.message)).toEqual([
      'failure 7',
      'failure 6',
      'failure 5',
      'failure 4',
      'failure 3',
    ]);
    expect(failures[0]).toEqual({
      at: '2026-11-30T12:07:00.000Z',
      code: 'ROSTER_UNAVAILABLE',
      message: 'failure 7',
    });
    expect(await loadScanFailures(store, 'p2')).toEqual([]);
  });

  it('reads a damaged record as no failures', async () => {
    const store = new MemoryStore();
    await store.set(scanFailuresKey('p1'), { not: 'a list' });
    expect(await loadScanFailures(store, 'p1')).toEqual([]);
  });
});
