// The scan every surface shares (project page, notifications, CLI), in one call: the project's ids with
// id-only search pages, its issues with parallel bulk fetches, what the rules read outside the set (ancestors,
// children of childless strategy issues), then roster, accounts, waivers and the pure gap engine. The phases
// live in ./scan/ so a queue consumer can run them across several invocations.
import type { Account, GapReport } from '../domain/model';
import type { Policy } from '../domain/policy';
import type { ScanPorts } from './ports';
import type { RosterOverride } from './resolve-roster';
import { allIssueIds } from './scan/find-ids';
import { evaluateWithPeople, readScanPeople } from './scan/evaluate-scan';
import { fetchIssues } from './scan/fetch-issues';
import { readRelatedForScan } from './scan/read-related-for-scan';
import { scanJql } from './scan/scan-jql';

export { ownersNamed, readAccounts } from './scan/accounts';

export interface ScanRequest {
  projectKey: string;
  policy: Policy;
  /** Eligible account ids per role, replacing the project's role sources (CLI `--roster`). */
  roster?: RosterOverride;
  /** Issues read so far (after each bulk fetch batch). */
  onProgress?: (issuesRead: number) => void;
  /** Bulk fetches in flight at once (default: the scan's). */
  concurrency?: number;
}

export type ScanOutcome =
  | {
      ok: true;
      project: { id: string; key: string; name: string };
      report: GapReport;
      issuesRead: number;
      scannedAt: string;
      /** The accounts the report names, for display (unknown accounts are absent). */
      accounts: Map<string, Account>;
    }
  | { ok: false; error: { code: 'ROSTER_UNAVAILABLE'; source: string; message: string } };

export async function scanProject(ports: ScanPorts, request: ScanRequest): Promise<ScanOutcome> {
  const { jira } = ports;
  const project = await jira.getProject(request.projectKey);
  const ids = await allIssueIds(jira, scanJql(project.key, request.policy));
  let read = 0;
  const { facts: issues } = await fetchIssues(jira, ids, {
    ...(request.concurrency === undefined ? {} : { concurrency: request.concurrency }),
    onBatch: (_index, facts) => {
      read += facts.length;
      request.onProgress?.(read);
    },
  });
  // Ids Jira listed in issueErrors after every attempt are left out of this one-shot scan, as issues deleted
  // meanwhile are; the queue consumer, which can come back later, re-reads them.
  const scanned = { id: project.id, key: project.key, name: project.name };
  // Roster, accounts and waivers depend on the set only: read them while the related phase reads.
  const [related, people] = await Promise.all([
    readRelatedForScan(jira, issues, request.policy),
    readScanPeople({
      jira,
      project: scanned,
      issues,
      policy: request.policy,
      ...(request.roster === undefined ? {} : { roster: request.roster }),
      ...(ports.waivers === undefined ? {} : { waivers: ports.waivers }),
    }),
  ]);
  const outcome = evaluateWithPeople(
    { project: scanned, issues, related, policy: request.policy, now: ports.clock.now() },
    people,
  );
  if (!outcome.ok) return outcome;
  return {
    ok: true,
    project: { id: project.id, key: project.key, name: project.name },
    report: outcome.report,
    issuesRead: issues.length,
    scannedAt: ports.clock.now().toISOString(),
    accounts: outcome.accounts,
  };
}
