// The compact view of the `jira:issueContext` section and the status lozenge on its collapsed header: who owns
// the issue's slot, whether they may, the one or two gaps that matter with who can fix them and how, and what
// the viewer may do. Cheap by design (the header is asked for on every issue view):
//   section: the issue as the viewer (1) and the viewer's Edit Issues permission (1), in parallel; the slot
//            role's sources (2, cached five minutes); the one person that matters (1: the owner, or the
//            viewer when the slot is empty) and their groups when the role has group sources (1, cached);
//   header:  the issue (1) and the owner's account (1); role membership only from the cache.
// Rules that need the issue's neighbourhood (SAME_PERSON_PM_AND_PO, EPIC_WITHOUT_STORIES) are the full panel's.
import type {
  ContextGapView,
  ContextStatus,
  IssueContextView,
  PersonView,
  SlotActions,
  SlotState,
} from '../contract/views';
import { holdsRole } from '../domain/eligibility';
import { explain } from '../domain/explain';
import { compareGaps } from '../domain/gap-order';
import { kindOf, slotRoleFor } from '../domain/hierarchy';
import type { Account, GapCode, IssueFacts, Role, Waiver } from '../domain/model';
import { readOwnership } from '../domain/ownership';
import type { Policy } from '../domain/policy';
import { JiraError } from '../jira/errors';
import { mayEdit, readIssueAsViewer, type IssueRef } from './change-ownership';
import { fixFor } from './fix-hint';
import { ISSUE_FIELDS, ISSUE_PROPERTIES, parentStubOf, toIssueFacts } from './issue-facts';
import { accountsFor, cachedGroups, cachedRoleSources, checkPeople, type PersonCheck } from './people';
import type { OwnershipPorts } from './ports';
import { readIssueWaivers } from './waiver-store';

/** The gaps the section can judge from the issue alone. */
const CONTEXT_CODES: ReadonlySet<GapCode> = new Set([
  'OWNERSHIP_INVALID',
  'EPIC_WITHOUT_PM',
  'PM_NOT_ELIGIBLE',
  'STORY_WITHOUT_PO',
  'PO_NOT_ELIGIBLE',
  'ROLE_MISPLACED',
  'STORY_WITHOUT_EPIC',
]);
const MAX_CONTEXT_GAPS = 2;
const ROLE_NAME: Record<Role, string> = { pm: 'PM', po: 'PO' };

export interface ContextRequest {
  issue: IssueRef;
  viewer: string;
  policy: Policy;
}

function stateOf(facts: IssueFacts, slot: Role): SlotState | null {
  const reading = readOwnership(facts.ownership);
  const owner = reading.kind === 'valid' ? reading.ownership[slot] : undefined;
  return owner ? { accountId: owner.accountId, setAt: owner.setAt } : null;
}

export function statusFor(
  slot: Role | null,
  invalid: boolean,
  owner: Pick<PersonView, 'eligible'> | null | 'unchecked',
): ContextStatus {
  if (slot === null) return { key: 'not-tracked', label: 'Not tracked', appearance: 'default' };
  const role = ROLE_NAME[slot];
  if (invalid) return { key: 'invalid', label: 'Ownership invalid', appearance: 'removed' };
  if (owner === null) return { key: 'missing', label: `${role} missing`, appearance: 'removed' };
  if (owner === 'unchecked') return { key: 'owner-set', label: `${role} set`, appearance: 'default' };
  return owner.eligible
    ? { key: 'owned', label: `${role} ✓`, appearance: 'success' }
    : { key: 'owner-not-eligible', label: `${role} not eligible`, appearance: 'removed' };
}

function noActions(): SlotActions {
  return {
    assign: false,
    change: false,
    clear: false,
    assignMe: false,
    youOwnThis: false,
    reset: false,
    waive: false,
  };
}

export function actionsFor(input: {
  canEdit: boolean;
  invalid: boolean;
  current: SlotState | null;
  viewer: string;
  viewerEligible: boolean;
}): SlotActions {
  const { canEdit, invalid, current, viewer } = input;
  if (invalid) return { ...noActions(), reset: canEdit };
  return {
    assign: canEdit && current === null,
    change: canEdit && current !== null,
    clear: canEdit && current !== null,
    assignMe: canEdit && current === null && input.viewerEligible,
    youOwnThis: current?.accountId === viewer,
    reset: false,
    waive: canEdit,
  };
}

/** A sub-task's parent as the viewer may see it, or null (then "an issue you cannot see"). */
async function visibleParent(ports: OwnershipPorts, parentKey: string | null) {
  if (!parentKey) return null;
  try {
    const parent = toIssueFacts(
      await ports.userJira.getIssue(parentKey, { fields: ['summary'], properties: [] }),
    );
    return { key: parent.key, summary: parent.summary };
  } catch (error) {
    if (error instanceof JiraError && (error.kind === 'not-found' || error.kind === 'forbidden')) return null;
    throw error;
  }
}

function asAccount(person: PersonCheck): Account | null {
  if (person.reason === 'unknown-account') return null;
  return {
    accountId: person.accountId,
    displayName: person.displayName ?? '',
    active: person.reason !== 'inactive',
    accountType: person.reason === 'not-a-person' ? 'app' : 'atlassian',
  };
}

