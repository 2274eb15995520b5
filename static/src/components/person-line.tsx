// A person in a slot: avatar, name and whether they can hold the slot's role, or an explicit "No PM yet".
// Eligibility is written out in the lozenge, so colour is never the only signal.
import Lozenge from '@atlaskit/lozenge';
import type { PersonView, Role } from '../../../src/contract';
import { eligibilityLabel, personName, ROLE_ABBR } from '../format';
import { PersonAvatar, type AvatarSize } from './person-avatar';

export function PersonName({ person }: { person: Pick<PersonView, 'displayName'> }) {
  return (
    <span
      className={person.displayName === null ? 'rs-person-name rs-person-name--unknown' : 'rs-person-name'}
    >
      {personName(person)}
    </span>
  );
}

export function EligibilityLozenge({ person, role }: { person: PersonView; role: Role }) {
  return (
    <Lozenge appearance={person.eligible ? 'success' : 'removed'}>{eligibilityLabel(person, role)}</Lozenge>
  );
}

export function EmptySlot({ role, size = 'medium' }: { role: Role; size?: AvatarSize }) {
  return (
    <span className="rs-person">
      <span
        className={size === 'small' ? 'rs-empty-slot rs-empty-slot--small' : 'rs-empty-slot'}
        aria-hidden="true"
      >
        ?
      </span>
      <span className="rs-subtle">No {ROLE_ABBR[role]} yet</span>
    </span>
  );
}

/** A compact line: avatar, name and, when they cannot hold the role, why. */
export function PersonLine({
  person,
  role,
  size = 'small',
  showEligible = false,
}: {
  person: PersonView | null;
  role: Role;
  size?: AvatarSize;
  /** Show "Eligible" too; by default only problems get a lozenge, to keep lists quiet. */
  showEligible?: boolean;
}) {
  if (person === null) return <EmptySlot role={role} size={size} />;
  return (
    <span className="rs-person">
      <PersonAvatar person={person} size={size} />
      <PersonName person={person} />
      {(showEligible || !person.eligible) && (
        <span className="rs-keep">
          <EligibilityLozenge person={person} role={role} />
        </span>
      )}
    </span>
  );
}
