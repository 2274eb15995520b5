// The issue panel's view of one issue: its slot and owner, the checks that apply, and its neighbours (on a
// story its epic and that epic's PM; on an epic its stories' PO coverage). A few REST calls, never a scan.
import type { CheckView, IssuePanelView, PersonView } from '../contract/views';
import { checksFor, evaluateGaps } from '../domain/gap-engine';
import { issueKind } from '../domain/hierarchy';
import type { IssueFacts, Role } from '../domain/model';
import { readOwnership } from '../domain/ownership';
import type { Policy } from '../domain/policy';
import type { JiraClient } from '../jira/types';
import { AppError } from './errors';
import { ISSUE_FIELDS, ISSUE_PROPERTIES, toIssueFacts } from './issue-facts';
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

function slotOf(facts: IssueFacts, role: Role): string | null {
  const reading = readOwnership(facts.ownership);
  return reading.kind === 'valid' ? (reading.ownership[role]?.accountId ?? null) : null;
}

function outOfScopeReason(facts: IssueFacts, policy: Policy): IssuePanelView['outOfScopeReason'] {
  if (!(facts.issueType.hierarchyLevel >= 0)) return 'subtask';
  if (issueKind(facts.issueType.hierarchyLevel, facts.issueType.name, policy) === 'out-of-scope') {
    return 'type-not-in-scope';
  }
  if (facts.statusCategory === 'done' && !policy.includeDone) return 'done';
  return null;
}

export async function describeIssue(
  ports: ScanPorts,
  request: { issueKey: string; policy: Policy },
): Promise<IssuePanelView> {
  const { jira } = ports;
  const { policy } = request;
  const issue = await jira.getIssue(request.issueKey, { fields: ISSUE_FIELDS, properties: ISSUE_PROPERTIES });
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

  const slot: Role = kind === 'strategy' ? 'pm' : 'po';
  const parent = facts.parentKey ? await readFacts(jira, facts.parentKey) : null;
  const descendants =
    kind === 'strategy'
      ? await readDescendantsElsewhere(jira, [facts.key], new Map([[facts.key, facts]]))
      : [];
  const related = [...(parent ? [parent] : []), ...descendants];

  const owners = ownersNamed([facts, ...related]);
  const [roster, accounts, waivers] = await Promise.all([
    resolveRoster(jira, facts.projectKey, policy, owners),
    readAccounts(jira, owners),
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
    now: ports.clock.now(),
  });
  if (!result.ok) throw new AppError('ROSTER_UNAVAILABLE', result.error.message);
  if (!roster.ok) throw new AppError('ROSTER_UNAVAILABLE', roster.message);
  const { gaps, waived } = result.report;

  const view = (accountId: string | null, role: Role): PersonView | null =>
    accountId ? personView(accountId, role, roster, accounts) : null;
  const otherRole: Role = slot === 'pm' ? 'po' : 'pm';
  const misplacedId = slotOf(facts, otherRole);

  const checks: CheckView[] = checksFor(kind, policy).map(({ code, severity }) => ({
    code,
    severity,
    status: gaps.some((g) => g.code === code)
      ? 'fail'
      : waived.some((w) => w.code === code)
        ? 'waived'
        : 'pass',
  }));

  const stories =
    kind === 'strategy'
      ? descendants.filter(
          (d) =>
            issueKind(d.issueType.hierarchyLevel, d.issueType.name, policy) === 'execution' &&
            (policy.includeDone || d.statusCategory !== 'done'),
        )
      : [];
  const storyItems = stories.map((s) => ({
    key: s.key,
    summary: s.summary,
    po: view(slotOf(s, 'po'), 'po'),
  }));

  return {
    ...base,
    slot,
    outOfScopeReason: null,
    owner: view(slotOf(facts, slot), slot),
    misplaced: misplacedId
      ? { ...personView(misplacedId, otherRole, roster, accounts), role: otherRole }
      : null,
    ownershipInvalid: readOwnership(facts.ownership).kind === 'invalid',
    checks,
    gaps,
    epic:
      kind === 'execution' && parent && parent.issueType.hierarchyLevel >= 1
        ? { key: parent.key, summary: parent.summary, pm: view(slotOf(parent, 'pm'), 'pm') }
        : null,
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
