// The result envelope every resolver returns across the bridge. The UI maps each error code to a message;
// `message` is always safe to show (no stack traces, no tokens, no internal paths). Refusals of an ownership
// write carry `details` the UI needs to say what to do next (who owns the slot now, why a person cannot be
// set, whether "clear and start again" is on offer).
import { z } from 'zod';
import type { IneligibleReason, SlotState } from './views';

export const ERROR_CODES = [
  'BAD_REQUEST',
  'NOT_FOUND',
  'FORBIDDEN',
  'ROSTER_UNAVAILABLE',
  'RATE_LIMITED',
  'JIRA_UNAVAILABLE',
  'INTERNAL',
  // Refusals of the ownership writes (issue/assign, issue/assign-me, issue/clear, issue/set-waiver,
  // issue/revoke-waiver). A refused request has written nothing.
  /** The viewer may not edit this issue (Jira's Edit Issues permission; Jira itself refused, or the app did). */
  'NO_EDIT_PERMISSION',
  /** The person cannot hold this slot; `details.reason` says why. */
  'NOT_ELIGIBLE',
  /** The write names a role the hierarchy level does not have (PO on an epic, PM on a story). */
  'WRONG_ROLE_FOR_LEVEL',
  /** A sub-task, or an issue type out of the project's scope: it has no slot. Done issues are writable. */
  'OUT_OF_SCOPE',
  /** The stored ownership property is not schema 1: only `issue/clear` with `{ reset: true }` may write. */
  'OWNERSHIP_INVALID',
  /** The slot changed since the viewer loaded it (or another change is in flight); `details.current` has it. */
  'CONFLICT',
  // The Alignment page (issue 10).
  /** Role Split is not enabled on this project (the `role-split-policy` project property). */
  'NOT_ENABLED',
  /** No scan has finished yet for this project; one is queued or running. */
  'NOT_SCANNED',
  /** The app read no issues where the viewer's search finds some: the app lacks Browse projects here. */
  'APP_CANNOT_READ',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What a refusal adds for the UI; every field optional, present only for the codes noted. */
export interface ResolverErrorDetails {
  /** CONFLICT: the slot as it is now (null: empty; absent: could not be read). */
  current?: (SlotState & { displayName: string | null }) | null;
  /** NOT_ELIGIBLE: why the person cannot hold the slot. */
  reason?: IneligibleReason;
  /** OWNERSHIP_INVALID: true when the viewer may edit the issue, so "clear and start again" can be offered. */
  canReset?: boolean;
}

export interface ResolverError {
  code: ErrorCode;
  message: string;
  details?: ResolverErrorDetails;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ResolverError };

export const resolverErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z
    .object({
      current: z
        .object({ accountId: z.string(), setAt: z.string(), displayName: z.string().nullable() })
        .nullable()
        .optional(),
      reason: z.enum(['not-in-role', 'inactive', 'unknown-account', 'not-a-person']).optional(),
      canReset: z.boolean().optional(),
    })
    .optional(),
});

export function success<T>(data: T): Envelope<T> {
  return { ok: true, data };
}

export function failure(code: ErrorCode, message: string, details?: ResolverErrorDetails): Envelope<never> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}
