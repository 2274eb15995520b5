// "Assign owner…" for the issues picked on the gap list, and "Assign PO to stories without one…" for an
// epic's stories: choose one eligible person, see the preview, apply, follow the job. The role to search
// follows the selection's level; a selection mixing epics and stories says so and offers to narrow it, or asks
// which role to search (each issue's slot still follows its own level on the backend).
import { useCallback, useId, useState } from 'react';
import type { BulkTarget } from '../../../src/contract/bulk';
import type { Role } from '../../../src/contract';
import { useAppContext } from '../app-context';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import { Notice } from '../components/notice';
import { personName, ROLE_ABBR, ROLE_NAME } from '../format';
import type { BulkApi, BulkDialog as DialogState, KnownPerson } from './bulk-context';
import { BulkDialog, BulkFooter } from './bulk-dialog';
import { useApply, usePreview } from './bulk-flow';
import { BulkJobView } from './bulk-job-view';
import { BulkPeoplePicker } from './bulk-people-picker';
import { BulkPreview } from './bulk-preview';
import { issueIds, isMixed, levelMix, roleOf, type LevelMix } from './bulk-selection';
import { mixedLevelsText, previewWrites } from './bulk-text';

type Source = Extract<DialogState, { kind: 'assign-selection' | 'assign-epic' }>;

function MixedLevels({
  mix,
  onNarrow,
  role,
  onRole,
}: {
  mix: LevelMix;
  onNarrow: (slot: Role) => void;
  role: Role;
  onRole: (role: Role) => void;
}) {
  const { locale } = useAppContext();
  const number = new Intl.NumberFormat(locale);
  const mixed = isMixed(mix);
  const name = useId();
  return (
    <div className="rs-bulk-mixed" data-testid="bulk-mixed">
      {mixed ? (
        <Notice
          appearance="warning"
          title="This selection mixes epics and stories"
          testId="bulk-mixed-notice"
        >
          <p>
            <span data-testid="bulk-mixed-counts">{mixedLevelsText(mix, locale)}</span> One person can hold
            only the roles they are in, so the issues of the other level would be refused. Narrow the
            selection, or choose the role to search people in.
          </p>
          <div className="rs-actions">
            <button
              type="button"
              className="rs-btn"
              onClick={() => onNarrow('po')}
              data-testid="bulk-narrow-po"
            >
              Only the {number.format(mix.po)} {mix.po === 1 ? 'story' : 'stories'}
            </button>
            <button
              type="button"
              className="rs-btn"
              onClick={() => onNarrow('pm')}
              data-testid="bulk-narrow-pm"
            >
              Only the {number.format(mix.pm)} {mix.pm === 1 ? 'epic or initiative' : 'epics and initiatives'}
            </button>
          </div>
        </Notice>
      ) : (
        <p className="rs-subtle" data-testid="bulk-unknown-level">
          Role Split cannot tell from their gaps whether{' '}
          {mix.unknown === 1 ? 'this issue takes' : 'these issues take'} a PM or a PO: choose the role to
          search people in. The preview says which issues take the other role.
        </p>
      )}
      <fieldset className="rs-bulk-role" data-testid="bulk-role">
        <legend className="rs-field-label">Search people in the role</legend>
        {(['pm', 'po'] as const).map((value) => (
          <label key={value} className="rs-bulk-radio">
            <input
              type="radio"
              name={name}
              value={value}
              checked={role === value}
              onChange={() => onRole(value)}
              data-testid={`bulk-role-${value}`}
            />
            {ROLE_NAME[value]} ({ROLE_ABBR[value]})
          </label>
        ))}
      </fieldset>
    </div>
  );
}

