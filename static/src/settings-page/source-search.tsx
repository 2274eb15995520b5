// "Add a group" / "Add a person": an Atlaskit async select searched as the admin types (Jira's group picker and
// user search, as the admin), that adds what they pick to the role's sources and clears itself for the next.
// Loaded with the settings page only.
import { AsyncSelect } from '@atlaskit/select';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import type { PersonView } from '../../../src/contract';
import type { UiEnvelope } from '../api';
import { ErrorMessage } from '../components/error-message';
import { InitialsAvatar } from '../components/initials-avatar';
import type { UiError } from '../errors';
import { personName } from '../format';
import { sameGroup, type GroupSource } from './form-state';
import { createSettingsSearch } from './search';

interface SearchOption {
  value: string;
  label: string;
}

interface GroupOption extends SearchOption {
  group: GroupSource;
}

interface PersonOption extends SearchOption {
  person: PersonView;
}

/**
 * The select both searches are: the last query typed wins (an answer to an older one is dropped), an error
 * shows under the field with a retry (which remounts the select), an option already chosen is shown but
 * disabled, and what is picked goes to `onPick` while the box clears for the next.
 */
function SourceSearch<T, O extends SearchOption>({
  inputId,
  label,
  testId,
  find,
  toOptions,
  isChosen,
  onPick,
  placeholder,
  emptyHint,
  noMatch,
  icon,
}: {
  inputId: string;
  label: string;
  testId: string;
  /** One query's answer; null when there is none to show (overtaken by a newer query, or not asked). */
  find: (query: string) => Promise<UiEnvelope<T> | null>;
  toOptions: (data: T) => O[];
  isChosen: (option: O) => boolean;
  onPick: (option: O) => void;
  placeholder: string;
  /** Shown while the box is empty. */
  emptyHint: string;
  noMatch: (query: string) => string;
  icon?: (option: O) => ReactNode;
}) {
  const [error, setError] = useState<UiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const lastQuery = useRef('');
  const loadOptions = async (query: string): Promise<O[]> => {
    lastQuery.current = query;
    const envelope = await find(query);
    if (envelope === null || lastQuery.current !== query) return [];
    if (!envelope.ok) {
      setError(envelope.error);
      return [];
    }
    setError(null);
    return toOptions(envelope.data);
  };
  return (
    <div className="rs-field rs-source-search">
      <label className="rs-field-label" htmlFor={inputId}>
        {label}
      </label>
      <AsyncSelect<O>
        key={attempt}
        inputId={inputId}
        testId={testId}
        value={null}
        cacheOptions={false}
        loadOptions={loadOptions}
        isOptionDisabled={isChosen}
        placeholder={placeholder}
        loadingMessage={() => 'Searching…'}
        noOptionsMessage={({ inputValue }) =>
          inputValue.trim() === '' ? emptyHint : noMatch(inputValue.trim())
        }
        formatOptionLabel={(option) => (
          <span className="rs-option">
            {icon?.(option)}
            <span className="rs-person-name">{option.label}</span>
            {isChosen(option) && <span className="rs-subtlest rs-small">already chosen</span>}
          </span>
        )}
        onChange={(option) => option && onPick(option)}
      />
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

export function GroupSearch({
  inputId,
  label,
  chosen,
  onAdd,
  testId,
}: {
  inputId: string;
  label: string;
  chosen: readonly GroupSource[];
  onAdd: (group: GroupSource) => void;
  testId: string;
}) {
  const search = useMemo(() => createSettingsSearch('settings/search-groups'), []);
  return (
    <SourceSearch
      inputId={inputId}
      label={label}
      testId={testId}
      find={search}
      toOptions={(data) =>
        data.groups.map((found): GroupOption => {
          const group: GroupSource = found.groupId
            ? { groupId: found.groupId, name: found.name }
            : { name: found.name };
          return { value: found.groupId ?? `name:${found.name}`, label: found.name, group };
        })
      }
      isChosen={(option) => chosen.some((g) => sameGroup(g, option.group))}
      onPick={(option) => onAdd(option.group)}
      placeholder="Search for a group"
      emptyHint="Type part of a group’s name"
      noMatch={(query) => `No group matches “${query}”`}
    />
  );
}

export function PersonSearch({
  inputId,
  label,
  chosen,
  onAdd,
  testId,
}: {
  inputId: string;
  label: string;
  chosen: readonly string[];
  onAdd: (person: PersonView) => void;
  testId: string;
}) {
  const search = useMemo(() => createSettingsSearch('settings/search-people'), []);
  return (
    <SourceSearch
      inputId={inputId}
      label={label}
      testId={testId}
      // Jira's user search needs at least one character; an empty box offers nothing rather than everyone.
      find={(query) => (query.trim() === '' ? Promise.resolve(null) : search(query))}
      toOptions={(data) =>
        data.people.map((person): PersonOption => ({
          value: person.accountId,
          label: personName(person),
          person,
        }))
      }
      isChosen={(option) => chosen.includes(option.person.accountId)}
      onPick={(option) => onAdd(option.person)}
      placeholder="Search by name or email"
      emptyHint="Type a name or an email address"
      noMatch={(query) => `No one matches “${query}”`}
      icon={(option) => <InitialsAvatar person={option.person} size="small" />}
    />
  );
}