export async function describeContext(
  ports: OwnershipPorts,
  request: ContextRequest,
): Promise<IssueContextView> {
  const { issue, viewer, policy } = request;
  const [raw, canEdit] = await Promise.all([
    ports.userJira.getIssue(issue.id, { fields: ISSUE_FIELDS, properties: ISSUE_PROPERTIES }),
    mayEdit(ports, issue.id),
  ]);
  const facts = toIssueFacts(raw);
  // What Jira embeds about the parent is enough for STORY_WITHOUT_EPIC; its owner is the panel's business.
  const parentStub = parentStubOf(raw);
  const kind = kindOf(facts, policy);
  const base = {
    issue: { key: facts.key, kind, statusCategory: facts.statusCategory },
    checkInstead: null,
    checkInsteadHidden: false,
    owner: null,
    current: null,
    ownershipInvalid: false,
    gaps: [],
    viewer: { accountId: viewer, canEdit },
  };
  if (facts.issueType.hierarchyLevel < 0) {
    const parent = await visibleParent(ports, facts.parentKey);
    return {
      ...base,
      slot: null,
      outOfScopeReason: 'subtask',
      checkInstead: parent,
      // A sub-task always has a parent: Jira leaves the field out when the viewer may not see it.
      checkInsteadHidden: parent === null,
      status: statusFor(null, false, null),
      actions: noActions(),
    };
  }
  const slot = slotRoleFor(kind);
  if (!slot) {
    return {
      ...base,
      slot: null,
      outOfScopeReason: 'type-not-in-scope',
      status: statusFor(null, false, null),
      actions: noActions(),
    };
  }

  const reading = readOwnership(facts.ownership);
  const invalid = reading.kind === 'invalid';
  const current = stateOf(facts, slot);
  // One person matters: the owner, or (empty slot) the viewer, for "assign me".
  const candidate = invalid ? null : (current?.accountId ?? viewer);
  const people = candidate
    ? await checkPeople(ports, { projectKey: facts.projectKey, policy, role: slot }, [candidate])
    : new Map<string, PersonCheck>();
  const ownerCheck = current ? people.get(current.accountId) : undefined;
  const owner: PersonView | null = ownerCheck ? withoutVia(ownerCheck) : null;
  const viewerEligible = current === null && people.get(viewer)?.eligible === true;

  const stored = await readIssueWaivers(ports.store, issue.projectId, issue.id, ports.clock.now());
  const waivers: Waiver[] = stored.map((w) => ({
    issueKey: facts.key,
    code: w.code,
    reason: w.reason,
    setBy: w.setBy,
    expiresAt: w.expiresAt,
  }));
  const accounts = new Map<string, Account>();
  for (const person of people.values()) {
    const account = asAccount(person);
    if (account) accounts.set(person.accountId, account);
  }
  const eligibleIds = [...people.values()].filter((p) => p.eligible).map((p) => p.accountId);
  const explained = explain(facts, {
    projectKeys: [facts.projectKey],
    issues: [facts],
    related: parentStub ? [parentStub] : [],
    policy,
    roster: {
      ok: true,
      pm: new Set(slot === 'pm' ? eligibleIds : []),
      po: new Set(slot === 'po' ? eligibleIds : []),
    },
    accounts,
    waivers,
    now: ports.clock.now(),
  });
  const gaps: ContextGapView[] = explained.ok
    ? explained.explanation.outcomes
        .flatMap((o) => (o.status === 'fail' && CONTEXT_CODES.has(o.code) ? [o.gap] : []))
        .sort(compareGaps)
        .slice(0, MAX_CONTEXT_GAPS)
        .map((gap) => ({ code: gap.code, severity: gap.severity, fix: fixFor(gap.code, canEdit, owner) }))
    : [];

  return {
    ...base,
    slot,
    outOfScopeReason: null,
    owner,
    current,
    ownershipInvalid: invalid,
    status: statusFor(slot, invalid, owner),
    gaps,
    actions: actionsFor({ canEdit, invalid, current, viewer, viewerEligible }),
  };
}

function withoutVia(person: PersonCheck): PersonView {
  const { via: _via, ...view } = person;
  return view;
}

/**
 * The collapsed header's lozenge (the module's dynamicProperties): at most two Jira requests, the issue and
 * the owner's account. Role membership comes only from the five-minute cache the section fills; when it is
 * cold the lozenge says "PM set" rather than claim an eligibility nobody checked.
 */
export async function describeStatus(
  ports: OwnershipPorts,
  request: { issue: IssueRef; policy: Policy },
): Promise<ContextStatus> {
  const { policy } = request;
  const facts = await readIssueAsViewer(ports, request.issue.id);
  const slot = facts.issueType.hierarchyLevel < 0 ? null : slotRoleFor(kindOf(facts, policy));
  if (!slot) return statusFor(null, false, null);
  const reading = readOwnership(facts.ownership);
  if (reading.kind === 'invalid') return statusFor(slot, true, null);
  const current = stateOf(facts, slot);
  if (!current) return statusFor(slot, false, null);
  const account = (await accountsFor(ports, [current.accountId])).get(current.accountId);
  if (!account || !account.active || account.accountType !== 'atlassian') {
    return statusFor(slot, false, { eligible: false });
  }
  const resolved = await cachedRoleSources(ports, { projectKey: facts.projectKey, policy, role: slot });
  if (!resolved) return statusFor(slot, false, 'unchecked');
  if (resolved.userIds.has(current.accountId)) return statusFor(slot, false, { eligible: true });
  const groups =
    resolved.groupIds.size + resolved.groupNames.size === 0
      ? []
      : await cachedGroups(ports, current.accountId);
  if (groups === undefined) return statusFor(slot, false, 'unchecked');
  return statusFor(slot, false, {
    eligible: groups !== null && holdsRole(current.accountId, groups, resolved),
  });
}
