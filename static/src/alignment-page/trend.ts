// The coverage trend as the chart draws it and as its text alternative says it. A day without a scan is a
// null point: the line breaks there instead of drawing a slope nobody measured.
import type { TrendPoint } from '../../../src/contract/alignment';

export type TrendSeries = 'strategyPercent' | 'executionPercent';

export const SERIES_LABEL: Readonly<Record<TrendSeries, string>> = {
  strategyPercent: 'Epic PM coverage',
  executionPercent: 'Story PO coverage',
};

export interface ChartPoint {
  /** Position in the point list (one per day), so a gap keeps its width on the time axis. */
  index: number;
  value: number;
}

/** Runs of consecutive measured days; each run is drawn as its own line (a lone point as a dot). */
export function trendSegments(points: readonly TrendPoint[], series: TrendSeries): ChartPoint[][] {
  const segments: ChartPoint[][] = [];
  let current: ChartPoint[] = [];
  points.forEach((point, index) => {
    const value = point[series];
    if (value === null) {
      if (current.length > 0) segments.push(current);
      current = [];
      return;
    }
    current.push({ index, value });
  });
  if (current.length > 0) segments.push(current);
  return segments;
}

const DAY_MS = 86_400_000;

function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS);
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * One sentence per series: "Story PO coverage went from 40% to 62% over 90 days." Measured from the first to
 * the last day that has a value, so leading or trailing gaps never stretch the period.
 */
export function seriesSentence(points: readonly TrendPoint[], series: TrendSeries): string {
  const label = SERIES_LABEL[series];
  const measured = points.filter((point) => point[series] !== null);
  const first = measured[0];
  const last = measured[measured.length - 1];
  if (first === undefined || last === undefined) return `${label} has no measured days yet.`;
  const from = first[series] as number;
  const to = last[series] as number;
  const days = daysBetween(first.day, last.day);
  if (days === 0) return `${label} was ${to}% on the one day measured.`;
  const period = `over ${plural(days, 'day', 'days')}`;
  if (from === to) return `${label} stayed at ${to}% ${period}.`;
  return `${label} went from ${from}% to ${to}% ${period}.`;
}

/** The chart's one-paragraph text alternative: both series, and how many days had no scan. */
export function trendSummary(points: readonly TrendPoint[]): string {
  const missing = points.filter(
    (point) => point.strategyPercent === null && point.executionPercent === null,
  ).length;
  const sentences = [seriesSentence(points, 'strategyPercent'), seriesSentence(points, 'executionPercent')];
  if (missing === 1) sentences.push('1 day has no scan and shows as a gap.');
  if (missing > 1) sentences.push(`${missing} days have no scan and show as gaps.`);
  return sentences.join(' ');
}
