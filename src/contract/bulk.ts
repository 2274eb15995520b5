// Bulk assignment on the Alignment page (issue 11): preview, apply (a queued job), follow the job, undo it.
// The resolvers never trust the preview: apply recomputes every issue's outcome. The caller's Edit Issues
// permission is checked as them (`POST /rest/api/3/permissions/check`, no accountId) and only permitted issues
// are queued; a consumer writes as the app in batches of 100 (`POST /rest/api/3/issue/properties/multi`) and
// re-reads every written issue to learn its outcome. See docs/design/settings-and-bulk.md.
import { z } from 'zod';
import type { PersonView } from './views';

const accountId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9:_-]+$/, 'not an account id');
const issueId = z.string().regex(/^\d{1,18}$/, 'not an issue id');
const jobId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'not a job id');
const previewId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'not a preview id');

/** Most issues one bulk request may name (also the permission check's limit per call). */
export const MAX_BULK_ISSUES = 1_000;

/** Which slots a bulk request touches. */
export const bulkTargetSchema = z.discriminatedUnion('kind', [
  /** Picked issues (gap list rows); each issue's slot follows its hierarchy level. */
  z.object({ kind: z.literal('issues'), issueIds: z.array(issueId).min(1).max(MAX_BULK_ISSUES) }).strict(),
  /** Every open in-scope story beneath this strategy issue whose PO slot is empty. */
  z.object({ kind: z.literal('epic-stories-without-po'), epicId: issueId }).strict(),
  /** Every slot `from` holds in the project: open issues, and done ones when `includeDone`. */
  z.object({ kind: z.literal('replace'), from: accountId, includeDone: z.boolean() }).strict(),
]);
export type BulkTarget = z.infer<typeof bulkTargetSchema>;

export const bulkPayloads = {
  'bulk/preview': z.object({ target: bulkTargetSchema, accountId }).strict(),
  /**
   * `previewId`: the preview the user saw (required for 'issues' and 'epic-stories-without-po'; replace guards
   * with its own `from`). Each issue's slot must still hold who the preview read, or it is refused CONFLICT.
   * A preview is applied once: applying it again answers the same `jobId` and queues nothing.
   */
  'bulk/apply': z.object({ target: bulkTargetSchema, accountId, previewId: previewId.optional() }).strict(),
  'bulk/get-job': z.object({ jobId, cursor: z.string().min(1).max(200).optional() }).strict(),
  'bulk/list-jobs': z.object({}).strict(),
  /** Queue the reverse of a finished job: every slot it set goes back to who held it, if still unchanged. */
  'bulk/undo': z.object({ jobId }).strict(),
  /** People eligible for a role in this project matching `query` (empty: direct role actors and named people). */
  'bulk/search-people': z.object({ role: z.enum(['pm', 'po']), query: z.string().trim().max(100) }).strict(),
} as const;

/** Why an issue is refused or was not written (the CLI's codes, plus CONFLICT). */
export const BULK_REFUSALS = [
  'ISSUE_NOT_FOUND',
  'NO_EDIT_PERMISSION',
  'WRONG_ROLE_FOR_LEVEL',
  'OUT_OF_SCOPE',
  'NOT_ELIGIBLE',
  'OWNERSHIP_INVALID',
  /**
   * The slot changed after the preview (assign) or after the job was queued (replace/undo): it no longer holds
   * who it held then, so it is left as it is.
   */
  'CONFLICT',
  'WRITE_FAILED',
  'NOT_ATTEMPTED',
] as const;
export type BulkRefusal = (typeof BULK_REFUSALS)[number];

export type BulkItemOutcome = 'assign' | 'clear' | 'unchanged' | 'refused';

export interface BulkPreviewRow {
  issueId: string;
  issueKey: string;
  summary: string;
  /** The issue's type name ("Epic"); absent for an issue that cannot be read. */
  issueType?: string;
  /**
   * null: the issue has no slot (OUT_OF_SCOPE) or cannot be read (ISSUE_NOT_FOUND). WRONG_ROLE_FOR_LEVEL: the
   * misplaced slot the request is about (a PO on an epic), not the issue's own.
   */
  slot: 'pm' | 'po' | null;
  /** Who holds the slot now (null: empty). */
  current: PersonView | null;
  outcome: BulkItemOutcome;
  reason: BulkRefusal | null;
  message: string | null;
}

export interface BulkPreviewView {
  /** Names this preview to `bulk/apply` (good for 15 minutes, for the viewer who asked it). */
  previewId: string;
  /** The person the slots would go to, as checked for each role the issues need. */
  person: PersonView;
  total: number;
  counts: { assign: number; clear: number; unchanged: number; refused: number };
  /** Refused issues by reason. */
  refusedBy: Partial<Record<BulkRefusal, number>>;
  /** Refused rows first, then the rest; at most 50. */
  rows: BulkPreviewRow[];
}

/** One issue's state in a job: pending until written, then verified by a re-read, or refused with why. */
export type BulkItemState = 'pending' | 'written' | 'verified' | 'refused';

export interface BulkJobRowView {
  issueId: string;
  /** Empty for an issue the viewer cannot see (its key is never sent). */
  issueKey: string;
  /** null until the job has read the issue, and for an issue without a slot. */
  slot: 'pm' | 'po' | null;
  from: string | null;
  to: string | null;
  state: BulkItemState;
  /** verified rows: true when this job changed the slot, false when it already held the target (nothing written). */
  changed?: boolean;
  reason: BulkRefusal | null;
  message: string | null;
  /**
   * CONFLICT rows: who holds the slot now; WRONG_ROLE_FOR_LEVEL rows: who sits in the misplaced slot (null:
   * nobody), named for the viewer.
   */
  holder?: PersonView | null;
}

export interface BulkJobView {
  id: string;
  kind: 'assign' | 'replace' | 'undo';
  /** The job this one reverses (kind 'undo'). */
  undoOf: string | null;
  state: 'queued' | 'running' | 'done' | 'failed';
  createdAt: string;
  finishedAt: string | null;
  by: PersonView;
  /** The person the job sets (null: an undo that clears, or mixed people). */
  to: PersonView | null;
  counts: Record<BulkItemState, number>;
  total: number;
  /** Whether the viewer may undo it now (done, not undone yet, made by the viewer or they administer the project). */
  canUndo: boolean;
  /** A page of its issues, refused first (cursor-paged, 100 a page). */
  rows: BulkJobRowView[];
  nextCursor: string | null;
  /** A failed job says why and what to do. */
  error: { code: string; message: string } | null;
}

export interface BulkResults {
  'bulk/preview': BulkPreviewView;
  'bulk/apply': { jobId: string };
  'bulk/get-job': BulkJobView;
  'bulk/list-jobs': { jobs: Array<Omit<BulkJobView, 'rows' | 'nextCursor'>> };
  'bulk/undo': { jobId: string };
  'bulk/search-people': { people: PersonView[] };
}
