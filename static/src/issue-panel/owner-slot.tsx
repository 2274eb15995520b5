// The one slot and who fills it. Assigning, changing and clearing the owner arrive in a later
// release: `OwnerActions` marks where those controls go, and renders nothing until then (no dead buttons).
import Heading from '@atlaskit/heading';
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
}: {
  slot: Role;
  owner: PersonView | null;
  ownershipInvalid: boolean;
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
              <PersonName person={owner} />
            </span>
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
        <OwnerActions />
      </div>
    </section>
  );
}

/** Where assign / change / clear will live (with a picker that offers only eligible people). */
function OwnerActions() {
  return null;
}
