// The full issue panel: describe-issue's view (read as the viewer: a parent or story the viewer cannot see
// never reaches them) plus what the write side adds: the slot as displayed, the viewer's actions, the last
// ownership changes and the waivers in force, with names resolved now (only account ids are stored).
import type { HistoryEntryView, IssuePanelView } from '../contract/views';
import { projectKeyOf } from './issue-facts';
import type { Policy } from '../domain/policy';
import { actionsFor } from './describe-context';
import { describeIssue } from './describe-issue';
import type { IssueRef } from './change-ownership';
import { readHistory } from './ownership-history';
import { checkPeople, namesFor } from './people';
import type { OwnershipPorts } from './ports';
import { readIssueWaivers, storeWaiverSource } from './waiver-store';
import { waiverViews } from './waive-gap';
import { JiraError } from '../jira/errors';

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
    ports.userJira.hasPermission('EDIT_ISSUES', { issueId: issue.id }).catch((error: unknown) => {
      if (error instanceof JiraError) return false;
      throw error;
    }),
  ]);
  const now = ports.clock.now();
  const [history, stored] = await Promise.all([
    readHistory(ports.store, issue.id),
    readIssueWaivers(ports.store, issue.projectId, issue.id, now),
  ]);
  const { slot } = view;
  const current = view.current ?? null;
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
