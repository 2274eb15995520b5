// The write side of ownership: assign, "assign me", clear, and "clear and start again" on an invalid
// property. The issue comes from the Forge context, the slot from the issue's hierarchy level. The order:
//   1. take the issue's lock (issue-lock.ts; wait a few seconds for a holder to finish);
//   2. read the issue as the viewer (level, scope, property): the app's own rules refuse first
//      (OUT_OF_SCOPE, WRONG_ROLE_FOR_LEVEL, OWNERSHIP_INVALID, CONFLICT against `expected`, NOT_ELIGIBLE);
//   3. write the property as the viewer, so Jira refuses whoever may not edit the issue (NO_EDIT_PERMISSION);
//   4. re-read it, record the change in the history, release the lock.
// A refused or failed request writes nothing. A write keeps the other slot and every field Role Split does not
// know (domain/ownership.ts `withSlot` / `withoutSlot`).
import type { OwnershipChangeResult, PersonView, SlotState } from '../contract/views';
import { kindOf, slotRoleFor } from '../domain/hierarchy';
import type { IssueFacts, Ownership, Role } from '../domain/model';
import {
  OWNERSHIP_PROPERTY_KEY,
  readOwnership,
  slotOwnerSchema,
  withSlot,
  withoutSlot,
} from '../domain/ownership';
import type { Policy } from '../domain/policy';
import { JiraError } from '../jira/errors';
import { AppError } from './errors';
import { ISSUE_FIELDS, ISSUE_PROPERTIES, toIssueFacts } from './issue-facts';
import { acquireIssueLock, releaseIssueLock } from './issue-lock';
import { appendHistory } from './ownership-history';
import { accountsFor, checkPeople, type PersonCheck } from './people';
import type { OwnershipPorts } from './ports';

/** The issue as the Forge context names it. */
export interface IssueRef {
  id: string;
  key: string;
  projectId: string;
}

export type OwnershipChange =
  | { kind: 'assign'; accountId: string }
  | { kind: 'clear' }
  /** Replace an invalid property by what can be kept of it. */
  | { kind: 'reset' };

export interface ChangeRequest {
  issue: IssueRef;
  viewer: string;
  policy: Policy;
  change: OwnershipChange;
  /** The slot the viewer displayed. */
  expected: SlotState | null;
  /** The slot the UI displayed, if it says: checked against the level, never used to choose the slot. */
  role?: Role;
}

/** How long a write waits for another write on the same issue before answering CONFLICT. */
const LOCK_WAIT_MS = 5_000;
const LOCK_POLL_MS = 150;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The issue as the viewer sees it, with the property. */
export async function readIssueAsViewer(ports: OwnershipPorts, issueId: string): Promise<IssueFacts> {
  return toIssueFacts(
    await ports.userJira.getIssue(issueId, { fields: ISSUE_FIELDS, properties: ISSUE_PROPERTIES }),
  );
}

/**
 * The slot an issue has, or the refusal: a sub-task or a type out of the project's scope has none. Done
 * issues keep their slot (ownership of finished work may still be corrected).
 */
export function writableSlot(facts: IssueFacts, policy: Policy): Role {
  if (facts.issueType.hierarchyLevel < 0) {
    throw new AppError('OUT_OF_SCOPE', 'Sub-tasks have no owner: set the owner on their parent story.');
  }
  const slot = slotRoleFor(kindOf(facts, policy));
  if (!slot) {
    throw new AppError(
      'OUT_OF_SCOPE',
      `${facts.issueType.name} issues are not tracked in this project, so they have no owner.`,
    );
  }
  return slot;
}

function stateOf(ownership: Ownership | undefined, slot: Role): SlotState | null {
  const owner = ownership?.[slot];
  return owner ? { accountId: owner.accountId, setAt: owner.setAt } : null;
}

function sameState(a: SlotState | null, b: SlotState | null): boolean {
  return a === b || (a !== null && b !== null && a.accountId === b.accountId && a.setAt === b.setAt);
}

const ROLE_NAME: Record<Role, string> = { pm: 'PM', po: 'PO' };

