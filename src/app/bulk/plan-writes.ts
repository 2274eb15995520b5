// Bulk assignment, step one (pure): what one requested change does to one issue. Shared by the Alignment page's
// job (src/forge/bulk-*.ts) and `role-split assign` (src/cli/), so both refuse for the same reasons with the same
// codes. The order of the checks is the order a person would fix things in:
//   1. the issue has no slot (a sub-task, a type out of scope)            -> OUT_OF_SCOPE
//   2. the requested role is not the issue's slot (CLI rows name a role)  -> WRONG_ROLE_FOR_LEVEL (slot: the one named)
//   3. the stored property does not parse                                 -> OWNERSHIP_INVALID (never overwritten)
//   4. the slot already holds the target                                  -> unchanged (nothing to write)
//   5. `expectedFrom` given and the slot holds someone else               -> CONFLICT
//   6. `fillOnly` and the slot is held                                    -> unchanged
//   7. the person may not hold the slot (the caller's checker decides)    -> NOT_ELIGIBLE
//   8. otherwise assign / clear, with the next property value (the other slot and unknown fields kept).
// Step 4 comes before 5 on purpose: an issue a previous delivery of the same job already wrote is at its target,
// so a redelivered job sees it as done instead of as a conflict with itself.
import type { BulkRefusal } from '../../contract/bulk';
import type { IneligibleReason } from '../../contract/views';
import { kindOf, slotRoleFor } from '../../domain/hierarchy';
import type { IssueFacts, Ownership, Role } from '../../domain/model';
import { readOwnership, withSlot, withoutSlot } from '../../domain/ownership';
import type { Policy } from '../../domain/policy';

/** How a person checks for a role (src/app/people.ts `checkPeople` gives this, per role). */
export interface EligibilityVerdict {
  eligible: boolean;
  reason: IneligibleReason | null;
}

/** The caller's eligibility checker: undefined means the person was not checked (treated as unknown). */
export type EligibilityLookup = (accountId: string, role: Role) => EligibilityVerdict | undefined;

export interface PlanRequest {
  /** The issue as just read, with the raw `role-split-ownership` value in `ownership`. */
  facts: IssueFacts;
  /** Who the slot should go to; null clears it. */
  to: string | null;
  /** The role the request names (a CSV row); omitted: the issue's own slot. Never used to choose the slot. */
  role?: Role;
  /** The slot must hold this person (null: be empty) for the change to go ahead; omitted: no expectation. */
  expectedFrom?: string | null;
  /** Only fill an empty slot: a held one is left as it is. */
  fillOnly?: boolean;
  policy: Policy;
  eligibility: EligibilityLookup;
  /** Recorded as the slot's `setBy` (the person the change is made for). */
  setBy: string;
  now: Date;
}

interface PlanBase {
  issueId: string;
  issueKey: string;
  /**
   * The issue's slot; null when it has none (OUT_OF_SCOPE). WRONG_ROLE_FOR_LEVEL: the slot the request names
   * (one the issue's level does not have), with `from` whoever is recorded in it (a misplaced owner) or null.
   */
  slot: Role | null;
  /** Who held the slot when it was read (null: empty or unreadable). */
  from: string | null;
  to: string | null;
}

export type PlannedWrite =
  | (PlanBase & { outcome: 'assign' | 'clear'; slot: Role; next: Ownership })
  | (PlanBase & { outcome: 'unchanged' })
  | (PlanBase & { outcome: 'refused'; reason: BulkRefusal; message: string });

export const ROLE_NAME: Record<Role, string> = { pm: 'PM', po: 'PO' };

/** "a Story", "an Epic". */
export function aOrAn(name: string): string {
  return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
}

/** The slot an issue has, or why it has none. */
export function slotOf(facts: IssueFacts, policy: Policy): { slot: Role } | { refused: string } {
  if (facts.issueType.hierarchyLevel < 0) {
    return { refused: `${facts.key} is a sub-task: sub-tasks have no owner, set it on the parent story.` };
  }
  const slot = slotRoleFor(kindOf(facts, policy));
  if (!slot) {
    return {
      refused: `${facts.key} is ${aOrAn(facts.issueType.name)}, a type this project does not track, so it has no owner.`,
    };
  }
  return { slot };
}

