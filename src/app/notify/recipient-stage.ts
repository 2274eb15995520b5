// The recipient stage of a run (queue role-split-notify-recipient; every push carries the concurrency key
// notify:<accountId>, so one person's deliveries never overlap). Just before sending it re-reads the due issues
// (bulkfetch, as the app) and drops gaps closed since the scan; asks Jira, as the person (offline
// impersonation), which of them they may see; claims the message; takes a slot of the site's daily cap; and
// sends one digest through `POST /issue/{key}/notify` to that person alone. See ./claims.ts for the states.
import { createHash } from 'node:crypto';
import { NeedsAuthenticationError } from '@forge/api';
import { OWNERSHIP_PROPERTY_KEY, readOwnership, slotOf } from '../../domain/ownership';
import { JiraError } from '../../jira/errors';
import type { JiraIssue } from '../../jira/types';
import { readIssueWaivers } from '../waiver-store';
import { utcDay } from '../results/trend-store';
import { claimSchema, createClaim, readClaim, settleClaim, takeDaySlot, type Claim } from './claims';
import { composeDigest, type DigestProject } from './digest';
import { duePrefix, SITE_STATE_KEY } from './keys';
import { stampLedger } from './ledger';
import type { PlannedItem } from './plan-run';
import type { NotifyMessage, NotifyPorts } from './ports';
import { dueBucketSchema, type DueBucket } from './project-stage';
import { readSiteDailyCap } from './settings';
import { z } from 'zod';

const BULK_FETCH_SIZE = 100;
/**
 * A digest lists at most this many gaps per project (errors first): a longer email is not read. The rest are
 * counted, with the link to the Alignment page that lists them all.
 */
export const MAX_LISTED_PER_PROJECT = 100;
const PERMISSION_CHECK_SIZE = 1_000;

export type RecipientOutcome =
  'nothing-due' | 'nothing-left' | 'duplicate' | 'unknown' | 'sent' | 'failed' | 'capped' | 'mail-disabled';

export const siteStateSchema = z.object({
  impersonation: z.enum(['granted', 'not-granted']).nullable(),
  impersonationAt: z.string().nullable(),
  /** When notify last answered 403 (outgoing mail off), null once a send went through again. */
  mailDisabledAt: z.string().nullable(),
});
export type SiteState = z.infer<typeof siteStateSchema>;

export async function readSiteState(ports: Pick<NotifyPorts, 'store'>): Promise<SiteState> {
  const parsed = siteStateSchema.safeParse(await ports.store.get<unknown>(SITE_STATE_KEY));
  return parsed.success ? parsed.data : { impersonation: null, impersonationAt: null, mailDisabledAt: null };
}

async function updateSiteState(ports: NotifyPorts, change: Partial<SiteState>): Promise<void> {
  const current = await readSiteState(ports);
  const next = { ...current, ...change };
  if (JSON.stringify(next) !== JSON.stringify(current)) await ports.store.set(SITE_STATE_KEY, next);
}

async function readBuckets(ports: NotifyPorts, runId: string, accountId: string): Promise<DueBucket[]> {
  const prefix = duePrefix(runId, accountId);
  const rows = await ports.store.list<unknown>(prefix);
  return rows
    .filter((r) => !r.key.slice(prefix.length).includes(':')) // another account whose id extends this one
    .flatMap((r) => {
      const parsed = dueBucketSchema.safeParse(r.value);
      return parsed.success ? [parsed.data as DueBucket] : [];
    })
    .sort((a, b) => a.projectKey.localeCompare(b.projectKey));
}

/** Whether the gap is still there as far as the issue itself shows (the scan decides the rest). */
function stillOpen(item: PlannedItem, issue: JiraIssue | undefined, bucket: DueBucket): boolean {
  if (!issue) return false; // deleted, or moved where the app cannot see it
  if (issue.fields.project && issue.fields.project.id !== bucket.projectId) return false;
  if (!bucket.includeDone && issue.fields.status?.statusCategory?.key === 'done') return false;
  const reading = readOwnership(issue.properties[OWNERSHIP_PROPERTY_KEY]);
  switch (item.code) {
    case 'EPIC_WITHOUT_PM':
      return slotOf(reading, 'pm') === undefined;
    case 'STORY_WITHOUT_PO':
      return slotOf(reading, 'po') === undefined;
    case 'STORY_WITHOUT_EPIC':
      return !issue.fields.parent;
    default:
      return true;
  }
}

