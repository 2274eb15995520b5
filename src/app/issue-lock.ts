// A per-issue lock in the app's store, so two ownership writes on one issue never interleave their
// read-compare-write. Taking it is an atomic create (`create` = Forge KVS `FAIL_IF_EXISTS`). A lock whose
// `expiresAt` has passed is stale (its holder is gone: a resolver runs at most 25 s, a lock lasts at most
// 30 s) and is taken over only through conditional writes, never by trusting the store's TTL, which may lag by
// hours:
//   1. a takeover marker keyed by the stale lock's token is created atomically: of everyone who saw that stale
//      lock, exactly one creates it;
//   2. the winner swaps its own lock in and checks that what it replaced was that stale lock; if something
//      else was there (the stale lock was released and a fresh one taken meanwhile), it puts that back and
//      reports the issue as busy.
import { randomUUID } from 'node:crypto';
import type { Clock, KeyValueStore } from './ports';

/** How long a lock is valid: longer than any one resolver may run (25 s), at most 30 s. */
export const LOCK_TTL_MS = 30_000;

export interface IssueLock {
  token: string;
  /** Who holds it (account id), for the logs. */
  holder: string;
  /** Epoch ms after which the lock is stale. */
  expiresAt: number;
}

export function lockKey(issueId: string): string {
  return `lock:issue:${issueId}`;
}

function takeoverKey(staleToken: string): string {
  return `lock:takeover:${staleToken}`;
}

function isLock(value: unknown): value is IssueLock {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.token === 'string' && typeof v.expiresAt === 'number';
}

/** Take the issue's lock, or return null when someone else holds a live one. */
export async function acquireIssueLock(
  store: KeyValueStore,
  clock: Clock,
  issueId: string,
  holder: string,
): Promise<IssueLock | null> {
  const key = lockKey(issueId);
  const mine: IssueLock = { token: randomUUID(), holder, expiresAt: clock.now().getTime() + LOCK_TTL_MS };
  const housekeeping = { ttlSeconds: Math.ceil(LOCK_TTL_MS / 1000) * 2 };
  if (await store.create(key, mine, housekeeping)) return mine;

  const current = await store.get<unknown>(key);
  // Released between our create and our read: one more atomic create, never a blind write.
  if (current === undefined) return (await store.create(key, mine, housekeeping)) ? mine : null;
  // A malformed value counts as stale (it can never be released by its holder), a live lock as busy.
  if (isLock(current) && current.expiresAt > clock.now().getTime()) return null;
  const staleToken = isLock(current) ? current.token : `malformed:${JSON.stringify(current)}`;
  if (!(await store.create(takeoverKey(staleToken), { by: mine.token }, { ttlSeconds: 86_400 }))) return null;
  const replaced = await store.swap<unknown>(key, mine);
  const replacedToken = isLock(replaced) ? replaced.token : `malformed:${JSON.stringify(replaced)}`;
  if (replaced !== undefined && replacedToken === staleToken) return mine;
  // Not the lock we won the takeover of: give back what was there and stand aside.
  if (replaced === undefined) await store.delete(key);
  else await store.set(key, replaced);
  return null;
}

/** Release the lock if it is still ours (a lock taken over from us is not ours to delete). */
export async function releaseIssueLock(
  store: KeyValueStore,
  issueId: string,
  lock: IssueLock,
): Promise<void> {
  const current = await store.get<unknown>(lockKey(issueId));
  if (isLock(current) && current.token === lock.token) await store.delete(lockKey(issueId));
}
