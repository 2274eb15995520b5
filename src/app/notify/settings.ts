// A project's notification settings: `notifications` inside the `role-split-policy` project property (beside the
// policy, so every policy save keeps them), read as the app. Missing: the defaults (off). A value that does not
// parse is treated as off, with a problem the settings page can show: a damaged value never sends email.
import { z } from 'zod';
import {
  DEFAULT_SITE_DAILY_CAP,
  WEEKDAYS,
  defaultNotificationSettings,
  notificationSettingsSchema,
  type NotificationSettings,
  type Weekday,
} from '../../contract/notifications';
import { policySchema } from '../../domain/policy';
import { JiraError } from '../../jira/errors';
import type { JiraClient } from '../../jira/types';
import { POLICY_PROPERTY_KEY } from '../enablement';
import type { KeyValueStore } from '../ports';
import { SITE_CAP_KEY } from './keys';

export interface ProjectNotifySettings {
  /** Role Split itself is on for the project. */
  enabled: boolean;
  settings: NotificationSettings;
  /** Whether issues in the Done category are checked (the policy's includeDone): the re-check before sending. */
  includeDone: boolean;
  /** One sentence when the stored settings do not parse (they are then off). */
  problem: string | null;
}

const storedProperty = z.looseObject({ enabled: z.boolean().optional(), notifications: z.unknown() });

export function parseNotificationSettings(raw: unknown): {
  settings: NotificationSettings;
  problem: string | null;
} {
  if (raw === undefined) return { settings: defaultNotificationSettings(), problem: null };
  const parsed = notificationSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      settings: { ...defaultNotificationSettings(), enabled: false },
      problem: `The stored notification settings do not parse (${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}), so no reminders are sent until a project admin saves them again.`,
    };
  }
  if (!validTimeZone(parsed.data.timeZone)) {
    return {
      settings: { ...parsed.data, enabled: false },
      problem: `The time zone ${parsed.data.timeZone} is not known, so no reminders are sent until a project admin picks another.`,
    };
  }
  return { settings: parsed.data, problem: null };
}

export async function readProjectNotifySettings(
  jira: JiraClient,
  projectId: string,
): Promise<ProjectNotifySettings> {
  let raw: unknown;
  try {
    raw = await jira.getProjectProperty(projectId, POLICY_PROPERTY_KEY);
  } catch (error) {
    if (error instanceof JiraError && error.kind === 'not-found') raw = undefined;
    else throw error;
  }
  const property = storedProperty.safeParse(raw);
  if (!property.success) {
    return { enabled: false, settings: defaultNotificationSettings(), includeDone: false, problem: null };
  }
  const policy = policySchema.safeParse(raw);
  const { settings, problem } = parseNotificationSettings(property.data.notifications);
  return {
    enabled: property.data.enabled === true,
    settings,
    includeDone: policy.success ? policy.data.includeDone : false,
    problem,
  };
}

export function validTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The hour (0–23) and weekday of an instant in a time zone. */
export function localHourAndDay(at: Date, timeZone: string): { hour: number; weekday: Weekday } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    hourCycle: 'h23',
    weekday: 'short',
  }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0') % 24;
  const short = (parts.find((p) => p.type === 'weekday')?.value ?? 'Mon').toLowerCase().slice(0, 3);
  const weekday = (WEEKDAYS as readonly string[]).includes(short) ? (short as Weekday) : 'mon';
  return { hour, weekday };
}

/**
 * Whether a run at `at` is the project's: its hour on one of its weekdays, in its time zone. Forge spreads
 * hourly runs over the hour, so "09:00" means a run somewhere between 09:00 and 09:59.
 */
export function isDueAt(settings: NotificationSettings, at: Date): boolean {
  if (!settings.enabled || !validTimeZone(settings.timeZone)) return false;
  const local = localHourAndDay(at, settings.timeZone);
  return local.hour === settings.hour && settings.weekdays.includes(local.weekday);
}

const siteCapSchema = z.object({ siteDailyCap: z.number().int().min(1).max(1_000) });

/** The site-wide daily cap (app storage), or the default that leaves room under Jira Free's 100 emails a day. */
export async function readSiteDailyCap(store: KeyValueStore): Promise<number> {
  const parsed = siteCapSchema.safeParse(await store.get<unknown>(SITE_CAP_KEY));
  return parsed.success ? parsed.data.siteDailyCap : DEFAULT_SITE_DAILY_CAP;
}

export async function saveSiteDailyCap(store: KeyValueStore, siteDailyCap: number): Promise<void> {
  await store.set(SITE_CAP_KEY, siteCapSchema.parse({ siteDailyCap }));
}
