// "Replace a person…": every slot X holds in the project (open issues; done ones on request) moves to Y, an
// eligible person. X comes from the people the page has seen holding slots (the owner filter's options) or
// the picker; Y only from the people in the PM or PO role. Same preview and job as any bulk change, and the
// finished job offers Undo.
import { useCallback, useId, useState } from 'react';
import type { BulkTarget } from '../../../src/contract/bulk';
import { useAppContext } from '../app-context';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import { personName } from '../format';
import type { BulkApi, KnownPerson } from './bulk-context';
import { BulkDialog, BulkFooter } from './bulk-dialog';
import { useApply, usePreview } from './bulk-flow';
import { BulkJobView } from './bulk-job-view';
import { BulkPeoplePicker } from './bulk-people-picker';
import { BulkPreview } from './bulk-preview';
import { previewWrites } from './bulk-text';

const BOTH_ROLES = ['pm', 'po'] as const;

export function BulkReplace({ initialFrom, api }: { initialFrom: KnownPerson | null; api: BulkApi }) {
  const { locale } = useAppContext();
  const fromId = useId();
  const toId = useId();
  const doneId = useId();
  const [known] = useState(() => api.knownOwners());
  const [from, setFrom] = useState<KnownPerson | null>(initialFrom);
  const [to, setTo] = useState<KnownPerson | null>(null);
  const [includeDone, setIncludeDone] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);

  const same = from !== null && to !== null && from.accountId === to.accountId;
  const target: BulkTarget | null = from ? { kind: 'replace', from: from.accountId, includeDone } : null;
  const preview = usePreview(jobId || same ? null : target, to?.accountId ?? null);
  const { jobStarted } = api;
  const onQueued = useCallback(
    (id: string) => {
      jobStarted();
      setJobId(id);
    },
    [jobStarted],
  );
  const apply = useApply(onQueued);
  const writes = preview.state.status === 'ready' ? previewWrites(preview.state.view) : 0;

  const footer = (
    <BulkFooter
      queued={jobId !== null}
      ready={preview.state.status === 'ready'}
      writes={writes}
      canApply={Boolean(target && to && !same)}
      busy={apply.busy}
      locale={locale}
      onApply={() => target && to && apply.apply(target, to.accountId)}
      onClose={api.close}
    />
  );

  return (
    <BulkDialog title="Replace a person" onClose={api.close} footer={footer} testId="bulk-replace-dialog">
      {jobId ? (
        <BulkJobView key={jobId} jobId={jobId} onFollow={onQueued} />
      ) : (
        <>
          <p>
            Moves every PM and PO slot one person holds in this project to someone else, for instance when
            someone changes teams or leaves.
          </p>
          <div className="rs-bulk-replace-people">
            <BulkPeoplePicker
              inputId={fromId}
              label="Replace"
              roles={BOTH_ROLES}
              value={from}
              onChange={setFrom}
              known={known}
              autoFocus={initialFrom === null}
              help="People in the PM or PO role, and the owners shown on this page (who may have left the role)."
              onEscape={api.close}
              testId="bulk-from"
            />
            <BulkPeoplePicker
              inputId={toId}
              label="With"
              roles={BOTH_ROLES}
              value={to}
              onChange={setTo}
              autoFocus={initialFrom !== null}
              help="Only people in the PM or PO role are offered; a slot of a role they are not in is refused."
              onEscape={api.close}
              testId="bulk-to"
            />
          </div>
          <div className="rs-bulk-check">
            <input
              id={doneId}
              type="checkbox"
              checked={includeDone}
              onChange={(event) => setIncludeDone(event.target.checked)}
              aria-describedby={`${doneId}-help`}
              data-testid="bulk-include-done"
            />
            <label htmlFor={doneId}>Include done issues</label>
            <p id={`${doneId}-help`} className="rs-subtle rs-small">
              Done issues keep who owned them when the work finished. Include them only to correct that
              record, e.g. when the name on finished work should change too.
            </p>
          </div>
          {same && (
            <p className="rs-text-warning" role="alert" data-testid="bulk-same-person">
              {personName(to)} would replace themselves: choose someone else in “With”.
            </p>
          )}
          {preview.state.status === 'idle' && !same && (
            <p className="rs-subtle" data-testid="bulk-preview-hint">
              Choose both people to see what would change. Nothing is written until you apply.
            </p>
          )}
          {preview.state.status === 'loading' && <Loading label="Working out what would change" />}
          {preview.state.status === 'error' && (
            <ErrorMessage
              error={preview.state.error}
              onRetry={preview.retry}
              situation={{ personName: to ? personName(to) : null }}
              testId="bulk-preview-error"
            />
          )}
          {preview.state.status === 'ready' && <BulkPreview view={preview.state.view} />}
          {apply.error && (
            <ErrorMessage
              error={apply.error}
              situation={{ personName: to ? personName(to) : null }}
              testId="bulk-apply-error"
            />
          )}
        </>
      )}
    </BulkDialog>
  );
}
