// What the notification settings section reads from the engine (N1's src/app/notify/): the last run of the
// project, what the site sent today, whether offline impersonation works, and the plan of the next run for the
// preview. Defined here as small interfaces so the settings use cases test without the engine.
//
// Forge wires N1's `engineRunStatus` (./run-view.ts) and the planner-backed previewer (./settings-preview.ts).
import type {
  NotificationPreviewView,
  NotificationRunView,
  NotificationSettingsView,
} from '../../contract/notifications';

export interface NotificationRunStatus {
  /** The project's last finished run, or null before the first. */
  lastRun(projectId: string): Promise<NotificationRunView | null>;
  /** Emails sent across the site on the UTC day of `now` (what the daily cap counts). */
  sentToday(now: Date): Promise<number>;
  /** Whether the last run could act as a recipient (asUser(accountId) with allowImpersonation). */
  impersonation(): Promise<NotificationSettingsView['impersonation']>;
}

export interface NotificationPreviewer {
  /**
   * Who the next run would email and with what, computed as the run would from the stored settings (nothing
   * sent, claimed or written). The per-run cap applies; the site's daily cap is applied by the caller.
   */
  preview(project: { id: string; key: string }): Promise<NotificationPreviewView>;
}