export function notEligibleMessage(reason: IneligibleReason | null, slot: Role, key: string): string {
  const role = ROLE_NAME[slot];
  switch (reason) {
    case 'inactive':
      return `This person's account is deactivated, so they cannot be the ${role} of ${key}.`;
    case 'not-a-person':
      return `This is an app or customer account, not a person: it cannot be the ${role} of ${key}.`;
    case 'not-in-role':
      return `This person does not hold the ${role} role in this project, so they cannot be the ${role} of ${key}. A project admin can add them to it.`;
    default:
      return `Jira does not know this account, so it cannot be the ${role} of ${key}.`;
  }
}

export function planWrite(request: PlanRequest): PlannedWrite {
  const { facts, to } = request;
  const base = { issueId: facts.id, issueKey: facts.key, to };
  const found = slotOf(facts, request.policy);
  if ('refused' in found) {
    return {
      ...base,
      slot: null,
      from: null,
      outcome: 'refused',
      reason: 'OUT_OF_SCOPE',
      message: found.refused,
    };
  }
  const { slot } = found;
  const reading = readOwnership(facts.ownership);
  if (request.role !== undefined && request.role !== slot) {
    // The row names the slot the request is about (a misplaced owner sits in it: a PO on an epic), and who holds
    // it, so the page shows that slot and person instead of the issue's own, untouched slot.
    const named = request.role;
    const misplaced = reading.kind === 'valid' ? (reading.ownership[named]?.accountId ?? null) : null;
    const type = facts.issueType.name;
    return {
      ...base,
      slot: named,
      from: misplaced,
      outcome: 'refused',
      reason: 'WRONG_ROLE_FOR_LEVEL',
      message:
        misplaced === null
          ? `${facts.key} is ${aOrAn(type)}: it has a ${ROLE_NAME[slot]} owner, not a ${ROLE_NAME[named]}.`
          : `${facts.key} is ${aOrAn(type)}, which takes a ${ROLE_NAME[slot]}: ${misplaced} is recorded as its ${ROLE_NAME[named]}, a slot ${aOrAn(type.toLocaleLowerCase())} does not have. It is left as it is; clear it in the issue's Role Split section.`,
    };
  }
  if (reading.kind === 'invalid') {
    return {
      ...base,
      slot,
      from: null,
      outcome: 'refused',
      reason: 'OWNERSHIP_INVALID',
      message: `The ownership record of ${facts.key} is damaged (${reading.reason}), so it is left as it is. Someone who may edit the issue can clear it and start again from the issue's Role Split section.`,
    };
  }
  const existing = reading.kind === 'valid' ? reading.ownership : undefined;
  const from = existing?.[slot]?.accountId ?? null;
  const held = { ...base, slot, from };
  if (from === to) return { ...held, outcome: 'unchanged' };
  if (request.expectedFrom !== undefined && request.expectedFrom !== from) {
    return {
      ...held,
      outcome: 'refused',
      reason: 'CONFLICT',
      message:
        from === null
          ? `The ${ROLE_NAME[slot]} of ${facts.key} was cleared by someone else since; it was left as it is.`
          : `The ${ROLE_NAME[slot]} of ${facts.key} was changed by someone else since; it was left as it is.`,
    };
  }
  if (request.fillOnly && from !== null) return { ...held, outcome: 'unchanged' };
  if (to === null) return { ...held, outcome: 'clear', next: withoutSlot(existing, slot) };
  const verdict = request.eligibility(to, slot);
  if (!verdict?.eligible) {
    const reason = verdict?.reason ?? 'unknown-account';
    return {
      ...held,
      outcome: 'refused',
      reason: 'NOT_ELIGIBLE',
      message: notEligibleMessage(reason, slot, facts.key),
    };
  }
  return {
    ...held,
    outcome: 'assign',
    next: withSlot(existing, slot, to, request.setBy, request.now),
  };
}