/** The due items still open now (re-read as the app), with today's summaries. */
async function recheck(ports: NotifyPorts, buckets: DueBucket[]): Promise<DueBucket[]> {
  const ids = [...new Set(buckets.flatMap((b) => b.items.map((i) => i.issueId)))];
  const issues = new Map<string, JiraIssue>();
  for (let i = 0; i < ids.length; i += BULK_FETCH_SIZE) {
    const result = await ports.jira.bulkFetchIssues({
      issueIdsOrKeys: ids.slice(i, i + BULK_FETCH_SIZE),
      fields: ['summary', 'status', 'parent', 'project'],
      properties: [OWNERSHIP_PROPERTY_KEY],
    });
    // Issues Jira could not return this time are re-read by a redelivery, not dropped as closed.
    if (result.issueErrors.length > 0)
      throw new Error(`bulkfetch could not read ${result.issueErrors.length} issues`);
    for (const issue of result.issues) issues.set(issue.id, issue);
  }
  const now = ports.clock.now();
  const out: DueBucket[] = [];
  for (const bucket of buckets) {
    const items: PlannedItem[] = [];
    for (const item of bucket.items) {
      const issue = issues.get(item.issueId);
      if (!stillOpen(item, issue, bucket)) continue;
      const waived = await readIssueWaivers(ports.store, bucket.projectId, item.issueId, now);
      if (waived.some((w) => w.code === item.code)) continue;
      items.push({ ...item, summary: issue?.fields.summary ?? item.summary });
    }
    if (items.length > 0) out.push({ ...bucket, items });
  }
  return out;
}

/**
 * The issues the person may browse, asked of Jira as them (offline impersonation): `POST /permissions/check`
 * without an account id answers for the caller. Null when the app may not act as them (no consent, or the
 * scope's impersonation not granted): the digest then names no issue.
 */
async function visibleTo(
  ports: NotifyPorts,
  accountId: string,
  issueIds: string[],
): Promise<Set<string> | null> {
  const jira = ports.jiraAs(accountId);
  const visible = new Set<string>();
  try {
    for (let i = 0; i < issueIds.length; i += PERMISSION_CHECK_SIZE) {
      const result = await jira.checkPermissions({
        projectPermissions: [
          {
            permissions: ['BROWSE_PROJECTS'],
            issues: issueIds.slice(i, i + PERMISSION_CHECK_SIZE).map(Number),
          },
        ],
      });
      for (const grant of result.projectPermissions) {
        if (grant.permission === 'BROWSE_PROJECTS') for (const id of grant.issues) visible.add(String(id));
      }
    }
  } catch (error) {
    if (
      error instanceof NeedsAuthenticationError ||
      (error instanceof Error && error.name === 'NEEDS_AUTHENTICATION_ERR') ||
      (error instanceof JiraError && (error.kind === 'unauthorized' || error.kind === 'forbidden'))
    ) {
      return null;
    }
    throw error;
  }
  return visible;
}

function hashOf(digest: { subject: string; textBody: string; htmlBody: string }): string {
  return createHash('sha256').update(JSON.stringify(digest)).digest('base64url').slice(0, 32);
}

/** Records that the gaps of a claim were told (sent, or possibly sent: never again before the reminder). */
async function stampClaim(ports: NotifyPorts, accountId: string, claim: Claim): Promise<void> {
  const at = new Date(claim.claimedAt);
  for (const [projectId, keys] of Object.entries(claim.gapKeys))
    await stampLedger(ports.store, projectId, accountId, keys, at);
}

