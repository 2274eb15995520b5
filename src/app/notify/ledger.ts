// The ledger: what each person was last told about each gap of a project, one value per (project, person) —
// `{ v: 1, sent: { "<issueId>:<code>": <epoch minute> } }`, about 30 bytes a gap, so even a lead routed 5,000
// gaps stays far below KVS's 240 KiB a value. The project stage keeps only gaps still open and still routed to
// the person (a closed or waived gap is forgotten, so if it opens again it is news again); the recipient stage
// stamps what it sent. A recipient stage runs one at a time per person (the queue's concurrency key), so the
// only two writers of one value are a send and the next run's pruning, an hour apart.
import { z } from 'zod';
import type { KeyValueStore } from '../ports';
import { ledgerKey, ledgerPrefix } from './keys';

const ledgerSchema = z.object({ v: z.literal(1), sent: z.record(z.string(), z.number().int()) });
type LedgerValue = z.infer<typeof ledgerSchema>;

const MINUTE_MS = 60_000;

function parse(value: unknown): LedgerValue {
  const parsed = ledgerSchema.safeParse(value);
  // A damaged value is treated as empty: the worst outcome is one reminder sent early.
  return parsed.success ? parsed.data : { v: 1, sent: {} };
}

/** account id → gap key → epoch ms, for every person of the project. */
export async function readLedger(
  store: KeyValueStore,
  projectId: string,
): Promise<Map<string, Map<string, number>>> {
  const prefix = ledgerPrefix(projectId);
  const out = new Map<string, Map<string, number>>();
  for (const row of await store.list<unknown>(prefix)) {
    const sent = parse(row.value).sent;
    out.set(row.key.slice(prefix.length), new Map(Object.entries(sent).map(([k, m]) => [k, m * MINUTE_MS])));
  }
  return out;
}

/** Drops from each person's ledger the gaps no longer open and routed to them; writes only what changed. */
export async function pruneLedger(
  store: KeyValueStore,
  projectId: string,
  ledger: ReadonlyMap<string, ReadonlyMap<string, number>>,
  routed: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<number> {
  let dropped = 0;
  for (const [accountId, entries] of ledger) {
    const keep = routed.get(accountId) ?? new Set<string>();
    const kept = [...entries].filter(([key]) => keep.has(key));
    if (kept.length === entries.size) continue;
    dropped += entries.size - kept.length;
    if (kept.length === 0) await store.delete(ledgerKey(projectId, accountId));
    else
      await store.set(ledgerKey(projectId, accountId), {
        v: 1,
        sent: Object.fromEntries(kept.map(([k, ms]) => [k, Math.floor(ms / MINUTE_MS)])),
      });
  }
  return dropped;
}

/** Records that the person was told about these gaps at `at`. */
export async function stampLedger(
  store: KeyValueStore,
  projectId: string,
  accountId: string,
  gapKeys: readonly string[],
  at: Date,
): Promise<void> {
  if (gapKeys.length === 0) return;
  const key = ledgerKey(projectId, accountId);
  const value = parse(await store.get<unknown>(key));
  const minute = Math.floor(at.getTime() / MINUTE_MS);
  for (const gapKey of gapKeys) value.sent[gapKey] = minute;
  await store.set(key, value);
}
