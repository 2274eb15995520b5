// A small cache in the app's store for what Jira says about role sources, accounts and groups, so the issue
// context can be shown in two or three requests once warm. Every entry carries the time it was read (from the
// clock port) and is never served older than `maxAgeMs`: an account deactivated in Jira stops being offered
// within five minutes. The store's TTL only cleans up; freshness is decided here.
import type { Clock, KeyValueStore } from './ports';

/** The product's bound on how stale account status (and with it role membership) may be. */
export const FRESH_FOR_MS = 5 * 60_000;

interface Entry<T> {
  at: number;
  /** Distinguishes entries read under different inputs (e.g. the policy's role sources). */
  tag: string;
  value: T;
}

export class FreshCache {
  constructor(
    private readonly store: KeyValueStore,
    private readonly clock: Clock,
    private readonly maxAgeMs = FRESH_FOR_MS,
  ) {}

  async get<T>(key: string, tag = ''): Promise<T | undefined> {
    const entry = await this.store.get<Entry<T>>(`cache:${key}`);
    if (entry === undefined || typeof entry !== 'object' || entry === null) return undefined;
    const age = this.clock.now().getTime() - entry.at;
    // A time in the future (clock skew, a damaged entry) is not fresh either.
    if (!(age >= 0 && age <= this.maxAgeMs) || entry.tag !== tag) return undefined;
    return entry.value;
  }

  async put<T>(key: string, value: T, tag = ''): Promise<void> {
    const entry: Entry<T> = { at: this.clock.now().getTime(), tag, value };
    await this.store.set(`cache:${key}`, entry, { ttlSeconds: Math.ceil(this.maxAgeMs / 1000) * 2 });
  }

  async forget(key: string): Promise<void> {
    await this.store.delete(`cache:${key}`);
  }

  /** The cached value when fresh, else `read()` (stored for next time). */
  async through<T>(key: string, read: () => Promise<T>, tag = ''): Promise<T> {
    const cached = await this.get<T>(key, tag);
    if (cached !== undefined) return cached;
    const value = await read();
    await this.put(key, value, tag);
    return value;
  }
}
