// The people picker, like Jira's user picker: an async Atlaskit select, searched as you type, offering only
// people eligible for the slot. People Jira found but who cannot hold the role are named below the
// list with the reason, so "why is Yuki not here?" has an answer. Loaded only when someone opens it.
import { AsyncSelect } from '@atlaskit/select';
import { useMemo, useRef, useState } from 'react';
import type { PersonNotOffered, PersonOption, Role } from '../../../src/contract';
import { InitialsAvatar } from '../components/initials-avatar';
import { ErrorMessage } from '../components/error-message';
import type { UiError } from '../errors';
import { ROLE_ABBR, ROLE_NAME } from '../format';
import { createPeopleSearch } from './search';

interface Option {
  value: string;
  label: string;
  person: PersonOption;
}

const NOT_OFFERED_WHY: Readonly<Record<PersonNotOffered['reason'], (role: Role) => string>> = {
  'not-in-role': (role) => `not in the ${ROLE_NAME[role]} role`,
  inactive: () => 'deactivated',
  'unknown-account': () => 'unknown account',
  'not-a-person': () => 'an app, not a person',
};

function OptionLabel({ person }: { person: PersonOption }) {
  return (
    <span className="rs-option">
      <InitialsAvatar person={person} size="small" />
      <span className="rs-person-name">{person.displayName}</span>
      {person.via === 'group' && <span className="rs-subtlest rs-small">via group</span>}
    </span>
  );
}

export function OwnerPicker({
  slot,
  onPick,
  onCancel,
  busy,
}: {
  slot: Role;
  onPick: (person: PersonOption) => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const search = useMemo(() => createPeopleSearch(), []);
  const [notOffered, setNotOffered] = useState<PersonNotOffered[]>([]);
  const [truncated, setTruncated] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const lastQuery = useRef('');

  const loadOptions = async (query: string): Promise<Option[]> => {
    lastQuery.current = query;
    const envelope = await search(query);
    if (envelope === null || lastQuery.current !== query) return [];
    if (!envelope.ok) {
      setError(envelope.error);
      return [];
    }
    setError(null);
    setNotOffered(envelope.data.notOffered);
    setTruncated(envelope.data.truncated);
    return envelope.data.people.map((person) => ({
      value: person.accountId,
      label: person.displayName,
      person,
    }));
  };

  const abbr = ROLE_ABBR[slot];
  return (
    <div className="rs-picker" data-testid="owner-picker">
      <label className="rs-field-label" htmlFor="rs-owner-picker-input">
        Choose a {abbr} (people in the {ROLE_NAME[slot]} role)
      </label>
      <AsyncSelect<Option>
        key={attempt}
        inputId="rs-owner-picker-input"
        testId="owner-picker-select"
        autoFocus
        openMenuOnFocus
        defaultOptions
        isDisabled={busy}
        loadOptions={loadOptions}
        placeholder={`Search for a ${abbr}`}
        formatOptionLabel={(option) => <OptionLabel person={option.person} />}
        loadingMessage={() => 'Searching…'}
        noOptionsMessage={({ inputValue }) =>
          inputValue.trim() === ''
            ? `Type a name to find a ${abbr}`
            : `No one in the ${ROLE_NAME[slot]} role matches “${inputValue.trim()}”`
        }
        onChange={(option) => option && onPick(option.person)}
        onKeyDown={(event) => {
          // Escape on a closed menu leaves the picker, as in Jira's inline edit.
          if (event.key === 'Escape' && !(event.target as HTMLInputElement).value) onCancel();
        }}
      />
      {truncated && (
        <p className="rs-subtle rs-small" data-testid="owner-picker-truncated">
          More people match: type more of the name to narrow the list.
        </p>
      )}
      {notOffered.length > 0 && (
        <ul
          className="rs-not-offered rs-small"
          data-testid="owner-picker-not-offered"
          aria-label="Not offered"
        >
          {notOffered.map((person) => (
            <li key={person.accountId}>
              {person.displayName} is not offered: {NOT_OFFERED_WHY[person.reason](slot)}.
            </li>
          ))}
        </ul>
      )}
      {error && (
        <ErrorMessage
          error={error}
          testId="owner-picker-error"
          onRetry={() => {
            setError(null);
            setAttempt((n) => n + 1);
          }}
        />
      )}
      <div className="rs-actions">
        <button type="button" className="rs-btn rs-btn--subtle" onClick={onCancel} disabled={busy}>
          {busy ? 'Saving…' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}
