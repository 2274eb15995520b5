// Waivers from the issue section: someone who may edit the issue sets a gap aside, with a reason, until a
// date at most 180 days out; editors can revoke it; it comes back by itself when it expires. The permission is
// asked of Jira as the viewer (`mypermissions`, EDIT_ISSUES on this issue) because the waiver is then stored
// by the app, where Jira cannot refuse it. OWNERSHIP_INVALID is never waivable (the contract's enum).
import { WAIVER_MAX_DAYS } from '../contract/resolvers';
import type { WaiversResult, WaiverView } from '../contract/views';
import type { GapCode } from '../domain/model';
import type { IssueRef } from './change-ownership';
import { AppError } from './errors';
import { acquireIssueLock, releaseIssueLock } from './issue-lock';
import { namesFor } from './people';
import type { OwnershipPorts } from './ports';
import { readIssueWaivers, writeIssueWaiver, type StoredWaiver } from './waiver-store';

const DAY_MS = 86_400_000;

async function requireEdit(ports: OwnershipPorts, issue: IssueRef): Promise<void> {
  if (!(await ports.userJira.hasPermission('EDIT_ISSUES', { issueId: issue.id }))) {
    throw new AppError(
      'NO_EDIT_PERMISSION',
      `Only people who may edit ${issue.key} can waive or restore its gaps.`,
    );
  }
}

async function underLock<T>(ports: OwnershipPorts, issue: IssueRef, viewer: string, fn: () => Promise<T>) {
  const lock = await acquireIssueLock(ports.store, ports.clock, issue.id, viewer);
  if (!lock) throw new AppError('CONFLICT', 'Someone else is changing this issue right now. Try again.');
  try {
    return await fn();
  } finally {
    await releaseIssueLock(ports.store, issue.id, lock);
  }
}

export async function waiverViews(ports: OwnershipPorts, waivers: StoredWaiver[]): Promise<WaiverView[]> {
  const name = await namesFor(
    ports,
    waivers.map((w) => w.setBy),
  );
  return waivers
    .map((w) => ({
      code: w.code,
      reason: w.reason,
      author: name(w.setBy),
      setAt: w.setAt,
      expiresAt: w.expiresAt,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

export async function setWaiver(
  ports: OwnershipPorts,
  request: { issue: IssueRef; viewer: string; code: GapCode; reason: string; expiresAt: string },
): Promise<WaiversResult> {
  const { issue, viewer, code } = request;
  const now = ports.clock.now();
  const expires = Date.parse(request.expiresAt);
  if (!(expires > now.getTime())) throw new AppError('BAD_REQUEST', 'A waiver must end in the future.');
  if (expires > now.getTime() + WAIVER_MAX_DAYS * DAY_MS) {
    throw new AppError('BAD_REQUEST', `A waiver can last at most ${WAIVER_MAX_DAYS} days.`);
  }
  await requireEdit(ports, issue);
  const waivers = await underLock(ports, issue, viewer, () =>
    writeIssueWaiver(
      ports.store,
      { projectId: issue.projectId, issueId: issue.id, issueKey: issue.key },
      code,
      {
        code,
        reason: request.reason,
        setBy: viewer,
        setAt: now.toISOString(),
        expiresAt: new Date(expires).toISOString(),
      },
      now,
    ),
  );
  await afterChange(ports, issue);
  return { waivers: await waiverViews(ports, waivers) };
}

/** The Alignment page's stored results follow within a rescan; the waiver itself is saved whatever happens. */
async function afterChange(ports: OwnershipPorts, issue: IssueRef): Promise<void> {
  await ports
    .afterWaiverChange?.(issue)
    .catch((error: unknown) =>
      console.error(
        'Role Split: queueing the rescan after a waiver failed:',
        error instanceof Error ? error.message : error,
      ),
    );
}

export async function revokeWaiver(
  ports: OwnershipPorts,
  request: { issue: IssueRef; viewer: string; code: GapCode },
): Promise<WaiversResult> {
  const { issue, viewer } = request;
  await requireEdit(ports, issue);
  const now = ports.clock.now();
  const waivers = await underLock(ports, issue, viewer, () =>
    writeIssueWaiver(
      ports.store,
      { projectId: issue.projectId, issueId: issue.id, issueKey: issue.key },
      request.code,
      null,
      now,
    ),
  );
  await afterChange(ports, issue);
  return { waivers: await waiverViews(ports, waivers) };
}

export { readIssueWaivers };
