// "Add a group" / "Add a person": an Atlaskit async select searched as the admin types (Jira's group picker and
// user search, as the admin), that adds what they pick to the role's sources and clears itself for the next.
// Loaded with the settings page only.
import { AsyncSelect } from '@atlaskit/select';
import { useMemo, useRef, useState } from 'react';
import type { PersonView } from '../../../src/contract';
import { ErrorMessage } from '../components/error-message';
import { InitialsAvatar } from '../components/initials-avatar';
import type { UiError } from '../errors';
import { personName } from '../format';
import { sameGroup, type GroupSource } from './form-state';
import { createSettingsSearch } from './search';

interface GroupOption {
  value: string;
  label: string;
  group: GroupSource;
}

interface PersonOption {
  value: string;
  label: string;
  person: PersonView;
}

/** Shared behaviour: errors show under the field with a retry (which remounts the select). */
function useSearchState() {
  const [error, setError] = useState<UiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  return { error, setError, attempt, retry: () => setAttempt((n) => n + 1) };
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
  const state = useSearchState();
  // The last query typed wins: an answer to an older one is dropped.
  const lastQuery = useRef('');
  const loadOptions = async (query: string): Promise<GroupOption[]> => {
    lastQuery.current = query;
    const envelope = await search(query);
    if (envelope === null || lastQuery.current !== query) return [];
    if (!envelope.ok) {
      state.setError(envelope.error);
      return [];
    }
    state.setError(null);
    return envelope.data.groups.map((found) => {
      const group: GroupSource = found.groupId
        ? { groupId: found.groupId, name: found.name }
        : { name: found.name };
      return { value: found.groupId ?? `name:${found.name}`, label: found.name, group };
    });
  };
  const isChosen = (option: GroupOption) => chosen.some((g) => sameGroup(g, option.group));
  return (
    <div className="rs-field rs-source-search">
      <label className="rs-field-label" htmlFor={inputId}>
        {label}
      </label>
      <AsyncSelect<GroupOption>
        key={state.attempt}
        inputId={inputId}
        testId={testId}
        value={null}
        cacheOptions={false}
        loadOptions={loadOptions}
        isOptionDisabled={isChosen}
        placeholder="Search for a group"
        loadingMessage={() => 'Searching…'}
        noOptionsMessage={({ inputValue }) =>
          inputValue.trim() === '' ? 'Type part of a group’s name' : `No group matches “${inputValue.trim()}”`
        }
        formatOptionLabel={(option) => (
          <span className="rs-option">
            <span className="rs-person-name">{option.label}</span>
            {isChosen(option) && <span className="rs-subtlest rs-small">already chosen</span>}
          </span>
        )}
        onChange={(option) => option && onAdd(option.group)}
      />
      {state.error && (
        <ErrorMessage
          error={state.error}
          testId={`${testId}-error`}
          onRetry={() => {
            state.setError(null);
            state.retry();
          }}
        />
      )}
    </div>
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
  const state = useSearchState();
  // The last query typed wins: an answer to an older one is dropped.
  const lastQuery = useRef('');
  const loadOptions = async (query: string): Promise<PersonOption[]> => {
    lastQuery.current = query;
    // Jira's user search needs at least one character; an empty box offers nothing rather than everyone.
    if (query.trim() === '') return [];
    const envelope = await search(query);
    if (envelope === null || lastQuery.current !== query) return [];
    if (!envelope.ok) {
      state.setError(envelope.error);
      return [];
    }
    state.setError(null);
    return envelope.data.people.map((person) => ({
      value: person.accountId,
      label: personName(person),
      person,
    }));
  };
  const isChosen = (option: PersonOption) => chosen.includes(option.person.accountId);
  return (
    <div className="rs-field rs-source-search">
      <label className="rs-field-label" htmlFor={inputId}>
        {label}
      </label>
      <AsyncSelect<PersonOption>
        key={state.attempt}
        inputId={inputId}
        testId={testId}
        value={null}
        cacheOptions={false}
        loadOptions={loadOptions}
        isOptionDisabled={isChosen}
        placeholder="Search by name or email"
        loadingMessage={() => 'Searching…'}
        noOptionsMessage={({ inputValue }) =>
          inputValue.trim() === ''
            ? 'Type a name or an email address'
            : `No one matches “${inputValue.trim()}”`
        }
        formatOptionLabel={(option) => (
          <span className="rs-option">
            <InitialsAvatar person={option.person} size="small" />
            <span className="rs-person-name">{option.label}</span>
            {isChosen(option) && <span className="rs-subtlest rs-small">already chosen</span>}
          </span>
        )}
        onChange={(option) => option && onAdd(option.person)}
      />
      {state.error && (
        <ErrorMessage
          error={state.error}
          testId={`${testId}-error`}
          onRetry={() => {
            state.setError(null);
            state.retry();
          }}
        />
      )}
    </div>
  );
}
