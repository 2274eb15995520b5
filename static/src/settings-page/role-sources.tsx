// Where one role's people come from: project roles (chosen from the roles this project has; a role the settings
// name that does not exist here is shown as missing so it can be cleared), groups and named people (searched as
// you type). A person holds the role when any source names them. Where roles cannot be added (Jira Free, a
// team-managed project) groups and people come first.
import type { PersonView } from '../../../src/contract';
import type { RoleSourcesInput, SettingsView } from '../../../src/contract/settings';
import { InitialsAvatar } from '../components/initials-avatar';
import { Tag } from '../components/tag';
import { personName, ROLE_ABBR, ROLE_NAME } from '../format';
import { toggleListed, withGroup, withoutGroup, type GroupSource, type RoleKey } from './form-state';
import { roleHeading } from './settings-text';
import { GroupSearch, PersonSearch } from './source-search';

const APPS_ROLE = 'atlassian-addons-project-access';

export function groupInputId(role: RoleKey): string {
  return `rs-settings-${role}-groups-input`;
}

function ProjectRoles({
  role,
  sources,
  existing,
  known,
  onChange,
}: {
  role: RoleKey;
  sources: RoleSourcesInput;
  existing: SettingsView['projectRoles'];
  /** Missing roles the onboarding named for this role. */
  known: readonly string[];
  onChange: (projectRoles: string[]) => void;
}) {
  const exists = (name: string) =>
    existing.some((r) => r.name.localeCompare(name, undefined, { sensitivity: 'accent' }) === 0);
  // Missing roles the settings name, and those the onboarding found missing even once unticked, so that
  // unticking one by mistake can be undone.
  const missing = [...sources.projectRoles, ...known].filter(
    (name, index, all) =>
      !exists(name) &&
      all.findIndex((other) => other.localeCompare(name, undefined, { sensitivity: 'accent' }) === 0) ===
        index,
  );
  const checked = (name: string) =>
    sources.projectRoles.some((n) => n.localeCompare(name, undefined, { sensitivity: 'accent' }) === 0);
  // Jira's role for apps holds only app accounts, which can never own an issue: not offered unless chosen.
  const offered = existing.filter((r) => r.name !== APPS_ROLE || checked(r.name));
  return (
    <fieldset className="rs-settings-sub" data-testid={`settings-${role}-roles`}>
      <legend className="rs-field-label">Project roles</legend>
      {offered.length === 0 && missing.length === 0 && (
        <p className="rs-subtle rs-small">This project has no project roles Role Split can read.</p>
      )}
      <ul className="rs-settings-checks">
        {offered.map((projectRole) => {
          const id = `rs-settings-${role}-role-${projectRole.id}`;
          return (
            <li key={projectRole.id}>
              <input
                id={id}
                type="checkbox"
                checked={checked(projectRole.name)}
                onChange={(event) =>
                  onChange(toggleListed(sources.projectRoles, projectRole.name, event.target.checked))
                }
                data-testid={`settings-${role}-role`}
                data-role-name={projectRole.name}
              />
              <label htmlFor={id}>{projectRole.name}</label>
            </li>
          );
        })}
        {missing.map((name, index) => {
          const id = `rs-settings-${role}-missing-${index}`;
          return (
            <li key={`missing:${name}`} data-testid={`settings-${role}-role-missing`} data-role-name={name}>
              <input
                id={id}
                type="checkbox"
                checked={checked(name)}
                onChange={(event) => onChange(toggleListed(sources.projectRoles, name, event.target.checked))}
                aria-describedby={`${id}-why`}
                data-testid={`settings-${role}-role-missing-check`}
              />
              <label htmlFor={id}>{name}</label>
              <span id={`${id}-why`}>
                <Tag appearance="removed">Not in this project</Tag>
              </span>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function Groups({
  role,
  sources,
  onChange,
}: {
  role: RoleKey;
  sources: RoleSourcesInput;
  onChange: (groups: GroupSource[]) => void;
}) {
  return (
    <div className="rs-settings-sub" data-testid={`settings-${role}-groups`}>
      {sources.groups.length > 0 && (
        <ul className="rs-settings-chips" aria-label={`Groups for the ${ROLE_NAME[role]} role`}>
          {sources.groups.map((group) => (
            <li
              key={group.groupId ?? `name:${group.name}`}
              className="rs-settings-chip"
              data-testid={`settings-${role}-group`}
            >
              <span className="rs-settings-chip-name">{group.name}</span>
              <button
                type="button"
                className="rs-btn rs-btn--subtle rs-settings-remove"
                aria-label={`Remove the group ${group.name} from the ${ROLE_ABBR[role]} sources`}
                onClick={() => onChange(withoutGroup(sources.groups, group))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <GroupSearch
        inputId={groupInputId(role)}
        label="Add a group"
        chosen={sources.groups}
        onAdd={(group) => onChange(withGroup(sources.groups, group))}
        testId={`settings-${role}-group-search`}
      />
    </div>
  );
}

function People({
  role,
  sources,
  people,
  onChange,
  onPerson,
}: {
  role: RoleKey;
  sources: RoleSourcesInput;
  people: ReadonlyMap<string, PersonView>;
  onChange: (accountIds: string[]) => void;
  onPerson: (person: PersonView) => void;
}) {
  return (
    <div className="rs-settings-sub" data-testid={`settings-${role}-people`}>
      {sources.accountIds.length > 0 && (
        <ul className="rs-settings-chips" aria-label={`People named for the ${ROLE_NAME[role]} role`}>
          {sources.accountIds.map((accountId) => {
            const person = people.get(accountId) ?? { accountId, displayName: null };
            const inactive = 'reason' in person && person.reason === 'inactive';
            return (
              <li
                key={accountId}
                className="rs-settings-chip"
                data-testid={`settings-${role}-person`}
                data-account={accountId}
              >
                <InitialsAvatar person={person} size="small" />
                <span className="rs-settings-chip-name">{personName(person)}</span>
                {person.displayName === null && <Tag appearance="removed">Unknown account</Tag>}
                {inactive && <Tag appearance="removed">Deactivated</Tag>}
                <button
                  type="button"
                  className="rs-btn rs-btn--subtle rs-settings-remove"
                  aria-label={`Remove ${personName(person)} from the ${ROLE_ABBR[role]} sources`}
                  onClick={() => onChange(sources.accountIds.filter((id) => id !== accountId))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <PersonSearch
        inputId={`rs-settings-${role}-people-input`}
        label="Add a person"
        chosen={sources.accountIds}
        onAdd={(person) => {
          onPerson(person);
          if (!sources.accountIds.includes(person.accountId))
            onChange([...sources.accountIds, person.accountId]);
        }}
        testId={`settings-${role}-person-search`}
      />
    </div>
  );
}

export function RoleSources({
  role,
  sources,
  view,
  people,
  preferGroupsAndPeople,
  error,
  onChange,
  onPerson,
}: {
  role: RoleKey;
  sources: RoleSourcesInput;
  view: SettingsView;
  people: ReadonlyMap<string, PersonView>;
  preferGroupsAndPeople: boolean;
  error: string | undefined;
  onChange: (sources: RoleSourcesInput) => void;
  onPerson: (person: PersonView) => void;
}) {
  const errorId = `rs-settings-${role}-sources-error`;
  const roles = (
    <ProjectRoles
      role={role}
      sources={sources}
      existing={view.projectRoles}
      known={
        view.onboarding.kind === 'ok'
          ? []
          : view.onboarding.missing.filter((m) => m.role === role).map((m) => m.name)
      }
      onChange={(projectRoles) => onChange({ ...sources, projectRoles })}
    />
  );
  return (
    <fieldset
      className={error ? 'rs-settings-role rs-settings-role--invalid' : 'rs-settings-role'}
      id={`rs-field-${role}-sources`}
      aria-describedby={error ? errorId : undefined}
      data-testid={`settings-${role}`}
    >
      <legend className="rs-settings-legend">{roleHeading(role)}</legend>
      <p className="rs-subtle rs-small">
        Someone can be the {ROLE_ABBR[role]} of an issue when any of these names them.
      </p>
      {error && (
        <p id={errorId} className="rs-field-problem rs-small" data-testid={`settings-${role}-error`}>
          {error}
        </p>
      )}
      {!preferGroupsAndPeople && roles}
      <Groups role={role} sources={sources} onChange={(groups) => onChange({ ...sources, groups })} />
      <People
        role={role}
        sources={sources}
        people={people}
        onChange={(accountIds) => onChange({ ...sources, accountIds })}
        onPerson={onPerson}
      />
      {preferGroupsAndPeople && roles}
    </fieldset>
  );
}
