// What the scan stores per issue and per gap (Forge custom entities `rs-issue` and `rs-gap`), parsed with zod
// whenever read: storage is a trust boundary too (an older app version, a half-finished write). Every record
// carries `schema`; `migrateIssueRecord` / `migrateGapRecord` upgrade older shapes, so a deploy never needs the
// stored results rewritten first.
//
// Forge's limits shape these records (custom entities reference; @forge/manifest's storage validator): at most 7
// indexes and 50 attributes per entity, attribute names of at most 30 characters; an index has one range
// attribute and any partition attributes, compared for equality; `integer` attributes are 32-bit; a value is at
// most 240 KiB. Indexed attributes are typed scalars (`string`, `integer`, `boolean`); everything only ever read
// back (facts, epic, gaps, waiver) is an `any` attribute. Optional `any` attributes are left out rather than
// stored as null. Only account ids are stored, never display names (a product rule): names are resolved when
// a page is read.
import { z } from 'zod';
import { DEFAULT_SEVERITY, GAP_CODES, type GapCode, type Severity } from '../../domain/model';
import { gapSortKey, issueOrderKey } from './sort-keys';

export const RS_ISSUE = 'rs-issue';
export const RS_GAP = 'rs-gap';
export type ResultEntity = typeof RS_ISSUE | typeof RS_GAP;

/** 'none' stands for "no owner" / "no epic" in partitions, where an attribute must have a value. */
export const NONE = 'none';

const severity = z.enum(['error', 'warning']);
const code = z.enum(GAP_CODES);
const epicRef = z.object({ id: z.string(), key: z.string(), summary: z.string() });
export type EpicRef = z.infer<typeof epicRef>;

/** Enough of an issue to rebuild the engine's IssueFacts (src/app/results/issue-facts-codec.ts). */
export const storedFactsSchema = z.object({
  key: z.string().min(1),
  projectKey: z.string(),
  type: z.object({ id: z.string(), name: z.string(), level: z.number().nullable() }),
  summary: z.string(),
  status: z.string(),
  created: z.string(),
  parent: z.string().nullable(),
  /** The raw ownership property as read; absent when the issue has none (an invalid value is kept as is). */
  ownership: z.unknown().optional(),
  secured: z.boolean().optional(),
});
export type StoredFacts = z.infer<typeof storedFactsSchema>;

const waiverDetails = z.object({ reason: z.string(), setBy: z.string(), expiresAt: z.string() });

export const issueRecordSchema = z.object({
  schema: z.literal(1),
  projectId: z.string().min(1),
  issueId: z.string().min(1),
  /** Range of every rs-issue index: project key, issue number, key (issueOrderKey). */
  order: z.string(),
  /** 'out-of-scope' also for issues the policy leaves out (done, types not tracked). */
  kind: z.enum(['strategy', 'execution', 'out-of-scope']),
  /** The nearest strategy ancestor's id, or 'none'. */
  epicId: z.string(),
  epic: epicRef.optional(),
  /** The slot holder's account id (PM on strategy, PO on execution) when the property is trusted, or 'none'. */
  holder: z.string(),
  /** Holder set, trusted and eligible: what coverage counts. */
  covered: z.boolean(),
  /** Open gaps, with the severity the project's policy gave them. */
  gaps: z.array(z.object({ code, severity })),
  /** Gaps a waiver moves aside, with the waiver. */
  waived: z.array(z.object({ code, severity }).extend(waiverDetails.shape)),
  /** Execution issues: the ids of every strategy ancestor (epic, initiative…), for their story counts. */
  strategyIds: z.array(z.string()),
  /** Strategy issues: in-scope execution issues of the project beneath it, and how many have a covered PO. */
  storyCount: z.number().int(),
  storiesWithPo: z.number().int(),
  secured: z.boolean(),
  facts: storedFactsSchema,
});
export type IssueRecord = z.infer<typeof issueRecordSchema>;

export const gapRecordSchema = z.object({
  schema: z.literal(1),
  projectId: z.string().min(1),
  issueId: z.string().min(1),
  issueKey: z.string(),
  summary: z.string(),
  issueType: z.string(),
  code,
  severity,
  /** 'open' or 'waived': part of every list partition, so a list never reads the other kind. */
  state: z.enum(['open', 'waived']),
  /** The issue's slot holder's account id, or 'none'. */
  owner: z.string(),
  /** Whether the holder covers the slot (for the person's eligibility shown beside the row). */
  holderEligible: z.boolean(),
  epicId: z.string(),
  epic: epicRef.optional(),
  waiver: waiverDetails.optional(),
  /** Lower-case `key \n summary`, for the text filter (Forge's `contains`). */
  text: z.string(),
  /** Report order (gapSortKey): the range of every rs-gap index. */
  sort: z.string(),
});
export type GapRecord = z.infer<typeof gapRecordSchema>;

