// A bulk job followed to its end: a progress bar (issues finished either way, of all), then the result —
// every issue's outcome, the refused ones named with why and who can fix it, a partial failure said as such —
// and Undo while the viewer may undo it (the reverse job, followed the same way).
import Button from '@atlaskit/button/new';
import { useEffect, useRef, useState } from 'react';
import type { BulkJobRowView, BulkJobView as Job } from '../../../src/contract/bulk';
import { call } from '../api';
import { useAppContext } from '../app-context';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import { Notice } from '../components/notice';
import { ProgressBar } from '../components/progress-bar';
import type { UiError } from '../errors';
import { absoluteTime, personName, ROLE_ABBR } from '../format';
import { Dash, TableScroll } from './cells';
import { isJobActive, useBulkJob } from './bulk-job';
import { BulkIssue, RefusalCell } from './bulk-preview';
import {
  JOB_STATE_LABEL,
  jobOutcomeText,
  jobProgressText,
  jobSettled,
  jobTitle,
  REFUSAL_LABEL,
  STATE_LABEL,
} from './bulk-text';

function JobRow({ row, job }: { row: BulkJobRowView; job: Job }) {
  const to = job.to ? personName(job.to) : null;
  return (
    <tr data-testid="bulk-job-row" data-issue={row.issueKey} data-state={row.state}>
      <td>
        <BulkIssue issueKey={row.issueKey} />
      </td>
      <td>{row.slot ? ROLE_ABBR[row.slot] : <Dash />}</td>
      <td className="rs-bulk-wrap">
        <strong className={row.state === 'refused' ? 'rs-text-warning' : undefined}>
          {row.state === 'refused' && row.reason ? REFUSAL_LABEL[row.reason] : STATE_LABEL[row.state]}
        </strong>
        {row.state === 'refused' && row.reason && (
          <>
            {' '}
            <RefusalCell
              reason={row.reason}
              message={row.message}
              slot={row.slot}
              personName={to}
              conflict={{
                since: job.kind === 'assign' ? 'preview' : 'queued',
                ...(row.holder !== undefined ? { holder: row.holder ? personName(row.holder) : null } : {}),
              }}
            />
          </>
        )}
      </td>
    </tr>
  );
}

/** Undo: queue the reverse job and follow it here. */
function UndoButton({ job, onFollow }: { job: Job; onFollow: (jobId: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const undo = () => {
    setBusy(true);
    setError(null);
    void call('bulk/undo', { jobId: job.id }).then((envelope) => {
      setBusy(false);
      if (envelope.ok) onFollow(envelope.data.jobId);
      else setError(envelope.error);
    });
  };
  return (
    <div className="rs-bulk-undo">
      <Button onClick={undo} isLoading={busy} testId="bulk-undo">
        {job.kind === 'undo' ? 'Undo this undo' : 'Undo this change'}
      </Button>
      <p className="rs-subtle rs-small">
        {job.kind === 'undo'
          ? 'Sets each slot again as the change this undid had set it, wherever nobody changed it since.'
          : 'Puts back who held each slot before, wherever nobody changed it since.'}{' '}
        The undo is a job of its own.
      </p>
      {error && <ErrorMessage error={error} onRetry={undo} retrying={busy} testId="bulk-undo-error" />}
    </div>
  );
}

export function BulkJobView({ jobId, onFollow }: { jobId: string; onFollow: (jobId: string) => void }) {
  const { locale, timeZone } = useAppContext();
  const followed = useBulkJob(jobId);
  const { job } = followed;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const finished = job !== null && !isJobActive(job);
  // Screen-reader and keyboard users land on the result when the job finishes.
  useEffect(() => {
    if (finished) headingRef.current?.focus();
  }, [finished]);

  if (!job)
    return followed.error ? (
      <ErrorMessage error={followed.error} onRetry={followed.retry} testId="bulk-job-error" />
    ) : (
      <Loading label="Loading the job" />
    );

  const outcome = finished ? jobOutcomeText(job, locale) : null;
  const number = new Intl.NumberFormat(locale);
  return (
    <section
      className="rs-bulk-job"
      aria-label="Progress and result"
      data-testid="bulk-job"
      data-state={job.state}
    >
      <h3 className="rs-bulk-step" ref={headingRef} tabIndex={-1}>
        {jobTitle(job)}: {JOB_STATE_LABEL[job.state].toLocaleLowerCase()}
      </h3>
      <p className="rs-subtle rs-small">
        Started by {personName(job.by)} {absoluteTime(job.createdAt, locale, timeZone) ?? job.createdAt}
        {job.kind === 'undo' && ', undoing an earlier change'}.
      </p>
      <ProgressBar value={jobSettled(job)} max={job.total} label="Issues finished" />
      <p role="status" data-testid="bulk-job-progress">
        {jobProgressText(job, locale)}
      </p>
      {followed.error && (
        <ErrorMessage error={followed.error} onRetry={followed.retry} testId="bulk-job-error" />
      )}
      {outcome && (
        <Notice appearance={outcome.appearance} title={outcome.title} testId="bulk-job-outcome">
          {job.error && <p data-testid="bulk-job-failure">{job.error.message}</p>}
          {job.counts.refused > 0 && (
            <p>
              {number.format(job.counts.refused)} {job.counts.refused === 1 ? 'issue was' : 'issues were'}{' '}
              left as {job.counts.refused === 1 ? 'it was' : 'they were'}: each is listed below with why and
              who can fix it.
            </p>
          )}
          <p>
            The page’s figures and gap list update after the rescan that follows, usually within a minute; the
            issues themselves have changed already.
          </p>
        </Notice>
      )}
      {job.state === 'done' && job.canUndo && <UndoButton job={job} onFollow={onFollow} />}
      {followed.rows.length > 0 && (
        <TableScroll label="Every issue of this job" testId="bulk-job-table">
          <table className="rs-table-plain rs-bulk-table rs-bulk-job-table">
            <colgroup>
              <col className="rs-col-key" />
              <col className="rs-col-slot" />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Issue</th>
                <th scope="col">Slot</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {followed.rows.map((row) => (
                <JobRow key={`${row.issueId}:${row.slot}`} row={row} job={job} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {followed.moreError && (
        <ErrorMessage
          error={followed.moreError}
          onRetry={followed.loadMore}
          retrying={followed.loadingMore}
          testId="bulk-job-more-error"
        />
      )}
      {followed.hasMore && !followed.moreError && (
        <Button onClick={followed.loadMore} isLoading={followed.loadingMore} testId="bulk-job-more">
          Load more issues
        </Button>
      )}
      {!followed.hasMore && followed.rows.length < job.total && !isJobActive(job) && (
        <p className="rs-subtle rs-small">
          {number.format(followed.rows.length)} of {number.format(job.total)} issues listed.
        </p>
      )}
    </section>
  );
}
