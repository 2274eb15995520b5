// Coverage over time: two lines, a point per day, broken where a day had no scan (never joined across the
// gap). The SVG is one labelled image; its text alternative is a sentence under it and a table of every
// point the viewer can open.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { useId, useState } from 'react';
import type { TrendPoint } from '../../../src/contract/alignment';
import { useAppContext } from '../app-context';
import { SERIES_LABEL, trendSegments, trendSummary, type ChartPoint, type TrendSeries } from './trend';

const WIDTH = 720;
const HEIGHT = 200;
const PAD = { top: 10, right: 8, bottom: 10, left: 48 };
const SERIES: readonly TrendSeries[] = ['strategyPercent', 'executionPercent'];
const GRID = [0, 25, 50, 75, 100];

function x(index: number, count: number): number {
  const span = WIDTH - PAD.left - PAD.right;
  return PAD.left + (count <= 1 ? span / 2 : (index * span) / (count - 1));
}

function y(value: number): number {
  return PAD.top + ((100 - value) * (HEIGHT - PAD.top - PAD.bottom)) / 100;
}

function Segment({ points, count, series }: { points: ChartPoint[]; count: number; series: TrendSeries }) {
  const className = `rs-trend-line rs-trend-line--${series}`;
  const first = points[0];
  if (points.length === 1 && first)
    return (
      <circle className={`${className} rs-trend-dot`} cx={x(first.index, count)} cy={y(first.value)} r={3} />
    );
  const d = points.map(
    (p, i) => `${i === 0 ? 'M' : 'L'}${x(p.index, count).toFixed(1)},${y(p.value).toFixed(1)}`,
  );
  return <path className={className} d={d.join(' ')} data-testid="trend-segment" data-series={series} />;
}

function dayLabel(day: string, locale: string): string {
  const time = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(time)) return day;
  // Trend days are UTC calendar days: shown as that day wherever the viewer is.
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(time);
}

function TrendTable({ points, id }: { points: readonly TrendPoint[]; id: string }) {
  const { locale } = useAppContext();
  const cell = (value: number | null) => (value === null ? 'No scan' : `${value}%`);
  return (
    <div
      className="rs-table-scroll rs-trend-table"
      id={id}
      role="region"
      aria-label="Coverage by day"
      tabIndex={0}
    >
      <table className="rs-table-plain" data-testid="trend-table">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">{SERIES_LABEL.strategyPercent}</th>
            <th scope="col">{SERIES_LABEL.executionPercent}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point) => (
            <tr key={point.day}>
              <th scope="row">{dayLabel(point.day, locale)}</th>
              <td>{cell(point.strategyPercent)}</td>
              <td>{cell(point.executionPercent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TrendChart({ trend }: { trend: readonly TrendPoint[] | null }) {
  const { locale } = useAppContext();
  const [showTable, setShowTable] = useState(false);
  const id = useId();
  const heading = (
    <Heading size="small" as="h2" id={`${id}-heading`}>
      Coverage trend
    </Heading>
  );
  if (trend === null)
    return (
      <section className="rs-section rs-trend" aria-labelledby={`${id}-heading`} data-testid="page-trend">
        {heading}
        <p className="rs-subtle" data-testid="page-trend-restricted">
          The trend covers the whole project, so it is shown only to people who can see every issue in it.
        </p>
      </section>
    );
  const summary = trendSummary(trend);
  const first = trend[0];
  const last = trend[trend.length - 1];
  return (
    <section className="rs-section rs-trend" aria-labelledby={`${id}-heading`} data-testid="page-trend">
      <div className="rs-section-heading">
        {heading}
        <Button
          appearance="subtle"
          spacing="compact"
          aria-expanded={showTable}
          aria-controls={`${id}-table`}
          onClick={() => setShowTable((open) => !open)}
          testId="page-trend-toggle"
        >
          {showTable ? 'Hide data table' : 'Show data table'}
        </Button>
      </div>
      <ul className="rs-trend-legend" aria-hidden="true">
        {SERIES.map((series) => (
          <li key={series}>
            <svg width="24" height="8" className="rs-trend-swatch">
              <line x1="0" y1="4" x2="24" y2="4" className={`rs-trend-line rs-trend-line--${series}`} />
            </svg>
            {SERIES_LABEL[series]}
          </li>
        ))}
      </ul>
      <div className="rs-trend-chart">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-labelledby={`${id}-summary`}
          data-testid="trend-svg"
        >
          {GRID.map((value) => (
            <g key={value}>
              <line
                className="rs-trend-grid"
                x1={PAD.left}
                x2={WIDTH - PAD.right}
                y1={y(value)}
                y2={y(value)}
              />
              <text className="rs-trend-axis" x={PAD.left - 6} y={y(value) + 4} textAnchor="end">
                {value}%
              </text>
            </g>
          ))}
          {SERIES.map((series) =>
            trendSegments(trend, series).map((points) => (
              <Segment
                key={`${series}-${points[0]?.index}`}
                points={points}
                count={trend.length}
                series={series}
              />
            )),
          )}
        </svg>
        {first && last && (
          <div className="rs-trend-days rs-subtle rs-small" aria-hidden="true">
            <span>{dayLabel(first.day, locale)}</span>
            <span>{dayLabel(last.day, locale)}</span>
          </div>
        )}
      </div>
      <p id={`${id}-summary`} className="rs-small" data-testid="page-trend-summary">
        {summary}
      </p>
      {showTable && <TrendTable points={trend} id={`${id}-table`} />}
    </section>
  );
}
