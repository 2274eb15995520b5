// The project's coverage trend (KVS `rs-trend:<projectId>`): one point per UTC day, the latest of the day
// winning, at most 400 kept (more than a year; the product asks for at least 90 days). Read as a series with a
// null point for each day without one, so the chart shows a gap instead of joining across it.
import { z } from 'zod';
import type { TrendPoint } from '../../contract/alignment';
import { coveragePercent } from '../../domain/coverage';
import type { Coverage } from '../../domain/model';
import type { KeyValueStore } from '../ports';

export const TREND_MAX_POINTS = 400;
export const TREND_MIN_DAYS = 90;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'not a YYYY-MM-DD day');
const percent = z.number().int().min(0).max(100).nullable();
const trendSchema = z.object({
  schema: z.literal(1),
  points: z.array(z.object({ day, strategyPercent: percent, executionPercent: percent })),
});
type StoredTrend = z.infer<typeof trendSchema>;

export function trendKey(projectId: string): string {
  return `rs-trend:${projectId}`;
}

/** The UTC calendar day of an instant. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function addDays(dayText: string, days: number): string {
  const at = new Date(`${dayText}T00:00:00.000Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return utcDay(at);
}

async function readStored(store: KeyValueStore, projectId: string): Promise<StoredTrend> {
  const parsed = trendSchema.safeParse(await store.get<unknown>(trendKey(projectId)));
  // A damaged trend is started again rather than failing the scan that records today's point.
  return parsed.success ? parsed.data : { schema: 1, points: [] };
}

export async function recordTrendPoint(
  store: KeyValueStore,
  projectId: string,
  dayText: string,
  coverage: Coverage,
): Promise<void> {
  day.parse(dayText);
  const trend = await readStored(store, projectId);
  const point = {
    day: dayText,
    strategyPercent: coveragePercent(coverage.withPm, coverage.strategyIssues),
    executionPercent: coveragePercent(coverage.withPo, coverage.executionIssues),
  };
  const points = [...trend.points.filter((p) => p.day !== dayText), point]
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
    .slice(-TREND_MAX_POINTS);
  await store.set(trendKey(projectId), { schema: 1, points } satisfies StoredTrend);
}

/**
 * Daily points, oldest first, ending `today`: at least 90 days, reaching back to the oldest kept point (never
 * more than 400 days), null on days without a point.
 */
export async function readTrend(
  store: KeyValueStore,
  projectId: string,
  today: string,
): Promise<TrendPoint[]> {
  const { points } = await readStored(store, projectId);
  const byDay = new Map(points.map((p) => [p.day, p]));
  const oldest = points[0]?.day;
  const minimumStart = addDays(today, -(TREND_MIN_DAYS - 1));
  const earliest = addDays(today, -(TREND_MAX_POINTS - 1));
  let start = oldest !== undefined && oldest < minimumStart ? oldest : minimumStart;
  if (start < earliest) start = earliest;
  const series: TrendPoint[] = [];
  for (let d = start; d <= today; d = addDays(d, 1)) {
    series.push(byDay.get(d) ?? { day: d, strategyPercent: null, executionPercent: null });
  }
  return series;
}
