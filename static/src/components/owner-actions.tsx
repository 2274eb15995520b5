// The slot's actions, shared by the issue context section and the full view: exactly those the backend
// offers the viewer (`SlotActions`), so there is never a button that can only be refused. The picker loads
// on demand; a refusal stays on screen in words until dismissed.
import { lazy, Suspense, useState } from 'react';
import type { Role, SlotActions, SlotState } from '../../../src/contract';
import { ROLE_ABBR, ROLE_NAME } from '../format';
import { useOwnershipWrites } from '../ownership';
import { ErrorMessage } from './error-message';
import { Loading } from './loading';

const OwnerPicker = lazy(() => import('../picker/owner-picker').then((m) => ({ default: m.OwnerPicker })));

export function OwnerActions({
  slot,
  actions,
  current,
  onChanged,
  testPrefix,
}: {
  slot: Role;
  actions: SlotActions;
  current: SlotState | null;
  onChanged: () => void;
  /** `context` or `panel`: test ids say which view a control is in. */
  testPrefix: string;
}) {
  const [picking, setPicking] = useState(false);
  const writes = useOwnershipWrites(slot, current, onChanged);
  const abbr = ROLE_ABBR[slot];
  const id = (name: string) => `${testPrefix}-${name}`;
  return (
    <>
      {writes.failure && (
        <ErrorMessage
          error={writes.failure.error}
          situation={writes.failure.situation}
          onRetry={writes.dismiss}
          retryLabel="Dismiss"
          testId={id('refusal')}
        />
      )}
      {picking ? (
        <Suspense fallback={<Loading label="Loading the people picker" compact />}>
          <OwnerPicker
            slot={slot}
            onCancel={() => setPicking(false)}
            onPick={(person) => {
              void writes
                .run({ kind: 'assign', accountId: person.accountId, displayName: person.displayName })
                .then((ok) => ok && setPicking(false));
            }}
            busy={writes.busy === 'assign'}
          />
        </Suspense>
      ) : (
        <div className="rs-actions" role="group" aria-label={`${ROLE_NAME[slot]} actions`}>
          {actions.assignMe && (
            <button
              type="button"
              className="rs-btn rs-btn--primary"
              disabled={writes.busy !== null}
              onClick={() => void writes.run({ kind: 'assign-me' })}
              data-testid={id('assign-me')}
            >
              {writes.busy === 'assign-me' ? 'Assigning…' : 'Assign me'}
            </button>
          )}
          {(actions.assign || actions.change) && (
            <button
              type="button"
              className={actions.assignMe || actions.change ? 'rs-btn' : 'rs-btn rs-btn--primary'}
              disabled={writes.busy !== null}
              onClick={() => setPicking(true)}
              data-testid={actions.change ? id('change') : id('assign')}
            >
              {actions.change ? `Change ${abbr}` : `Assign ${abbr}`}
            </button>
          )}
          {actions.clear && (
            <button
              type="button"
              className="rs-btn rs-btn--subtle"
              disabled={writes.busy !== null}
              onClick={() => void writes.run({ kind: 'clear' })}
              data-testid={id('clear')}
            >
              {writes.busy === 'clear' ? 'Clearing…' : `Clear ${abbr}`}
            </button>
          )}
          {actions.reset && (
            <button
              type="button"
              className="rs-btn rs-btn--warning"
              disabled={writes.busy !== null}
              onClick={() => void writes.run({ kind: 'reset' })}
              data-testid={id('reset')}
            >
              {writes.busy === 'reset' ? 'Clearing…' : 'Clear and start again'}
            </button>
          )}
        </div>
      )}
    </>
  );
}
