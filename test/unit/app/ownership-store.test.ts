// The app-storage pieces of the write side over an in-memory store and a hand-moved clock: the per-issue lock
// (atomic take, stale takeover through conditional writes only, release of one's own lock only), the
// five-minute cache, waivers as the scan reads them, and the personal data report's erasure.
import { describe, expect, it } from '@jest/globals';
import { FRESH_FOR_MS, FreshCache } from '../../../src/app/fresh-cache';
import { LOCK_TTL_MS, acquireIssueLock, lockKey, releaseIssueLock } from '../../../src/app/issue-lock';
import { appendHistory, HISTORY_LIMIT, historyKey, readHistory } from '../../../src/app/ownership-history';
import { reportPersonalData } from '../../../src/app/report-personal-data';
import { storeWaiverSource, writeIssueWaiver } from '../../../src/app/waiver-store';
import { saveEligibility } from '../../../src/app/scan-job/eligibility-cache';
import { MemoryStore } from '../../support/memory-store';

function clockAt(start: number) {
  let now = start;
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

const T0 = Date.parse('2026-11-30T12:00:00Z');

describe('issue lock', () => {
  it('is taken once; a second taker is refused while it lives', async () => {
    const store = new MemoryStore();
    const clock = clockAt(T0);
    const first = await acquireIssueLock(store, clock, '10001', 'a');
    expect(first).not.toBeNull();
    expect(first?.expiresAt).toBeLessThanOrEqual(T0 + 30_000);
    clock.advance(LOCK_TTL_MS - 1);
    expect(await acquireIssueLock(store, clock, '10001', 'b')).toBeNull();
    // Another issue is another lock.
    expect(await acquireIssueLock(store, clock, '10002', 'b')).not.toBeNull();
  });

  it('of two takers of one stale lock, exactly one wins', async () => {
    const store = new MemoryStore();
    const clock = clockAt(T0);
    const stale = await acquireIssueLock(store, clock, '10001', 'dead');
    clock.advance(LOCK_TTL_MS + 1);
    const [b, c] = await Promise.all([
      acquireIssueLock(store, clock, '10001', 'b'),
      acquireIssueLock(store, clock, '10001', 'c'),
    ]);
    expect([b, c].filter((l) => l !== null)).toHaveLength(1);
    const winner = (b ?? c)!;
    expect(await store.get(lockKey('10001'))).toEqual(winner);
    // The dead holder's late release does not free the winner's lock.
    await releaseIssueLock(store, '10001', stale!);
    expect(await store.get(lockKey('10001'))).toEqual(winner);
    await releaseIssueLock(store, '10001', winner);
    expect(await store.get(lockKey('10001'))).toBeUndefined();
  });

  it('does not take over a fresh lock that replaced the stale one it saw', async () => {
    const store = new MemoryStore();
    const clock = clockAt(T0);
    await acquireIssueLock(store, clock, '10001', 'dead');
    clock.advance(LOCK_TTL_MS + 1);
    // Someone already won the takeover of that stale lock and holds a fresh one.
    const winner = await acquireIssueLock(store, clock, '10001', 'b');
    expect(winner).not.toBeNull();
    expect(await acquireIssueLock(store, clock, '10001', 'c')).toBeNull();
    expect(await store.get(lockKey('10001'))).toEqual(winner);
  });

  it('treats a malformed lock value as stale', async () => {
    const store = new MemoryStore();
    await store.set(lockKey('10001'), 'garbage');
    expect(await acquireIssueLock(store, clockAt(T0), '10001', 'a')).not.toBeNull();
  });
});

describe('FreshCache', () => {
  it('never serves an entry older than five minutes, nor one read under another tag', async () => {
    const store = new MemoryStore();
    const clock = clockAt(T0);
    const cache = new FreshCache(store, clock);
    await cache.put('k', { v: 1 }, 'tag-a');
    expect(await cache.get('k', 'tag-a')).toEqual({ v: 1 });
    expect(await cache.get('k', 'tag-b')).toBeUndefined();
    clock.advance(FRESH_FOR_MS);
    expect(await cache.get('k', 'tag-a')).toEqual({ v: 1 });
    clock.advance(1);
    expect(await cache.get('k', 'tag-a')).toBeUndefined();
  });
});

describe('history', () => {
  it('keeps the last 20 changes, newest first', async () => {
    const store = new MemoryStore();
    for (let i = 0; i < HISTORY_LIMIT + 3; i += 1) {
      await appendHistory(store, '1', {
        by: 'a',
        at: `t${i}`,
        slot: 'po',
        from: null,
        to: `p${i}`,
        action: 'assign',
      });
    }
    const entries = await readHistory(store, '1');
    expect(entries).toHaveLength(HISTORY_LIMIT);
    expect(entries[0]?.to).toBe(`p${HISTORY_LIMIT + 2}`);
  });
});

describe('waivers in the store', () => {
  it('are read per project by the scan, and an expired one is not returned for the issue', async () => {
    const store = new MemoryStore();
    const now = new Date(T0);
    const waiver = {
      code: 'STORY_WITHOUT_PO' as const,
      reason: 'r',
      setBy: 'a',
      setAt: now.toISOString(),
      expiresAt: '2026-12-01T00:00:00Z',
    };
    await writeIssueWaiver(
      store,
      { projectId: 'P1', issueId: '1', issueKey: 'A-1' },
      waiver.code,
      waiver,
      now,
    );
    await writeIssueWaiver(
      store,
      { projectId: 'P2', issueId: '2', issueKey: 'B-1' },
      waiver.code,
      waiver,
      now,
    );
    const source = storeWaiverSource(store);
    expect(await source.waiversFor({ id: 'P1', key: 'A' })).toEqual([
      {
        issueKey: 'A-1',
        code: 'STORY_WITHOUT_PO',
        reason: 'r',
        setBy: 'a',
        expiresAt: '2026-12-01T00:00:00Z',
      },
    ]);
    const later = new Date('2026-12-02T00:00:00Z');
    expect(
      await writeIssueWaiver(
        store,
        { projectId: 'P1', issueId: '1', issueKey: 'A-1' },
        'ROLE_MISPLACED',
        null,
        later,
      ),
    ).toEqual([]);
  });
});

describe('personal data report', () => {
  it('reports every stored account id once and erases what belongs to closed accounts', async () => {
    const store = new MemoryStore();
    const clock = clockAt(T0);
    await appendHistory(store, '1', {
      by: 'alice',
      at: '2026-11-01T00:00:00Z',
      slot: 'po',
      from: null,
      to: 'bob',
      action: 'assign',
    });
    await appendHistory(store, '1', {
      by: 'carol',
      at: '2026-11-02T00:00:00Z',
      slot: 'po',
      from: 'bob',
      to: 'dave',
      action: 'assign',
    });
    await writeIssueWaiver(
      store,
      { projectId: 'P1', issueId: '1', issueKey: 'A-1' },
      'SAME_PERSON_PM_AND_PO',
      {
        code: 'SAME_PERSON_PM_AND_PO',
        reason: 'r',
        setBy: 'bob',
        setAt: '2026-11-03T00:00:00Z',
        expiresAt: '2027-01-01T00:00:00Z',
      },
      new Date(T0),
    );
    const reported: Array<{ accountId: string; updatedAt: string }> = [];
    const erased = await reportPersonalData(store, clock, (accounts) => {
      reported.push(...accounts);
      return Promise.resolve(
        accounts.map((a) => ({
          accountId: a.accountId,
          status: a.accountId === 'bob' ? 'closed' : 'updated',
        })),
      );
    });
    expect(reported.map((a) => a.accountId).sort()).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(reported.find((a) => a.accountId === 'bob')?.updatedAt).toBe('2026-11-03T00:00:00Z');
    expect(erased).toEqual(['bob']);
    expect(JSON.stringify([...store.values])).not.toContain('"bob"');
    expect(await store.get(historyKey('1'))).toBeUndefined();
  });
});

describe('personal data report of the Alignment page (issue 10)', () => {
  it('reports scan owners and per-viewer cache keys, and drops what names a closed account', async () => {
    const store = new MemoryStore();
    const clock = { now: () => new Date('2025-06-01T00:00:00Z') };
    await saveEligibility(
      store,
      new Set(['owner-a', 'owner-b']),
      {
        project: { id: '10000', key: 'ALPHA', name: 'Alpha' },
        roster: { ok: true, pm: new Set(['owner-a']), po: new Set() },
        accounts: new Map([
          ['owner-a', { accountId: 'owner-a', displayName: 'Ann', active: true, accountType: 'atlassian' }],
        ]),
      },
      '{}',
    );
    await store.set('rs-visible:10000:viewer-v', { hidden: [] });
    await store.set('cache:may-administer:10000:viewer-w', { at: 0, tag: '', value: true });
    // Names are never stored, even in the eligibility cache.
    expect(JSON.stringify([...store.values.values()])).not.toContain('Ann');
    const reported: string[] = [];
    const erased = await reportPersonalData(store, clock, (accounts) => {
      reported.push(...accounts.map((a) => a.accountId));
      return Promise.resolve(
        accounts.map((a) => ({
          accountId: a.accountId,
          status:
            a.accountId === 'owner-b' || a.accountId === 'viewer-v'
              ? ('closed' as const)
              : ('updated' as const),
        })),
      );
    });
    expect(reported.sort()).toEqual(['owner-a', 'owner-b', 'viewer-v', 'viewer-w']);
    expect(erased.sort()).toEqual(['owner-b', 'viewer-v']);
    expect(await store.get('scan-eligibility:10000')).toBeUndefined();
    expect(await store.get('rs-visible:10000:viewer-v')).toBeUndefined();
    expect(await store.get('cache:may-administer:10000:viewer-w')).toBeDefined();
  });
});
