// Who may hold each role, as the last full scan of the project found it, for the incremental rescans between
// two full scans. An incremental run re-reads only changed issues; asking Jira again who is in the roles, what
// each owner's groups are and whether their accounts are active would cost more requests than the changes
// themselves. So an incremental run reuses this when it meets no owner the full scan did not check, and the
// daily full scan refreshes it — which is why the page says role changes and deactivated accounts appear
// within a day.
import { z } from 'zod';
import type { Account, Roster } from '../../domain/model';
import type { KeyValueStore } from '../ports';

/** Forge storage holds account ids, never names: the status alone is kept (gaps name owners by id). */
const accountSchema = z.object({ accountId: z.string(), active: z.boolean(), accountType: z.string() });

const cacheSchema = z.object({
  schema: z.literal(1),
  project: z.object({ id: z.string(), key: z.string(), name: z.string() }),
  /** Every owner checked, eligible or not. */
  owners: z.array(z.string()),
  pm: z.array(z.string()),
  po: z.array(z.string()),
  accounts: z.array(accountSchema),
  /** The policy's role sources it was resolved under (a settings change invalidates it). */
  sources: z.string(),
});
type Cached = z.infer<typeof cacheSchema>;

export const ELIGIBILITY_PREFIX = 'scan-eligibility:';

function key(projectId: string): string {
  return `${ELIGIBILITY_PREFIX}${projectId}`;
}

export interface Eligibility {
  project: { id: string; key: string; name: string };
  roster: Extract<Roster, { ok: true }>;
  accounts: Map<string, Account>;
}

/** The project's stored eligibility (any owners), when it was resolved under the same role sources. */
export async function loadEligibility(
  store: KeyValueStore,
  projectId: string,
  sources: string,
): Promise<(Eligibility & { owners: Set<string> }) | undefined> {
  const parsed = cacheSchema.safeParse(await store.get<unknown>(key(projectId)));
  if (!parsed.success || parsed.data.sources !== sources) return undefined;
  return {
    project: parsed.data.project,
    owners: new Set(parsed.data.owners),
    roster: { ok: true, pm: new Set(parsed.data.pm), po: new Set(parsed.data.po) },
    accounts: new Map(parsed.data.accounts.map((a) => [a.accountId, { ...a, displayName: '' }])),
  };
}

export async function saveEligibility(
  store: KeyValueStore,
  owners: ReadonlySet<string>,
  eligibility: Eligibility,
  sources: string,
): Promise<void> {
  const value: Cached = {
    schema: 1,
    project: eligibility.project,
    owners: [...owners],
    pm: [...eligibility.roster.pm],
    po: [...eligibility.roster.po],
    accounts: [...eligibility.accounts.values()].map(({ accountId, active, accountType }) => ({
      accountId,
      active,
      accountType,
    })),
    sources,
  };
  await store.set(key(eligibility.project.id), value);
}
