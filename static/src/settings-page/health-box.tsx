// How this project's scans are doing, so an admin who changes the settings sees whether they are applied: the
// last scan (when, how long, outcome), one running now, the recent failures with their messages, and
// "Settings changed — rescan pending" between a save and the scan that applies it.
import Spinner from '@atlaskit/spinner';
import type { ScanStatusView } from '../../../src/contract/alignment';
import type { SettingsView } from '../../../src/contract/settings';
import { useAppContext } from '../app-context';
import { Tag } from '../components/tag';
import { absoluteTime, relativeTime } from '../format';
import { isScanActive, scanProgressText } from '../alignment-page/status-text';
import { durationText, scanOutcomeText } from './settings-text';

function When({ iso, testId }: { iso: string | null; testId?: string }) {
  const { locale, timeZone } = useAppContext();
  if (!iso) return <span className="rs-subtle">time unknown</span>;
  const exact = absoluteTime(iso, locale, timeZone);
  const relative = relativeTime(iso, new Date(), locale);
  return (
    <time dateTime={iso} title={exact ?? undefined} data-testid={testId}>
      {relative && exact ? `${exact} (${relative})` : (exact ?? iso)}
    </time>
  );
}

function LastScan({ scan }: { scan: ScanStatusView | null }) {
  if (!scan) return <span data-testid="settings-last-scan">No scan of this project has finished yet.</span>;
  const took = durationText(scan.durationMs);
  return (
    <span data-testid="settings-last-scan" data-state={scan.state}>
      <Tag appearance={scan.state === 'failed' ? 'removed' : 'success'}>{scanOutcomeText(scan)}</Tag>{' '}
      <When iso={scan.finishedAt ?? scan.startedAt} />
      {took && <>, took {took}</>}
      {scan.state === 'failed' && scan.error && (
        <span className="rs-settings-health-error" data-testid="settings-last-scan-error">
          {scan.error.message}
        </span>
      )}
    </span>
  );
}

export function HealthBox({
  health,
  source,
  refreshing,
  onRefresh,
}: {
  health: SettingsView['health'];
  /** Where the settings come from: a stored value with no save time was written by another tool. */
  source: SettingsView['source'];
  refreshing: boolean;
  onRefresh: () => void;
}) {
  const { locale } = useAppContext();
  const running = isScanActive(health.currentScan) ? health.currentScan : null;
  return (
    <section
      className="rs-settings-health"
      aria-labelledby="rs-settings-health-heading"
      data-testid="settings-health"
    >
      <div className="rs-section-heading">
        <h2 id="rs-settings-health-heading" className="rs-settings-h2">
          Scans
        </h2>
        <button
          type="button"
          className="rs-btn rs-btn--subtle"
          onClick={onRefresh}
          disabled={refreshing}
          data-testid="settings-health-refresh"
        >
          {refreshing ? 'Checking…' : 'Check again'}
        </button>
      </div>
      {health.rescanPending && (
        <p className="rs-settings-pending" role="status" data-testid="settings-rescan-pending">
          <Tag appearance="inprogress">Settings changed — rescan pending</Tag>{' '}
          <span className="rs-subtle rs-small">
            The Alignment page shows the new settings’ results once the next scan finishes.
          </span>
        </p>
      )}
      <dl className="rs-settings-facts">
        <dt>Last scan</dt>
        <dd>
          <LastScan scan={health.lastScan} />
        </dd>
        <dt>Now</dt>
        <dd data-testid="settings-current-scan" data-state={running?.state ?? 'idle'}>
          {running ? (
            <span className="rs-settings-running">
              <Spinner size="small" label="" />
              {/* A queued scan's progress is only "Waiting to start": said once. */}
              {running.state === 'queued'
                ? scanOutcomeText(running)
                : `${scanOutcomeText(running)}: ${scanProgressText(running, locale)}`}
            </span>
          ) : (
            'No scan running'
          )}
        </dd>
        <dt>Settings saved</dt>
        <dd data-testid="settings-saved-at">
          {health.savedAt ? (
            <When iso={health.savedAt} />
          ) : source === 'default' ? (
            'Never: the defaults apply'
          ) : (
            'Not from this page: no save time is recorded'
          )}
        </dd>
      </dl>
      {health.failures.length > 0 && (
        <div data-testid="settings-failures">
          <h3 className="rs-settings-h3">Recent failed scans</h3>
          <ul className="rs-settings-failures">
            {health.failures.map((failure, index) => (
              <li key={`${failure.at}:${index}`} data-testid="settings-failure" data-code={failure.code}>
                <When iso={failure.at} />: {failure.message}{' '}
                <span className="rs-subtlest rs-small">({failure.code})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
