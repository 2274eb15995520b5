// After the issue panel writes an owner, the Alignment page must show it without waiting for a rescan: this
// patches the issue's stored records in the same use case, and marks the issue dirty so the project's next
// incremental rescan (queued 30 s out) settles what a patch cannot see from one issue (the stories of an epic
// whose PM changed). The patch explains the issue again from its stored context — the facts of its strategy
// ancestors as the last scan stored them — with the owner the write just checked; the two rules that do not
// depend on the issue's own owner (STORY_WITHOUT_EPIC, EPIC_WITHOUT_STORIES) keep their stored outcome.
import { explain, type Explanation, type RuleOutcome } from '../domain/explain';
import type { Account, GapCode, IssueFacts, Role } from '../domain/model';
import type { Policy } from '../domain/policy';
import { projectKeyOf } from './issue-facts';
import type { IssueRecord } from './results/records';
import { factsOf, type ResultStore } from './results/result-store';
import { markDirty } from './scan-job/dirty';
import type { ScanQueue } from './scan-job/ports';
import { requestScan } from './scan-job/request-scan';
import type { Clock, KeyValueStore, WaiverSource } from './ports';

/** Queued rescan delay after a write: edits in a burst share one rescan. */
const RESCAN_AFTER_WRITE_S = 30;
/** A waiver has no patch: its rescan is queued sooner. */
const RESCAN_AFTER_WAIVER_S = 5;
const KEPT_CODES: readonly GapCode[] = ['STORY_WITHOUT_EPIC', 'EPIC_WITHOUT_STORIES'];

export interface OwnershipWritten {
  project: { id: string; key: string };
  /** The issue as the writer read it, with the ownership property as written. */
  facts: IssueFacts;
  slot: Role;
  /** The slot's holder now, checked eligible by the write (null after a clear). */
  owner: string | null;
  policy: Policy;
}

export interface ResultsPatchPorts {
  results: ResultStore;
  store: KeyValueStore;
  clock: Clock;
  queue: ScanQueue;
  waivers: WaiverSource;
  newId(): string;
}

export async function patchResultsAfterWrite(ports: ResultsPatchPorts, written: OwnershipWritten) {
  const { project, facts } = written;
  await markDirty(ports.store, project.id, [facts.id], ports.clock.now());
  await requestScan(ports, project, 'incremental', { delaySeconds: RESCAN_AFTER_WRITE_S });
  const old = (await ports.results.readIssueRecords([facts.id])).get(facts.id);
  if (!old) return { patched: false };
  const explanation = await explainFromStored(ports, written, old);
  if (!explanation) return { patched: false };
  const patched = await ports.results.patchIssue(project.id, {
    // The viewer's read knows nothing of issue security: keep what the scan stored.
    facts: { ...facts, ...(old.secured ? { secured: true } : {}) },
    explanation,
  });
  return { patched: patched.patched };
}

async function explainFromStored(
  ports: ResultsPatchPorts,
  written: OwnershipWritten,
  old: IssueRecord,
): Promise<Explanation | null> {
  const ancestors = [...(await ports.results.readIssueRecords(old.strategyIds)).values()].map(factsOf);
  const owner = written.owner;
  const accounts = new Map<string, Account>(
    owner ? [[owner, { accountId: owner, displayName: '', active: true, accountType: 'atlassian' }]] : [],
  );
  const inRole = new Set(owner ? [owner] : []);
  const waivers = (await ports.waivers.waiversFor(written.project)).filter(
    (w) => w.issueKey === written.facts.key,
  );
  const result = explain(written.facts, {
    projectKeys: [written.project.key],
    issues: [written.facts],
    related: ancestors,
    policy: written.policy,
    roster: {
      ok: true,
      pm: written.slot === 'pm' ? inRole : new Set(),
      po: written.slot === 'po' ? inRole : new Set(),
    },
    accounts,
    waivers,
    now: ports.clock.now(),
  });
  if (!result.ok) return null;
  const { explanation } = result;
  return {
    ...explanation,
    outcomes: explanation.outcomes.map((o) => (KEPT_CODES.includes(o.code) ? storedOutcome(o, old) : o)),
  };
}

/** The outcome the last scan stored for a rule the write cannot change. */
function storedOutcome(fresh: RuleOutcome, old: IssueRecord): RuleOutcome {
  const gap = {
    code: fresh.code,
    severity: fresh.severity,
    issueKey: old.facts.key,
    issueType: old.facts.type.name,
    summary: old.facts.summary,
    epicKey: old.epic?.key ?? null,
    owner: null,
  };
  const failed = old.gaps.find((g) => g.code === fresh.code);
  if (failed) return { code: fresh.code, severity: failed.severity, status: 'fail', gap };
  const waived = old.waived.find((g) => g.code === fresh.code);
  if (waived) {
    const { reason, setBy, expiresAt } = waived;
    return {
      code: fresh.code,
      severity: waived.severity,
      status: 'waived',
      gap,
      waiver: { issueKey: old.facts.key, code: fresh.code, reason, setBy, expiresAt },
    };
  }
  return fresh.status === 'not-checked'
    ? fresh
    : { code: fresh.code, severity: fresh.severity, status: 'pass' };
}

/** A waiver changes which gaps count, not the issue: the issue is marked dirty and rescanned shortly. */
export async function rescanAfterWaiver(
  ports: Omit<ResultsPatchPorts, 'results' | 'waivers'>,
  issue: { id: string; key: string; projectId: string },
): Promise<void> {
  await markDirty(ports.store, issue.projectId, [issue.id], ports.clock.now());
  await requestScan(ports, { id: issue.projectId, key: projectKeyOf(issue.key) }, 'incremental', {
    delaySeconds: RESCAN_AFTER_WAIVER_S,
  });
}
