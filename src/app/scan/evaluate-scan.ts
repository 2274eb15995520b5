// Phase 4 of a scan: from the facts read (the set and what lies outside it) to the report. Resolves who holds
// each role for the owners the set names, reads their accounts and the project's waivers, and runs the pure gap
// engine. Separate from reading so a queue consumer can read across several invocations, then evaluate once.
import { evaluateGaps } from '../../domain/gap-engine';
import type { Account, GapReport, IssueFacts } from '../../domain/model';
import type { Policy } from '../../domain/policy';
import type { JiraClient } from '../../jira/types';
import type { WaiverSource } from '../ports';
import { resolveRoster, type RosterOverride } from '../resolve-roster';
import { ownersNamed, readAccounts } from './accounts';

export interface ScannedProject {
  id: string;
  key: string;
  name: string;
}

export interface EvaluateScanInput {
  /** Reads role sources, groups and accounts (as the app in Forge). */
  jira: JiraClient;
  project: ScannedProject;
  /** The scanned set: the project's issues the scan JQL found, read with bulk fetch. */
  issues: IssueFacts[];
  /** What `readRelatedForScan` found outside the set. */
  related: IssueFacts[];
  policy: Policy;
  /** Eligible account ids per role, replacing the project's role sources (CLI `--roster`). */
  roster?: RosterOverride;
  waivers?: WaiverSource;
  now: Date;
}

export type EvaluateScanOutcome =
  | { ok: true; report: GapReport; accounts: Map<string, Account> }
  | { ok: false; error: { code: 'ROSTER_UNAVAILABLE'; source: string; message: string } };

export async function evaluateScan(input: EvaluateScanInput): Promise<EvaluateScanOutcome> {
  const { jira, project, policy } = input;
  // Only the set's own slots are checked for eligibility and named in gaps; an epic elsewhere is compared by
  // account id alone (SAME_PERSON_PM_AND_PO), so related issues' owners cost nothing.
  const owners = ownersNamed(input.issues);
  const [roster, accounts, waivers] = await Promise.all([
    resolveRoster(jira, project.key, policy, owners, input.roster),
    readAccounts(jira, owners),
    input.waivers?.waiversFor(project) ?? Promise.resolve([]),
  ]);
  const result = evaluateGaps({
    projectKeys: [project.key],
    issues: input.issues,
    related: input.related,
    policy,
    roster,
    accounts,
    waivers,
    now: input.now,
  });
  if (!result.ok) return { ok: false, error: result.error };
  return { ok: true, report: result.report, accounts };
}
