// The one slot and who fills it, with the actions the viewer may take below it (`children`).
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import type { ReactNode } from 'react';
import type { PersonView, Role } from '../../../src/contract';
import { EligibilityLozenge, PersonName } from '../components/person-line';
import { PersonAvatar } from '../components/person-avatar';
import { ROLE_ABBR, ROLE_NAME } from '../format';

const SLOT_PURPOSE: Readonly<Record<Role, string>> = {
  pm: 'Strategy: owns the what and the why',
  po: 'Execution: owns the how and the backlog',
};

export function OwnerSlot({
  slot,
  owner,
  ownershipInvalid,
  youOwnThis = false,
  done = false,
  children,
}: {
  slot: Role;
  owner: PersonView | null;
  ownershipInvalid: boolean;
  youOwnThis?: boolean;
  /** A done issue still shows who owned it. */
  done?: boolean;
  children?: ReactNode;
}) {
  const state =
    owner === null ? (ownershipInvalid ? 'unreadable' : 'empty') : owner.eligible ? 'eligible' : 'ineligible';
  return (
    <section className="rs-slot" aria-labelledby="rs-slot-heading">
      <div className="rs-slot-header">
        <Heading size="xsmall" as="h2" id="rs-slot-heading">
          {ROLE_NAME[slot]}
        </Heading>
        <span className="rs-subtle rs-small">{SLOT_PURPOSE[slot]}</span>
      </div>
      <div className="rs-owner" data-testid="panel-owner" data-state={state} data-slot={slot}>
        {owner !== null ? (
          <>
            <span className="rs-person">
              <PersonAvatar person={owner} size="medium" />
              {done && <span className="rs-subtle">Owned by</span>}
              <PersonName person={owner} />
            </span>
            {youOwnThis && (
              <span data-testid="panel-you-own">
                <Lozenge appearance="new">You own this</Lozenge>
              </span>
            )}
            <EligibilityLozenge person={owner} role={slot} />
          </>
        ) : (
          <span className="rs-person">
            <span className="rs-empty-slot" aria-hidden="true">
              ?
            </span>
            <span className="rs-subtle">
              {ownershipInvalid
                ? `${ROLE_ABBR[slot]} unknown: the ownership data can't be read`
                : `No ${ROLE_ABBR[slot]} yet`}
            </span>
          </span>
        )}
      </div>
      {children}
    </section>
  );
}