export function BulkAssign({ source, api }: { source: Source; api: BulkApi }) {
  const { locale } = useAppContext();
  const number = new Intl.NumberFormat(locale);
  const pickerId = useId();
  const [jobId, setJobId] = useState<string | null>(null);
  const [person, setPerson] = useState<KnownPerson | null>(null);
  const [askedRole, setAskedRole] = useState<Role>('po');

  const mix = source.kind === 'assign-selection' ? levelMix(api.selection) : null;
  const role: Role = mix ? (roleOf(mix) ?? askedRole) : 'po';
  const target: BulkTarget | null =
    source.kind === 'assign-epic'
      ? { kind: 'epic-stories-without-po', epicId: source.epic.issueId }
      : api.selection.size > 0
        ? { kind: 'issues', issueIds: issueIds(api.selection) }
        : null;
  const preview = usePreview(jobId ? null : target, person?.accountId ?? null);
  const { jobStarted } = api;
  const onQueued = useCallback(
    (id: string) => {
      jobStarted();
      setJobId(id);
    },
    [jobStarted],
  );
  const apply = useApply(onQueued);

  const narrow = (slot: Role) => {
    api.narrow(slot);
    // The buttons go away with the mix: focus moves on to the picker.
    requestAnimationFrame(() => document.getElementById(pickerId)?.focus());
  };

  const title =
    source.kind === 'assign-epic'
      ? `Assign a PO to the stories of ${source.epic.issueKey} without one`
      : `Assign an owner to ${number.format(api.selection.size)} ${api.selection.size === 1 ? 'issue' : 'issues'}`;
  const writes = preview.state.status === 'ready' ? previewWrites(preview.state.view) : 0;
  // The preview on screen is the one applied: the job holds each slot to who held it there.
  const previewId = preview.state.status === 'ready' ? preview.state.view.previewId : null;
  const previewAgain = () => {
    apply.clearError();
    preview.retry();
  };

  const footer = (
    <BulkFooter
      queued={jobId !== null}
      ready={preview.state.status === 'ready'}
      writes={writes}
      canApply={Boolean(target && person && previewId)}
      busy={apply.busy}
      locale={locale}
      onApply={() => target && person && previewId && apply.apply(target, person.accountId, previewId)}
      onClose={api.close}
    />
  );

  return (
    <BulkDialog title={title} onClose={api.close} footer={footer} testId="bulk-assign-dialog">
      {jobId ? (
        <BulkJobView key={jobId} jobId={jobId} onFollow={onQueued} />
      ) : (
        <>
          {source.kind === 'assign-epic' ? (
            <p data-testid="bulk-target">
              Every open story of {source.epic.issueKey} ({source.epic.summary}) in Role Split’s scope whose
              PO slot is empty.
            </p>
          ) : (
            mix && (
              <p data-testid="bulk-target">
                {number.format(api.selection.size)} picked on the gap list: each gets the owner its level
                takes (a PM on epics and initiatives, a PO on stories).
              </p>
            )
          )}
          {mix && (isMixed(mix) || roleOf(mix) === null) && (
            <MixedLevels mix={mix} onNarrow={narrow} role={role} onRole={setAskedRole} />
          )}
          <BulkPeoplePicker
            inputId={pickerId}
            label={`Assign to (a ${ROLE_ABBR[role]})`}
            roles={[role]}
            value={person}
            onChange={setPerson}
            autoFocus
            onEscape={api.close}
            testId="bulk-person"
          />
          {preview.state.status === 'idle' && (
            <p className="rs-subtle" data-testid="bulk-preview-hint">
              Choose a person to see what would change. Nothing is written until you apply.
            </p>
          )}
          {preview.state.status === 'loading' && <Loading label="Working out what would change" />}
          {preview.state.status === 'error' && (
            <ErrorMessage
              error={preview.state.error}
              onRetry={preview.retry}
              situation={{ slot: role, personName: person ? personName(person) : null }}
              testId="bulk-preview-error"
            />
          )}
          {preview.state.status === 'ready' && <BulkPreview view={preview.state.view} />}
          {apply.error?.code === 'BAD_REQUEST' ? (
            // The preview is too old or was overtaken (the backend says which): nothing was queued, and asking
            // it again shows what would change now.
            <Notice
              appearance="warning"
              title="Preview again before applying"
              testId="bulk-apply-error"
              actions={
                <button type="button" className="rs-btn rs-btn--link" onClick={previewAgain}>
                  Preview again
                </button>
              }
            >
              <p data-error-code={apply.error.code}>{apply.error.message} Nothing was changed.</p>
            </Notice>
          ) : (
            apply.error && (
              <ErrorMessage
                error={apply.error}
                situation={{ slot: role, personName: person ? personName(person) : null }}
                testId="bulk-apply-error"
              />
            )
          )}
        </>
      )}
    </BulkDialog>
  );
}
