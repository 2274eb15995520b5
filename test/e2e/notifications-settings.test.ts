// Gap emails in the sandbox: the local Forge host runs the real notification resolvers against the embedded
// site. A project and Jira admin turns emails on and saves them (the stored policy keeps every other field), sets
// the site-wide cap, previews the next run (the engine's own plan over the stored scan results); a person mutes
// and unmutes their reminders from the Alignment page and from an issue's full view, and through the email's own
// link (the Alignment page's URL + /mute, which the page's history receives). Screenshots of the section
// in both themes (docs/screenshots/settings-notifications-*.png with UPDATE_DOC_SCREENSHOTS=1).
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Frame, Page } from 'playwright-core';
import { describeIf, poll } from '../support/jest-helpers';
import { muteKey } from '../../src/app/notify/mute-store';
import { MUTE_ROUTE, muteLinkOf } from '../../src/app/notify/mute-link';
import { DEMO } from '../../sandbox/site';
import {
  HAS_CHROMIUM,
  appPorts,
  newPage,
  openIssuePanel,
  openProjectModule,
  projectModuleUrl,
  screenshot,
  seriousAxeFindings,
  startSandbox,
  type Sandbox,
} from './support';

let sandbox: Sandbox;

beforeAll(async () => {
  if (HAS_CHROMIUM) sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

async function openSettings(
  options: { colorMode?: 'light' | 'dark'; actAs?: string } = {},
): Promise<{ page: Page; frame: Frame }> {
  const opened = await openProjectModule(sandbox, 'jira:projectSettingsPage', options);
  await opened.frame.waitForSelector(
    '[data-testid="notifications-save"], [data-testid="notifications-forbidden"], [data-testid="notifications-error"]',
    { timeout: 30_000 },
  );
  return opened;
}

function openAlignment(actAs: string, below = ''): Promise<{ page: Page; frame: Frame }> {
  return openProjectModule(sandbox, 'jira:projectPage', { actAs, below });
}

/** Who muted SHOP's reminders, from the host's KVS (the key the run's planner reads with `mutedIn`). */
function mutedInHost(): string[] {
  const prefix = muteKey(DEMO.projectId, '');
  return sandbox.host.kvs.query({ prefix, limit: 100 }).data.map((entry) => entry.key.slice(prefix.length));
}

const text = async (frame: Frame, testId: string) =>
  (await frame.textContent(`[data-testid="${testId}"]`))?.trim() ?? null;

async function storedPolicy(): Promise<Record<string, unknown>> {
  const value = await appPorts(sandbox.site).jira.getProjectProperty(DEMO.projectKey, DEMO.policyPropertyKey);
  return (value ?? {}) as Record<string, unknown>;
}

/** Scrolls the page so `selector` starts at the top of the window, then takes the screenshot. */
async function showFrom(page: Page, frame: Frame, selector: string, name: string): Promise<void> {
  await frame.$eval(selector, (el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, name, { forDocs: true });
}

/** Scans run in the host's queue consumer; on a fresh site the first one takes a while. */
const SCAN_TIMEOUT = 90_000;

describeIf(HAS_CHROMIUM)('Gap emails in the sandbox', () => {
  it('lets an admin turn emails on and save them; every other field of the policy is kept', async () => {
    const before = await storedPolicy();
    const { page, frame } = await openSettings();
    expect(await frame.isChecked('[data-testid="notifications-enabled"]')).toBe(false);
    // The demo admin is a Jira admin: the site cap is theirs to change.
    expect(await frame.locator('#rs-notify-site-cap').count()).toBe(1);
    await showFrom(page, frame, '#rs-notify-heading', 'settings-notifications-light');

    await frame.check('[data-testid="notifications-enabled"]');
    await frame.selectOption('[data-testid="notifications-time-zone"]', 'Europe/Berlin');
    await frame.selectOption('[data-testid="notifications-hour"]', '8');
    await frame.fill('[data-testid="notifications-reminder-days"]', '3');
    await frame.check('[data-testid="notifications-warnings"]');
    await frame.click('[data-testid="notifications-save"]');
    await poll(() => text(frame, 'notifications-save-status'), { timeout: 20_000 }).toBe('Saved');

    const after = await storedPolicy();
    const { notifications, ...rest } = after;
    const { notifications: _none, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(notifications).toMatchObject({
      enabled: true,
      timeZone: 'Europe/Berlin',
      hour: 8,
      reminderDays: 3,
      warnings: true,
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    });

    // A new visit shows what is stored.
    const again = await openSettings();
    expect(await again.frame.isChecked('[data-testid="notifications-enabled"]')).toBe(true);
    expect(await again.frame.inputValue('[data-testid="notifications-time-zone"]')).toBe('Europe/Berlin');
    expect(await again.frame.inputValue('[data-testid="notifications-reminder-days"]')).toBe('3');
  });

  it('keeps the site cap for Jira admins, and previews the next run from the stored results', async () => {
    // The Alignment page's first visit starts the first scan; the preview plans from its stored results.
    const alignment = await openAlignment(DEMO.adminUser.accountId);
    await alignment.frame.waitForSelector('[data-testid="page-coverage-pm"]', { timeout: SCAN_TIMEOUT });
    const { page, frame } = await openSettings();
    await frame.fill('#rs-notify-site-cap', '40');
    await frame.click('[data-testid="notifications-site-cap-save"]');
    await poll(() => text(frame, 'notifications-sent-today'), { timeout: 20_000 }).toBe(
      '0 of the site’s 40 a day',
    );
    await frame.click('[data-testid="notifications-preview-run"]');
    await frame.waitForSelector(
      '[data-testid="notifications-preview-result"], [data-testid="notifications-preview-error"]',
      { timeout: 30_000 },
    );
    expect(await frame.locator('[data-testid="notifications-preview-error"]').count()).toBe(0);
    expect(await text(frame, 'notifications-preview-summary')).toMatch(
      /^The next run would email \d+ (person|people)\./,
    );
    // SHOP's lead gets the strategy gaps (epics without a PM): the project lead is on by default.
    const rows = await frame.$$eval('[data-testid="notifications-preview-row"] td:first-child', (cells) =>
      cells.map((cell) => cell.textContent),
    );
    expect(rows).toContain(DEMO.people.pmDirect.displayName);
    await showFrom(page, frame, '[data-testid="notifications-status"]', 'settings-notifications-preview');
  });

  it('has no serious axe findings in the dark theme', async () => {
    const { page, frame } = await openSettings({ colorMode: 'dark' });
    await showFrom(page, frame, '#rs-notify-heading', 'settings-notifications-dark');
    expect(await seriousAxeFindings(frame)).toEqual([]);
  });

  it('lets a person mute and unmute their reminders on the Alignment page', async () => {
    const person = DEMO.people.pmDirect.accountId;
    const { frame } = await openAlignment(person);
    await frame.click('[data-testid="mute-project-open"]');
    await poll(() => text(frame, 'mute-project-state'), { timeout: 20_000 }).toBe(
      'You get Role Split’s gap reminder emails for this project.',
    );
    await frame.click('[data-testid="mute-project-toggle"]');
    await poll(() => text(frame, 'mute-confirmation'), { timeout: 20_000 }).toContain('Reminders muted');

    // The next visit, from an issue's full view this time, shows it muted; unmuting there undoes it.
    const page = await newPage(sandbox, { colorMode: 'light', actAs: person });
    const panel = await openIssuePanel(page, sandbox, DEMO.issues.coveredStory);
    await panel.click('[data-testid="mute-issue-open"]', { timeout: 30_000 });
    await poll(() => text(panel, 'mute-issue-state'), { timeout: 20_000 }).toContain('are muted');
    await panel.click('[data-testid="mute-issue-toggle"]');
    await poll(() => text(panel, 'mute-confirmation'), { timeout: 20_000 }).toContain('Reminders back on');

    const back = await openAlignment(person);
    await back.frame.click('[data-testid="mute-project-open"]');
    await poll(() => text(back.frame, 'mute-project-state'), { timeout: 20_000 }).toBe(
      'You get Role Split’s gap reminder emails for this project.',
    );
  });

  it('lands the email’s mute link on the Alignment page: asks, mutes, and Undo unmutes', async () => {
    const person = DEMO.people.poDirect.accountId;
    const pageUrl = projectModuleUrl(sandbox, 'jira:projectPage');
    const { page, frame } = await openAlignment(person, MUTE_ROUTE);
    expect(page.url()).toBe(muteLinkOf(pageUrl));
    await frame.waitForSelector('[data-testid="mute-landing"]', { timeout: 30_000 });
    await screenshot(page, 'alignment-mute-landing');
    await frame.click('[data-testid="mute-landing-confirm"]');
    await poll(() => text(frame, 'mute-confirmation'), { timeout: 20_000 }).toContain('Reminders muted');
    expect(await seriousAxeFindings(frame)).toEqual([]);

    // Muted where the run looks: the engine's planner reads the same key.
    expect(mutedInHost()).toContain(person);

    await frame.click('[data-testid="mute-undo"]');
    await poll(() => text(frame, 'mute-confirmation'), { timeout: 20_000 }).toContain('Reminders back on');
    expect(mutedInHost()).not.toContain(person);
  });
});
