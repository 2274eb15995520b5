// Choosing one person for a bulk change: an async Atlaskit select (like the picker) searched as you
// type through `bulk/search-people`, offering only people eligible for the role(s) asked. `known` adds people
// the page has seen holding slots (the owner filter's options), who may no longer be eligible: that is whom a
// "replace X" is usually for.
import { AsyncSelect } from '@atlaskit/select';
import { useMemo, useRef, useState } from 'react';
import type { Role } from '../../../src/contract';
import { ErrorMessage } from '../components/error-message';
import { InitialsAvatar } from '../components/initials-avatar';
import type { UiError } from '../errors';
import { personName, ROLE_ABBR, ROLE_NAME } from '../format';
import type { KnownPerson } from './bulk-context';
import { createBulkPeopleSearch } from './bulk-search';

interface Option {
  value: string;
  label: string;
  person: KnownPerson;
  /** Roles the person is eligible for (of those searched); empty for someone only seen on the page. */
  roles: Role[];
}

function OptionLabel({
  option,
  showRoles,
  inMenu,
}: {
  option: Option;
  showRoles: boolean;
  /** The chosen value shows the name only: what an option says about the person is for choosing. */
  inMenu: boolean;
}) {
  return (
    <span className="rs-option">
      <InitialsAvatar person={option.person} size="small" />
      <span className="rs-person-name">{personName(option.person)}</span>
      {!inMenu ? null : option.roles.length === 0 ? (
        <span className="rs-subtlest rs-small">holds slots here</span>
      ) : (
        showRoles && (
          <span className="rs-subtlest rs-small">
            {option.roles.map((role) => ROLE_ABBR[role]).join(', ')}
          </span>
        )
      )}
    </span>
  );
}

const toOption = (person: KnownPerson, roles: Role[] = []): Option => ({
  value: person.accountId,
  label: personName(person),
  person,
  roles,
});

export function BulkPeoplePicker({
  inputId,
  label,
  roles,
  value,
  onChange,
  known = [],
  autoFocus = false,
  help,
  onEscape,
  testId,
}: {
  inputId: string;
  label: string;
  roles: readonly Role[];
  value: KnownPerson | null;
  onChange: (person: KnownPerson | null) => void;
  known?: readonly KnownPerson[];
  autoFocus?: boolean;
  /** What is offered, when it is not only the people in the roles. */
  help?: string;
  /** Escape on a closed menu: the select swallows the key, so the dialog would never hear it. */
  onEscape?: () => void;
  testId: string;
}) {
  const search = useMemo(() => createBulkPeopleSearch(), []);
  const [error, setError] = useState<UiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const lastQuery = useRef('');
  const menuOpen = useRef(false);

  const loadOptions = async (query: string): Promise<Option[]> => {
    lastQuery.current = query;
    const envelope = await search(roles, query);
    if (envelope === null || lastQuery.current !== query) return [];
    if (!envelope.ok) {
      setError(envelope.error);
      return [];
    }
    setError(null);
    const found = envelope.data.map((f) => toOption(f.person, f.roles));
    const seen = new Set(found.map((option) => option.value));
    const needle = query.trim().toLocaleLowerCase();
    const alsoKnown = known
      .filter((person) => !seen.has(person.accountId))
      .filter((person) => needle === '' || personName(person).toLocaleLowerCase().includes(needle))
      .map((person) => toOption(person));
    return [...found, ...alsoKnown];
  };

  const roleWords = roles.map((role) => `the ${ROLE_NAME[role]} role`).join(' or ');
  return (
    <div className="rs-field rs-bulk-picker" data-testid={testId}>
      <label className="rs-field-label" htmlFor={inputId}>
        {label}
      </label>
      <AsyncSelect<Option>
        // A new role asks again: the default options are the role's people.
        key={`${roles.join(',')} ${attempt}`}
        inputId={inputId}
        testId={`${testId}-select`}
        autoFocus={autoFocus}
        defaultOptions
        cacheOptions={false}
        isClearable
        menuPosition="fixed"
        value={value ? toOption(value) : null}
        loadOptions={loadOptions}
        placeholder="Search by name"
        formatOptionLabel={(option, meta) => (
          <OptionLabel option={option} showRoles={roles.length > 1} inMenu={meta.context === 'menu'} />
        )}
        loadingMessage={() => 'Searching…'}
        noOptionsMessage={({ inputValue }) =>
          inputValue.trim() === ''
            ? 'Type a name to search'
            : `No one in ${roleWords} matches “${inputValue.trim()}”`
        }
        onChange={(option) => onChange(option ? option.person : null)}
        onMenuOpen={() => (menuOpen.current = true)}
        onMenuClose={() => (menuOpen.current = false)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && !menuOpen.current && onEscape) {
            event.preventDefault();
            onEscape();
          }
        }}
      />
      <p className="rs-subtle rs-small">{help ?? `Only people in ${roleWords} are offered.`}</p>
      {error && (
        <ErrorMessage
          error={error}
          testId={`${testId}-error`}
          onRetry={() => {
            setError(null);
            setAttempt((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}