export function gapRecordKey(issueId: string, gapCode: GapCode): string {
  return `${issueId}:${gapCode}`;
}

/** The text the text filter searches: key and summary, lower-case, apart so a match never spans both. */
export function searchText(issueKey: string, summary: string): string {
  return `${issueKey}\n${summary}`.toLowerCase();
}

/**
 * The gap records of one issue record. Gap records are a pure function of their issue's record, so a write
 * diffs issue records only: an unchanged issue record means unchanged gap records.
 */
export function gapRecordsOf(issue: IssueRecord): Array<{ key: string; value: GapRecord }> {
  const base = {
    schema: 1 as const,
    projectId: issue.projectId,
    issueId: issue.issueId,
    issueKey: issue.facts.key,
    summary: issue.facts.summary,
    issueType: issue.facts.type.name,
    owner: issue.holder,
    holderEligible: issue.covered,
    epicId: issue.epicId,
    ...(issue.epic ? { epic: issue.epic } : {}),
    text: searchText(issue.facts.key, issue.facts.summary),
  };
  const open = issue.gaps.map((g) => ({
    key: gapRecordKey(issue.issueId, g.code),
    value: {
      ...base,
      code: g.code,
      severity: g.severity,
      state: 'open' as const,
      sort: gapSortKey(g.severity, g.code, issue.facts.key),
    },
  }));
  const waived = issue.waived.map((w) => ({
    key: gapRecordKey(issue.issueId, w.code),
    value: {
      ...base,
      code: w.code,
      severity: w.severity,
      state: 'waived' as const,
      waiver: { reason: w.reason, setBy: w.setBy, expiresAt: w.expiresAt },
      sort: gapSortKey(w.severity, w.code, issue.facts.key),
    },
  }));
  return [...open, ...waived];
}

// ---- older shapes -------------------------------------------------------------------------------------------

/**
 * Schema 0 (the first stored shape, before waiver details and severities were kept): no `schema` field (or 0),
 * open gap codes only as `codes`, the epic as flat `epicKey` / `epicSummary`, no ancestors beyond the epic.
 */
const issueRecordV0 = z.object({
  schema: z.literal(0).optional(),
  projectId: z.string().min(1),
  issueId: z.string().min(1),
  kind: z.enum(['strategy', 'execution', 'out-of-scope']),
  epicId: z.string(),
  epicKey: z.string().optional(),
  epicSummary: z.string().optional(),
  holder: z.string(),
  covered: z.boolean(),
  codes: z.array(code),
  storyCount: z.number().int().default(0),
  storiesWithPo: z.number().int().default(0),
  facts: storedFactsSchema,
});

const gapRecordV0 = z.object({
  schema: z.literal(0).optional(),
  projectId: z.string().min(1),
  issueId: z.string().min(1),
  issueKey: z.string(),
  summary: z.string(),
  issueType: z.string(),
  code,
  severity,
  owner: z.string(),
  epicId: z.string(),
  epicKey: z.string().optional(),
  epicSummary: z.string().optional(),
  waived: z.boolean(),
  waiverReason: z.string().optional(),
  waiverSetBy: z.string().optional(),
  waiverExpiresAt: z.string().optional(),
});

function epicOf(epicId: string, key?: string, summary?: string): { epic?: EpicRef } {
  return epicId !== NONE && key !== undefined ? { epic: { id: epicId, key, summary: summary ?? '' } } : {};
}

/** A stored rs-issue value in any known shape, as schema 1; throws (zod) on anything else. */
export function migrateIssueRecord(value: unknown): IssueRecord {
  const current = issueRecordSchema.safeParse(value);
  if (current.success) return current.data;
  const old = issueRecordV0.safeParse(value);
  if (!old.success) throw current.error;
  const v0 = old.data;
  return issueRecordSchema.parse({
    schema: 1,
    projectId: v0.projectId,
    issueId: v0.issueId,
    order: issueOrderKey(v0.facts.key),
    kind: v0.kind,
    epicId: v0.epicId,
    ...epicOf(v0.epicId, v0.epicKey, v0.epicSummary),
    holder: v0.holder,
    covered: v0.covered,
    // Schema 0 kept no severities: the defaults were the only ones then.
    gaps: v0.codes.map((c) => ({ code: c, severity: DEFAULT_SEVERITY[c] })),
    waived: [],
    strategyIds: v0.kind === 'execution' && v0.epicId !== NONE ? [v0.epicId] : [],
    storyCount: v0.storyCount,
    storiesWithPo: v0.storiesWithPo,
    secured: v0.facts.secured === true,
    facts: v0.facts,
  } satisfies IssueRecord);
}

