// The Alignment page's reads (src/contract/alignment.ts) from stored results, for one viewer: every figure and
// row leaves out the scanned issues the viewer may not see (visibility.ts). A page view reads the summary (a few
// KB), the viewer's cached visibility, the records of hidden issues (few, for most viewers) and one page of
// records (at most 100): a bounded read whatever the project's size.
//
// Lists read one index (the most selective the filter allows) and let the store filter the rest; rows of
// hidden issues are dropped and the page keeps filling from the next store page, up to a bound (a short page
// with a cursor is still a page). An epic is named beside a story only when it is in the project and visible
// to the viewer: the visibility of an issue in another project is not known here, so it is never named.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type {
  AlignmentSummaryView,
  EpicRowView,
  GapFilter,
  GapRowView,
  Page,
  StoryRowView,
  WaivedRowView,
} from '../../contract/alignment';
import { projectOfKey } from '../../domain/gap-order';
import type { JiraClient } from '../../jira/types';
import { AppError } from '../errors';
import type { Clock, KeyValueStore } from '../ports';
import { canonicalJson } from './canonical-json';
import { hiddenContribution, withoutHidden, type HiddenContribution } from './hidden-contribution';
import type { EntityStore, FilterCondition, Scalar } from './entity-store';
import { lookUpPeople, actorView, holderView, type People } from './people-views';
import {
  GAP_INDEX,
  ISSUE_INDEX,
  migrateGapRecord,
  migrateIssueRecord,
  NONE,
  RS_GAP,
  RS_ISSUE,
  type EpicRef,
  type GapRecord,
  type ResultEntity,
} from './records';
import { ResultStore } from './result-store';
import type { ResultSummary } from './summary';
import { readTrend, utcDay } from './trend-store';
import { viewerVisibility, type IdFinder } from './visibility';

export interface ReadModelPorts {
  /** As the app: names (user/bulk). */
  jira: JiraClient;
  /** As the viewer: the visibility search. */
  userJira: JiraClient;
  store: KeyValueStore;
  entities: EntityStore;
  clock: Clock;
  findIds: IdFinder;
}

export interface ReadRequest {
  /** From the Forge context, never the payload. */
  project: { id: string; key: string };
  accountId: string;
  /** The scan's JQL (src/app/scan/scan-jql.ts), run as the viewer for visibility. */
  jql: string;
}

export const DEFAULT_PAGE_SIZE = 50;
/** Store queries one list page may take to fill itself past hidden rows and filtered-out rows. */
export const MAX_QUERIES_PER_PAGE = 8;

interface Viewer {
  summary: ResultSummary;
  hidden: ReadonlySet<string>;
  newSinceScan: number;
  results: ResultStore;
}

async function viewerOf(ports: ReadModelPorts, request: ReadRequest): Promise<Viewer> {
  const results = new ResultStore(ports);
  const summary = await results.readSummary(request.project.id);
  if (!summary) {
    throw new AppError(
      'NOT_SCANNED',
      'Role Split has no results for this project yet: its first scan has not finished.',
    );
  }
  const visibility = await viewerVisibility(
    { ...ports, results },
    { projectId: request.project.id, accountId: request.accountId, jql: request.jql, summary },
  );
  return { summary, hidden: visibility.hidden, newSinceScan: visibility.newSinceScan, results };
}

function hiddenOf(ports: ReadModelPorts, request: ReadRequest, viewer: Viewer): Promise<HiddenContribution> {
  return hiddenContribution(
    { store: ports.store, clock: ports.clock, results: viewer.results },
    {
      projectId: request.project.id,
      accountId: request.accountId,
      summary: viewer.summary,
      hidden: viewer.hidden,
    },
  );
}

export async function readSummaryView(
  ports: ReadModelPorts,
  request: ReadRequest,
): Promise<AlignmentSummaryView> {
  const viewer = await viewerOf(ports, request);
  const { summary } = viewer;
  const figures = withoutHidden(summary, (await hiddenOf(ports, request, viewer)).figures);
  const restricted = viewer.hidden.size > 0;
  return {
    project: { id: request.project.id, key: request.project.key, name: summary.project.name },
    resultsAt: summary.resultsAt,
    issuesShown: figures.inScopeCount,
    coverage: figures.coverage,
    byCode: figures.byCode,
    waivedCount: figures.waivedCount,
    visibility: restricted ? 'restricted' : 'all',
    // Project-wide figures: a restricted viewer could read hidden issues' changes off the curve.
    trend: restricted ? null : await readTrend(ports.store, request.project.id, utcDay(ports.clock.now())),
    newSinceScan: viewer.newSinceScan,
  };
}

// ---- paging ------------------------------------------------------------------------------------------------

interface Plan {
  entity: ResultEntity;
  index: string;
  partition: Scalar[];
  filters?: { operator: 'and' | 'or'; conditions: FilterCondition[] };
}

const cursorSchema = z.object({ v: z.literal(1), q: z.string(), c: z.string().min(1) }).strict();

function fingerprint(plan: Plan): string {
  return createHash('sha256').update(canonicalJson(plan)).digest('base64url').slice(0, 16);
}

