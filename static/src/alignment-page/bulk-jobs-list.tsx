// The project's recent bulk changes (`bulk/list-jobs`, the last 20): what each did, who started it, its state
// and outcome, "View" to follow it, and Undo where the viewer may. Collapsed until opened, like the waived gaps.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { useId, useState } from 'react';
import type { BulkResults } from '../../../src/contract/bulk';
import { call } from '../api';
import { useAppContext } from '../app-context';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import type { UiError } from '../errors';
import { absoluteTime, personName } from '../format';
import { Ellipsis, TableScroll } from './cells';
import { useBulk } from './bulk-context';
import { JOB_STATE_LABEL, jobTitle } from './bulk-text';
import { useLoad } from './use-load';

type JobSummary = BulkResults['bulk/list-jobs']['jobs'][number];

function JobRow({ job }: { job: JobSummary }) {
  const bulk = useBulk();
  const { locale, timeZone } = useAppContext();
  const number = new Intl.NumberFormat(locale);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  if (!bulk) return null;
  const undo = () => {
    setBusy(true);
    setError(null);
    void call('bulk/undo', { jobId: job.id }).then((envelope) => {
      setBusy(false);
      if (!envelope.ok) return setError(envelope.error);
      bulk.jobStarted();
      bulk.open({ kind: 'job', jobId: envelope.data.jobId });
    });
  };
  const { verified, refused } = job.counts;
  return (
    <tr data-testid="bulk-jobs-row" data-job={job.id} data-state={job.state}>
      <td>{absoluteTime(job.createdAt, locale, timeZone) ?? job.createdAt}</td>
      <td>
        <Ellipsis text={jobTitle(job)} />
      </td>
      <td>
        <Ellipsis text={personName(job.by)} />
      </td>
      <td>{JOB_STATE_LABEL[job.state]}</td>
      <td className="rs-bulk-wrap">
        {number.format(verified)} of {number.format(job.total)} changed
        {refused > 0 && <span className="rs-text-warning">, {number.format(refused)} not</span>}
        {error && <ErrorMessage error={error} onRetry={undo} retrying={busy} testId="bulk-jobs-undo-error" />}
      </td>
      <td>
        <div className="rs-actions">
          <button
            type="button"
            className="rs-btn rs-btn--link"
            onClick={() => bulk.open({ kind: 'job', jobId: job.id })}
            aria-label={`View ${jobTitle(job)}`}
            data-testid="bulk-jobs-view"
          >
            View
          </button>
          {job.canUndo && (
            <button
              type="button"
              className="rs-btn rs-btn--link"
              onClick={undo}
              disabled={busy}
              aria-label={`Undo ${jobTitle(job)}`}
              data-testid="bulk-jobs-undo"
            >
              {busy ? 'Undoing…' : 'Undo'}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

function JobRows({ version, id }: { version: number; id: string }) {
  const { state, retry } = useLoad('bulk/list-jobs', {}, version);
  if (state.status === 'loading') return <Loading label="Loading recent bulk changes" />;
  if (state.status === 'error')
    return <ErrorMessage error={state.error} onRetry={retry} testId="bulk-jobs-error" />;
  if (state.data.jobs.length === 0)
    return (
      <p className="rs-subtle" id={id} data-testid="bulk-jobs-empty">
        No bulk changes in this project yet.
      </p>
    );
  return (
    <div id={id}>
      <TableScroll label="Recent bulk changes" testId="bulk-jobs-table">
        <table className="rs-table-plain rs-bulk-jobs-table">
          <colgroup>
            <col className="rs-col-date" />
            <col />
            <col className="rs-col-person" />
            <col className="rs-col-type" />
            <col className="rs-col-coverage" />
            <col className="rs-col-actions" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Change</th>
              <th scope="col">By</th>
              <th scope="col">State</th>
              <th scope="col">Outcome</th>
              <th scope="col">
                <span className="rs-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.data.jobs.map((job) => (
              <JobRow key={job.id} job={job} />
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}

export function BulkJobsList() {
  const bulk = useBulk();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const headingId = useId();
  if (!bulk) return null;
  return (
    <section className="rs-section" aria-labelledby={headingId} data-testid="bulk-jobs">
      <div className="rs-section-heading">
        <Heading size="medium" as="h2" id={headingId}>
          Bulk changes
        </Heading>
        <Button
          appearance="subtle"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((value) => !value)}
          testId="bulk-jobs-toggle"
        >
          {open ? 'Hide' : 'Show recent bulk changes'}
        </Button>
      </div>
      {open && <JobRows version={bulk.jobsVersion} id={panelId} />}
    </section>
  );
}
