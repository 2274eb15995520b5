// The two headline figures: how many strategy issues (epics and initiatives) have a PM, how many stories a PO.
import type { Coverage } from '../../../src/contract';
import { coveragePercent } from '../../../src/domain/coverage';
import { useAppContext } from '../app-context';
import { ProgressBar } from '../components/progress-bar';

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
  const pct = coveragePercent(covered, total);
  return (
    <section className="rs-card" data-testid={testId} data-covered={covered} data-total={total}>
      <h2>{title}</h2>
      {pct === null ? (
        <p className="rs-subtle">{noneText}</p>
      ) : (
        <>
          <div className="rs-card-figure">
            <span className="rs-card-number">
              {number.format(covered)} / {number.format(total)}
            </span>
            <span className="rs-subtle" data-testid={`${testId}-percent`}>
              ({pct}%)
            </span>
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
