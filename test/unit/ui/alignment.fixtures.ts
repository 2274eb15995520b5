// Builders for the Alignment page's view models (src/contract/alignment.ts), for its browser and unit tests.
import type {
  AlignmentStatusView,
  AlignmentSummaryView,
  EpicRowView,
  GapRowView,
  Page,
  ScanStatusView,
  StoryRowView,
  TrendPoint,
  WaivedRowView,
} from '../../../src/contract/alignment';
import type { GapCode } from '../../../src/contract';
import { DEFAULT_SEVERITY } from '../../../src/domain/model';
import { people } from './views.fixtures';

export const PROJECT = { id: '10000', key: 'SHOP', name: 'Webshop' };

export function doneScan(over: Partial<ScanStatusView> = {}): ScanStatusView {
  return {
    state: 'done',
    kind: 'full',
    phase: 'done',
    done: 88,
    total: 88,
    startedAt: '2026-11-30T09:00:00.000Z',
    finishedAt: '2026-11-30T09:00:20.000Z',
    durationMs: 20_000,
    error: null,
    ...over,
  };
}

export function runningScan(over: Partial<ScanStatusView> = {}): ScanStatusView {
  return doneScan({
    state: 'running',
    phase: 'reading',
    done: 1200,
    total: 10_000,
    finishedAt: null,
    durationMs: null,
    ...over,
  });
}

export function status(over: Partial<AlignmentStatusView> = {}): AlignmentStatusView {
  return {
    project: PROJECT,
    enabled: true,
    canAdminister: false,
    canEdit: true,
    lastScan: doneScan(),
    currentScan: null,
    resultsAt: new Date(Date.now() - 12 * 60_000).toISOString(),
    ...over,
  };
}

/** `days` daily points ending today (UTC), rising; days listed in `missing` (indexes) have no scan. */
export function trend(days: number, missing: readonly number[] = []): TrendPoint[] {
  const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    if (missing.includes(i)) return { day, strategyPercent: null, executionPercent: null };
    return {
      day,
      strategyPercent: 50 + Math.floor((30 * i) / Math.max(1, days - 1)),
      executionPercent: 40 + Math.floor((22 * i) / Math.max(1, days - 1)),
    };
  });
}

export function summary(over: Partial<AlignmentSummaryView> = {}): AlignmentSummaryView {
  return {
    project: PROJECT,
    resultsAt: new Date(Date.now() - 12 * 60_000).toISOString(),
    issuesShown: 88,
    coverage: { strategyIssues: 10, withPm: 8, executionIssues: 78, withPo: 61 },
    byCode: { EPIC_WITHOUT_PM: 2, STORY_WITHOUT_PO: 17, PO_NOT_ELIGIBLE: 3, STORY_WITHOUT_EPIC: 5 },
    waivedCount: 2,
    visibility: 'all',
    trend: trend(90, [30, 31, 32]),
    newSinceScan: 0,
    ...over,
  };
}

const EPIC = { id: '20012', key: 'SHOP-12', summary: 'Checkout redesign' };

export function gapRow(
  i: number,
  code: GapCode = 'STORY_WITHOUT_PO',
  over: Partial<GapRowView> = {},
): GapRowView {
  return {
    issueId: String(30000 + i),
    issueKey: `SHOP-${100 + i}`,
    summary: `Summary ${i}`,
    issueType: code === 'EPIC_WITHOUT_PM' ? 'Epic' : 'Story',
    code,
    severity: DEFAULT_SEVERITY[code],
    owner: code === 'PO_NOT_ELIGIBLE' ? people.cyrus : null,
    epic: code === 'STORY_WITHOUT_EPIC' || code === 'EPIC_WITHOUT_PM' ? null : EPIC,
    ...over,
  };
}

export function page<T>(items: T[], nextCursor: string | null = null): Page<T> {
  return { items, nextCursor };
}

/** Gap rows `from`..`from + count - 1`, codes in turn. */
export function gapRows(count: number, from = 0): GapRowView[] {
  const codes: GapCode[] = ['STORY_WITHOUT_PO', 'PO_NOT_ELIGIBLE', 'STORY_WITHOUT_EPIC', 'EPIC_WITHOUT_PM'];
  return Array.from({ length: count }, (_, k) => gapRow(from + k, codes[(from + k) % codes.length]));
}

export function epicRow(over: Partial<EpicRowView> = {}): EpicRowView {
  return {
    issueId: EPIC.id,
    issueKey: EPIC.key,
    summary: EPIC.summary,
    issueType: 'Epic',
    level: 1,
    pm: people.ana,
    storyCount: 3,
    storiesWithPo: 2,
    gapCodes: [],
    ...over,
  };
}

export function storyRow(i: number, over: Partial<StoryRowView> = {}): StoryRowView {
  return {
    issueId: String(40000 + i),
    issueKey: `SHOP-${13 + i}`,
    summary: `Story ${i}`,
    issueType: 'Story',
    po: i % 2 === 0 ? people.bo : null,
    gapCodes: i % 2 === 0 ? [] : ['STORY_WITHOUT_PO'],
    ...over,
  };
}

export function waivedRow(over: Partial<WaivedRowView> = {}): WaivedRowView {
  return {
    ...gapRow(90, 'STORY_WITHOUT_EPIC'),
    reason: 'Spike, closes next sprint',
    author: people.ana,
    expiresAt: '2027-01-15T00:00:00.000Z',
    ...over,
  };
}