export async function handleRecipientMessage(
  ports: NotifyPorts,
  message: Extract<NotifyMessage, { kind: 'recipient' }>,
): Promise<RecipientOutcome> {
  const { runId, accountId } = message;
  const prior = await readClaim(ports.store, runId, accountId);
  if (prior) return settlePrior(ports, message, prior);

  const due = await readBuckets(ports, runId, accountId);
  if (due.length === 0) return 'nothing-due';
  let buckets = await recheck(ports, due);
  if (buckets.length === 0) return 'nothing-left';
  const visible = await visibleTo(ports, accountId, [
    ...new Set(buckets.flatMap((b) => b.items.map((i) => i.issueId))),
  ]);
  await updateSiteState(ports, {
    impersonation: visible ? 'granted' : 'not-granted',
    impersonationAt: ports.clock.now().toISOString(),
  });
  if (visible) {
    // Never a word about an issue the person may not see: not its summary, not its key, not its count.
    buckets = buckets
      .map((b) => ({ ...b, items: b.items.filter((i) => visible.has(i.issueId)) }))
      .filter((b) => b.items.length > 0);
    if (buckets.length === 0) return 'nothing-left';
  }
  const projects: DigestProject[] = buckets.map((b) => {
    const listed =
      visible === null
        ? b.items
        : [...b.items]
            .sort((x, y) => Number(x.severity === 'warning') - Number(y.severity === 'warning'))
            .slice(0, MAX_LISTED_PER_PROJECT);
    return {
      projectKey: b.projectKey,
      projectName: b.projectName,
      siteUrl: b.siteUrl,
      pageUrl: b.pageUrl,
      items: listed,
      more: b.items.length - listed.length,
    };
  });
  const digest = composeDigest(projects, visible !== null);
  const hungOn = projects[0]?.items[0]?.issueKey ?? '';
  const now = ports.clock.now();
  const claim: Claim = claimSchema.parse({
    v: 1,
    state: 'claimed',
    hash: hashOf(digest),
    projectIds: buckets.map((b) => b.projectId),
    // Every gap the digest names or counts ("…and N more"): what the ledger records once sent, so a long
    // digest is not followed by another the next hour.
    gapKeys: Object.fromEntries(buckets.map((b) => [b.projectId, b.items.map((i) => i.gapKey)])),
    issueKey: hungOn,
    claimedAt: now.toISOString(),
    outcomeAt: null,
    error: null,
  });
  if (!(await createClaim(ports.store, runId, accountId, claim))) return 'duplicate';

  const slot = await takeDaySlot(
    ports.store,
    utcDay(now),
    await readSiteDailyCap(ports.store),
    `${runId}:${accountId}`,
  );
  if (slot === null) {
    await settleClaim(ports.store, runId, accountId, claim, 'capped', now);
    ports.log({ event: 'role-split.notify.capped', runId, accountId });
    return 'capped';
  }
  try {
    await ports.jira.notifyIssue(hungOn, {
      subject: digest.subject,
      textBody: digest.textBody,
      htmlBody: digest.htmlBody,
      to: { users: [{ accountId }] },
      restrict: { permissions: [{ key: 'BROWSE_PROJECTS' }] },
    });
  } catch (error) {
    return settleFailure(ports, message, claim, error);
  }
  await settleClaim(ports.store, runId, accountId, claim, 'sent', ports.clock.now());
  await stampClaim(ports, accountId, claim);
  await updateSiteState(ports, { mailDisabledAt: null });
  ports.log({
    event: 'role-split.notify.sent',
    runId,
    accountId,
    gaps: Object.values(claim.gapKeys).flat().length,
  });
  return 'sent';
}

/** A delivery that finds the claim already there: a duplicate, or a retry of a delivery that died mid-send. */
async function settlePrior(
  ports: NotifyPorts,
  message: Extract<NotifyMessage, { kind: 'recipient' }>,
  prior: Claim,
): Promise<RecipientOutcome> {
  if (prior.state !== 'claimed') return 'duplicate';
  // The earlier delivery claimed and then stopped: whether Jira sent the email is unknowable, so it is never
  // sent again (at most once) — the ledger counts it as told and the settings page counts it as unknown.
  const settled = await settleClaim(
    ports.store,
    message.runId,
    message.accountId,
    prior,
    'unknown',
    ports.clock.now(),
    'no outcome recorded',
  );
  await stampClaim(ports, message.accountId, settled);
  ports.log({ event: 'role-split.notify.unknown', runId: message.runId, accountId: message.accountId });
  return 'unknown';
}

async function settleFailure(
  ports: NotifyPorts,
  message: Extract<NotifyMessage, { kind: 'recipient' }>,
  claim: Claim,
  error: unknown,
): Promise<RecipientOutcome> {
  const now = ports.clock.now();
  const { runId, accountId } = message;
  if (error instanceof JiraError && error.status !== undefined) {
    // Jira answered with an error: nothing was sent. The ledger is untouched, so the next run sends it.
    await settleClaim(
      ports.store,
      runId,
      accountId,
      claim,
      'failed',
      now,
      `HTTP ${error.status} (${error.kind})`,
    );
    ports.log({
      event: 'role-split.notify.failed',
      runId,
      accountId,
      status: error.status,
      kind: error.kind,
    });
    if (error.status === 403) {
      await updateSiteState(ports, { mailDisabledAt: now.toISOString() });
      return 'mail-disabled';
    }
    return 'failed';
  }
  // No answer (a time-out, the network): the email may have gone. Never resent.
  const reason = error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
  const settled = await settleClaim(ports.store, runId, accountId, claim, 'unknown', now, reason);
  await stampClaim(ports, accountId, settled);
  ports.log({ event: 'role-split.notify.unknown', runId, accountId, reason });
  return 'unknown';
}