/** A stored rs-gap value in any known shape, as schema 1; throws (zod) on anything else. */
export function migrateGapRecord(value: unknown): GapRecord {
  const current = gapRecordSchema.safeParse(value);
  if (current.success) return current.data;
  const old = gapRecordV0.safeParse(value);
  if (!old.success) throw current.error;
  const v0 = old.data;
  const waiver =
    v0.waived && v0.waiverExpiresAt !== undefined
      ? {
          waiver: {
            reason: v0.waiverReason ?? '',
            setBy: v0.waiverSetBy ?? NONE,
            expiresAt: v0.waiverExpiresAt,
          },
        }
      : {};
  return gapRecordSchema.parse({
    schema: 1,
    projectId: v0.projectId,
    issueId: v0.issueId,
    issueKey: v0.issueKey,
    summary: v0.summary,
    issueType: v0.issueType,
    code: v0.code,
    severity: v0.severity,
    state: v0.waived ? 'waived' : 'open',
    owner: v0.owner,
    // Schema 0 did not say; an owner with a *_NOT_ELIGIBLE gap is the one case known not to be eligible.
    holderEligible: v0.owner !== NONE && v0.code !== 'PM_NOT_ELIGIBLE' && v0.code !== 'PO_NOT_ELIGIBLE',
    epicId: v0.epicId,
    ...epicOf(v0.epicId, v0.epicKey, v0.epicSummary),
    ...waiver,
    text: searchText(v0.issueKey, v0.summary),
    sort: gapSortKey(v0.severity, v0.code, v0.issueKey),
  } satisfies GapRecord);
}

// ---- entity definitions (mirrored in manifest.yml's app.storage.entities; a test keeps them equal) -----------

export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';
export interface EntityIndex {
  name: string;
  partition: string[];
  range: string;
}
export interface EntityDefinition {
  name: ResultEntity;
  attributes: Record<string, AttributeType>;
  indexes: EntityIndex[];
}

export const ISSUE_INDEX = { byProject: 'by-project', byKind: 'by-kind', byEpic: 'by-epic' } as const;
export const GAP_INDEX = {
  byProject: 'by-project',
  byState: 'by-state',
  byCode: 'by-code',
  bySeverity: 'by-severity',
  byOwner: 'by-owner',
  byEpic: 'by-epic',
} as const;

export const ENTITY_DEFINITIONS: readonly EntityDefinition[] = [
  {
    name: RS_ISSUE,
    attributes: {
      schema: 'integer',
      projectId: 'string',
      issueId: 'string',
      order: 'string',
      kind: 'string',
      epicId: 'string',
      epic: 'any',
      holder: 'string',
      covered: 'boolean',
      gaps: 'any',
      waived: 'any',
      strategyIds: 'any',
      storyCount: 'integer',
      storiesWithPo: 'integer',
      secured: 'boolean',
      facts: 'any',
    },
    indexes: [
      { name: ISSUE_INDEX.byProject, partition: ['projectId'], range: 'order' },
      { name: ISSUE_INDEX.byKind, partition: ['projectId', 'kind'], range: 'order' },
      { name: ISSUE_INDEX.byEpic, partition: ['projectId', 'epicId'], range: 'order' },
    ],
  },
  {
    name: RS_GAP,
    attributes: {
      schema: 'integer',
      projectId: 'string',
      issueId: 'string',
      issueKey: 'string',
      summary: 'string',
      issueType: 'string',
      code: 'string',
      severity: 'string',
      state: 'string',
      owner: 'string',
      holderEligible: 'boolean',
      epicId: 'string',
      epic: 'any',
      waiver: 'any',
      text: 'string',
      sort: 'string',
    },
    indexes: [
      { name: GAP_INDEX.byProject, partition: ['projectId'], range: 'sort' },
      { name: GAP_INDEX.byState, partition: ['projectId', 'state'], range: 'sort' },
      { name: GAP_INDEX.byCode, partition: ['projectId', 'state', 'code'], range: 'sort' },
      { name: GAP_INDEX.bySeverity, partition: ['projectId', 'state', 'severity'], range: 'sort' },
      { name: GAP_INDEX.byOwner, partition: ['projectId', 'state', 'owner'], range: 'sort' },
      { name: GAP_INDEX.byEpic, partition: ['projectId', 'state', 'epicId'], range: 'sort' },
    ],
  },
];

export type { GapCode, Severity };
