// The ports a use case takes as arguments. Forge entry points, the CLI and the sandbox each supply their own.
import type { Waiver } from '../domain/model';
import type { JiraClient } from '../jira/types';
import type { OwnershipWritten } from './patch-results';

export interface Clock {
  now(): Date;
}

/** Waivers recorded by the app; the CLI has none. */
export interface WaiverSource {
  waiversFor(project: { id: string; key: string }): Promise<Waiver[]>;
}

export interface ScanPorts {
  /** Reads as the app: role membership and issues the caller may not see are needed for a faithful scan. */
  jira: JiraClient;
  /**
   * Reads issues as the viewing user, where what is shown must be only what they may see (the issue panel's
   * parent and children). Role membership and accounts are still read with `jira`. Defaults to `jira`.
   */
  userJira?: JiraClient;
  clock: Clock;
  waivers?: WaiverSource;
}

/**
 * The app's key-value storage as the ownership use cases need it (Forge: @forge/kvs; tests: a Map). Values are
 * JSON. `create` is the one atomic primitive locks are built on: it fails, returning false, when the key
 * exists. `swap` writes and returns what was there, so a caller can tell whether it replaced what it expected.
 */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  /** `ttlSeconds` is housekeeping only: the store may keep an expired key for hours, so never rely on it. */
  set(key: string, value: unknown, options?: { ttlSeconds?: number }): Promise<void>;
  create(key: string, value: unknown, options?: { ttlSeconds?: number }): Promise<boolean>;
  swap<T>(key: string, value: unknown): Promise<T | undefined>;
  delete(key: string): Promise<void>;
  /** Every key starting with `prefix`, with its value. */
  list<T>(prefix: string): Promise<Array<{ key: string; value: T }>>;
}

/** What the ownership use cases (issue context, writes, picker, waivers) run on. */
export interface OwnershipPorts {
  /** Called after every ownership write that changed the property (the Alignment page's stored results). */
  afterWrite?: (written: OwnershipWritten) => Promise<unknown>;
  /** Called after a waiver is set or revoked (the stored results are re-evaluated by a rescan). */
  afterWaiverChange?: (issue: { id: string; key: string; projectId: string }) => Promise<unknown>;
  /** As the app: role sources, accounts, groups. */
  jira: JiraClient;
  /** As the viewer: the issue itself, its parent, permissions, the people search, and every property write. */
  userJira: JiraClient;
  clock: Clock;
  store: KeyValueStore;
}
