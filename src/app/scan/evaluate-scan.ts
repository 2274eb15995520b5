// Phase 4 of a scan: from the facts read (the set and what lies outside it) to the report. Resolves who holds
// each role for the owners the set names, reads their accounts and the project's waivers, and runs the pure gap
// engine. Separate from reading so a queue consumer can read across several invocations, then evaluate once.
import { evaluateGaps } from '../../domain/gap-engine';
import type { Account, GapReport, IssueFacts, Roster, Waiver } from '../../domain/model';
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

/** Who holds each role among the set's owners, their accounts and the project's waivers. */
export interface ScanPeople {
  roster: Roster;
  accounts: Map<string, Account>;
  waivers: Waiver[];
}

/**
 * The Jira side of evaluating: depends only on the set (its owners), not on related issues, so a caller may
 * run it while the related phase reads.
 */
export async function readScanPeople(
  input: Pick<EvaluateScanInput, 'jira' | 'project' | 'issues' | 'policy' | 'roster' | 'waivers'>,
): Promise<ScanPeople> {
  const { jira, project, policy } = input;
  // Only the set's own slots are checked for eligibility and named in gaps; an epic elsewhere is compared by
  // account id alone (SAME_PERSON_PM_AND_PO), so related issues' owners cost nothing.
  const owners = ownersNamed(input.issues);
  const [roster, accounts, waivers] = await Promise.all([
    resolveRoster(jira, project.key, policy, owners, input.roster),
    readAccounts(jira, owners),
    input.waivers?.waiversFor(project) ?? Promise.resolve([]),
  ]);
  return { roster, accounts, waivers };
}

/** The pure part: the gap engine over the facts and the people. */
export function evaluateWithPeople(
  input: Pick<EvaluateScanInput, 'project' | 'issues' | 'related' | 'policy' | 'now'>,
  people: ScanPeople,
): EvaluateScanOutcome {
  const result = evaluateGaps({
    projectKeys: [input.project.key],
    issues: input.issues,
    related: input.related,
    policy: input.policy,
    roster: people.roster,
    accounts: people.accounts,
    waivers: people.waivers,
    now: input.now,
  });
  if (!result.ok) return { ok: false, error: result.error };
  return { ok: true, report: result.report, accounts: people.accounts };
}

export async function evaluateScan(input: EvaluateScanInput): Promise<EvaluateScanOutcome> {
  return evaluateWithPeople(input, await readScanPeople(input));
}
