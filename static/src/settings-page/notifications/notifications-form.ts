// The notification settings form as the admin edits it (numbers as typed, so a half-typed value is shown, not
// lost), its checks before saving (the backend checks again), and the words the section uses. Pure: unit-tested.
import type {
  NotificationPreviewView,
  NotificationRunView,
  NotificationSettings,
  NotificationSettingsView,
  Weekday,
} from '../../../../src/contract/notifications';

export const WEEKDAY_ORDER: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const WEEKDAY_NAME: Readonly<Record<Weekday, string>> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** The contract's bounds, repeated here so the form says them before the backend refuses. */
export const LIMITS = {
  reminderDays: { min: 1, max: 60 },
  perRunCap: { min: 1, max: 500 },
  people: 20,
} as const;
export const SITE_CAP_LIMITS = { min: 1, max: 1000 } as const;

export interface NotificationsDraft {
  enabled: boolean;
  timeZone: string;
  hour: number;
  weekdays: Weekday[];
  reminderDays: string;
  projectLead: boolean;
  pmLeads: string[];
  extra: string[];
  warnings: boolean;
  perRunCap: string;
}

export type DraftField = 'timeZone' | 'weekdays' | 'reminderDays' | 'perRunCap' | 'pmLeads' | 'extra';
export type DraftErrors = Partial<Record<DraftField, string>>;

export function draftOf(settings: NotificationSettings): NotificationsDraft {
  return {
    enabled: settings.enabled,
    timeZone: settings.timeZone,
    hour: settings.hour,
    weekdays: [...settings.weekdays],
    reminderDays: String(settings.reminderDays),
    projectLead: settings.recipients.projectLead,
    pmLeads: [...settings.recipients.pmLeads],
    extra: [...settings.recipients.extra],
    warnings: settings.warnings,
    perRunCap: String(settings.perRunCap),
  };
}

/** A whole number typed in a field, or null ("", "3.5", "ten"). */
export function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : null;
}

/** Whether this browser's Intl knows the zone (the backend checks with the same API). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function validateDraft(draft: NotificationsDraft, siteDailyCap: number): DraftErrors {
  const errors: DraftErrors = {};
  if (!isKnownTimeZone(draft.timeZone)) errors.timeZone = 'Choose a time zone from the list.';
  if (draft.weekdays.length === 0) errors.weekdays = 'Choose at least one day.';
  const days = wholeNumber(draft.reminderDays);
  if (days === null || days < LIMITS.reminderDays.min || days > LIMITS.reminderDays.max)
    errors.reminderDays = `Enter a whole number of days from ${LIMITS.reminderDays.min} to ${LIMITS.reminderDays.max}.`;
  const cap = wholeNumber(draft.perRunCap);
  const maxCap = Math.min(LIMITS.perRunCap.max, siteDailyCap);
  if (cap === null || cap < LIMITS.perRunCap.min || cap > maxCap)
    errors.perRunCap =
      cap !== null && cap > siteDailyCap
        ? `The cap per run cannot be above the site’s daily cap (${siteDailyCap}).`
        : `Enter a whole number from ${LIMITS.perRunCap.min} to ${maxCap}.`;
  if (draft.pmLeads.length > LIMITS.people) errors.pmLeads = `Name at most ${LIMITS.people} PM leads.`;
  if (draft.extra.length > LIMITS.people) errors.extra = `Name at most ${LIMITS.people} people.`;
  return errors;
}

/** The first field with a problem, in the order the form shows them (where the focus goes). */
export function firstProblem(errors: DraftErrors): DraftField | null {
  const order: DraftField[] = ['timeZone', 'weekdays', 'reminderDays', 'pmLeads', 'extra', 'perRunCap'];
  return order.find((field) => errors[field] !== undefined) ?? null;
}

