// The settings page's "Gap emails" section (built Custom UI in headless Chromium) against canned answers of its
// resolvers: the defaults, the hour note, the time zones, saving what was edited, checks before saving with the
// focus on the first problem, a refused save that keeps the draft, the Jira-admin-only site cap, the last run
// (outgoing mail off), impersonation not granted, the preview, FORBIDDEN, keyboard use and axe in both themes.
import { existsSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { Page as PlaywrightPage } from 'playwright-core';
import {
  defaultNotificationSettings,
  type NotificationPreviewView,
  type NotificationSettingsView,
} from '../../../src/contract/notifications';
import type { SettingsView } from '../../../src/contract/settings';
import { seriousAxeFindings } from '../../support/axe';
import { describeIf, poll } from '../../support/jest-helpers';
import { CHROMIUM, fail, harnessForSuite, invokePayloads, ok, type Answer } from './custom-ui-harness';
import { policyInput } from './settings.fixtures';

const canRun = existsSync(CHROMIUM);
if (!canRun) console.warn(`Notification settings browser tests skipped: ${CHROMIUM} not found.`);

function settingsView(): SettingsView {
  return {
    project: { id: '10000', key: 'SHOP', name: 'Webshop', style: 'company-managed' },
    enabled: true,
    policy: policyInput({
      roles: {
        pm: { projectRoles: ['Product Manager'], groups: [], accountIds: [] },
        po: { projectRoles: ['Product Owner'], groups: [], accountIds: [] },
      },
    }),
    source: 'stored',
    problem: null,
    issueTypes: [
      { id: '1', name: 'Epic', hierarchyLevel: 1 },
      { id: '2', name: 'Story', hierarchyLevel: 0 },
    ],
    projectRoles: [
      { id: 10100, name: 'Product Manager' },
      { id: 10101, name: 'Product Owner' },
    ],
    onboarding: { kind: 'ok' },
    plan: 'PAID',
    people: [],
    health: { lastScan: null, currentScan: null, failures: [], savedAt: null, rescanPending: false },
  };
}

const LENA = { accountId: 'acc-lena', displayName: 'Lena Lead', eligible: true, reason: null };
const PETE = { accountId: 'acc-pete', displayName: 'Pete PM', eligible: true, reason: null };

function notifications(over: Partial<NotificationSettingsView> = {}): NotificationSettingsView {
  return {
    settings: defaultNotificationSettings(),
    source: 'default',
    problem: null,
    projectEnabled: true,
    projectLead: LENA,
    siteDailyCap: 80,
    canEditSiteCap: false,
    impersonation: 'unknown',
    lastRun: null,
    sentToday: 0,
    people: [],
    ...over,
  };
}

const preview: NotificationPreviewView = {
  recipients: [
    { person: LENA, gaps: 3, reminders: 1, subject: 'Role Split digest: 3 gaps to fix in SHOP' },
    { person: PETE, gaps: 1, reminders: 0, subject: 'Role Split digest: 1 gap to fix in SHOP' },
  ],
  cappedOut: 2,
  skipped: [
    { accountId: 'acc-mo', displayName: 'Mo Muted', reason: 'muted' },
    { accountId: null, displayName: null, reason: 'no-lead' },
  ],
};

describeIf(canRun)('Gap emails on the settings page, in a browser', () => {
  const openView = harnessForSuite();

  const open = async (byKey: Record<string, Answer[]>, colorMode: 'light' | 'dark' = 'light') => {
    const opened = await openView(
      {
        module: 'jira:projectSettingsPage',
        answers: ['throw'],
        byKey: { 'settings/get': [ok(settingsView())], ...byKey },
        colorMode,
      },
      1280,
    );
    await opened.page.getByTestId('notifications-section').waitFor();
    return opened;
  };
  const text = (p: PlaywrightPage, testId: string) => p.getByTestId(testId).first().textContent();
  const focusedId = (p: PlaywrightPage) => p.evaluate(() => document.activeElement?.id ?? null);

  it('shows the defaults: off, the hour note, the browser’s zone offered, the site cap read-only', async () => {
    const { page: p } = await open({ 'notifications/get': [ok(notifications())] });
    await p.getByTestId('notifications-enabled').waitFor();
    expect(await p.getByTestId('notifications-enabled').isChecked()).toBe(false);
    expect(await text(p, 'notifications-hour-note')).toBe(
      'Forge spreads hourly runs over the hour, so 09:00 means between 09:00 and 09:59.',
    );
    expect(await p.getByTestId('notifications-hour').inputValue()).toBe('9');
    expect(await p.getByTestId('notifications-time-zone').inputValue()).toBe('UTC');
    const zones = await p
      .getByTestId('notifications-time-zone')
      .locator('option')
      .evaluateAll((els) => els.map((el) => el.textContent ?? ''));
    expect(zones.some((z) => z.endsWith('(your browser)'))).toBe(true);
    expect(zones).toContain('Europe/Berlin');
    expect(await p.getByTestId('notifications-run-cap').inputValue()).toBe('50');
    expect(await text(p, 'notifications-site-cap')).toContain('Only a Jira admin can change it');
    expect(await text(p, 'notifications-site-cap')).toContain(
      'Jira Free sends at most 100 emails a day for the whole site',
    );
    expect(await p.locator('#rs-notify-site-cap').count()).toBe(0);
    expect(await p.getByLabel('The project lead (Lena Lead)').isChecked()).toBe(true);
    expect(await text(p, 'notifications-last-run')).toBe('No run yet.');
  });

  it('saves what was edited, people found by the search included', async () => {
    const saved = notifications({
      settings: {
        ...defaultNotificationSettings(),
        enabled: true,
        timeZone: 'Europe/Berlin',
        hour: 8,
        weekdays: ['mon', 'wed', 'fri', 'sat'],
        reminderDays: 3,
        recipients: { projectLead: false, pmLeads: [], extra: ['acc-pete'] },
        warnings: true,
        perRunCap: 20,
      },
      source: 'stored',
      people: [PETE],
    });
    const v = await open({
      'notifications/get': [ok(notifications())],
      'settings/search-people': [ok({ people: [PETE] })],
      'notifications/save': [ok(saved)],
    });
    const { page: p } = v;
    await p.getByTestId('notifications-enabled').check();
    await p.getByTestId('notifications-time-zone').selectOption('Europe/Berlin');
    await p.getByTestId('notifications-hour').selectOption('8');
    await p.getByLabel('Tuesday').uncheck();
    await p.getByLabel('Thursday').uncheck();
    await p.getByLabel('Saturday').check();
    await p.getByTestId('notifications-reminder-days').fill('3');
    await p.getByLabel('The project lead (Lena Lead)').uncheck();
    await p.getByLabel('Add someone to tell').fill('Pe');
    await p.getByText('Pete PM', { exact: true }).click();
    await poll(() => p.getByTestId('notifications-extra').locator('li').count()).toBe(1);
    await p.getByTestId('notifications-warnings').check();
    await p.getByTestId('notifications-run-cap').fill('20');
    expect(await text(p, 'notifications-save-status')).toBe('Unsaved changes');
    await p.getByTestId('notifications-save').click();
    await poll(() => text(p, 'notifications-save-status')).toBe('Saved');
    expect(await invokePayloads(v, 'notifications/save')).toEqual([{ settings: saved.settings }]);
    expect(await invokePayloads(v, 'settings/search-people')).toEqual([{ query: 'Pe' }]);
    // The policy form's own Save was not touched.
    expect(await invokePayloads(v, 'settings/save')).toEqual([]);
  });

  it('checks before saving and puts the focus on the first problem; nothing is sent', async () => {
    const v = await open({ 'notifications/get': [ok(notifications())] });
    const { page: p } = v;
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])
      await p.getByLabel(day).uncheck();
    await p.getByTestId('notifications-reminder-days').fill('0');
    await p.getByTestId('notifications-run-cap').fill('81');
    await p.getByTestId('notifications-save').click();
    await poll(() => focusedId(p)).toBe('rs-notify-day-mon');
    const problems = await p.locator('.rs-notify-problem').allTextContents();
    expect(problems).toEqual([
      'Choose at least one day.',
      'Enter a whole number of days from 1 to 60.',
      'The cap per run cannot be above the site’s daily cap (80).',
    ]);
    expect(await p.getByTestId('notifications-reminder-days').getAttribute('aria-invalid')).toBe('true');
    expect(await invokePayloads(v, 'notifications/save')).toEqual([]);
  });

  it('shows a refused save in the backend’s words and keeps everything typed', async () => {
    const { page: p } = await open({
      'notifications/get': [ok(notifications())],
      'notifications/save': [
        fail(
          'BAD_REQUEST',
          'Role Split can only email active people: remove Gone Person (deactivated) from the recipients, then save again.',
        ),
      ],
    });
    await p.getByTestId('notifications-enabled').check();
    await p.getByTestId('notifications-reminder-days').fill('14');
    await p.getByTestId('notifications-save').click();
    await p.getByTestId('notifications-save-error').waitFor();
    expect(await text(p, 'notifications-save-error')).toContain('remove Gone Person (deactivated)');
    expect(await p.getByTestId('notifications-enabled').isChecked()).toBe(true);
    expect(await p.getByTestId('notifications-reminder-days').inputValue()).toBe('14');
    expect(await text(p, 'notifications-save-status')).toBe('Unsaved changes');
  });

  it('lets a Jira admin change the site cap, and checks it first', async () => {
    const v = await open({
      'notifications/get': [ok(notifications({ canEditSiteCap: true }))],
      'notifications/save-site-cap': [ok(notifications({ canEditSiteCap: true, siteDailyCap: 40 }))],
    });
    const { page: p } = v;
    const input = p.locator('#rs-notify-site-cap');
    expect(await input.inputValue()).toBe('80');
    await input.fill('0');
    await p.getByTestId('notifications-site-cap-save').click();
    await poll(() => focusedId(p)).toBe('rs-notify-site-cap');
    expect(await invokePayloads(v, 'notifications/save-site-cap')).toEqual([]);
    await input.fill('40');
    await p.getByTestId('notifications-site-cap-save').click();
    await poll(() => text(p, 'notifications-sent-today')).toBe('0 of the site’s 40 a day');
    expect(await invokePayloads(v, 'notifications/save-site-cap')).toEqual([{ siteDailyCap: 40 }]);
  });

  it('says when outgoing mail is off and when emails list counts only', async () => {
    const { page: p } = await open({
      'notifications/get': [
        ok(
          notifications({
            impersonation: 'not-granted',
            sentToday: 12,
            lastRun: {
              at: '2026-11-30T08:20:00.000Z',
              sent: 4,
              failed: 2,
              unknown: 1,
              skipped: 3,
              mailDisabled: true,
            },
          }),
        ),
      ],
    });
    await p.getByTestId('notifications-status').waitFor();
    expect(await text(p, 'notifications-last-run')).toBe('4 sent, 2 failed, 1 unknown, 3 skipped');
    expect(await text(p, 'notifications-mail-off')).toContain('outgoing mail is turned off');
    expect(await text(p, 'notifications-impersonation')).toContain(
      'Emails list counts only, with a link to the page',
    );
    expect(await text(p, 'notifications-sent-today')).toBe('12 of the site’s 80 a day');
  });

  it('previews the next run: who, how many gaps, who is left out and why', async () => {
    const v = await open({
      'notifications/get': [ok(notifications())],
      'notifications/preview': [ok(preview)],
    });
    const { page: p } = v;
    await p.getByTestId('notifications-preview-run').click();
    await p.getByTestId('notifications-preview-result').waitFor();
    expect(await text(p, 'notifications-preview-summary')).toBe(
      'The next run would email 2 people. 2 more are left for a later run by the caps.',
    );
    const rows = await p
      .getByTestId('notifications-preview-row')
      .evaluateAll((els) => els.map((el) => [...el.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['Lena Lead', '3', '1', 'Role Split digest: 3 gaps to fix in SHOP'],
      ['Pete PM', '1', '0', 'Role Split digest: 1 gap to fix in SHOP'],
    ]);
    expect(await p.getByTestId('notifications-preview-skipped').locator('li').allTextContents()).toEqual([
      'Mo Muted: muted their reminders for this project',
      'No one: the project has no lead',
    ]);
    expect(await invokePayloads(v, 'notifications/preview')).toEqual([{}]);
  });

  it('tells someone who may not change them who can, without a form', async () => {
    const { page: p } = await open({
      'notifications/get': [
        fail(
          'FORBIDDEN',
          'Only a project admin (Administer Projects) or a Jira admin can see and change who Role Split emails about this project’s gaps.',
        ),
      ],
    });
    await p.getByTestId('notifications-forbidden').waitFor();
    expect(await text(p, 'notifications-forbidden')).toContain('Only a project admin');
    expect(await p.getByTestId('notifications-enabled').count()).toBe(0);
  });

  it('works from the keyboard: tick, choose an hour, save', async () => {
    const saved = notifications({ settings: { ...defaultNotificationSettings(), enabled: true, hour: 10 } });
    const v = await open({ 'notifications/get': [ok(notifications())], 'notifications/save': [ok(saved)] });
    const { page: p } = v;
    await p.getByTestId('notifications-enabled').focus();
    await p.keyboard.press('Space');
    expect(await p.getByTestId('notifications-enabled').isChecked()).toBe(true);
    await p.getByTestId('notifications-hour').focus();
    await p.keyboard.press('ArrowDown');
    await poll(() => p.getByTestId('notifications-hour').inputValue()).toBe('10');
    await p.getByTestId('notifications-save').focus();
    await p.keyboard.press('Enter');
    await poll(() => text(p, 'notifications-save-status')).toBe('Saved');
    expect(await invokePayloads(v, 'notifications/save')).toEqual([{ settings: saved.settings }]);
  });

  describe('accessibility', () => {
    for (const colorMode of ['light', 'dark'] as const) {
      it(`has no serious axe findings in the ${colorMode} theme (problems, preview and warnings shown)`, async () => {
        const { page: p } = await open(
          {
            'notifications/get': [
              ok(
                notifications({
                  canEditSiteCap: true,
                  impersonation: 'not-granted',
                  source: 'unreadable',
                  problem: 'The stored notification settings do not parse (hour: Too big).',
                  people: [PETE],
                  settings: {
                    ...defaultNotificationSettings(),
                    recipients: { projectLead: true, pmLeads: ['acc-pete'], extra: [] },
                  },
                  lastRun: {
                    at: '2026-11-30T08:20:00.000Z',
                    sent: 1,
                    failed: 1,
                    unknown: 0,
                    skipped: 0,
                    mailDisabled: true,
                  },
                }),
              ),
            ],
            'notifications/preview': [ok(preview)],
          },
          colorMode,
        );
        await p.getByTestId('notifications-preview-run').click();
        await p.getByTestId('notifications-preview-result').waitFor();
        await p.getByTestId('notifications-reminder-days').fill('');
        await p.getByTestId('notifications-save').click();
        await p.locator('.rs-notify-problem').first().waitFor();
        expect(await p.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe(
          colorMode,
        );
        expect(await seriousAxeFindings(p, '[data-testid="notifications-section"]')).toEqual([]);
      });
    }
  });
});
