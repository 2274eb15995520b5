// At most once, and no silent loss. Before a digest is sent its claim is created atomically (KVS
// `FAIL_IF_EXISTS`): one claim per run and recipient, holding the digest's content hash. Its state then
// moves on once: `claimed` → `sent` (delivered), `failed` (Jira answered with an error: nothing was sent; the
// ledger is untouched, so the next run sends it again), `capped` (the site's daily cap was reached: the same),
// or `unknown` (no answer, or a retry found the claim still `claimed`: the email may have gone, so it is never
// sent again — the ledger counts it as told — and the settings page counts it).
import { z } from 'zod';
import type { KeyValueStore } from '../ports';
import { claimKey, dayHintKey, daySlotKey, daySlotPrefix } from './keys';

export const claimSchema = z.object({
  v: z.literal(1),
  state: z.enum(['claimed', 'sent', 'failed', 'capped', 'unknown']),
  /** sha-256 of the digest's subject and bodies. */
  hash: z.string(),
  projectIds: z.array(z.string()),
  /** Gaps the digest names (or counts), per project: what the ledger records once sent. */
  gapKeys: z.record(z.string(), z.array(z.string())),
  issueKey: z.string(),
  claimedAt: z.string(),
  outcomeAt: z.string().nullable(),
  /** Why it failed, as Jira said it (no personal data). */
  error: z.string().nullable(),
});
export type Claim = z.infer<typeof claimSchema>;

export async function readClaim(
  store: KeyValueStore,
  runId: string,
  accountId: string,
): Promise<Claim | null> {
  const parsed = claimSchema.safeParse(await store.get<unknown>(claimKey(runId, accountId)));
  return parsed.success ? parsed.data : null;
}

/** True when this caller now holds the claim; false when a claim already exists. */
export function createClaim(store: KeyValueStore, runId: string, accountId: string, claim: Claim) {
  // Kept 30 days: long past any redelivery, and the settings page reads the last run's outcomes.
  return store.create(claimKey(runId, accountId), claim, { ttlSeconds: 30 * 86_400 });
}

export async function settleClaim(
  store: KeyValueStore,
  runId: string,
  accountId: string,
  claim: Claim,
  state: Claim['state'],
  at: Date,
  error: string | null = null,
): Promise<Claim> {
  const next: Claim = { ...claim, state, outcomeAt: at.toISOString(), error };
  await store.set(claimKey(runId, accountId), next, { ttlSeconds: 30 * 86_400 });
  return next;
}

/**
 * Takes one of the day's `cap` slots (UTC day), atomically: slot n is a key created with FAIL_IF_EXISTS, so two
 * senders never share one and the day never sends more than `cap`. The hint only saves probing from 1.
 */
export async function takeDaySlot(
  store: KeyValueStore,
  day: string,
  cap: number,
  holder: string,
): Promise<number | null> {
  const hint = Math.max(1, Number((await store.get<number>(dayHintKey(day))) ?? 1));
  for (let slot = Math.min(hint, cap + 1); slot <= cap; slot++) {
    if (await store.create(daySlotKey(day, slot), { holder }, { ttlSeconds: 3 * 86_400 })) {
      await store.set(dayHintKey(day), slot + 1, { ttlSeconds: 3 * 86_400 });
      return slot;
    }
  }
  return null;
}

/** Emails claimed today across the site (the settings page's "sent today"). */
export async function slotsTaken(store: KeyValueStore, day: string): Promise<number> {
  return (await store.list<unknown>(daySlotPrefix(day))).length;
}
