// The issue panel's view of one issue: its slot and owner, the checks that apply, and its neighbours (on a
// story its epic and that epic's PM; on an epic its stories' PO coverage). A few REST calls, never a scan.
// Issues are read as the viewer (`ports.userJira`), so the panel never shows a parent or a child the viewer
// cannot see; role membership and accounts are read as the app.
import type { CheckView, IssuePanelView, PersonView } from '../contract/views';
import { checksFor, evaluateGaps } from '../domain/gap-engine';
import { indexByKey, issueKind, nearestStrategyAncestor, slotRoleFor } from '../domain/hierarchy';
import type { GapCode, IssueFacts, Role } from '../domain/model';
import { readOwnership } from '../domain/ownership';
import type { Policy } from '../domain/policy';
import { JiraError } from '../jira/errors';
import type { JiraClient } from '../jira/types';
import { AppError } from './errors';
import { ISSUE_FIELDS, ISSUE_PROPERTIES, parentStubOf, toIssueFacts } from './issue-facts';
import { personView } from './person-view';
import type { ScanPorts } from './ports';
import { readDescendantsElsewhere } from './read-related';
import { readAccounts, ownersNamed } from './scan-project';
import { resolveRoster } from './resolve-roster';

/** The panel lists at most this many stories under an epic; the count covers all of them. */
const MAX_LISTED_STORIES = 50;
const DAY_MS = 86_400_000;

/** Rules that read the slots: skipped when the ownership property cannot be read. */
const SLOT_RULES: ReadonlySet<GapCode> = new Set([
  'EPIC_WITHOUT_PM',
  'PM_NOT_ELIGIBLE',
  'STORY_WITHOUT_PO',
  'PO_NOT_ELIGIBLE',
  'ROLE_MISPLACED',
  'SAME_PERSON_PM_AND_PO',
]);

async function readFacts(jira: JiraClient, issueKey: string): Promise<IssueFacts> {
  return toIssueFacts(await jira.getIssue(issueKey, { fields: ISSUE_FIELDS, properties: ISSUE_PROPERTIES }));
}

function slotOf(facts: IssueFacts, role: Role): string | null {
  const reading = readOwnership(facts.ownership);
  return reading.kind === 'valid' ? (reading.ownership[role]?.accountId ?? null) : null;
}

function outOfScopeReason(facts: IssueFacts, policy: Policy): IssuePanelView['outOfScopeReason'] {
  if (facts.issueType.hierarchyLevel < 0) return 'subtask';
  if (issueKind(facts.issueType.hierarchyLevel, facts.issueType.name, policy) === 'out-of-scope') {
    return 'type-not-in-scope';
  }
  if (facts.statusCategory === 'done' && !policy.includeDone) return 'done';
  return null;
}

function inGracePeriod(facts: IssueFacts, policy: Policy, now: Date): boolean {
  const created = Date.parse(facts.created);
  return (
    policy.graceDays > 0 && !Number.isNaN(created) && now.getTime() - created < policy.graceDays * DAY_MS
  );
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
  const kind = issueKind(facts.issueType.hierarchyLevel, facts.issueType.name, policy);
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
  const excluded = outOfScopeReason(facts, policy);
  if (excluded) return { ...base, slot: null, outOfScopeReason: excluded };

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
  const result = evaluateGaps({
    projectKeys: [facts.projectKey],
    issues: [facts],
    related,
    policy,
    roster,
    accounts,
    waivers: waivers.filter((w) => w.issueKey === facts.key),
    now,
  });
  if (!result.ok || !roster.ok) {
    throw new AppError(
      'ROSTER_UNAVAILABLE',
      result.ok ? 'The project roles could not be read.' : result.error.message,
    );
  }
  const { gaps, waived } = result.report;

  const view = (accountId: string | null, role: Role): PersonView | null =>
    accountId ? personView(accountId, role, roster, accounts) : null;
  const otherRole: Role = slot === 'pm' ? 'po' : 'pm';
  const ownerId = slotOf(facts, slot);
  const misplacedId = slotOf(facts, otherRole);
  const ownershipInvalid = readOwnership(facts.ownership).kind === 'invalid';
  const byKey = indexByKey([facts], related);
  const epic = kind === 'execution' ? nearestStrategyAncestor(facts, byKey) : null;
  const epicPm = epic ? slotOf(epic, 'pm') : null;

  const kindOf = (i: IssueFacts) => issueKind(i.issueType.hierarchyLevel, i.issueType.name, policy);
  const anyStoryBelow = descendants.some((d) => kindOf(d) === 'execution');
  const grace = inGracePeriod(facts, policy, now);

  /** Why a rule that raised no gap was not really checked, or null when it genuinely passes. */
  const skipReason = (code: GapCode): CheckView['skipReason'] => {
    if (ownershipInvalid && SLOT_RULES.has(code)) return 'ownership-invalid';
    if ((code === 'PM_NOT_ELIGIBLE' || code === 'PO_NOT_ELIGIBLE') && !ownerId) return 'slot-empty';
    if (code === 'SAME_PERSON_PM_AND_PO') return !ownerId ? 'slot-empty' : !epicPm ? 'no-epic-pm' : null;
    if (grace && (code === 'EPIC_WITHOUT_PM' || code === 'STORY_WITHOUT_PO') && !ownerId)
      return 'grace-period';
    if (grace && code === 'EPIC_WITHOUT_STORIES' && !anyStoryBelow) return 'grace-period';
    return null;
  };
  const checks: CheckView[] = checksFor(kind, policy).map(({ code, severity }) => {
    if (gaps.some((g) => g.code === code)) return { code, severity, status: 'fail', skipReason: null };
    if (waived.some((w) => w.code === code)) return { code, severity, status: 'waived', skipReason: null };
    const reason = skipReason(code);
    return { code, severity, status: reason ? 'skipped' : 'pass', skipReason: reason };
  });

  const storyItems = descendants
    .filter((d) => kindOf(d) === 'execution' && (policy.includeDone || d.statusCategory !== 'done'))
    .map((s) => ({ key: s.key, summary: s.summary, po: view(slotOf(s, 'po'), 'po') }))
    .sort(storyOrder);

  return {
    ...base,
    slot,
    outOfScopeReason: null,
    owner: view(ownerId, slot),
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
