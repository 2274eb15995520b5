// GDPR housekeeping for the account ids Role Split stores itself (history, waivers, cached role sources and
// group memberships; never names). Once a week they are reported to Atlassian's personal data reporting API;
// for every account it says is closed, what the app stored about that person is erased: their history
// entries go, waivers they set lose their author, and cached entries naming them are dropped (re-read when
// needed). The ownership property lives in Jira, not in the app's storage, and is left to Jira.
import { HISTORY_PREFIX, readHistory } from './ownership-history';
import type { Clock, KeyValueStore } from './ports';
import { WAIVERS_PREFIX } from './waiver-store';
import { ELIGIBILITY_PREFIX } from './scan-job/eligibility-cache';

/**
 * Caches keyed `<prefix><projectId>:<accountId>`: what a viewer may see, whether they administer, and the
 * status line's rights (administer, edit).
 */
const VIEWER_KEYED_PREFIXES = ['rs-visible:', 'cache:may-administer:', 'cache:viewer-rights:'];

function lastSegment(key: string): string {
  return key.slice(key.lastIndexOf(':') + 1);
}

export interface ReportedAccount {
  accountId: string;
  /** ISO-8601: when the app last stored something about the account. */
  updatedAt: string;
}

/** Forge's `privacy.reportPersonalData`, or a fake in tests. */
export type PersonalDataReporter = (
  accounts: ReportedAccount[],
) => Promise<Array<{ accountId: string; status: 'updated' | 'closed' }>>;

interface WaiverRecord {
  issueKey: string;
  waivers: Array<{ setBy: string; setAt: string } & Record<string, unknown>>;
}

function later(a: string | undefined, b: string): string {
  return a === undefined || Date.parse(b) > Date.parse(a) ? b : a;
}

/** Every account id the app stores, with the latest time it was stored. */
export async function storedAccounts(store: KeyValueStore, clock: Clock): Promise<ReportedAccount[]> {
  const latest = new Map<string, string>();
  const note = (id: string | null, at: string) => {
    if (id) latest.set(id, later(latest.get(id), at));
  };
  for (const { key } of await store.list<unknown>(HISTORY_PREFIX)) {
    for (const h of await readHistory(store, key.slice(HISTORY_PREFIX.length))) {
      note(h.by, h.at);
      note(h.from, h.at);
      note(h.to, h.at);
    }
  }
  for (const { value } of await store.list<WaiverRecord>(WAIVERS_PREFIX)) {
    for (const w of value.waivers ?? []) note(w.setBy, w.setAt);
  }
  const now = clock.now().toISOString();
  for (const { value } of await store.list<{ value?: { userIds?: string[] } }>('cache:sources:')) {
    for (const id of value.value?.userIds ?? []) note(id, now);
  }
  for (const { key } of await store.list<unknown>('cache:groups:'))
    note(key.slice('cache:groups:'.length), now);
  // Issue 10: owners a project's last full scan checked (they are also every slot holder its stored results
  // name), and the per-viewer caches of the Alignment page, keyed by account id.
  for (const { value } of await store.list<{ owners?: string[] }>(ELIGIBILITY_PREFIX)) {
    for (const id of value.owners ?? []) note(id, now);
  }
  for (const prefix of VIEWER_KEYED_PREFIXES) {
    for (const { key } of await store.list<unknown>(prefix)) note(lastSegment(key), now);
  }
  return [...latest].map(([accountId, updatedAt]) => ({ accountId, updatedAt }));
}

/** Report, then erase what belongs to closed accounts. Returns the ids erased. */
export async function reportPersonalData(
  store: KeyValueStore,
  clock: Clock,
  report: PersonalDataReporter,
): Promise<string[]> {
  const accounts = await storedAccounts(store, clock);
  if (accounts.length === 0) return [];
  const closed = new Set(
    (await report(accounts)).filter((a) => a.status === 'closed').map((a) => a.accountId),
  );
  if (closed.size === 0) return [];
  for (const { key } of await store.list<unknown>(HISTORY_PREFIX)) {
    const entries = await readHistory(store, key.slice(HISTORY_PREFIX.length));
    const kept = entries.filter((h) => ![h.by, h.from, h.to].some((id) => id !== null && closed.has(id)));
    if (kept.length === entries.length) continue;
    if (kept.length === 0) await store.delete(key);
    else await store.set(key, { entries: kept });
  }
  for (const { key, value } of await store.list<WaiverRecord>(WAIVERS_PREFIX)) {
    if (!(value.waivers ?? []).some((w) => closed.has(w.setBy))) continue;
    const waivers = value.waivers.map((w) => (closed.has(w.setBy) ? { ...w, setBy: '' } : w));
    await store.set(key, { ...value, waivers });
  }
  for (const { key, value } of await store.list<{ value?: { userIds?: string[] } }>('cache:sources:')) {
    if ((value.value?.userIds ?? []).some((id) => closed.has(id))) await store.delete(key);
  }
  for (const id of closed) await store.delete(`cache:groups:${id}`);
  // A project's eligibility naming a closed account is dropped: its next scan asks Jira again.
  for (const { key, value } of await store.list<{ owners?: string[] }>(ELIGIBILITY_PREFIX)) {
    if ((value.owners ?? []).some((id) => closed.has(id))) await store.delete(key);
  }
  for (const prefix of VIEWER_KEYED_PREFIXES) {
    for (const { key } of await store.list<unknown>(prefix)) {
      if (closed.has(lastSegment(key))) await store.delete(key);
    }
  }
  return [...closed];
}
