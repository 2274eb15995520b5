// The public ownership property, `role-split-ownership`. Other tools read and write it, so reading is
// defensive (anything that is not schema 1 is reported, never guessed at) and tolerant (fields we do not know
// are ignored, as the contract says), and writing keeps what other tools put beside our slots.
import { z } from 'zod';
import type { Ownership, OwnershipReading, Role, SlotOwner } from './model';

export const OWNERSHIP_PROPERTY_KEY = 'role-split-ownership';

/**
 * One slot. `setAt` must be an ISO-8601 date-time with `Z` or an offset; a time without a zone is refused
 * because it names no instant. Loose objects: unknown fields pass through untouched so a later write can keep
 * them, but nothing in Role Split reads them.
 */
export const slotOwnerSchema = z.looseObject({
  accountId: z.string().min(1),
  setBy: z.string().min(1),
  setAt: z.iso.datetime({ offset: true }),
});

/** Schema 1 of the property. `pm` and `po` are each optional; `null` is not a slot and not "absent" either. */
export const ownershipSchema = z.looseObject({
  schema: z.literal(1),
  pm: slotOwnerSchema.optional(),
  po: slotOwnerSchema.optional(),
});

/**
 * Read a raw property value. `undefined` means the issue has no property; every other value must parse as
 * schema 1 or the reading is `invalid` with a short reason (the first problem zod found, with its path).
 * A valid reading's `ownership` is the raw value itself (unknown fields included): treat it as read-only.
 */
export function readOwnership(raw: unknown): OwnershipReading {
  if (raw === undefined) return ABSENT;
  if (isOwnershipSchema1(raw)) return { kind: 'valid', ownership: raw };
  const parsed = ownershipSchema.safeParse(raw);
  // Unreachable while `isOwnershipSchema1` agrees with the schema (a property test holds them together);
  // should they ever drift, zod, the contract's definition, has the last word.
  if (parsed.success) return { kind: 'valid', ownership: parsed.data };
  return { kind: 'invalid', reason: describeProblem(parsed.error) };
}

const ABSENT: OwnershipReading = Object.freeze({ kind: 'absent' });

// The same pattern `z.iso.datetime({ offset: true })` checks, taken from zod so the two cannot differ.
const SET_AT_PATTERN = z.core.regexes.datetime({ offset: true, local: false, precision: null });

function isObjectRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSlotOwner(value: unknown): value is SlotOwner {
  if (!isObjectRecord(value)) return false;
  const { accountId, setBy, setAt } = value;
  return (
    typeof accountId === 'string' &&
    accountId.length > 0 &&
    typeof setBy === 'string' &&
    setBy.length > 0 &&
    typeof setAt === 'string' &&
    SET_AT_PATTERN.test(setAt)
  );
}

/**
 * Does `raw` parse as schema 1? Exactly `ownershipSchema.safeParse(raw).success`, without the allocations:
 * the gap engine checks every issue of a scan (100k and more) and needs no copy and no error detail.
 */
export function isOwnershipSchema1(raw: unknown): raw is Ownership {
  if (!isObjectRecord(raw) || raw.schema !== 1) return false;
  const { pm, po } = raw;
  return (pm === undefined || isSlotOwner(pm)) && (po === undefined || isSlotOwner(po));
}

function describeProblem(error: z.ZodError): string {
  const first = error.issues[0];
  if (first === undefined) return 'does not parse as schema 1';
  const path = first.path.map(String).join('.');
  return path === '' ? first.message : `${path}: ${first.message}`;
}

/** The slot's owner, if any, from a reading; `invalid` readings have no trustworthy owner. */
export function slotOf(reading: OwnershipReading, role: Role): SlotOwner | undefined {
  return reading.kind === 'valid' ? reading.ownership[role] : undefined;
}

/**
 * The value to write when `accountId` takes the `role` slot. What is kept, and why:
 * - top-level fields we do not know (another tool's data, or a newer minor revision's) are kept as they were;
 * - the other slot is kept as it was, with its own unknown fields;
 * - the replaced slot is rebuilt from scratch: unknown fields inside it described the previous assignment,
 *   so carrying them over to a new person would be wrong.
 * `existing` is a valid reading's `ownership` (which still carries the unknown fields it was read with) or
 * undefined when the issue has no property. Whether to overwrite an *invalid* property is the caller's call.
 */
export function withSlot(
  existing: Ownership | undefined,
  role: Role,
  accountId: string,
  setBy: string,
  now: Date,
): Ownership {
  const slot: SlotOwner = { accountId, setBy, setAt: now.toISOString() };
  return { ...existing, schema: 1, [role]: slot };
}

/** The value to write when the `role` slot is cleared; everything else is kept, as in `withSlot`. */
export function withoutSlot(existing: Ownership | undefined, role: Role): Ownership {
  const next: Ownership = { ...existing, schema: 1 };
  delete next[role];
  return next;
}
