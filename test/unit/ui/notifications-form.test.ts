// The notification settings form's pure parts: a draft round-trips to the settings, the checks before saving
// (what the backend's contract allows, and the site cap above the per-run cap), the time zones offered, the
// words of the last run; and the email's mute link, which the page's landing recognises.
import { describe, expect, it } from '@jest/globals';
import { MUTE_ROUTE as BACKEND_MUTE_ROUTE, muteLinkOf } from '../../../src/app/notify/mute-link';
import {
  defaultNotificationSettings,
  notificationSettingsSchema,
  type NotificationSettings,
} from '../../../src/contract/notifications';
import { MUTE_ROUTE, isMuteRoute } from '../../../static/src/components/mute-route';
import {
  draftOf,
  firstProblem,
  hourNote,
  isDirty,
  lastRunText,
  settingsOf,
  timeZoneChoices,
  validateDraft,
  type DraftField,
  type NotificationsDraft,
} from '../../../static/src/settings-page/notifications/notifications-form';

const stored: NotificationSettings = {
  enabled: true,
  timeZone: 'Asia/Kolkata',
  hour: 17,
  weekdays: ['mon', 'thu'],
  reminderDays: 14,
  recipients: { projectLead: false, pmLeads: ['acc-1'], extra: ['acc-2', 'acc-3'] },
  warnings: true,
  perRunCap: 25,
};

describe('the notification settings draft', () => {
  it('round-trips the stored settings, and what it makes passes the contract', () => {
    expect(settingsOf(draftOf(stored))).toEqual(stored);
    const defaults = defaultNotificationSettings();
    expect(notificationSettingsSchema.parse(settingsOf(draftOf(defaults)))).toEqual(defaults);
  });

  it('sends weekdays in week order whatever order they were ticked', () => {
    const draft = { ...draftOf(stored), weekdays: ['sun', 'mon', 'wed'] as NotificationSettings['weekdays'] };
    expect(settingsOf(draft).weekdays).toEqual(['mon', 'wed', 'sun']);
  });

  it('is dirty after a change and clean again when it is undone', () => {
    const draft = draftOf(stored);
    expect(isDirty(draft, stored)).toBe(false);
    expect(isDirty({ ...draft, reminderDays: '15' }, stored)).toBe(true);
    expect(isDirty({ ...draft, weekdays: ['thu', 'mon'] }, stored)).toBe(false);
  });

  it.each<[Partial<NotificationsDraft>, DraftField, string]>([
    [{ reminderDays: '0' }, 'reminderDays', 'Enter a whole number of days from 1 to 60.'],
    [{ reminderDays: '61' }, 'reminderDays', 'Enter a whole number of days from 1 to 60.'],
    [{ reminderDays: '2.5' }, 'reminderDays', 'Enter a whole number of days from 1 to 60.'],
    [{ perRunCap: '' }, 'perRunCap', 'Enter a whole number from 1 to 80.'],
    [{ perRunCap: '81' }, 'perRunCap', 'The cap per run cannot be above the site’s daily cap (80).'],
    [{ weekdays: [] }, 'weekdays', 'Choose at least one day.'],
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone', 'Choose a time zone from the list.'],
    [{ extra: Array.from({ length: 21 }, (_, i) => `acc-${i}`) }, 'extra', 'Name at most 20 people.'],
  ])('refuses %j', (change, field, message) => {
    const errors = validateDraft({ ...draftOf(stored), ...change }, 80);
    expect(errors).toEqual({ [field]: message });
    expect(firstProblem(errors)).toBe(field);
  });

  it('accepts the stored settings and a cap equal to the site cap', () => {
    expect(validateDraft(draftOf(stored), 80)).toEqual({});
    expect(validateDraft({ ...draftOf(stored), perRunCap: '80' }, 80)).toEqual({});
  });

  it('offers the stored and the browser’s zones beside the common ones, once each', () => {
    const zones = timeZoneChoices('America/Lima', 'Asia/Kolkata');
    expect(zones.slice(0, 1)).toEqual(['America/Lima']);
    expect(zones.filter((z) => z === 'Asia/Kolkata')).toHaveLength(1);
    expect(zones).toContain('UTC');
    expect(timeZoneChoices('Not/AZone', undefined)).not.toContain('Not/AZone');
  });

  it('words the last run', () => {
    expect(lastRunText(null)).toEqual({ summary: 'No run yet.', mailOff: false });
    expect(
      lastRunText({
        at: '2026-11-30T08:00:00Z',
        sent: 5,
        failed: 1,
        unknown: 2,
        skipped: 3,
        mailDisabled: true,
      }),
    ).toEqual({ summary: '5 sent, 1 failed, 2 unknown, 3 skipped', mailOff: true });
  });
});

describe('the email’s mute link', () => {
  it('is the Alignment page with the route the page recognises', () => {
    expect(MUTE_ROUTE).toBe(BACKEND_MUTE_ROUTE);
    const page = 'https://acme.atlassian.net/jira/software/projects/SHOP/apps/app-id/env-id';
    expect(muteLinkOf(page)).toBe(`${page}/mute`);
    expect(muteLinkOf(`${page}/`)).toBe(`${page}/mute`);
  });

  it('is recognised by the page, and the page’s own address is not', () => {
    expect(isMuteRoute({ pathname: '/mute', search: '' })).toBe(true);
    expect(isMuteRoute({ pathname: '/mute/', search: '' })).toBe(true);
    expect(isMuteRoute({ pathname: '/', search: '?mute=1' })).toBe(true);
    expect(isMuteRoute({ pathname: '/', search: '' })).toBe(false);
    expect(isMuteRoute({ pathname: '/gaps', search: '?mute=10' })).toBe(false);
  });
});

describe('the hour note', () => {
  it('follows the hour chosen', () => {
    expect(hourNote(9)).toBe(
      'Forge spreads hourly runs over the hour, so 09:00 means between 09:00 and 09:59.',
    );
    expect(hourNote(17)).toBe(
      'Forge spreads hourly runs over the hour, so 17:00 means between 17:00 and 17:59.',
    );
  });
});
