// The project page "Alignment" (`jira:projectPage`). The status comes first (is Role Split on here, is a scan
// running, how old are the results); the summary and the paged lists are read only once there are results,
// and again whenever the stored results change. Nothing here ever holds a whole project.
import { useState } from 'react';
import type { AlignmentStatusView, ScanStatusView } from '../../../src/contract/alignment';
import type { GapCode } from '../../../src/contract';
import { call } from '../api';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import { Notice } from '../components/notice';
import type { UiError } from '../errors';
import { CodeCounts } from './code-counts';
import { CoverageCards } from './coverage-cards';
import { MuteReminders } from '../components/mute-reminders';
import { DisableProject } from './disable-project';
import { EnableProject } from './enable-project';
import { EpicsTable } from './epics-table';
import { GapList } from './gap-list';
import { NO_FILTERS, type GapFilterState } from './gap-filters';
import { PageHeader } from './page-header';
import { ScanProgress } from './scan-progress';
import { isScanActive, scanFailureAdvice } from './status-text';
import { TrendChart } from './trend-chart';
import { useLoad } from './use-load';
import { useAlignmentStatus } from './use-status';
import { WaivedList } from './waived-list';
import { BulkProvider } from './bulk-context';
import { BulkJobsList } from './bulk-jobs-list';
import { BulkReplaceButton } from './bulk-selection-bar';

function FailedScan({ scan }: { scan: ScanStatusView }) {
  const error = scan.error ?? { code: 'INTERNAL', message: 'The scan stopped without saying why.' };
  return (
    <Notice appearance="warning" title="The last scan failed" testId="page-scan-failed">
      <p>{error.message}</p>
      <p>{scanFailureAdvice(error.code)}</p>
    </Notice>
  );
}

function Results({ status, version }: { status: AlignmentStatusView; version: number }) {
  const { state, retry } = useLoad('project/get-summary', {}, version);
  const [filters, setFilters] = useState<GapFilterState>(NO_FILTERS);
  if (state.status === 'loading') return <Loading label="Loading alignment" />;
  if (state.status === 'error')
    return <ErrorMessage error={state.error} onRetry={retry} testId="page-error" />;
  const summary = state.data;
  const toggleCode = (code: GapCode) =>
    setFilters((current) => ({
      ...current,
      codes: current.codes.includes(code)
        ? current.codes.filter((c) => c !== code)
        : [...current.codes, code],
    }));
  return (
    <div data-testid="page-results" data-results-at={summary.resultsAt}>
      {summary.visibility === 'restricted' && (
        <p className="rs-subtle rs-small rs-page-note" data-testid="page-restricted">
          Some of this project&apos;s issues are hidden from you by issue security: every figure here counts
          only the issues you can see.
        </p>
      )}
      {summary.newSinceScan > 0 && (
        <p className="rs-subtle rs-small rs-page-note" data-testid="page-new-since-scan">
          {summary.newSinceScan === 1
            ? '1 issue you can see is not in these results yet: it was created after the last scan, or Role Split cannot read it. If a rescan does not bring it in, a Jira admin can add the Role Split app to its issue security level.'
            : `${summary.newSinceScan} issues you can see are not in these results yet: they were created after the last scan, or Role Split cannot read them. If a rescan does not bring them in, a Jira admin can add the Role Split app to their issue security level.`}
        </p>
      )}
      <CoverageCards coverage={summary.coverage} />
      <CodeCounts byCode={summary.byCode} selected={filters.codes} onToggle={toggleCode} />
      <GapList
        projectKey={status.project.key}
        byCode={summary.byCode}
        filters={filters}
        onFilters={setFilters}
        version={version}
      />
      <TrendChart trend={summary.trend} />
      <EpicsTable version={version} />
      <WaivedList count={summary.waivedCount} version={version} />
      <BulkJobsList />
    </div>
  );
}

function EnabledProject({ status, version }: { status: AlignmentStatusView; version: number }) {
  const scan = isScanActive(status.currentScan) ? status.currentScan : null;
  const failed = status.lastScan?.state === 'failed' && !scan ? status.lastScan : null;
  if (status.resultsAt === null)
    return (
      <div data-testid="page-first-scan">
        {failed ? (
          <FailedScan scan={failed} />
        ) : scan ? (
          <ScanProgress scan={scan} title="First scan running" />
        ) : (
          <Notice appearance="information" title="No results yet" testId="page-no-results">
            <p>No scan of this project has finished yet. Choose Rescan now to start one.</p>
          </Notice>
        )}
        {scan && (
          <p className="rs-subtle">
            Role Split is reading this project&apos;s issues for the first time. This page shows the results
            as soon as the scan finishes; you can leave and come back.
          </p>
        )}
      </div>
    );
  return (
    <>
      {scan && (
        <ScanProgress scan={scan} title={scan.kind === 'full' ? 'Full scan running' : 'Rescan running'} />
      )}
      {failed && <FailedScan scan={failed} />}
      <Results status={status} version={version} />
    </>
  );
}

export function AlignmentPage() {
  const { state, retry, accept, resultsVersion } = useAlignmentStatus();
  const [rescanning, setRescanning] = useState(false);
  const [rescanError, setRescanError] = useState<UiError | null>(null);
  const status = state.status === 'ready' ? state.data : null;

  const rescan = () => {
    setRescanning(true);
    setRescanError(null);
    void call('project/rescan', {}).then((envelope) => {
      setRescanning(false);
      if (envelope.ok) accept(envelope.data);
      else setRescanError(envelope.error);
    });
  };

  return (
    <main className="rs-page">
      <BulkProvider enabled={status?.canEdit !== false}>
        <PageHeader
          status={status}
          rescanning={rescanning}
          onRescan={rescan}
          actions={
            status?.enabled && status.resultsAt ? (
              status.canEdit ? (
                <BulkReplaceButton />
              ) : (
                <p className="rs-subtle rs-small" data-testid="bulk-unavailable">
                  Bulk assignment needs Edit Issues in this project, which you do not have: a project admin
                  can give it to you.
                </p>
              )
            ) : null
          }
        />
        <MuteReminders scope="project" />
        {state.status === 'loading' && <Loading label="Loading Role Split's status for this project" />}
        {state.status === 'error' && <ErrorMessage error={state.error} onRetry={retry} testId="page-error" />}
        {rescanError && (
          <ErrorMessage
            error={rescanError}
            onRetry={rescan}
            retrying={rescanning}
            testId="page-rescan-error"
          />
        )}
        {status && state.status === 'ready' && state.refreshError && (
          <ErrorMessage error={state.refreshError} onRetry={retry} testId="page-status-error" />
        )}
        {status &&
          (status.enabled ? (
            <>
              <EnabledProject status={status} version={resultsVersion} />
              <DisableProject status={status} onDisabled={accept} />
            </>
          ) : (
            <EnableProject status={status} onEnabled={accept} />
          ))}
      </BulkProvider>
    </main>
  );
}
