// The `jira:issueContext` section, expanded (Jira draws the collapsed header with the status lozenge from
// the dynamicProperties function). Who owns the slot and whether they can, the one or two gaps that matter
// with who can fix them, and the actions. Kept light on purpose: plain elements styled with design tokens,
// with the picker and the full view loaded only when asked for.
import type { IssueContextView } from '../../../src/contract';
import { useResolver } from '../api';
import { Modal } from '../bridge';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import { FULL_VIEW_MODAL } from '../forge-context';
import { ROLE_NAME } from '../format';
import { useRefreshOnChange } from '../ownership';
import { OwnerActions } from '../components/owner-actions';
import { ContextGaps } from './context-gaps';
import { ContextOwner } from './context-owner';
import { OutOfScopeLine } from './out-of-scope-line';
import { Tag } from '../components/tag';

/** Stable payload: the backend takes the issue from its own context, never from the frontend. */
const NO_PAYLOAD = {};

/** Where the app's button that adds the full view as an issue panel is, as Jira's issue view places it. */
export const PANEL_BUTTON_HINT =
  'You can also add it to this issue with the Role Split button under the issue summary.';

export function IssueContext() {
  const { state, retry, refresh } = useResolver('issue/get-context', NO_PAYLOAD);
  useRefreshOnChange(refresh);
  return (
    <div className="rs-context-root" data-testid="context-root">
      {state.status === 'loading' && <Loading label="Loading Role Split" compact />}
      {state.status === 'error' && (
        <ErrorMessage
          error={state.error}
          onRetry={retry}
          testId="context-error"
          retryLabel={state.error.code === 'NEEDS_CONSENT' ? 'I’ve allowed access, try again' : 'Retry'}
        />
      )}
      {state.status === 'ready' && (
        <>
          {state.refreshError && (
            <ErrorMessage
              error={state.refreshError}
              onRetry={retry}
              testId="context-error"
              retrying={state.refreshing}
            />
          )}
          <ContextContent view={state.data} onChanged={refresh} />
        </>
      )}
    </div>
  );
}

function openFullView(): void {
  new Modal({ title: 'Role Split', size: 'large', context: FULL_VIEW_MODAL })
    .open()
    .catch((error: unknown) => console.error('Role Split: could not open the full view', error));
}

export function ContextContent({ view, onChanged }: { view: IssueContextView; onChanged: () => void }) {
  if (view.slot === null) {
    return (
      <div className="rs-context" data-testid="context-content" data-slot="none">
        <OutOfScopeLine view={view} />
      </div>
    );
  }
  return <SlotContent view={view} slot={view.slot} onChanged={onChanged} />;
}

function SlotContent({
  view,
  slot,
  onChanged,
}: {
  view: IssueContextView;
  slot: NonNullable<IssueContextView['slot']>;
  onChanged: () => void;
}) {
  const done = view.issue.statusCategory === 'done';
  return (
    <div className="rs-context" data-testid="context-content" data-slot={slot}>
      <div className="rs-context-header">
        <h2 className="rs-context-role">{ROLE_NAME[slot]}</h2>
        <Tag appearance={view.status.appearance} testId="context-status">
          {view.status.label}
        </Tag>
      </div>
      <ContextOwner view={view} slot={slot} done={done} />
      <ContextGaps view={view} slot={slot} />
      <OwnerActions
        slot={slot}
        actions={view.actions}
        current={view.current}
        onChanged={onChanged}
        testPrefix="context"
      />
      <div className="rs-context-footer">
        <button
          type="button"
          className="rs-btn rs-btn--link"
          onClick={openFullView}
          data-testid="context-open-full"
        >
          Open full view
        </button>
        <span className="rs-subtlest rs-small">
          Every check, {slot === 'pm' ? 'the stories and their POs' : 'the epic'}, history and waivers.{' '}
          {PANEL_BUTTON_HINT}
        </span>
      </div>
    </div>
  );
}
