// The full view, as the issue panel (`jira:issuePanel`) and in the bridge Modal the context section opens:
// who owns this issue's slot, whether they can hold it, the actions, every rule and how it fares, the
// issue's neighbours in the split (a story's epic, an epic's stories), the history and the waivers.
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import type { IssuePanelView } from '../../../src/contract';
import { useResolver } from '../api';
import { closeView } from '../bridge';
import { OwnerActions } from '../components/owner-actions';
import { useRefreshOnChange } from '../ownership';
import { MuteReminders } from '../components/mute-reminders';
import { HistoryList } from './history-list';
import { Waivers } from './waivers';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import { ROLE_NAME } from '../format';
import { checksSummary } from '../check-text';
import { ChecksList } from './checks-list';
import { EpicSummary, StoriesCoverage } from './related-issues';
import { OutOfScope } from './out-of-scope';
import { OwnerSlot } from './owner-slot';

/** Stable payload: the backend takes the issue from its own context, never from the frontend. */
const NO_PAYLOAD = {};

export function IssuePanel({ place = 'panel' }: { place?: 'panel' | 'modal' }) {
  const { state, retry, refresh } = useResolver('issue/get-panel', NO_PAYLOAD);
  useRefreshOnChange(refresh);
  return (
    <div className={place === 'modal' ? 'rs-panel-root rs-modal-root' : 'rs-panel-root'} data-place={place}>
      {state.status === 'loading' && <Loading label="Loading Role Split" />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={retry} testId="panel-error" />}
      {state.status === 'ready' && (
        <>
          {state.refreshError && (
            <ErrorMessage
              error={state.refreshError}
              onRetry={retry}
              testId="panel-error"
              retrying={state.refreshing}
            />
          )}
          <IssuePanelContent view={state.data} onChanged={refresh} />
          <MuteReminders scope="issue" />
        </>
      )}
      {place === 'modal' && (
        <div className="rs-modal-footer">
          <button
            type="button"
            className="rs-btn"
            data-testid="modal-close"
            onClick={() => void closeView().catch((error: unknown) => console.error(error))}
          >
            Close
          </button>
        </div>
      )}
    </div>
  );
}

export function IssuePanelContent({
  view,
  onChanged = () => undefined,
}: {
  view: IssuePanelView;
  onChanged?: () => void;
}) {
  const slot = view.slot;
  if (slot === null || view.outOfScopeReason !== null) return <OutOfScope view={view} />;
  return (
    <div className="rs-panel">
      {view.ownershipInvalid && (
        <SectionMessage
          appearance="warning"
          title="Ownership data can't be read"
          testId="panel-ownership-invalid"
        >
          <p>
            The ownership data on this issue was written by another tool and cannot be read, so Role Split
            can't tell who owns it. The other checks are skipped until the data is fixed or cleared.
          </p>
        </SectionMessage>
      )}
      {view.misplaced && (
        <SectionMessage appearance="error" title="A role is in the wrong slot" testId="panel-misplaced">
          <p>
            {view.misplaced.displayName ?? 'An unknown account'} is set as {ROLE_NAME[view.misplaced.role]} on
            this {slot === 'pm' ? 'strategy issue' : 'story'}, but{' '}
            {slot === 'pm' ? 'epics and initiatives' : 'stories'} take a {ROLE_NAME[slot]}. Another tool wrote
            it; Role Split does not count it.
          </p>
        </SectionMessage>
      )}
      <OwnerSlot
        slot={slot}
        owner={view.owner}
        ownershipInvalid={view.ownershipInvalid}
        youOwnThis={view.actions?.youOwnThis ?? false}
        done={view.issue.statusCategory === 'done'}
      >
        {view.actions && (
          <OwnerActions
            slot={slot}
            actions={view.actions}
            current={view.current ?? null}
            onChanged={onChanged}
            testPrefix="panel"
          />
        )}
      </OwnerSlot>
      <section className="rs-section" aria-labelledby="rs-checks-heading">
        <div className="rs-section-heading">
          <Heading size="xsmall" as="h2" id="rs-checks-heading">
            Checks
          </Heading>
          <ChecksSummary view={view} />
        </div>
        <ChecksList checks={view.checks} situation={{ slot, ownerName: view.owner?.displayName ?? null }} />
      </section>
      {view.epic !== null || slot === 'po' ? <EpicSummary epic={view.epic} /> : null}
      {view.stories !== null && <StoriesCoverage stories={view.stories} />}
      {view.waivers && (
        <Waivers
          waivers={view.waivers}
          checks={view.checks}
          canWaive={view.actions?.waive ?? false}
          slot={slot}
          onChanged={onChanged}
        />
      )}
      {view.history && <HistoryList history={view.history} />}
    </div>
  );
}

function ChecksSummary({ view }: { view: IssuePanelView }) {
  const text = checksSummary(view.checks);
  if (text === null) return null;
  return (
    <span className="rs-subtle rs-small" data-testid="panel-checks-summary">
      {text}
    </span>
  );
}