async function conflict(ports: OwnershipPorts, current: SlotState | null | undefined): Promise<AppError> {
  if (current === undefined) {
    return new AppError('CONFLICT', 'Someone else is changing this owner right now. Try again in a moment.');
  }
  const name = current
    ? ((await accountsFor(ports, [current.accountId])).get(current.accountId)?.displayName ?? null)
    : null;
  return new AppError(
    'CONFLICT',
    'The owner changed since you opened this issue. Check who owns it now before changing it.',
    { current: current ? { ...current, displayName: name } : null },
  );
}

/**
 * What an invalid property becomes on "clear and start again": an object keeps its fields Role Split does not
 * know and any slot that is still valid; anything else becomes an empty schema-1 record.
 */
export function resetValue(raw: unknown): Ownership {
  const next: Record<string, unknown> = { schema: 1 };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return next as unknown as Ownership;
  for (const [field, value] of Object.entries(raw as Record<string, unknown>)) {
    if (field === 'schema') continue;
    if (field === 'pm' || field === 'po') {
      if (slotOwnerSchema.safeParse(value).success) next[field] = value;
      continue;
    }
    next[field] = value;
  }
  return next as unknown as Ownership;
}

/** Whether the viewer may edit the issue (Jira's Edit Issues, asked as the viewer); no answer is no. */
export async function mayEdit(ports: OwnershipPorts, issueId: string): Promise<boolean> {
  try {
    return await ports.userJira.hasPermission('EDIT_ISSUES', { issueId });
  } catch (error) {
    // Offering nothing the viewer cannot do beats failing the view; anything but a Jira answer is a bug.
    if (error instanceof JiraError) return false;
    throw error;
  }
}

async function lockOrConflict(ports: OwnershipPorts, request: ChangeRequest) {
  const deadline = ports.clock.now().getTime() + LOCK_WAIT_MS;
  for (;;) {
    const lock = await acquireIssueLock(ports.store, ports.clock, request.issue.id, request.viewer);
    if (lock) return lock;
    if (ports.clock.now().getTime() >= deadline) throw await conflict(ports, undefined);
    await sleep(LOCK_POLL_MS);
  }
}

export async function changeOwnership(
  ports: OwnershipPorts,
  request: ChangeRequest,
): Promise<OwnershipChangeResult> {
  const lock = await lockOrConflict(ports, request);
  try {
    return await changeUnderLock(ports, request);
  } finally {
    await releaseIssueLock(ports.store, request.issue.id, lock);
  }
}