function encodeCursor(plan: Plan, storeCursor: string): string {
  return Buffer.from(JSON.stringify({ v: 1, q: fingerprint(plan), c: storeCursor })).toString('base64url');
}

/** The store cursor inside a page cursor, if the cursor is well formed and was made for this very query. */
function decodeCursor(plan: Plan, cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success || result.data.q !== fingerprint(plan)) {
    throw new AppError(
      'BAD_REQUEST',
      'This list changed since its last page was loaded: load it again from the top.',
    );
  }
  return result.data.c;
}

async function fillPage<T>(
  entities: EntityStore,
  plan: Plan,
  request: { cursor?: string; limit?: number },
  keep: (value: unknown) => T | null,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  let storeCursor = decodeCursor(plan, request.cursor);
  const items: T[] = [];
  for (let queries = 0; items.length < limit && queries < MAX_QUERIES_PER_PAGE; queries++) {
    // Never more rows than the page still has room for, so no row is read past the cursor handed back.
    const page = await entities.query(plan.entity, plan.index, {
      partition: plan.partition,
      ...(plan.filters ? { filters: plan.filters } : {}),
      limit: limit - items.length,
      ...(storeCursor ? { cursor: storeCursor } : {}),
    });
    for (const item of page.items) {
      const kept = keep(item.value);
      if (kept !== null) items.push(kept);
    }
    storeCursor = page.cursor ?? undefined;
    if (!storeCursor) break;
  }
  return { items, nextCursor: storeCursor ? encodeCursor(plan, storeCursor) : null };
}

function visibleEpic(viewer: Viewer, epic: EpicRef | undefined): GapRowView['epic'] {
  if (!epic || viewer.hidden.has(epic.id)) return null;
  return projectOfKey(epic.key) === viewer.summary.project.key ? epic : null;
}

// ---- gaps --------------------------------------------------------------------------------------------------

/** The most selective index the filter allows, with the store filters for the rest. */
export function gapPlan(projectId: string, filter: GapFilter, state: 'open' | 'waived' = 'open'): Plan {
  const codes = filter.codes && filter.codes.length > 0 ? [...new Set(filter.codes)].sort() : undefined;
  const text = filter.text?.trim().toLowerCase() || undefined;
  const and: FilterCondition[] = [];
  let index: string;
  let partition: Scalar[];
  if (filter.owner !== undefined) {
    index = GAP_INDEX.byOwner;
    partition = [projectId, state, filter.owner];
  } else if (filter.epicId !== undefined) {
    index = GAP_INDEX.byEpic;
    partition = [projectId, state, filter.epicId];
  } else if (codes?.length === 1) {
    index = GAP_INDEX.byCode;
    partition = [projectId, state, codes[0] as string];
  } else if (filter.severity !== undefined) {
    index = GAP_INDEX.bySeverity;
    partition = [projectId, state, filter.severity];
  } else {
    index = GAP_INDEX.byState;
    partition = [projectId, state];
  }
  if (filter.epicId !== undefined && index !== GAP_INDEX.byEpic) {
    and.push({ field: 'epicId', op: 'eq', value: filter.epicId });
  }
  if (codes?.length === 1 && index !== GAP_INDEX.byCode)
    and.push({ field: 'code', op: 'eq', value: codes[0] as string });
  if (filter.severity !== undefined && index !== GAP_INDEX.bySeverity) {
    and.push({ field: 'severity', op: 'eq', value: filter.severity });
  }
  if (text !== undefined) and.push({ field: 'text', op: 'contains', value: text });
  const plan: Plan = { entity: RS_GAP, index, partition };
  if (and.length > 0) plan.filters = { operator: 'and', conditions: and };
  // Forge filters are all-and or all-or: several codes go to the store only when nothing else is filtered,
  // and are otherwise checked here (gapMatches).
  else if (codes && codes.length > 1) {
    plan.filters = {
      operator: 'or',
      conditions: codes.map((c) => ({ field: 'code', op: 'eq' as const, value: c })),
    };
  }
  return plan;
}

/** The whole filter, checked on a row (whatever the store already checked). */
export function gapMatches(gap: GapRecord, filter: GapFilter): boolean {
  const text = filter.text?.trim().toLowerCase();
  return (
    (!filter.codes || filter.codes.length === 0 || filter.codes.includes(gap.code)) &&
    (filter.severity === undefined || gap.severity === filter.severity) &&
    (filter.owner === undefined || gap.owner === filter.owner) &&
    (filter.epicId === undefined || gap.epicId === filter.epicId) &&
    (!text || gap.text.includes(text))
  );
}

function ownerIds(rows: readonly GapRecord[]): string[] {
  return rows.flatMap((r) => (r.owner === NONE ? [] : [r.owner]));
}

function gapRow(viewer: Viewer, people: People, gap: GapRecord): GapRowView {
  return {
    issueId: gap.issueId,
    issueKey: gap.issueKey,
    summary: gap.summary,
    issueType: gap.issueType,
    code: gap.code,
    severity: gap.severity,
    owner: gap.owner === NONE ? null : holderView(people, gap.owner, gap.holderEligible),
    epic: visibleEpic(viewer, gap.epic),
  };
}