/** The settings a valid draft stands for (call after `validateDraft` found nothing). */
export function settingsOf(draft: NotificationsDraft): NotificationSettings {
  return {
    enabled: draft.enabled,
    timeZone: draft.timeZone,
    hour: draft.hour,
    weekdays: WEEKDAY_ORDER.filter((d) => draft.weekdays.includes(d)),
    reminderDays: wholeNumber(draft.reminderDays) ?? 0,
    recipients: { projectLead: draft.projectLead, pmLeads: [...draft.pmLeads], extra: [...draft.extra] },
    warnings: draft.warnings,
    perRunCap: wholeNumber(draft.perRunCap) ?? 0,
  };
}

export function isDirty(draft: NotificationsDraft, saved: NotificationSettings): boolean {
  return (
    JSON.stringify(draftOf(saved)) !==
    JSON.stringify({ ...draft, weekdays: WEEKDAY_ORDER.filter((d) => draft.weekdays.includes(d)) })
  );
}

/** Common zones, the browser's own and the stored one (so a saved zone outside the list still shows). */
export const COMMON_TIME_ZONES: readonly string[] = [
  'UTC',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Amsterdam',
  'Europe/Stockholm',
  'Europe/Warsaw',
  'Europe/Athens',
  'Europe/Helsinki',
  'Europe/Istanbul',
  'Europe/Moscow',
  'Africa/Lagos',
  'Africa/Cairo',
  'Africa/Johannesburg',
  'Africa/Nairobi',
  'Asia/Dubai',
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Dhaka',
  'Asia/Bangkok',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Australia/Perth',
  'Australia/Sydney',
  'Pacific/Auckland',
  'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires',
  'America/Bogota',
  'America/Mexico_City',
  'America/New_York',
  'America/Toronto',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
];

export function timeZoneChoices(stored: string, browser: string | undefined): string[] {
  const zones = [...COMMON_TIME_ZONES];
  for (const extra of [browser, stored])
    if (extra && isKnownTimeZone(extra) && !zones.includes(extra)) zones.unshift(extra);
  return zones;
}

/** "09:00" — the hour a run starts in. */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** Forge spreads hourly runs over the hour: the note follows the hour chosen. */
export function hourNote(hour: number): string {
  return `Forge spreads hourly runs over the hour, so ${hourLabel(hour)} means between ${hourLabel(hour)} and ${String(hour).padStart(2, '0')}:59.`;
}

/** The last run in a sentence or two. */
export function lastRunText(run: NotificationRunView | null): { summary: string; mailOff: boolean } {
  if (!run) return { summary: 'No run yet.', mailOff: false };
  const parts = [
    `${run.sent} sent`,
    `${run.failed} failed`,
    `${run.unknown} unknown`,
    `${run.skipped} skipped`,
  ];
  return { summary: parts.join(', '), mailOff: run.mailDisabled };
}

export function impersonationText(state: NotificationSettingsView['impersonation']): {
  title: string;
  body: string;
} {
  switch (state) {
    case 'granted':
      return {
        title: 'Emails list the issues',
        body: 'Role Split checks, as each recipient, which issues they may see, and lists only those.',
      };
    case 'not-granted':
      return {
        title: 'Emails list counts only, with a link to the page',
        body: 'Role Split may not act as recipients (the admin consent for offline access was not given), so it cannot tell which issues each person may see. Each email says how many gaps they can help close and links to the Alignment page, which shows them only their issues. A site admin can grant the access when Role Split asks for it (Apps › Manage apps).',
      };
    default:
      return {
        title: 'Not known until the first email goes out',
        body: 'Role Split learns whether it may check, as each recipient, which issues they may see when it first sends. Without that, emails list counts only, with a link to the page.',
      };
  }
}

export const SKIP_REASON: Readonly<Record<NotificationPreviewView['skipped'][number]['reason'], string>> = {
  'inactive-lead': 'the project lead’s account is deactivated',
  'no-lead': 'the project has no lead',
  muted: 'muted their reminders for this project',
  'not-eligible-named': 'named by a “not eligible” gap, so not told about it',
  inactive: 'account deactivated or unknown',
};
