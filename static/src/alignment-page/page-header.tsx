// The page title, the project, when it was scanned (or that a refresh failed and the scan shown is older),
// and the Refresh button.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { useEffect, useState } from 'react';
import type { AlignmentView } from '../../../src/contract';
import { useAppContext } from '../app-context';
import { absoluteTime, relativeTime } from '../format';

/** The current time, ticking once a minute so "Scanned 3 minutes ago" stays true while the page is open. */
function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function PageHeader({
  view,
  refreshing,
  refreshFailed = false,
  onRefresh,
}: {
  view: AlignmentView | null;
  refreshing: boolean;
  /** The last refresh failed: the figures below are from the earlier scan, and the header must say so. */
  refreshFailed?: boolean;
  onRefresh: () => void;
}) {
  const { locale, timeZone } = useAppContext();
  const now = useNow(60_000);
  const scanned = view ? relativeTime(view.scannedAt, now, locale) : null;
  const scannedExact = view ? absoluteTime(view.scannedAt, locale, timeZone) : null;
  return (
    <header className="rs-page-header">
      <div>
        <Heading size="large" as="h1">
          Alignment
        </Heading>
        {view && (
          <div className="rs-meta">
            <span data-testid="page-project">{view.project.name}</span>
            {refreshFailed ? (
              <span className="rs-meta-warning" data-testid="page-scanned" data-state="stale">
                Refresh failed — showing the scan from{' '}
                <time dateTime={view.scannedAt} title={scanned ?? undefined}>
                  {scannedExact ?? scanned ?? view.scannedAt}
                </time>
              </span>
            ) : (
              scanned && (
                <span data-testid="page-scanned" data-state="fresh">
                  Scanned{' '}
                  <time dateTime={view.scannedAt} title={scannedExact ?? undefined}>
                    {scanned}
                  </time>
                </span>
              )
            )}
            <span>{new Intl.NumberFormat(locale).format(view.issuesRead)} issues read</span>
          </div>
        )}
      </div>
      {view && (
        <Button onClick={onRefresh} isLoading={refreshing} testId="page-refresh">
          Refresh
        </Button>
      )}
    </header>
  );
}
