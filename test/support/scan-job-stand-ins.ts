// In-memory stand-ins for the scan run's ports (src/app/scan-job/ports.ts): the stored results as the last
// write left them, and a queue that records what the run pushed, so tests deliver pushed messages themselves.
import type { Clock, KeyValueStore } from '../../src/app/ports';
import { createScanEngine } from '../../src/app/scan-job/engine';
import type { ResultsPort, ScanJobPorts, ScanMessage, ScanQueue } from '../../src/app/scan-job/ports';
import { storeWaiverSource } from '../../src/app/waiver-store';
import { defaultPolicy } from '../../src/domain/policy';
import { createJiraClient, fetchTransport } from '../../src/jira';
import type { JiraClient } from '../../src/jira/types';
import { DEMO } from '../../sandbox/site';
import type { Coverage, GapReport, IssueFacts } from '../../src/domain/model';

export class MemoryResults implements ResultsPort {
  written: { issues: IssueFacts[]; related: IssueFacts[]; report: GapReport; scannedAt: string } | null =
    null;
  writes = 0;
  readonly trend = new Map<string, Coverage>();

  loadFacts(): Promise<IssueFacts[]> {
    return Promise.resolve(structuredClone(this.written?.issues ?? []));
  }
  storedIds(): Promise<ReadonlySet<string> | null> {
    return Promise.resolve(this.written ? new Set(this.written.issues.map((i) => i.id)) : null);
  }
  write(input: Parameters<ResultsPort['write']>[0]) {
    this.writes += 1;
    this.written = structuredClone({
      issues: input.issues,
      related: input.related,
      report: input.report,
      scannedAt: input.scannedAt,
    });
    return Promise.resolve({ recordsWritten: input.issues.length, recordsDeleted: 0, complete: true });
  }
  recordTrend(_projectId: string, day: string, coverage: Coverage): Promise<void> {
    this.trend.set(day, coverage);
    return Promise.resolve();
  }
}

export class RecordingQueue implements ScanQueue {
  readonly pushed: Array<{ message: ScanMessage; delaySeconds: number | undefined }> = [];
  push(message: ScanMessage, options: { delaySeconds?: number } = {}): Promise<void> {
    this.pushed.push({ message: structuredClone(message), delaySeconds: options.delaySeconds });
    return Promise.resolve();
  }
  /** Takes every message pushed so far (oldest first). */
  drain(): ScanMessage[] {
    return this.pushed.splice(0).map((p) => p.message);
  }
}

/** A report in a form `toEqual` compares regardless of the order of equal-ranked rows. */
export function comparable(report: GapReport) {
  const row = (g: { code: string; issueKey: string }) => `${g.code} ${g.issueKey}`;
  return {
    coverage: report.coverage,
    // Owners by id: names are display, read when shown (an incremental run keeps no names).
    gaps: report.gaps
      .map((g) => ({ ...g, owner: g.owner ? { accountId: g.owner.accountId } : null }))
      .sort((a, b) => row(a).localeCompare(row(b))),
    waived: report.waived.map(row).sort(),
  };
}

let nextId = 0;

/** The admin's API-token client of an embedded site: what tests and benches scan with. */
export function adminJira(site: { url: string }): JiraClient {
  const user = DEMO.adminUser;
  return createJiraClient(fetchTransport({ siteUrl: site.url, email: user.email, apiToken: user.apiToken }));
}

/** A scan run's ports over the given Jira, store and results: the default policy, every project enabled. */
export function scanJobPorts(
  parts: { jira: JiraClient; clock: Clock; store: KeyValueStore; results: ResultsPort; queue: ScanQueue },
  overrides: Partial<ScanJobPorts> = {},
): ScanJobPorts {
  const { jira, clock, store } = parts;
  return {
    jira,
    store,
    clock,
    engine: createScanEngine(jira, clock),
    results: parts.results,
    queue: parts.queue,
    waivers: storeWaiverSource(store),
    policyFor: () => Promise.resolve(defaultPolicy()),
    isEnabled: () => Promise.resolve(true),
    newId: () => `id-${++nextId}`,
    ...overrides,
  };
}
