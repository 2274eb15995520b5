// The issue panel's view of one issue: its slot and owner, the checks that apply, and its neighbours (on a
// story its epic and that epic's PM; on an epic its stories' PO coverage). A few REST calls, never a scan.
// Issues are read as the viewer (`ports.userJira`), so the panel never shows a parent or a child the viewer
// cannot see; role membership and accounts are read as the app.
import type { CheckView, IssuePanelView, PersonView } from '../contract/views';
import { explain, type RuleOutcome } from '../domain/explain';
import { compareGaps } from '../domain/gap-order';
import { kindOf, slotRoleFor } from '../domain/hierarchy';
import type { IssueFacts, Role } from '../domain/model';
import { readOwnership } from '../domain/ownership';
import type { Policy } from '../domain/policy';
import type { NotCheckedReason } from '../domain/rules';
import { policyScopeOf } from '../domain/scope';
import { JiraError } from '../jira/errors';
import type { JiraClient } from '../jira/types';
import { AppError } from './errors';
import { checkFix } from './fix-hint';
import { ISSUE_FIELDS, ISSUE_PROPERTIES, parentStubOf, toIssueFacts } from './issue-facts';
import { personView } from './person-view';
import type { ScanPorts } from './ports';
import { readDescendantsElsewhere } from './read-related';
import { readAccounts, ownersNamed } from './scan-project';
import { resolveRoster } from './resolve-roster';

/** The panel lists at most this many stories under an epic; the count covers all of them. */
const MAX_LISTED_STORIES = 50;

async function readFacts(jira: JiraClient, issueKey: string): Promise<IssueFacts> {
  return toIssueFacts(await jira.getIssue(issueKey, { fields: ISSUE_FIELDS, properties: ISSUE_PROPERTIES }));
}

/** The slot as stored (account id and setAt), which writes send back as `expected`. */
function currentOf(facts: IssueFacts, role: Role): { accountId: string; setAt: string } | null {
  const reading = readOwnership(facts.ownership);
  const owner = reading.kind === 'valid' ? reading.ownership[role] : undefined;
  return owner ? { accountId: owner.accountId, setAt: owner.setAt } : null;
}

function slotOf(facts: IssueFacts, role: Role): string | null {
  const reading = readOwnership(facts.ownership);
  return reading.kind === 'valid' ? (reading.ownership[role]?.accountId ?? null) : null;
}

/**
 * The panel's words for why a rule was not checked. The panel says "the epic has no PM" for every way a story
 * can lack an epic PM to compare with; a reason it has no words for (a done epic's EPIC_WITHOUT_STORIES) is
 * still shown as not checked, never as passed.
 */
const SKIP_REASONS: Partial<Record<NotCheckedReason, NonNullable<CheckView['skipReason']>>> = {
  'ownership-invalid': 'ownership-invalid',
  'slot-empty': 'slot-empty',
  'grace-period': 'grace-period',
  'no-epic-pm': 'no-epic-pm',
  'no-epic': 'no-epic-pm',
  'parent-not-visible': 'no-epic-pm',
  'epic-ownership-invalid': 'no-epic-pm',
};

/**
 * One line of the panel's checklist; rules that are off or for the other kind of issue are not listed. With no
 * viewer here, a failing check's fix is addressed to someone who may edit the issue; describePanel re-addresses
 * it to the viewer.
 */
function checkView(outcome: RuleOutcome, owner: PersonView | null): CheckView | null {
  const { code, severity } = outcome;
  if (outcome.status !== 'not-checked') {
    const status = outcome.status;
    return { code, severity, status, skipReason: null, fix: checkFix({ code, status }, false, owner) };
  }
  if (outcome.reason === 'rule-off' || outcome.reason === 'not-applicable') return null;
  return { code, severity, status: 'skipped', skipReason: SKIP_REASONS[outcome.reason] ?? null, fix: null };
}

/** Stories needing attention first (no PO, then an ineligible one), then by key. */
function storyOrder(
  a: { key: string; po: PersonView | null },
  b: { key: string; po: PersonView | null },
): number {
  const rank = (po: PersonView | null) => (po === null ? 0 : po.eligible ? 2 : 1);
  return rank(a.po) - rank(b.po) || a.key.localeCompare(b.key, 'en', { numeric: true });
}

