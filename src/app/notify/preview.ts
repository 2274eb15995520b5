// `notifications/preview`: what the next run would send for the project and to whom, from the same plan a run
// makes (planProject). Nothing is sent, claimed or written. The settings are the stored ones, read as if
// notifications were on, so an admin can look before turning them on. Names recipients and counts only.
import type { NotificationPreviewView } from '../../contract/notifications';
import { composeDigest } from './digest';
import type { NotifyPorts } from './ports';
import { planProject } from './project-stage';
import { readProjectNotifySettings } from './settings';

export async function previewProject(
  ports: Pick<NotifyPorts, 'jira' | 'entities' | 'store' | 'clock'>,
  projectId: string,
): Promise<NotificationPreviewView> {
  const stored = await readProjectNotifySettings(ports.jira, projectId);
  const { project, plan, people } = await planProject(ports, projectId, {
    ...stored,
    settings: { ...stored.settings, enabled: true },
  });
  return {
    recipients: plan.recipients.map((r) => {
      const user = people.get(r.accountId);
      const digest = composeDigest(
        [
          {
            projectKey: project.key,
            projectName: project.name,
            siteUrl: null,
            pageUrl: null,
            items: r.items,
          },
        ],
        false,
      );
      return {
        person: {
          accountId: r.accountId,
          displayName: user?.displayName ?? null,
          eligible: true,
          reason: null,
          ...(user?.avatarUrl ? { avatarUrl: user.avatarUrl } : {}),
        },
        gaps: r.items.length,
        reminders: r.items.filter((i) => i.reminder).length,
        subject: digest.subject,
      };
    }),
    cappedOut: plan.cappedOut.length,
    skipped: plan.skipped.map((s) => ({
      accountId: s.accountId,
      displayName: s.accountId ? (people.get(s.accountId)?.displayName ?? null) : null,
      reason: s.reason,
    })),
  };
}
