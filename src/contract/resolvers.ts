// Resolver keys and their payload schemas, shared by the backend (which validates every payload) and the
// Custom UI's one typed `invoke` wrapper. Issue and project never travel in a payload: the backend takes
// them from the Forge context, and the role from the issue's hierarchy level. Every schema is strict: a
// payload with a field the contract does not name is refused (BAD_REQUEST) before anything is read.
import { z } from 'zod';
import { GAP_CODES } from '../domain/model';
import { alignmentPayloads, type AlignmentResults } from './alignment';
import { bulkPayloads, type BulkResults } from './bulk';
import {
  mutePayload,
  muteStatePayload,
  notificationPayloads,
  type MuteView,
  type NotificationResults,
} from './notifications';
import { settingsPayloads, type SettingsResults } from './settings';
import type {
  IssueContextView,
  IssuePanelView,
  OwnershipChangeResult,
  PeopleSearchResult,
  WaiversResult,
} from './views';

/** Atlassian account ids are opaque strings of at most 128 characters. */
const accountId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9:_-]+$/, 'not an account id');

/** The slot the viewer displayed (`IssueContextView.current` / `IssuePanelView.current`); null = empty. */
export const expectedSlotSchema = z
  .object({ accountId, setAt: z.string().min(1).max(64) })
  .strict()
  .nullable();

/**
 * The slot the UI displayed (optional). Never used to choose the slot, which always follows the issue's
 * hierarchy level: a mismatch (the issue's type changed meanwhile) is refused with WRONG_ROLE_FOR_LEVEL.
 */
const displayedRole = z.enum(['pm', 'po']).optional();

/** Longest waiver reason, and the furthest a waiver may reach (product: at most 180 days). */
export const WAIVER_REASON_MAX = 500;
export const WAIVER_MAX_DAYS = 180;
/** Every gap but OWNERSHIP_INVALID can be waived (an invalid property must be fixed, not hidden). */
const waivableCode = z.enum(GAP_CODES).exclude(['OWNERSHIP_INVALID']);

export const resolverContract = {
  /** The compact `jira:issueContext` section. */
  'issue/get-context': { payload: z.object({}).strict(), result: null as unknown as IssueContextView },
  /** The full `jira:issuePanel` view (with history, waivers and the viewer's actions). */
  'issue/get-panel': { payload: z.object({}).strict(), result: null as unknown as IssuePanelView },
  /** Put `accountId` in the issue's slot. */
  'issue/assign': {
    payload: z.object({ accountId, expected: expectedSlotSchema, role: displayedRole }).strict(),
    result: null as unknown as OwnershipChangeResult,
  },
  /** Put the viewer in the issue's empty slot. */
  'issue/assign-me': {
    payload: z.object({ expected: expectedSlotSchema, role: displayedRole }).strict(),
    result: null as unknown as OwnershipChangeResult,
  },
  /**
   * Empty the issue's slot. `reset: true` ("clear and start again") is the one write allowed on an invalid
   * property: it drops what does not parse and keeps fields Role Split does not know; `expected` is then
   * ignored (an invalid property has no slot to compare).
   */
  'issue/clear': {
    payload: z
      .object({ expected: expectedSlotSchema, reset: z.boolean().optional(), role: displayedRole })
      .strict(),
    result: null as unknown as OwnershipChangeResult,
  },
  /** People eligible for the issue's slot matching `query` (empty query: direct role actors only). */
  'issue/search-people': {
    payload: z.object({ query: z.string().max(100) }).strict(),
    result: null as unknown as PeopleSearchResult,
  },
  /** Waive one gap of the issue until `expiresAt` (ISO-8601 with zone, later than now, <= 180 days out). */
  'issue/set-waiver': {
    payload: z
      .object({
        code: waivableCode,
        reason: z.string().trim().min(1).max(WAIVER_REASON_MAX),
        expiresAt: z.iso.datetime({ offset: true }),
      })
      .strict(),
    result: null as unknown as WaiversResult,
  },
  'issue/revoke-waiver': {
    payload: z.object({ code: waivableCode }).strict(),
    result: null as unknown as WaiversResult,
  },
  ...contractOf<typeof alignmentPayloads, AlignmentResults>(alignmentPayloads),
  ...contractOf<typeof settingsPayloads, SettingsResults>(settingsPayloads),
  ...contractOf<typeof bulkPayloads, BulkResults>(bulkPayloads),
  ...contractOf<typeof notificationPayloads, NotificationResults>(notificationPayloads),
  /** Mute or unmute the viewer's gap reminders for the project in context (issue 12). */
  'issue/set-mute': { payload: mutePayload, result: null as unknown as MuteView },
  'project/set-mute': { payload: mutePayload, result: null as unknown as MuteView },
  /** The viewer's mute switch for the project in context, as the switches show it. */
  'issue/get-mute': { payload: muteStatePayload, result: null as unknown as MuteView },
  'project/get-mute': { payload: muteStatePayload, result: null as unknown as MuteView },
} as const;

/** A page's resolvers (alignment.ts, settings.ts, bulk.ts) in the same `{ payload, result }` shape. */
function contractOf<P extends Record<string, z.ZodType>, R extends { [K in keyof P]: unknown }>(
  payloads: P,
): { [K in keyof P]: { payload: P[K]; result: R[K] } } {
  const entries = Object.entries(payloads).map(([key, payload]) => [key, { payload, result: null }]);
  return Object.fromEntries(entries) as never;
}

export type ResolverKey = keyof typeof resolverContract;
export type PayloadOf<K extends ResolverKey> = z.input<(typeof resolverContract)[K]['payload']>;
export type ResultOf<K extends ResolverKey> = (typeof resolverContract)[K]['result'];
