// The slot's owner in one line: who, whether they can hold the role (in words, never colour alone), and
// "You own this" for the viewer. A done issue still says who owned it.
import type { IssueContextView, Role } from '../../../src/contract';
import { InitialsAvatar } from '../components/initials-avatar';
import { Tag } from '../components/tag';
import { eligibilityLabel, personName, ROLE_ABBR } from '../format';

export function ContextOwner({ view, slot, done }: { view: IssueContextView; slot: Role; done: boolean }) {
  const owner = view.owner;
  const state =
    owner === null
      ? view.ownershipInvalid
        ? 'unreadable'
        : 'empty'
      : owner.eligible
        ? 'eligible'
        : 'ineligible';
  return (
    <div className="rs-context-owner" data-testid="context-owner" data-state={state}>
      {owner === null ? (
        <>
          <span className="rs-empty-slot rs-empty-slot--small" aria-hidden="true">
            ?
          </span>
          <span className="rs-subtle">
            {view.ownershipInvalid
              ? `${ROLE_ABBR[slot]} unknown: the ownership data can’t be read`
              : done
                ? `No ${ROLE_ABBR[slot]} was set before this issue was done`
                : `No ${ROLE_ABBR[slot]} yet`}
          </span>
        </>
      ) : (
        <>
          <InitialsAvatar person={owner} size="small" />
          <span
            className={
              owner.displayName === null ? 'rs-person-name rs-person-name--unknown' : 'rs-person-name'
            }
            data-testid="context-owner-name"
          >
            {done ? `Owned by ${personName(owner)}` : personName(owner)}
          </span>
          {view.actions.youOwnThis && (
            <Tag appearance="new" testId="context-you-own">
              You own this
            </Tag>
          )}
          <Tag appearance={owner.eligible ? 'success' : 'removed'} testId="context-eligibility">
            {eligibilityLabel(owner, slot)}
          </Tag>
        </>
      )}
    </div>
  );
}
