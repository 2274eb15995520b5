// Scheduled gap notifications (issue 12): the settings a project admin edits on the settings page, stored under
// `notifications` in the `role-split-policy` project property (beside the policy, so it is kept on every policy
// save), the site-wide daily cap (app storage: it spans projects), and the mute switch people use from the issue
// context, the Alignment page or the email's own link. See docs/design/notifications.md.
import { z } from 'zod';
import type { PersonView } from './views';

const accountId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9:_-]+$/, 'not an account id');

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Jira Free sends at most 100 emails a day for the whole site: the default leaves room for Jira's own. */
export const DEFAULT_SITE_DAILY_CAP = 80;
export const DEFAULT_PROJECT_RUN_CAP = 50;

export const notificationSettingsSchema = z
  .object({
    /** Off until a project admin turns them on. */
    enabled: z.boolean(),
    /** IANA time zone the hour and weekdays are read in (checked with Intl). */
    timeZone: z.string().min(1).max(64),
    /** Runs start within this hour (Forge spreads hourly runs over the hour: "09:00" means 09:00–09:59). */
    hour: z.number().int().min(0).max(23),
    weekdays: z.array(z.enum(WEEKDAYS)).min(1).max(7),
    /** A still-open gap is reminded again only after this many days. */
    reminderDays: z.number().int().min(1).max(60),
    recipients: z
      .object({
        projectLead: z.boolean(),
        pmLeads: z.array(accountId).max(20),
        extra: z.array(accountId).max(20),
      })
      .strict(),
    /** Warning-severity gaps too (errors always). */
    warnings: z.boolean(),
    /** Most emails one run sends for this project. */
    perRunCap: z.number().int().min(1).max(500),
  })
  .strict();
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export function defaultNotificationSettings(): NotificationSettings {
  return {
    enabled: false,
    timeZone: 'UTC',
    hour: 9,
    weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    reminderDays: 7,
    recipients: { projectLead: true, pmLeads: [], extra: [] },
    warnings: false,
    perRunCap: DEFAULT_PROJECT_RUN_CAP,
  };
}

export const notificationPayloads = {
  'notifications/get': z.object({}).strict(),
  'notifications/save': z.object({ settings: notificationSettingsSchema }).strict(),
  /** Jira admins only: the site-wide daily cap across projects. */
  'notifications/save-site-cap': z.object({ siteDailyCap: z.number().int().min(1).max(1_000) }).strict(),
  /** What the next run would send and to whom (nothing is sent or claimed). */
  'notifications/preview': z.object({}).strict(),
} as const;

/** The viewer mutes or unmutes their reminders for the project in context (issue context, page, email link). */
export const mutePayload = z.object({ muted: z.boolean() }).strict();
/** Whether the viewer has muted their reminders for the project in context (what the switches show first). */
export const muteStatePayload = z.object({}).strict();

/** The viewer's mute switch for one project. */
export interface MuteView {
  muted: boolean;
  /** When they muted (ISO-8601), null when not muted. */
  mutedAt: string | null;
}

export interface NotificationRunView {
  at: string;
  sent: number;
  failed: number;
  /** Claims found with no outcome by a retry: never resent, counted here. */
  unknown: number;
  /** Recipients skipped (inactive or missing lead, muted, cap reached). */
  skipped: number;
  /** Jira refused to send (403: outgoing mail is off for the site). */
  mailDisabled: boolean;
}

export interface NotificationSettingsView {
  settings: NotificationSettings;
  /** 'default': none stored yet; 'unreadable': the stored value does not parse (see `problem`), nothing is sent. */
  source: 'stored' | 'default' | 'unreadable';
  problem: string | null;
  /** Whether Role Split itself is on for the project (switched on the Alignment page): no emails while off. */
  projectEnabled: boolean;
  /** The project lead, who receives strategy gaps when `recipients.projectLead` is on (null: none or unknown). */
  projectLead: PersonView | null;
  siteDailyCap: number;
  canEditSiteCap: boolean;
  /** Whether the app may act as recipients offline (allowImpersonation granted): emails list summaries only then. */
  impersonation: 'granted' | 'not-granted' | 'unknown';
  lastRun: NotificationRunView | null;
  sentToday: number;
  people: PersonView[];
}

export interface NotificationPreviewView {
  recipients: Array<{ person: PersonView; gaps: number; reminders: number; subject: string }>;
  /** Recipients left out by the per-run or site cap. */
  cappedOut: number;
  skipped: Array<{
    accountId: string | null;
    /** The person's name when Jira knows the account (null or absent: unknown, or no one, as for 'no-lead'). */
    displayName?: string | null;
    /** 'inactive': a named recipient (PM lead, extra, an epic's PM) whose account is deactivated or unknown. */
    reason: 'inactive-lead' | 'no-lead' | 'muted' | 'not-eligible-named' | 'inactive';
  }>;
}

export interface NotificationResults {
  'notifications/get': NotificationSettingsView;
  'notifications/save': NotificationSettingsView;
  'notifications/save-site-cap': NotificationSettingsView;
  'notifications/preview': NotificationPreviewView;
}
