// Small builders for test data shared by every test suite: an issue, its ownership property, accounts, a
// roster, waivers, a full engine input and project role actors (for the fake Jira, fake-jira.ts), each with
// sensible defaults so a test states only what matters.
import type { EngineInput } from '../../src/domain/gap-engine';
import type { Account, GapCode, IssueFacts, Roster, SlotOwner, Waiver } from '../../src/domain/model';
import { defaultPolicy, parsePolicy, type Policy } from '../../src/domain/policy';
import type { ProjectRoleActor } from '../../src/jira/types';

/** Issue types as a Premium Jira site has them; sub-tasks sit at level -1, initiatives above epics. */
export const ISSUE_TYPES = {
  Initiative: { id: '10002', name: 'Initiative', hierarchyLevel: 2 },
  Epic: { id: '10001', name: 'Epic', hierarchyLevel: 1 },
  Story: { id: '10003', name: 'Story', hierarchyLevel: 0 },
  Task: { id: '10004', name: 'Task', hierarchyLevel: 0 },
  Bug: { id: '10005', name: 'Bug', hierarchyLevel: 0 },
  'Sub-task': { id: '10006', name: 'Sub-task', hierarchyLevel: -1 },
} as const satisfies Record<string, IssueFacts['issueType']>;
export type IssueTypeName = keyof typeof ISSUE_TYPES;

/** The instant tests treat as "now" unless they say otherwise. */
export const TEST_NOW = new Date('2025-06-01T12:00:00.000Z');
const DEFAULT_CREATED = '2025-01-01T00:00:00.000Z';
const DEFAULT_SET_AT = '2025-01-02T09:00:00.000Z';

export function aSlot(accountId: string, overrides: Partial<SlotOwner> = {}): SlotOwner {
  return { accountId, setBy: accountId, setAt: DEFAULT_SET_AT, ...overrides };
}

/** A schema-1 ownership property value with the given slots. */
export function anOwnership(slots: { pm?: string; po?: string } = {}): Record<string, unknown> {
  return {
    schema: 1,
    ...(slots.pm === undefined ? {} : { pm: aSlot(slots.pm) }),
    ...(slots.po === undefined ? {} : { po: aSlot(slots.po) }),
  };
}

export interface IssueSpec extends Partial<Omit<IssueFacts, 'issueType' | 'parentKey'>> {
  /** A type name from ISSUE_TYPES or a full issue type. Default Story. */
  type?: IssueTypeName | IssueFacts['issueType'];
  /** Parent key; default none. */
  parent?: string | null;
  /** Shorthands for a valid schema-1 property; ignored when `ownership` is given. */
  pm?: string;
  po?: string;
}

/**
 * An issue as the engine sees it. The project key comes from the issue key; `ownership` stays undefined (no
 * property) unless `pm`, `po` or `ownership` is given.
 */
export function anIssue(spec: IssueSpec = {}): IssueFacts {
  const { type = 'Story', parent = null, pm, po, ...rest } = spec;
  const key = rest.key ?? 'ALPHA-1';
  const issueType = typeof type === 'string' ? { ...ISSUE_TYPES[type] } : type;
  const dash = key.lastIndexOf('-');
  const hasOwnership = 'ownership' in spec || pm !== undefined || po !== undefined;
  return {
    id: `id-${key}`,
    projectKey: dash < 0 ? key : key.slice(0, dash),
    summary: `${issueType.name} ${key}`,
    statusCategory: 'new',
    created: DEFAULT_CREATED,
    ...rest,
    key,
    issueType,
    parentKey: parent,
    ownership: 'ownership' in spec ? spec.ownership : hasOwnership ? anOwnership({ pm, po }) : undefined,
  };
}

export const anEpic = (key: string, spec: IssueSpec = {}): IssueFacts =>
  anIssue({ ...spec, key, type: 'Epic' });
export const aStory = (key: string, spec: IssueSpec = {}): IssueFacts =>
  anIssue({ ...spec, key, type: 'Story' });

/** An active Atlassian account; the display name is derived from the id unless given. */
export function anAccount(accountId: string, overrides: Partial<Omit<Account, 'accountId'>> = {}): Account {
  return {
    accountId,
    displayName: `Name of ${accountId}`,
    active: true,
    accountType: 'atlassian',
    ...overrides,
  };
}

export function accountsOf(...accounts: Account[]): Map<string, Account> {
  return new Map(accounts.map((a) => [a.accountId, a]));
}

export function aRoster(
  roles: { pm?: Iterable<string>; po?: Iterable<string> } = {},
): Extract<Roster, { ok: true }> {
  return { ok: true, pm: new Set(roles.pm ?? []), po: new Set(roles.po ?? []) };
}

export function anUnavailableRoster(
  source = 'project role "Product Manager"',
  message = 'Jira answered 503',
): Extract<Roster, { ok: false }> {
  return { ok: false, source, message };
}

export function aWaiver(issueKey: string, code: GapCode, overrides: Partial<Waiver> = {}): Waiver {
  return {
    issueKey,
    code,
    reason: 'Agreed at planning',
    setBy: 'lead',
    expiresAt: '2099-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A policy from stored-JSON-style overrides, completed with the defaults. */
export function aPolicy(overrides: Record<string, unknown> = {}): Policy {
  return Object.keys(overrides).length === 0 ? defaultPolicy() : parsePolicy(overrides);
}

/**
 * A complete engine input: project ALPHA, default policy, an empty roster, no accounts, no waivers, TEST_NOW.
 * `people` is a shorthand that makes active Atlassian accounts for the ids in `pm` / `po` and puts them in the
 * roster; `accounts` and `roster` override it.
 */
export function anEngineInput(
  overrides: Partial<EngineInput> & { people?: { pm?: string[]; po?: string[] } } = {},
): EngineInput {
  const { people, ...rest } = overrides;
  const ids = new Set([...(people?.pm ?? []), ...(people?.po ?? [])]);
  return {
    projectKeys: ['ALPHA'],
    issues: [],
    related: [],
    policy: defaultPolicy(),
    roster: aRoster(people ?? {}),
    accounts: accountsOf(...[...ids].map((id) => anAccount(id))),
    waivers: [],
    now: TEST_NOW,
    ...rest,
  };
}

/** A project role actor that is one person (`GET /project/{key}/role/{id}`). */
export function aUserActor(accountId: string): ProjectRoleActor {
  return { type: 'user', accountId };
}

/** A project role actor that is a group; Jira gives both the id and the name. */
export function aGroupActor(name: string, groupId = `gid-${name}`): ProjectRoleActor {
  return { type: 'group', groupId, groupName: name };
}
