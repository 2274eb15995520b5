// Builders for the view models the resolvers send, for the Custom UI tests.
import type {
  CheckView,
  FixHint,
  Gap,
  GapCode,
  IssueContextView,
  IssuePanelView,
  PeopleSearchResult,
  PersonView,
  SlotActions,
} from '../../../src/contract';
import { fixFor } from '../../../src/app/fix-hint';
import { DEFAULT_SEVERITY } from '../../../src/domain/model';

export const people = {
  ana: { accountId: 'acc-ana', displayName: 'Ana Lima', eligible: true, reason: null },
  bo: { accountId: 'acc-bo', displayName: 'Bo Chen', eligible: true, reason: null },
  cyrus: { accountId: 'acc-cyrus', displayName: 'Cyrus Okafor', eligible: false, reason: 'not-in-role' },
  ghost: { accountId: 'acc-ghost', displayName: null, eligible: false, reason: 'unknown-account' },
} satisfies Record<string, PersonView>;

/**
 * A check; `skipReason` only for a skipped one (the contract has it null otherwise). A failing check carries
 * the fix the backend gives a viewer who may edit the issue, unless `fix` says otherwise.
 */
export function check(
  code: GapCode,
  status: CheckView['status'],
  skipReason: CheckView['skipReason'] = null,
  fix: FixHint | null = status === 'fail' ? fixFor(code, true, null) : null,
): CheckView {
  return { code, severity: DEFAULT_SEVERITY[code], status, skipReason, fix };
}

export function epicPanel(over: Partial<IssuePanelView> = {}): IssuePanelView {
  return {
    issue: {
      key: 'SHOP-12',
      summary: 'Checkout redesign',
      issueType: 'Epic',
      kind: 'strategy',
      statusCategory: 'new',
    },
    slot: 'pm',
    outOfScopeReason: null,
    owner: people.ana,
    misplaced: null,
    ownershipInvalid: false,
    checks: [
      check('EPIC_WITHOUT_PM', 'pass'),
      check('PM_NOT_ELIGIBLE', 'pass'),
      check('ROLE_MISPLACED', 'pass'),
    ],
    gaps: [],
    epic: null,
    stories: {
      total: 3,
      withPo: 2,
      items: [
        { key: 'SHOP-13', summary: 'Guest checkout', po: people.bo },
        { key: 'SHOP-14', summary: 'Save card', po: people.cyrus },
        { key: 'SHOP-15', summary: 'Address autocomplete', po: null },
      ],
    },
    ...over,
  };
}

export function storyPanel(over: Partial<IssuePanelView> = {}): IssuePanelView {
  return {
    issue: {
      key: 'SHOP-14',
      summary: 'Save card',
      issueType: 'Story',
      kind: 'execution',
      statusCategory: 'new',
    },
    slot: 'po',
    outOfScopeReason: null,
    owner: people.cyrus,
    misplaced: null,
    ownershipInvalid: false,
    checks: [
      check('STORY_WITHOUT_PO', 'pass'),
      check('PO_NOT_ELIGIBLE', 'fail'),
      check('ROLE_MISPLACED', 'pass'),
      check('STORY_WITHOUT_EPIC', 'waived'),
    ],
    gaps: [],
    epic: { key: 'SHOP-12', summary: 'Checkout redesign', pm: people.ana },
    stories: null,
    ...over,
  };
}

const CODES_IN_TURN: GapCode[] = [
  'EPIC_WITHOUT_PM',
  'STORY_WITHOUT_PO',
  'PO_NOT_ELIGIBLE',
  'STORY_WITHOUT_EPIC',
];

/** `count` gaps in report order (errors first), issue keys SHOP-100 upwards. */
export function gaps(count: number): Gap[] {
  const list = Array.from({ length: count }, (_, i): Gap => {
    const code = CODES_IN_TURN[i % CODES_IN_TURN.length] ?? 'STORY_WITHOUT_PO';
    return {
      code,
      severity: DEFAULT_SEVERITY[code],
      issueKey: `SHOP-${100 + i}`,
      issueType: code === 'EPIC_WITHOUT_PM' ? 'Epic' : 'Story',
      summary: `Summary ${i}`,
      epicKey: code === 'STORY_WITHOUT_EPIC' || code === 'EPIC_WITHOUT_PM' ? null : 'SHOP-12',
      owner: code === 'PO_NOT_ELIGIBLE' ? { accountId: 'acc-cyrus', displayName: 'Cyrus Okafor' } : null,
    };
  });
  return list.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

export const NO_ACTIONS: SlotActions = {
  assign: false,
  change: false,
  clear: false,
  assignMe: false,
  youOwnThis: false,
  reset: false,
  waive: false,
};

/** A story's context section: PO slot held by Bo (eligible), the viewer an editor; override as needed. */
export function contextView(over: Partial<IssueContextView> = {}): IssueContextView {
  return {
    issue: { key: 'SHOP-14', kind: 'execution', statusCategory: 'new' },
    slot: 'po',
    outOfScopeReason: null,
    checkInstead: null,
    checkInsteadHidden: false,
    owner: people.bo,
    current: { accountId: people.bo.accountId, setAt: '2026-11-01T10:00:00.000Z' },
    ownershipInvalid: false,
    status: { key: 'owned', label: 'PO ✓', appearance: 'success' },
    gaps: [],
    actions: { ...NO_ACTIONS, change: true, clear: true, waive: true },
    viewer: { accountId: 'acc-viewer', canEdit: true },
    ...over,
  };
}

/** An empty PO slot the viewer may fill (and is eligible for). */
export function emptyContext(over: Partial<IssueContextView> = {}): IssueContextView {
  return contextView({
    owner: null,
    current: null,
    status: { key: 'missing', label: 'PO missing', appearance: 'removed' },
    gaps: [{ code: 'STORY_WITHOUT_PO', severity: 'error', fix: { who: 'you', how: 'assign-owner' } }],
    actions: { ...NO_ACTIONS, assign: true, assignMe: true, waive: true },
    ...over,
  });
}

export function peopleFound(over: Partial<PeopleSearchResult> = {}): PeopleSearchResult {
  return {
    slot: 'po',
    people: [
      { accountId: people.bo.accountId, displayName: 'Bo Chen', avatarUrl: null, via: 'direct' },
      { accountId: 'acc-dee', displayName: 'Dee Park', avatarUrl: null, via: 'group' },
    ],
    notOffered: [],
    truncated: false,
    ...over,
  };
}
