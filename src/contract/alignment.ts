// The Alignment page's contract (issue 10): what its resolvers take and return. The page never receives a
// whole project: a cheap status call it polls, a per-viewer summary, and cursor-paged lists (gaps, epics, an
// epic's stories, waived gaps) read from stored scan results. Every figure and row is computed from the issues
// the viewer may see (see src/app/results/visibility.ts); the project always comes from the Forge context.
import { z } from 'zod';
import { GAP_CODES, type Coverage, type GapCode, type Severity } from '../domain/model';
import type { PersonView } from './views';

/** Atlassian account ids are opaque strings of at most 128 characters ('none' = no owner, in filters). */
const accountIdOrNone = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9:_-]+$/, 'not an account id');

/** Opaque paging cursor from a previous page (never persisted by the UI). */
const cursor = z.string().min(1).max(2_000).optional();
/** Numeric Jira issue id (ids, not keys, survive a move between projects). */
const issueId = z.string().regex(/^\d{1,18}$/, 'not an issue id');

/** Largest page any list resolver returns; the CSV export asks for this many per call. */
export const MAX_PAGE_SIZE = 100;
const pageSize = z.number().int().min(1).max(MAX_PAGE_SIZE).optional();

export const gapFilterSchema = z
  .object({
    codes: z.array(z.enum(GAP_CODES)).max(GAP_CODES.length).optional(),
    severity: z.enum(['error', 'warning']).optional(),
    /** The issue's slot holder (PM on strategy, PO on execution); 'none' = empty slot. */
    owner: accountIdOrNone.optional(),
    /** The nearest strategy ancestor's issue id. */
    epicId: issueId.optional(),
    /** Case-insensitive substring of the issue key or summary. */
    text: z.string().trim().max(100).optional(),
  })
  .strict();
export type GapFilter = z.infer<typeof gapFilterSchema>;

export const alignmentPayloads = {
  'project/get-status': z.object({}).strict(),
  'project/set-enabled': z.object({ enabled: z.boolean() }).strict(),
  'project/rescan': z.object({}).strict(),
  'project/get-summary': z.object({}).strict(),
  'project/list-gaps': z.object({ filter: gapFilterSchema.default({}), cursor, limit: pageSize }).strict(),
  'project/list-epics': z.object({ cursor, limit: pageSize }).strict(),
  'project/list-epic-stories': z.object({ epicId: issueId, cursor, limit: pageSize }).strict(),
  'project/list-waived': z.object({ cursor, limit: pageSize }).strict(),
} as const;

/** A scan of the project, as the page shows its progress and outcome. */
export interface ScanStatusView {
  state: 'queued' | 'running' | 'done' | 'failed';
  kind: 'full' | 'incremental';
  /** What the scan is doing now, for the progress line. */
  phase: 'finding' | 'reading' | 'related' | 'evaluating' | 'storing' | 'done';
  /** Issues read so far and (once the id search finished) the total to read. */
  done: number;
  total: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  /** Why the scan failed and what to do, when `state` is 'failed'. */
  error: { code: string; message: string } | null;
}

export interface AlignmentStatusView {
  project: { id: string; key: string; name: string };
  /** The `role-split-policy` project property's `enabled`. */
  enabled: boolean;
  /** Whether the viewer may enable or disable Role Split here (Administer Projects, checked as them). */
  canAdminister: boolean;
  /**
   * Whether the viewer holds Edit Issues in the project (checked as them, cached with `canAdminister`): without
   * it the page offers no bulk assignment. A per-issue restriction can still refuse single issues.
   */
  canEdit: boolean;
  /** The last finished scan (null before the first one). */
  lastScan: ScanStatusView | null;
  /** A scan queued or running now. */
  currentScan: ScanStatusView | null;
  /** ISO-8601 time the stored results were last complete (a full or incremental scan, or a patch). */
  resultsAt: string | null;
}

export interface TrendPoint {
  /** Calendar day (YYYY-MM-DD, UTC) of the daily point. */
  day: string;
  strategyPercent: number | null;
  executionPercent: number | null;
}

export interface AlignmentSummaryView {
  project: { id: string; key: string; name: string };
  /** When the results shown were computed (ISO-8601). */
  resultsAt: string;
  /** In-scope issues the viewer may see, of those the scan read. */
  issuesShown: number;
  coverage: Coverage;
  byCode: Partial<Record<GapCode, number>>;
  waivedCount: number;
  /**
   * 'all': the viewer sees every issue the scan read. 'restricted': some are hidden from them; every figure
   * here leaves those out (and how many are hidden is not said).
   */
  visibility: 'all' | 'restricted';
  /**
   * Daily coverage points, oldest first, a point per day for at least 90 days (a day with no scan is a null
   * point, shown as a gap). Project-wide figures, so sent only when `visibility` is 'all'; otherwise null.
   */
  trend: TrendPoint[] | null;
  /** Issues the viewer's search finds that the last scan has not read yet (created since): shown as a note. */
  newSinceScan: number;
}

export interface GapRowView {
  issueId: string;
  issueKey: string;
  summary: string;
  issueType: string;
  code: GapCode;
  severity: Severity;
  /** The issue's slot holder, resolved to a name for display. */
  owner: PersonView | null;
  epic: { id: string; key: string; summary: string } | null;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

export interface EpicRowView {
  issueId: string;
  issueKey: string;
  summary: string;
  issueType: string;
  /** Hierarchy level (1 = epic, 2+ = initiative and above). */
  level: number;
  pm: PersonView | null;
  /** In-scope execution issues beneath it that the viewer may see, and how many of those have a PO. */
  storyCount: number;
  storiesWithPo: number;
  gapCodes: GapCode[];
}

export interface StoryRowView {
  issueId: string;
  issueKey: string;
  summary: string;
  issueType: string;
  po: PersonView | null;
  gapCodes: GapCode[];
}

export interface WaivedRowView extends GapRowView {
  reason: string;
  author: PersonView | null;
  expiresAt: string;
}

export interface AlignmentResults {
  'project/get-status': AlignmentStatusView;
  'project/set-enabled': AlignmentStatusView;
  'project/rescan': AlignmentStatusView;
  'project/get-summary': AlignmentSummaryView;
  'project/list-gaps': Page<GapRowView>;
  'project/list-epics': Page<EpicRowView>;
  'project/list-epic-stories': Page<StoryRowView>;
  'project/list-waived': Page<WaivedRowView>;
}