async function changeUnderLock(
  ports: OwnershipPorts,
  request: ChangeRequest,
): Promise<OwnershipChangeResult> {
  const { issue, change, viewer, policy } = request;
  const facts = await readIssueAsViewer(ports, issue.id);
  const slot = writableSlot(facts, policy);
  if (request.role !== undefined && request.role !== slot) {
    throw new AppError(
      'WRONG_ROLE_FOR_LEVEL',
      `A ${facts.issueType.name} has a ${ROLE_NAME[slot]} owner, not a ${ROLE_NAME[request.role]}: its type may have changed. Reload the issue.`,
    );
  }
  const reading = readOwnership(facts.ownership);
  if (reading.kind === 'invalid' && change.kind !== 'reset') {
    throw new AppError(
      'OWNERSHIP_INVALID',
      `The ownership record of ${facts.key} is damaged (${reading.reason}), so it cannot be changed safely. Clear it and start again.`,
      { canReset: await mayEdit(ports, issue.id) },
    );
  }
  const existing = reading.kind === 'valid' ? reading.ownership : undefined;
  const current = stateOf(existing, slot);
  // A reset answers a damaged record, which has no slot to compare; on a valid one it is a plain clear.
  const resetting = change.kind === 'reset' && reading.kind === 'invalid';
  if (!resetting && !sameState(current, request.expected)) throw await conflict(ports, current);

  let next: Ownership;
  let to: string | null;
  let checked: PersonCheck | undefined;
  if (resetting) {
    next = resetValue(facts.ownership);
    to = null;
  } else if (change.kind === 'assign') {
    if (current?.accountId === change.accountId) return unchanged(ports, policy, facts, slot, current);
    const person = (
      await checkPeople(ports, { projectKey: facts.projectKey, policy, role: slot }, [change.accountId])
    ).get(change.accountId);
    if (!person?.eligible) {
      const reason = person?.reason ?? 'unknown-account';
      throw new AppError('NOT_ELIGIBLE', notEligibleMessage(reason, slot), { reason });
    }
    checked = person;
    next = withSlot(existing, slot, change.accountId, viewer, ports.clock.now());
    to = change.accountId;
  } else {
    if (current === null) return unchanged(ports, policy, facts, slot, null);
    next = withoutSlot(existing, slot);
    to = null;
  }

  try {
    await ports.userJira.setIssueProperty(issue.id, OWNERSHIP_PROPERTY_KEY, next);
  } catch (error) {
    if (error instanceof JiraError && (error.kind === 'forbidden' || error.kind === 'unauthorized')) {
      throw new AppError(
        'NO_EDIT_PERMISSION',
        `You cannot edit ${facts.key}, so you cannot change its owner.`,
      );
    }
    throw error;
  }
  const writtenValue = await ports.userJira.getIssueProperty(issue.id, OWNERSHIP_PROPERTY_KEY);
  const written = readOwnership(writtenValue);
  const after = written.kind === 'valid' ? stateOf(written.ownership, slot) : null;
  await appendHistory(ports.store, issue.id, {
    by: viewer,
    at: ports.clock.now().toISOString(),
    slot,
    from: resetting ? null : (current?.accountId ?? null),
    to,
    action: resetting ? 'reset' : change.kind === 'assign' ? 'assign' : 'clear',
  });
  if (ports.afterWrite) {
    // The write stands whatever happens here: a failed patch only means the page waits for the rescan.
    await ports
      .afterWrite({
        project: { id: issue.projectId, key: facts.projectKey },
        facts: { ...facts, ownership: writtenValue },
        slot,
        owner: after?.accountId ?? null,
        policy,
      })
      .catch((error: unknown) =>
        console.error(
          'Role Split: patching the stored results failed:',
          error instanceof Error ? error.message : error,
        ),
      );
  }
  // The person was checked a moment ago under the lock: no second read when the slot holds them.
  if (after === null) return { slot, owner: null, current: null };
  if (checked && after.accountId === checked.accountId)
    return { slot, owner: withoutVia(checked), current: after };
  return result(ports, policy, facts, slot, after);
}

function withoutVia(person: PersonCheck): PersonView {
  const { via: _via, ...view } = person;
  return view;
}

function notEligibleMessage(reason: string, slot: Role): string {
  const role = ROLE_NAME[slot];
  switch (reason) {
    case 'inactive':
      return `This person's account is deactivated, so they cannot be the ${role}.`;
    case 'not-a-person':
      return `This is an app or customer account, not a person: it cannot be the ${role}.`;
    case 'not-in-role':
      return `This person does not hold the ${role} role in this project. A project admin can add them to it.`;
    default:
      return `Jira does not know this account, so it cannot be the ${role}.`;
  }
}

async function unchanged(
  ports: OwnershipPorts,
  policy: Policy,
  facts: IssueFacts,
  slot: Role,
  current: SlotState | null,
): Promise<OwnershipChangeResult> {
  return result(ports, policy, facts, slot, current);
}

async function result(
  ports: OwnershipPorts,
  policy: Policy,
  facts: IssueFacts,
  slot: Role,
  current: SlotState | null,
): Promise<OwnershipChangeResult> {
  if (!current) return { slot, owner: null, current: null };
  const checked = (
    await checkPeople(ports, { projectKey: facts.projectKey, policy, role: slot }, [current.accountId])
  ).get(current.accountId);
  const owner: PersonView = checked
    ? withoutVia(checked)
    : { accountId: current.accountId, displayName: null, eligible: false, reason: 'unknown-account' };
  return { slot, owner, current };
}
