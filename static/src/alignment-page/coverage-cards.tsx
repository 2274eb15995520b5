// The two headline figures: how many strategy issues (epics and initiatives) have a PM, how many stories a PO.
import type { Coverage } from '../../../src/contract';
import { ProgressBar } from '../components/progress-bar';
import { useAppContext } from '../app-context';
import { percent } from '../format';

function CoverageCard({
  testId,
  title,
  covered,
  total,
  noneText,
}: {
  testId: string;
  title: string;
  covered: number;
  total: number;
  noneText: string;
}) {
  const { locale } = useAppContext();
  const number = new Intl.NumberFormat(locale);
  const pct = percent(covered, total);
  return (
    <section className="rs-card" data-testid={testId} data-covered={covered} data-total={total}>
      <h2>{title}</h2>
      {total === 0 ? (
        <p className="rs-subtle">{noneText}</p>
      ) : (
        <>
          <div className="rs-card-figure">
            <span className="rs-card-number">
              {number.format(covered)} / {number.format(total)}
            </span>
            <span className="rs-subtle">({pct}%)</span>
          </div>
          <ProgressBar value={covered} max={total} label={title} />
        </>
      )}
    </section>
  );
}

export function CoverageCards({ coverage }: { coverage: Coverage }) {
  return (
    <div className="rs-cards">
      <CoverageCard
        testId="page-coverage-pm"
        title="Epics & initiatives with a PM"
        covered={coverage.withPm}
        total={coverage.strategyIssues}
        noneText="No epics or initiatives in scope"
      />
      <CoverageCard
        testId="page-coverage-po"
        title="Stories with a PO"
        covered={coverage.withPo}
        total={coverage.executionIssues}
        noneText="No stories in scope"
      />
    </div>
  );
}
