// The notification settings section's side of the `role-split-policy` project property: what the page shows
// (stored, default or unreadable) and the value a save writes — `notifications` replaced, every other field (the
// policy, `enabled`, fields of newer versions) kept. Parsing and the site cap are N1's (./settings.ts), so the
// page and the run read the settings the same way.
import type { NotificationSettings } from '../../contract/notifications';
import { AppError } from '../errors';
import { parseNotificationSettings } from './settings';

export interface StoredNotificationSettings {
  settings: NotificationSettings;
  source: 'stored' | 'default' | 'unreadable';
  /** One sentence naming what does not parse, when `source` is 'unreadable'. */
  problem: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The notification settings inside the whole `role-split-policy` value (as Jira returned it, or undefined). */
export function notificationSettingsOf(property: unknown): StoredNotificationSettings {
  const stored = isRecord(property) ? property.notifications : undefined;
  const { settings, problem } = parseNotificationSettings(stored);
  return { settings, problem, source: stored === undefined ? 'default' : problem ? 'unreadable' : 'stored' };
}

/**
 * The property value with `notifications` replaced and every other field kept as it was (the policy, `enabled`,
 * fields of newer versions). A value that is not an object at all cannot be merged into without losing it:
 * refused, with what to do.
 */
export function withNotificationSettings(
  property: unknown,
  settings: NotificationSettings,
): Record<string, unknown> {
  if (property === undefined) return { schema: 1, notifications: settings };
  if (!isRecord(property)) {
    throw new AppError(
      'BAD_REQUEST',
      'The stored Role Split policy of this project is not in a form Role Split can read, so the notification settings were not saved. Save the policy on this page first, then the notifications.',
    );
  }
  return { ...property, notifications: settings };
}

/** Two lists of account ids as sets (order and repeats do not matter to the run). */
export function normalizedSettings(settings: NotificationSettings): NotificationSettings {
  const unique = (ids: string[]) => [...new Set(ids)];
  const order = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  return {
    ...settings,
    weekdays: order.filter((d) => settings.weekdays.includes(d)),
    recipients: {
      projectLead: settings.recipients.projectLead,
      pmLeads: unique(settings.recipients.pmLeads),
      extra: unique(settings.recipients.extra),
    },
  };
}
