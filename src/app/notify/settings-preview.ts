// The settings page's preview: what the next run would send for this project and to whom, computed by the
// engine's own planner (N1's `planProject`, what the project stage runs), so the preview cannot drift from the
// run. The stored settings are read as if notifications were on, so an admin can look before turning them on.
// Nothing is sent, claimed or written. It names recipients and counts only — never an issue — so a project
// admin learns nothing about issues they may not see.
import type { NotificationPreviewView } from '../../contract/notifications';
import type { PersonView } from '../../contract/views';
import type { JiraUser } from '../../jira/types';
import { composeDigest } from './digest';
import type { NotifyPorts } from './ports';
import type { PlannedRecipient } from './plan-run';
import { planProject } from './project-stage';
import type { NotificationPreviewer } from './settings-ports';
import { readProjectNotifySettings } from './settings';

export type PreviewPorts = Pick<NotifyPorts, 'jira' | 'entities' | 'store' | 'clock'>;

function personOf(accountId: string, people: ReadonlyMap<string, JiraUser>): PersonView {
  const user = people.get(accountId);
  return {
    accountId,
    displayName: user?.displayName ?? null,
    // The planner only routes to active people, so every recipient is one.
    eligible: true,
    reason: null,
    ...(user?.avatarUrl ? { avatarUrl: user.avatarUrl } : {}),
  };
}

export function enginePreviewer(ports: PreviewPorts): NotificationPreviewer {
  return {
    async preview(project): Promise<NotificationPreviewView> {
      const stored = await readProjectNotifySettings(ports.jira, project.id);
      const planned = await planProject(ports, project.id, {
        ...stored,
        settings: { ...stored.settings, enabled: true },
      });
      const { plan, people } = planned;
      const subjectOf = (recipient: PlannedRecipient) =>
        composeDigest(
          [
            {
              projectKey: planned.project.key,
              projectName: planned.project.name,
              siteUrl: null,
              pageUrl: null,
              items: recipient.items,
            },
          ],
          false,
        ).subject;
      return {
        recipients: plan.recipients.map((r) => ({
          person: personOf(r.accountId, people),
          gaps: r.items.length,
          reminders: r.items.filter((i) => i.reminder).length,
          subject: subjectOf(r),
        })),
        cappedOut: plan.cappedOut.length,
        skipped: plan.skipped.map((s) => ({
          accountId: s.accountId,
          displayName: s.accountId ? (people.get(s.accountId)?.displayName ?? null) : null,
          reason: s.reason,
        })),
      };
    },
  };
}