/** The parent as the viewer may see it: read it, or fall back on what the issue's `parent` field says. */
async function readParent(reader: JiraClient, stub: IssueFacts | null): Promise<IssueFacts | null> {
  if (!stub) return null;
  try {
    return await readFacts(reader, stub.key);
  } catch (error) {
    if (error instanceof JiraError && (error.kind === 'not-found' || error.kind === 'forbidden')) return stub;
    throw error;
  }
}

export async function describeIssue(
  ports: ScanPorts,
  request: { issueKey: string; policy: Policy },
): Promise<IssuePanelView> {
  const reader = ports.userJira ?? ports.jira;
  const { policy } = request;
  const now = ports.clock.now();
  const issue = await reader.getIssue(request.issueKey, {
    fields: ISSUE_FIELDS,
    properties: ISSUE_PROPERTIES,
  });
  const facts = toIssueFacts(issue);
  const project = { id: issue.fields.project?.id ?? '', key: facts.projectKey };
  const kind = kindOf(facts, policy);
  const base = {
    issue: {
      key: facts.key,
      summary: facts.summary,
      issueType: facts.issueType.name,
      kind,
      statusCategory: facts.statusCategory,
    },
    owner: null,
    misplaced: null,
    ownershipInvalid: false,
    checks: [],
    gaps: [],
    epic: null,
    stories: null,
  };
  // Decided before reading anything else: an issue out of scope costs one REST call.
  const scope = policyScopeOf(facts, policy);
  if (scope !== 'in-scope') return { ...base, slot: null, outOfScopeReason: scope };

  const slot = slotRoleFor(kind);
  if (!slot) return { ...base, slot: null, outOfScopeReason: 'type-not-in-scope' };
  const parent = await readParent(reader, parentStubOf(issue));
  const descendants =
    kind === 'strategy'
      ? await readDescendantsElsewhere(reader, [facts.key], new Map([[facts.key, facts]]))
      : [];
  const related = [...(parent ? [parent] : []), ...descendants];

  const owners = ownersNamed([facts, ...related]);
  const [roster, accounts, waivers] = await Promise.all([
    resolveRoster(ports.jira, facts.projectKey, policy, owners),
    readAccounts(ports.jira, owners),
    ports.waivers?.waiversFor(project) ?? Promise.resolve([]),
  ]);
  const result = explain(facts.key, {
    projectKeys: [facts.projectKey],
    issues: [facts],
    related,
    policy,
    roster,
    accounts,
    waivers,
    now,
  });
  if (!result.ok || !roster.ok) {
    throw new AppError(
      'ROSTER_UNAVAILABLE',
      result.ok ? 'The project roles could not be read.' : result.error.message,
    );
  }
  const { explanation } = result;
  const gaps = explanation.outcomes
    .flatMap((outcome) => (outcome.status === 'fail' ? [outcome.gap] : []))
    .sort(compareGaps);

  const view = (accountId: string | null, role: Role): PersonView | null =>
    accountId ? personView(accountId, role, roster, accounts) : null;
  const otherRole: Role = slot === 'pm' ? 'po' : 'pm';
  const ownerId = slotOf(facts, slot);
  const owner = view(ownerId, slot);
  const checks = explanation.outcomes.flatMap((outcome) => checkView(outcome, owner) ?? []);
  const misplacedId = slotOf(facts, otherRole);
  const ownershipInvalid = readOwnership(facts.ownership).kind === 'invalid';
  const epic = kind === 'execution' ? explanation.epic : null;
  const epicPm = epic ? slotOf(epic, 'pm') : null;

  const storyItems = descendants
    .filter((d) => kindOf(d, policy) === 'execution' && policyScopeOf(d, policy) === 'in-scope')
    .map((s) => ({ key: s.key, summary: s.summary, po: view(slotOf(s, 'po'), 'po') }))
    .sort(storyOrder);

  return {
    ...base,
    slot,
    outOfScopeReason: null,
    owner,
    current: currentOf(facts, slot),
    misplaced: misplacedId
      ? { ...personView(misplacedId, otherRole, roster, accounts), role: otherRole }
      : null,
    ownershipInvalid,
    checks,
    gaps,
    epic: epic ? { key: epic.key, summary: epic.summary, pm: view(epicPm, 'pm') } : null,
    stories:
      kind === 'strategy'
        ? {
            total: storyItems.length,
            withPo: storyItems.filter((s) => s.po?.eligible).length,
            items: storyItems.slice(0, MAX_LISTED_STORIES),
          }
        : null,
  };
}
