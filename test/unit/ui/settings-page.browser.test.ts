// The settings page (built Custom UI in headless Chromium) against canned answers of its resolvers: where the
// settings come from, the onboarding for missing roles, the scan box, the role sources with group and people
// search, validation with the focus on the first problem, saving (success, refusals, nothing typed lost),
// FORBIDDEN without a form, keyboard use, widths 900-1600 px and axe in both themes.
import { existsSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { ScanStatusView } from '../../../src/contract/alignment';
import type { PolicyInput, SettingsView } from '../../../src/contract/settings';
import { GAP_CODES } from '../../../src/domain/model';
import { seriousAxeFindings } from '../../support/axe';
import { describeIf, poll } from '../../support/jest-helpers';
import { CHROMIUM, fail, harnessForSuite, invokePayloads, ok, type Answer } from './custom-ui-harness';
import { policyInput as policy } from './settings.fixtures';

const canRun = existsSync(CHROMIUM);
if (!canRun) console.warn(`Settings page browser tests skipped: ${CHROMIUM} not found.`);

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

function scan(over: Partial<ScanStatusView> = {}): ScanStatusView {
  return {
    state: 'done',
    kind: 'full',
    phase: 'done',
    done: 88,
    total: 88,
    startedAt: ago(2 * HOUR + 125_000),
    finishedAt: ago(2 * HOUR),
    durationMs: 125_000,
    error: null,
    ...over,
  };
}

function view(over: Partial<SettingsView> = {}): SettingsView {
  return {
    project: { id: '10000', key: 'SHOP', name: 'Webshop', style: 'company-managed' },
    enabled: true,
    policy: policy(),
    source: 'stored',
    problem: null,
    issueTypes: [
      { id: '1', name: 'Epic', hierarchyLevel: 1 },
      { id: '2', name: 'Story', hierarchyLevel: 0 },
      { id: '3', name: 'Bug', hierarchyLevel: 0 },
      { id: '4', name: 'Task', hierarchyLevel: 0 },
      { id: '5', name: 'Sub-task', hierarchyLevel: -1 },
    ],
    projectRoles: [
      { id: 10002, name: 'Administrators' },
      { id: 10100, name: 'Product Manager' },
      { id: 10101, name: 'Product Owner' },
      { id: 10003, name: 'Developers' },
      // Jira's role for apps: never offered (it holds app accounts only).
      { id: 10004, name: 'atlassian-addons-project-access' },
    ],
    onboarding: { kind: 'ok' },
    plan: 'PAID',
    people: [{ accountId: 'acc-ana', displayName: 'Ana Lima', eligible: true, reason: null }],
    health: {
      lastScan: scan(),
      currentScan: null,
      failures: [],
      savedAt: ago(26 * HOUR),
      rescanPending: false,
    },
    ...over,
  };
}

const LONG = 'An exceptionally long group name used by the platform team for product ownership reviews';

describeIf(canRun)('Settings page in a browser', () => {
  const openView = harnessForSuite();

  const open = async (
    byKey: Record<string, Answer[]>,
    options: { width?: number; colorMode?: 'light' | 'dark' } = {},
  ) =>
    openView(
      { module: 'jira:projectSettingsPage', answers: ['throw'], byKey, colorMode: options.colorMode },
      options.width ?? 1280,
    );
  const text = (p: PlaywrightPage, testId: string) => p.getByTestId(testId).first().textContent();
  const checkedTypes = (p: PlaywrightPage) =>
    p
      .getByTestId('settings-type')
      .evaluateAll((els) =>
        (els as HTMLInputElement[]).filter((el) => el.checked).map((el) => el.dataset.typeName),
      );
  const focusedId = (p: PlaywrightPage) => p.evaluate(() => document.activeElement?.id ?? null);

  describe('what the page shows', () => {
    it('loads, then shows the project, the roles’ sources, the scope, the rules and the scan box', async () => {
      const v = await open({ 'settings/get': [ok(view())] });
      const { page: p } = v;
      await poll(() => text(p, 'settings-project')).toBe('Webshop');
      expect(await p.getByTestId('settings-source').count()).toBe(0);
      expect(await p.getByTestId('settings-onboarding').count()).toBe(0);
      // PM and PO: the project's roles as checkboxes, the chosen ones checked.
      const checkedRoles = (role: string) =>
        p
          .getByTestId(`settings-${role}-role`)
          .evaluateAll((els) =>
            (els as HTMLInputElement[]).filter((el) => el.checked).map((el) => el.dataset.roleName),
          );
      expect(await checkedRoles('pm')).toEqual(['Product Manager']);
      expect(await checkedRoles('po')).toEqual(['Product Owner']);
      expect(
        await p
          .getByTestId('settings-pm-role')
          .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).dataset.roleName)),
      ).toEqual(['Administrators', 'Product Manager', 'Product Owner', 'Developers']);
      expect(await text(p, 'settings-po-group')).toContain('po-leads');
      expect(await text(p, 'settings-po-person')).toContain('Ana Lima');
      // Only level-0 types are offered; Story is in scope.
      const offered = await p
        .getByTestId('settings-type')
        .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).dataset.typeName));
      expect(offered).toEqual(['Story', 'Bug', 'Task']);
      expect(await checkedTypes(p)).toEqual(['Story']);
      expect(await p.getByLabel('Grace period for new issues (days)').inputValue()).toBe('0');
      // Every rule, with its words, on, at its default severity.
      expect(await p.getByTestId('settings-rule').count()).toBe(GAP_CODES.length);
      const row = p.locator('[data-testid="settings-rule"][data-code="SAME_PERSON_PM_AND_PO"]');
      expect(await row.textContent()).toContain('A story’s PO should not also be its epic’s PM');
      expect(await row.getByTestId('settings-rule-severity').inputValue()).toBe('warning');
      // The scan box.
      expect(await text(p, 'settings-last-scan')).toContain('Full scan finished');
      expect(await text(p, 'settings-last-scan')).toContain('took 2 min 5 s');
      expect(await text(p, 'settings-last-scan')).toContain('2 hours ago');
      expect(await text(p, 'settings-current-scan')).toBe('No scan running');
      expect(await text(p, 'settings-saved-at')).toContain('yesterday');
      expect(await p.getByTestId('settings-rescan-pending').count()).toBe(0);
      expect(await text(p, 'settings-save-status')).toBe('No unsaved changes');
      expect(await invokePayloads(v, 'settings/get')).toEqual([{}]);
    });

    it('says when the defaults apply, and why when the stored settings cannot be read', async () => {
      const first = await open({
        'settings/get': [ok(view({ source: 'default', health: { ...view().health, savedAt: null } }))],
      });
      await poll(() => text(first.page, 'settings-source')).toContain('Role Split is using its defaults');
      expect(await text(first.page, 'settings-saved-at')).toBe('Never: the defaults apply');
      await first.close();
      const { page: p } = await open({
        'settings/get': [
          ok(view({ source: 'unreadable', problem: 'graceDays must be a whole number from 0 to 365.' })),
        ],
      });
      await poll(() => text(p, 'settings-source')).toContain(
        'graceDays must be a whole number from 0 to 365. The defaults apply until you save.',
      );
      await p.close();
      // Stored by another tool (no save time): neither "never saved" nor a time.
      const stored = await open({
        'settings/get': [ok(view({ health: { ...view().health, savedAt: null } }))],
      });
      await poll(() => text(stored.page, 'settings-saved-at')).toBe(
        'Not from this page: no save time is recorded',
      );
      expect(await stored.page.getByTestId('settings-source').count()).toBe(0);
    });

    it('shows a scan running, recent failures and a pending rescan', async () => {
      const { page: p } = await open({
        'settings/get': [
          ok(
            view({
              health: {
                lastScan: scan({
                  state: 'failed',
                  kind: 'incremental',
                  error: { code: 'JIRA_UNAVAILABLE', message: 'Jira did not answer while reading issues.' },
                }),
                currentScan: scan({
                  state: 'running',
                  phase: 'reading',
                  done: 1200,
                  total: 10_000,
                  finishedAt: null,
                  durationMs: null,
                }),
                failures: [
                  {
                    at: ago(2 * HOUR),
                    code: 'JIRA_UNAVAILABLE',
                    message: 'Jira did not answer while reading issues.',
                  },
                  { at: ago(30 * HOUR), code: 'RATE_LIMITED', message: 'Jira limited the scan’s requests.' },
                ],
                savedAt: ago(60_000),
                rescanPending: true,
              },
            }),
          ),
        ],
      });
      await poll(() => text(p, 'settings-rescan-pending')).toContain('Settings changed — rescan pending');
      expect(await text(p, 'settings-current-scan')).toBe(
        'Full scan running: Reading issues: 1,200 of 10,000',
      );
      expect(await text(p, 'settings-last-scan')).toContain('Rescan failed');
      expect(await text(p, 'settings-last-scan-error')).toBe('Jira did not answer while reading issues.');
      const failures = await p.getByTestId('settings-failure').allTextContents();
      expect(failures).toHaveLength(2);
      expect(failures[1]).toContain('Jira limited the scan’s requests. (RATE_LIMITED)');
    });

    it('says how a Jira admin creates missing roles, and shows them as missing', async () => {
      const { page: p } = await open({
        'settings/get': [
          ok(
            view({
              projectRoles: [
                { id: 10002, name: 'Administrators' },
                { id: 10003, name: 'Developers' },
              ],
              onboarding: {
                kind: 'create-roles',
                missing: [
                  { role: 'pm', name: 'Product Manager' },
                  { role: 'po', name: 'Product Owner' },
                ],
              },
            }),
          ),
        ],
      });
      const notice = p.getByTestId('settings-onboarding');
      await poll(() => notice.textContent()).toContain('Settings › System › Project roles');
      expect(await notice.getAttribute('data-kind')).toBe('create-roles');
      const missing = p.getByTestId('settings-pm-role-missing');
      expect(await missing.getAttribute('data-role-name')).toBe('Product Manager');
      expect(await missing.textContent()).toContain('Not in this project');
      // Unchecking a missing role takes it out of the draft but keeps it listed, so a misclick can be undone.
      await missing.getByRole('checkbox').click();
      await poll(() => missing.getByRole('checkbox').isChecked()).toBe(false);
      expect(await p.getByTestId('settings-pm-role-missing').count()).toBe(1);
      expect(await p.getByTestId('settings-unsaved').count()).toBe(1);
      await missing.getByRole('checkbox').click();
      await poll(() => p.getByTestId('settings-unsaved').count()).toBe(0);
    });

    for (const [reason, title] of [
      ['free-plan', 'Jira Free has no custom project roles'],
      ['team-managed', 'Team-managed projects have a fixed set of roles'],
    ] as const) {
      it(`explains ${reason} and leads with groups and people`, async () => {
        const { page: p } = await open({
          'settings/get': [
            ok(
              view({
                project: {
                  id: '10001',
                  key: 'TEAM',
                  name: 'Team project',
                  style: reason === 'team-managed' ? 'team-managed' : 'company-managed',
                },
                plan: reason === 'free-plan' ? 'FREE' : 'PAID',
                source: 'default',
                projectRoles: [
                  { id: 1, name: 'Administrator' },
                  { id: 2, name: 'Member' },
                ],
                onboarding: {
                  kind: 'roles-unavailable',
                  reason,
                  missing: [
                    { role: 'pm', name: 'Product Manager' },
                    { role: 'po', name: 'Product Owner' },
                  ],
                },
              }),
            ),
          ],
        });
        await poll(() => p.getByTestId('settings-onboarding').getAttribute('data-kind')).toBe(
          'roles-unavailable',
        );
        expect(await text(p, 'settings-onboarding')).toContain(title);
        // Groups and people come before project roles in each role's box.
        const order = await p
          .getByTestId('settings-pm')
          .locator('[data-testid="settings-pm-groups"], [data-testid="settings-pm-roles"]')
          .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
        expect(order).toEqual(['settings-pm-groups', 'settings-pm-roles']);
        await p.getByTestId('settings-choose-groups').click();
        expect(await focusedId(p)).toBe('rs-settings-pm-groups-input');
        // Nothing stored: the missing default roles start unticked, and stay listed to be ticked again.
        const missingPm = p.getByTestId('settings-pm-role-missing-check');
        expect(await missingPm.isChecked()).toBe(false);
        await missingPm.check();
        expect(await missingPm.isChecked()).toBe(true);
        await missingPm.uncheck();
        expect(await p.getByTestId('settings-pm-role-missing').count()).toBe(1);
        // The defaults note does not claim roles the project lacks.
        expect(await text(p, 'settings-source')).toContain('role that this project does not have');
      });
    }

    it('shows the workflow validator steps for the project’s kind', async () => {
      for (const style of ['team-managed', 'company-managed'] as const) {
        const { page: p } = await open({
          'settings/get': [ok(view({ project: { id: '10001', key: 'TEAM', name: 'Team project', style } }))],
        });
        const steps = await p.getByTestId('settings-workflow-steps').textContent();
        if (style === 'team-managed') {
          expect(steps).toContain('A project admin: Project settings › Workflow › select the transition');
          expect(steps).not.toContain('publish the workflow');
        } else {
          expect(steps).toContain('A Jira admin: Project settings › Workflows › edit the workflow');
          expect(steps).toContain('publish the workflow');
        }
      }
    });

    it('shows who may change the settings, and no form, to anyone else', async () => {
      const { page: p } = await open({
        'settings/get': [
          fail('FORBIDDEN', 'Only a project admin or a Jira admin can change these settings.'),
        ],
      });
      await poll(() => text(p, 'settings-forbidden')).toContain(
        'Only a project admin or a Jira admin can change these settings',
      );
      expect(await p.getByTestId('settings-roles').count()).toBe(0);
      expect(await p.getByTestId('settings-save').count()).toBe(0);
      expect(await p.locator('input, select').count()).toBe(0);
    });

    it('says when the settings could not be read, and tries again', async () => {
      const { page: p } = await open({
        'settings/get': [fail('JIRA_UNAVAILABLE', 'Jira answered 503'), ok(view())],
      });
      await poll(() => text(p, 'settings-error')).toContain('Jira did not answer');
      await p.getByRole('button', { name: 'Retry' }).click();
      await poll(() => text(p, 'settings-project')).toBe('Webshop');
    });
  });

  describe('editing the sources', () => {
    it('adds a group and a person found as you type, and removes them again', async () => {
      const v = await open({
        'settings/get': [ok(view())],
        'settings/search-groups': [ok({ groups: [{ groupId: 'g-pm', name: 'pm-leads' }] })],
        'settings/search-people': [
          ok({
            people: [
              { accountId: 'acc-bo', displayName: 'Bo Chen', eligible: true, reason: null },
              { accountId: 'acc-ana', displayName: 'Ana Lima', eligible: true, reason: null },
            ],
          }),
        ],
      });
      const { page: p } = v;
      await p.getByLabel('Add a group').first().fill('pm-l');
      await p.getByText('pm-leads', { exact: true }).click();
      await poll(() => p.getByTestId('settings-pm-group').allTextContents()).toEqual(['pm-leads×']);
      // Debounced: one request for what was typed.
      expect(await invokePayloads(v, 'settings/search-groups')).toEqual([{ query: 'pm-l' }]);
      await p.getByLabel('Add a person').nth(1).fill('Bo');
      await p.getByText('Bo Chen', { exact: true }).click();
      await poll(() =>
        p
          .getByTestId('settings-po-person')
          .evaluateAll((els) => els.map((el) => el.getAttribute('data-account'))),
      ).toEqual(['acc-ana', 'acc-bo']);
      expect(await invokePayloads(v, 'settings/search-people')).toEqual([{ query: 'Bo' }]);
      expect(await p.getByTestId('settings-unsaved').count()).toBe(1);
      await p.getByRole('button', { name: 'Remove Bo Chen from the PO sources' }).click();
      await p.getByRole('button', { name: 'Remove the group pm-leads from the PM sources' }).click();
      await poll(() => text(p, 'settings-save-status')).toBe('No unsaved changes');
    });

    it('says why a search failed under its field', async () => {
      const { page: p } = await open({
        'settings/get': [ok(view())],
        'settings/search-groups': [fail('RATE_LIMITED', 'Too many requests')],
      });
      await p.getByLabel('Add a group').first().fill('pm');
      await poll(() => text(p, 'settings-pm-group-search-error')).toContain(
        'Jira asked Role Split to slow down',
      );
    });
  });

  describe('saving', () => {
    it('refuses what cannot be saved, inline, and moves the focus to the first problem', async () => {
      const v = await open({ 'settings/get': [ok(view())] });
      const { page: p } = v;
      await poll(() => p.getByTestId('settings-pm-role').count()).toBe(4);
      await p.locator('[data-testid="settings-pm-role"][data-role-name="Product Manager"]').uncheck();
      await p.locator('[data-testid="settings-type"][data-type-name="Story"]').uncheck();
      await p.getByLabel('Grace period for new issues (days)').fill('400');
      await p.getByTestId('settings-save').click();
      expect(await text(p, 'settings-pm-error')).toBe(
        'Choose at least one source for the Product Manager role: a project role, a group or a person.',
      );
      expect(await text(p, 'settings-types-error')).toBe(
        'Choose at least one issue type for Product Owners to own.',
      );
      expect(await text(p, 'settings-grace-error')).toBe('Enter a whole number of days from 0 to 365.');
      expect(await text(p, 'settings-save-status')).toBe('3 settings need fixing before they can be saved.');
      // The focus is on the PM box's first control; the fields say what is wrong with them.
      expect(await focusedId(p)).toMatch(/^rs-settings-pm-role-/);
      expect(await p.getByLabel('Grace period for new issues (days)').getAttribute('aria-invalid')).toBe(
        'true',
      );
      expect(await invokePayloads(v, 'settings/save')).toEqual([]);
      // Errors follow the fixes.
      await p.getByLabel('Grace period for new issues (days)').fill('14');
      await poll(() => p.getByTestId('settings-grace-error').count()).toBe(0);
      expect(await text(p, 'settings-save-status')).toBe('2 settings need fixing before they can be saved.');
    });

    it('saves the whole policy, says a rescan is queued, and shows the pending rescan', async () => {
      const saved = view({
        policy: policy({ executionTypes: ['Story', 'Bug'], graceDays: 3 }),
        health: { ...view().health, savedAt: new Date().toISOString(), rescanPending: true },
      });
      const v = await open({ 'settings/get': [ok(view())], 'settings/save': [ok(saved)] });
      const { page: p } = v;
      await poll(() => checkedTypes(p)).toEqual(['Story']);
      await p.locator('[data-testid="settings-type"][data-type-name="Bug"]').check();
      await p.getByLabel('Grace period for new issues (days)').fill('3');
      await p
        .locator('[data-testid="settings-rule"][data-code="STORY_WITHOUT_EPIC"]')
        .getByTestId('settings-rule-severity')
        .selectOption('error');
      await p
        .locator('[data-testid="settings-rule"][data-code="EPIC_WITHOUT_STORIES"]')
        .getByTestId('settings-rule-enabled')
        .uncheck();
      expect(await p.getByTestId('settings-unsaved').count()).toBe(1);
      await p.getByTestId('settings-save').click();
      await poll(() => text(p, 'settings-saved')).toBe('Saved — a rescan is queued');
      const want = policy({ executionTypes: ['Story', 'Bug'], graceDays: 3 });
      want.rules.STORY_WITHOUT_EPIC = { enabled: true, severity: 'error' };
      want.rules.EPIC_WITHOUT_STORIES = { enabled: false, severity: 'warning' };
      expect(await invokePayloads(v, 'settings/save')).toEqual([{ policy: want }]);
      expect(await text(p, 'settings-rescan-pending')).toContain('Settings changed — rescan pending');
      expect(await text(p, 'settings-saved-at')).toContain('just now');
    });

    it('is disabled while saving', async () => {
      const { page: p } = await open({ 'settings/get': [ok(view())], 'settings/save': ['pending'] });
      await p.getByLabel('Check done issues too').check();
      await p.getByTestId('settings-save').click();
      await poll(() => text(p, 'settings-save')).toBe('Saving…');
      expect(await p.getByTestId('settings-save').isDisabled()).toBe(true);
      expect(await p.getByTestId('settings-reset').isDisabled()).toBe(true);
    });

    it('keeps everything typed when a save fails, and says why', async () => {
      const v = await open({
        'settings/get': [ok(view())],
        'settings/save': [
          fail('BAD_REQUEST', 'Bug is no longer an issue type of SHOP; choose from Story, Task'),
          fail('JIRA_UNAVAILABLE', 'Jira answered 503'),
          fail('FORBIDDEN', 'Only a project admin or a Jira admin can change these settings.'),
          ok(view({ policy: policy({ executionTypes: ['Story', 'Bug'] }) })),
        ],
      });
      const { page: p } = v;
      await p.locator('[data-testid="settings-type"][data-type-name="Bug"]').check();
      await p.getByTestId('settings-save').click();
      await poll(() => text(p, 'settings-save-error')).toContain(
        'Bug is no longer an issue type of SHOP; choose from Story, Task. Nothing was saved; your changes are still here.',
      );
      expect(await checkedTypes(p)).toEqual(['Story', 'Bug']);
      expect(await p.getByTestId('settings-unsaved').count()).toBe(1);
      await p.getByTestId('settings-save').click();
      await poll(() => text(p, 'settings-save-error')).toContain('Not saved: Jira did not answer');
      await p.getByTestId('settings-save').click();
      await poll(() => text(p, 'settings-save-error')).toContain(
        'Only a project admin or a Jira admin can change these settings',
      );
      // The form stays, with the change, for whoever can save it (or a later attempt).
      expect(await checkedTypes(p)).toEqual(['Story', 'Bug']);
      await p.getByTestId('settings-save').click();
      await poll(() => text(p, 'settings-saved')).toBe('Saved — a rescan is queued');
      expect(await p.getByTestId('settings-save-error').count()).toBe(0);
      expect((await invokePayloads(v, 'settings/save')).length).toBe(4);
    });

    it('goes back to what is saved with "Reset to saved"', async () => {
      const { page: p } = await open({ 'settings/get': [ok(view())] });
      await poll(() => p.getByTestId('settings-reset').isDisabled()).toBe(true);
      await p.locator('[data-testid="settings-type"][data-type-name="Task"]').check();
      await p.getByLabel('Grace period for new issues (days)').fill('abc');
      await p.getByTestId('settings-save').click();
      await poll(() => p.getByTestId('settings-grace-error').count()).toBe(1);
      await p.getByTestId('settings-reset').click();
      expect(await checkedTypes(p)).toEqual(['Story']);
      expect(await p.getByLabel('Grace period for new issues (days)').inputValue()).toBe('0');
      expect(await p.getByTestId('settings-grace-error').count()).toBe(0);
      expect(await text(p, 'settings-save-status')).toBe('No unsaved changes');
    });

    it('checks the scans again without touching unsaved changes', async () => {
      const later = view({
        health: { ...view().health, currentScan: scan({ state: 'queued', finishedAt: null }) },
      });
      const { page: p } = await open({ 'settings/get': [ok(view()), ok(later)] });
      await p.locator('[data-testid="settings-type"][data-type-name="Task"]').check();
      await p.getByTestId('settings-health-refresh').click();
      await poll(() => text(p, 'settings-current-scan')).toBe('Full scan waiting to start');
      expect(await checkedTypes(p)).toEqual(['Story', 'Task']);
    });

    it('can be filled in and saved with the keyboard alone', async () => {
      const v = await open({
        'settings/get': [ok(view())],
        'settings/search-groups': [ok({ groups: [{ groupId: 'g-pm', name: 'pm-leads' }] })],
        'settings/save': [ok(view())],
      });
      const { page: p } = v;
      await poll(() => p.getByTestId('settings-pm-role').count()).toBe(4);
      await p.locator('#rs-settings-pm-groups-input').focus();
      await p.keyboard.type('pm');
      await poll(() => p.getByText('pm-leads', { exact: true }).count()).toBe(1);
      await p.keyboard.press('ArrowDown');
      await p.keyboard.press('Enter');
      await poll(() => p.getByTestId('settings-pm-group').count()).toBe(1);
      // Tab through to the Bug checkbox and tick it with the space bar.
      await p.locator('[data-testid="settings-type"][data-type-name="Story"]').focus();
      await p.keyboard.press('Tab');
      await p.keyboard.press('Space');
      expect(await checkedTypes(p)).toEqual(['Story', 'Bug']);
      await p.getByTestId('settings-save').focus();
      await p.keyboard.press('Enter');
      await poll(() => invokePayloads(v, 'settings/save').then((list) => list.length)).toBe(1);
      const sent = (await invokePayloads(v, 'settings/save'))[0] as { policy: PolicyInput };
      expect(sent.policy.roles.pm.groups).toEqual([{ groupId: 'g-pm', name: 'pm-leads' }]);
      expect(sent.policy.executionTypes).toEqual(['Story', 'Bug']);
    });
  });

  describe('layout and accessibility', () => {
    /** Everything at once: onboarding, failures, a pending rescan, long names, errors and a refused save. */
    const busy = () =>
      view({
        source: 'unreadable',
        problem: 'rules.SAME_PERSON_PM_AND_PO.severity must be error or warning.',
        onboarding: {
          kind: 'create-roles',
          missing: [{ role: 'pm', name: 'Product Management Leadership Team' }],
        },
        policy: policy({
          roles: {
            pm: {
              projectRoles: ['Product Management Leadership Team'],
              groups: [{ groupId: 'g-l', name: LONG }],
              accountIds: [],
            },
            po: {
              projectRoles: ['Product Owner'],
              groups: [{ groupId: 'g-po', name: 'po-leads' }],
              accountIds: ['acc-ana', 'acc-gone'],
            },
          },
        }),
        people: [
          {
            accountId: 'acc-ana',
            displayName: 'Maximiliana Theodora Featherstonehaugh-Wolfeschlegel',
            eligible: true,
            reason: null,
          },
          { accountId: 'acc-gone', displayName: null, eligible: false, reason: 'unknown-account' },
        ],
        health: {
          lastScan: scan({
            state: 'failed',
            error: { code: 'INTERNAL', message: `The scan stopped: ${LONG}` },
          }),
          currentScan: scan({ state: 'running', phase: 'evaluating', finishedAt: null, durationMs: null }),
          failures: [{ at: ago(HOUR), code: 'INTERNAL', message: `The scan stopped: ${LONG}` }],
          savedAt: ago(HOUR),
          rescanPending: true,
        },
      });

    const withEverythingShown = async (p: PlaywrightPage) => {
      await poll(() => p.getByTestId('settings-onboarding').count()).toBe(1);
      await p.getByLabel('Grace period for new issues (days)').fill('-3');
      await p.getByTestId('settings-save').click();
      await poll(() => p.getByTestId('settings-grace-error').count()).toBe(1);
    };

    for (const width of [900, 1280, 1600]) {
      it(`fits ${width} px without sideways scrolling or clipped text`, async () => {
        const { page: p } = await open({ 'settings/get': [ok(busy())] }, { width });
        await withEverythingShown(p);
        expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        const clipped = await p.evaluate(() => {
          const found: string[] = [];
          for (const el of document.querySelectorAll<HTMLElement>('main *')) {
            if (el.scrollWidth <= el.clientWidth + 1) continue;
            const style = getComputedStyle(el);
            if (style.overflowX === 'visible') continue;
            if (
              el.classList.contains('rs-visually-hidden') ||
              el.closest('[class*="ValueContainer"], [class*="-container"]')
            )
              continue;
            found.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.slice(0, 40)}`);
          }
          return found;
        });
        expect(clipped).toEqual([]);
      });
    }

    for (const colorMode of ['light', 'dark'] as const) {
      it(`has no serious axe findings in the ${colorMode} theme, everything shown`, async () => {
        const { page: p } = await open(
          {
            'settings/get': [ok(busy())],
            'settings/search-groups': [ok({ groups: [{ groupId: 'g-x', name: 'platform' }] })],
          },
          { colorMode },
        );
        await withEverythingShown(p);
        expect(await p.evaluate(() => document.documentElement.dataset.colorMode)).toBe(colorMode);
        expect(await seriousAxeFindings(p)).toEqual([]);
        // With a search menu open too.
        await p.getByLabel('Add a group').first().fill('plat');
        await poll(() => p.getByText('platform', { exact: true }).count()).toBe(1);
        expect(await seriousAxeFindings(p)).toEqual([]);
      });
    }

    it('has no serious axe findings on the FORBIDDEN page (dark)', async () => {
      const { page: p } = await open({ 'settings/get': [fail('FORBIDDEN', 'no')] }, { colorMode: 'dark' });
      await poll(() => p.getByTestId('settings-forbidden').count()).toBe(1);
      expect(await seriousAxeFindings(p)).toEqual([]);
    });
  });
});