export async function listGapRows(
  ports: ReadModelPorts,
  request: ReadRequest,
  page: { filter: GapFilter; cursor?: string; limit?: number },
): Promise<Page<GapRowView>> {
  const viewer = await viewerOf(ports, request);
  // Filtering by an epic the viewer may not see would tell them which stories sit under it.
  if (page.filter.epicId !== undefined && viewer.hidden.has(page.filter.epicId)) {
    return { items: [], nextCursor: null };
  }
  const plan = gapPlan(request.project.id, page.filter);
  const { items, nextCursor } = await fillPage(ports.entities, plan, page, (value) => {
    const gap = migrateGapRecord(value);
    return viewer.hidden.has(gap.issueId) || !gapMatches(gap, page.filter) ? null : gap;
  });
  const people = await lookUpPeople(ports.jira, ownerIds(items));
  return { items: items.map((gap) => gapRow(viewer, people, gap)), nextCursor };
}

export async function listWaivedRows(
  ports: ReadModelPorts,
  request: ReadRequest,
  page: { cursor?: string; limit?: number },
): Promise<Page<WaivedRowView>> {
  const viewer = await viewerOf(ports, request);
  const plan = gapPlan(request.project.id, {}, 'waived');
  const { items, nextCursor } = await fillPage(ports.entities, plan, page, (value) => {
    const gap = migrateGapRecord(value);
    return viewer.hidden.has(gap.issueId) || !gap.waiver ? null : gap;
  });
  const people = await lookUpPeople(ports.jira, [
    ...ownerIds(items),
    ...items.flatMap((g) => (g.waiver ? [g.waiver.setBy] : [])),
  ]);
  return {
    items: items.map((gap) => {
      const waiver = gap.waiver as NonNullable<GapRecord['waiver']>;
      return {
        ...gapRow(viewer, people, gap),
        reason: waiver.reason,
        author: waiver.setBy === NONE ? null : actorView(people, waiver.setBy),
        expiresAt: waiver.expiresAt,
      };
    }),
    nextCursor,
  };
}

// ---- epics and their stories ------------------------------------------------------------------------------

export async function listEpicRows(
  ports: ReadModelPorts,
  request: ReadRequest,
  page: { cursor?: string; limit?: number },
): Promise<Page<EpicRowView>> {
  const viewer = await viewerOf(ports, request);
  const hiddenBelow = (await hiddenOf(ports, request, viewer)).below;
  const plan: Plan = {
    entity: RS_ISSUE,
    index: ISSUE_INDEX.byKind,
    partition: [request.project.id, 'strategy'],
  };
  const { items, nextCursor } = await fillPage(ports.entities, plan, page, (value) => {
    const record = migrateIssueRecord(value);
    return viewer.hidden.has(record.issueId) ? null : record;
  });
  const people = await lookUpPeople(
    ports.jira,
    items.flatMap((r) => (r.holder === NONE ? [] : [r.holder])),
  );
  return {
    items: items.map((record) => {
      const hidden = hiddenBelow.get(record.issueId) ?? { stories: 0, withPo: 0 };
      return {
        issueId: record.issueId,
        issueKey: record.facts.key,
        summary: record.facts.summary,
        issueType: record.facts.type.name,
        level: record.facts.type.level ?? 1,
        pm: record.holder === NONE ? null : holderView(people, record.holder, record.covered),
        storyCount: Math.max(0, record.storyCount - hidden.stories),
        storiesWithPo: Math.max(0, record.storiesWithPo - hidden.withPo),
        gapCodes: record.gaps.map((g) => g.code),
      };
    }),
    nextCursor,
  };
}

export async function listEpicStoryRows(
  ports: ReadModelPorts,
  request: ReadRequest,
  page: { epicId: string; cursor?: string; limit?: number },
): Promise<Page<StoryRowView>> {
  const viewer = await viewerOf(ports, request);
  if (viewer.hidden.has(page.epicId)) return { items: [], nextCursor: null };
  const plan: Plan = {
    entity: RS_ISSUE,
    index: ISSUE_INDEX.byEpic,
    partition: [request.project.id, page.epicId],
    filters: { operator: 'and', conditions: [{ field: 'kind', op: 'eq', value: 'execution' }] },
  };
  const { items, nextCursor } = await fillPage(ports.entities, plan, page, (value) => {
    const record = migrateIssueRecord(value);
    return viewer.hidden.has(record.issueId) || record.kind !== 'execution' ? null : record;
  });
  const people = await lookUpPeople(
    ports.jira,
    items.flatMap((r) => (r.holder === NONE ? [] : [r.holder])),
  );
  return {
    items: items.map((record) => ({
      issueId: record.issueId,
      issueKey: record.facts.key,
      summary: record.facts.summary,
      issueType: record.facts.type.name,
      po: record.holder === NONE ? null : holderView(people, record.holder, record.covered),
      gapCodes: record.gaps.map((g) => g.code),
    })),
    nextCursor,
  };
}
