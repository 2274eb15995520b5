// The page title, the project, how old the results are (with the exact time on hover) and "Rescan now".
// Results change between scans too (the daily full scan and the app's own writes), and the header says so.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { useEffect, useState, type ReactNode } from 'react';
import type { AlignmentStatusView } from '../../../src/contract/alignment';
import { useAppContext } from '../app-context';
import { absoluteTime } from '../format';
import { isScanActive, resultsAgeText } from './status-text';

/** The current time, ticking once a minute so "Results from 3 minutes ago" stays true while the page is open. */
function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function ResultsAge({ resultsAt }: { resultsAt: string }) {
  const { locale, timeZone } = useAppContext();
  const now = useNow(60_000);
  const age = resultsAgeText(resultsAt, now, locale);
  const exact = absoluteTime(resultsAt, locale, timeZone);
  return (
    <span data-testid="page-results-age">
      <time dateTime={resultsAt} title={exact ?? undefined}>
        {age ?? exact ?? resultsAt}
      </time>
    </span>
  );
}

export function PageHeader({
  status,
  rescanning,
  onRescan,
  actions,
}: {
  status: AlignmentStatusView | null;
  rescanning: boolean;
  onRescan: () => void;
  /** More of the page's actions beside "Rescan now" (bulk assignment's "Replace a person…"). */
  actions?: ReactNode;
}) {
  const scanning = status !== null && isScanActive(status.currentScan);
  return (
    <header className="rs-page-header">
      <div className="rs-page-title">
        <Heading size="large" as="h1">
          Alignment
        </Heading>
        {status && (
          <div className="rs-meta">
            <span data-testid="page-project">{status.project.name}</span>
            {status.enabled && status.resultsAt && <ResultsAge resultsAt={status.resultsAt} />}
          </div>
        )}
        {status?.enabled && status.resultsAt && (
          <p className="rs-subtle rs-small rs-freshness" data-testid="page-freshness-note">
            Changes made in Role Split show at once, other edits in Jira shortly after. Role changes,
            deactivated accounts and ownership written by other tools appear within a day, after the daily
            full scan.
          </p>
        )}
      </div>
      {status?.enabled && (
        <div className="rs-page-actions">
          {actions}
          <Button onClick={onRescan} isLoading={rescanning} isDisabled={scanning} testId="page-rescan">
            {scanning ? 'Scan running' : 'Rescan now'}
          </Button>
        </div>
      )}
    </header>
  );
}
