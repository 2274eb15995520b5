// The full issue panel: describe-issue's view (read as the viewer: a parent or story the viewer cannot see
// never reaches them) plus what the write side adds: the slot as displayed, the viewer's actions, the last
// ownership changes and the waivers in force, with names resolved now (only account ids are stored).
import type { HistoryEntryView, IssuePanelView, PersonView, SlotState } from '../contract/views';
import { slotRoleFor } from '../domain/hierarchy';
import type { Role } from '../domain/model';
import { OWNERSHIP_PROPERTY_KEY, readOwnership } from '../domain/ownership';
import type { Policy } from '../domain/policy';
import { mayEdit, type IssueRef } from './change-ownership';
import { actionsFor } from './describe-context';
import { describeIssue } from './describe-issue';
import { checkFix } from './fix-hint';
import { projectKeyOf } from './issue-facts';
import { readHistory } from './ownership-history';
import { checkPeople, namesFor } from './people';
import type { OwnershipPorts } from './ports';
import { readIssueWaivers, storeWaiverSource } from './waiver-store';
import { waiverViews } from './waive-gap';

export async function describePanel(
  ports: OwnershipPorts,
  request: { issue: IssueRef; viewer: string; policy: Policy },
): Promise<IssuePanelView> {
  const { issue, viewer, policy } = request;
  const [view, canEdit] = await Promise.all([
    describeIssue(
      {
        jira: ports.jira,
        userJira: ports.userJira,
        clock: ports.clock,
        waivers: storeWaiverSource(ports.store),
      },
      { issueKey: issue.key, policy },
    ),
    mayEdit(ports, issue.id),
  ]);
  const now = ports.clock.now();
  const [history, stored] = await Promise.all([
    readHistory(ports.store, issue.id),
    readIssueWaivers(ports.store, issue.projectId, issue.id, now),
  ]);
  // A done issue (out of the checks by the project's policy) still shows who owned it, and may be corrected.
  const done = view.outOfScopeReason === 'done' ? await doneSlot(ports, issue, policy, view) : null;
  const slot = done?.slot ?? view.slot;
  const current = done ? done.current : (view.current ?? null);
  const viewerEligible =
    slot !== null && current === null && !view.ownershipInvalid
      ? ((
          await checkPeople(ports, { projectKey: projectKeyOf(view.issue.key), policy, role: slot }, [viewer])
        ).get(viewer)?.eligible ?? false)
      : false;
  const name = await namesFor(
    ports,
    history.flatMap((h) => [h.by, ...(h.from ? [h.from] : []), ...(h.to ? [h.to] : [])]),
  );
  const historyViews: HistoryEntryView[] = history.map((h) => ({
    by: name(h.by),
    at: h.at,
    slot: h.slot,
    from: h.from ? name(h.from) : null,
    to: h.to ? name(h.to) : null,
    action: h.action,
  }));
  return {
    ...view,
    ...(done ? { slot: done.slot, owner: done.owner } : {}),
    // The same who/how the compact section gives for the same gap, addressed to this viewer.
    checks: view.checks.map((check) => ({ ...check, fix: checkFix(check, canEdit, view.owner) })),
    current,
    canEdit,
    actions:
      slot === null
        ? actionsFor({ canEdit: false, invalid: false, current: null, viewer, viewerEligible: false })
        : actionsFor({ canEdit, invalid: view.ownershipInvalid, current, viewer, viewerEligible }),
    history: historyViews,
    waivers: await waiverViews(ports, stored),
  };
}

async function doneSlot(
  ports: OwnershipPorts,
  issue: IssueRef,
  policy: Policy,
  view: IssuePanelView,
): Promise<{ slot: Role; current: SlotState | null; owner: PersonView | null } | null> {
  const slot = slotRoleFor(view.issue.kind);
  if (!slot) return null;
  const reading = readOwnership(await ports.userJira.getIssueProperty(issue.id, OWNERSHIP_PROPERTY_KEY));
  const owner = reading.kind === 'valid' ? reading.ownership[slot] : undefined;
  if (!owner) return { slot, current: null, owner: null };
  const checked = (
    await checkPeople(ports, { projectKey: projectKeyOf(view.issue.key), policy, role: slot }, [
      owner.accountId,
    ])
  ).get(owner.accountId);
  const person: PersonView | null = checked
    ? {
        accountId: checked.accountId,
        displayName: checked.displayName,
        eligible: checked.eligible,
        reason: checked.reason,
        avatarUrl: checked.avatarUrl ?? null,
      }
    : null;
  return { slot, current: { accountId: owner.accountId, setAt: owner.setAt }, owner: person };
}
