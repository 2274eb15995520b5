// The project settings page in the sandbox: the local Forge host runs the real settings resolvers against the
// embedded site, as the user. An admin adds Bug to the scope and the queued rescan applies it (the Alignment
// page then counts what a full read with the new policy counts); someone who is not an admin is refused; the
// onboarding when the named roles do not exist (a Jira admin can create them), on Jira Free (the sandbox's
// plan switch) and in the team-managed project, where the admin names groups and people instead.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Frame, Page } from 'playwright-core';
import { describeIf, poll } from '../support/jest-helpers';
import { referenceScan } from '../support/reference-scan';
import type { GapReport } from '../../src/domain/model';
import { defaultPolicy, type Policy } from '../../src/domain/policy';
import { embeddedSiteGateway } from '../../sandbox/host';
import { DEMO } from '../../sandbox/site';
import {
  HAS_CHROMIUM,
  appPorts,
  openProjectModule,
  screenshot,
  seriousAxeFindings,
  startSandbox,
  type Sandbox,
} from './support';

let sandbox: Sandbox;
/** Scans run in the host's queue consumer; on a fresh site the first one takes a while. */
const SCAN_TIMEOUT = 90_000;

beforeAll(async () => {
  if (HAS_CHROMIUM) sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

async function openSettings(
  options: { colorMode?: 'light' | 'dark'; projectKey?: string; actAs?: string } = {},
): Promise<{ page: Page; frame: Frame }> {
  return openProjectModule(sandbox, 'jira:projectSettingsPage', options);
}

/** The form is there (or the refusal), once the page's first read answered. */
async function ready(frame: Frame): Promise<void> {
  await frame.waitForSelector(
    '[data-testid="settings-save"], [data-testid="settings-forbidden"], [data-testid="settings-error"]',
    { timeout: 30_000 },
  );
}

const text = async (frame: Frame, testId: string) =>
  (await frame.textContent(`[data-testid="${testId}"]`))?.trim() ?? null;

/** The project's `role-split-policy` as stored (read as the app through Jira's REST API). */
async function storedPolicy(projectKey: string): Promise<Record<string, unknown> | null> {
  const value = await appPorts(sandbox.site).jira.getProjectProperty(projectKey, DEMO.policyPropertyKey);
  return (value ?? null) as Record<string, unknown> | null;
}

async function putPolicy(projectKey: string, value: unknown): Promise<void> {
  const response = await embeddedSiteGateway(sandbox.site).request(
    { kind: 'user', accountId: DEMO.adminUser.accountId },
    `/rest/api/3/project/${projectKey}/properties/${DEMO.policyPropertyKey}`,
    { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) },
  );
  expect(response.status).toBeLessThan(300);
}

/** Switches the site's plan the way the sandbox menu does (`POST /_sandbox/plan`). */
async function setPlan(plan: 'free' | 'standard'): Promise<void> {
  const response = await fetch(`${sandbox.site.url}/_sandbox/plan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sandbox-secret': sandbox.site.secret },
    body: JSON.stringify({ plan }),
  });
  expect(response.status).toBe(200);
}

async function report(policy: Policy): Promise<GapReport> {
  const outcome = await referenceScan(appPorts(sandbox.site), { projectKey: DEMO.projectKey, policy });
  if (!outcome.ok) throw new Error(`reference scan failed: ${JSON.stringify(outcome.error)}`);
  return outcome.report;
}

function countsByCode(gaps: GapReport['gaps']): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const gap of gaps) counts[gap.code] = (counts[gap.code] ?? 0) + 1;
  return counts;
}

const alignmentCounts = (frame: Frame) =>
  frame.$$eval('[data-testid^="page-code-"]', (chips) =>
    Object.fromEntries(
      chips.map((c): [string, number] => [
        c.getAttribute('data-testid')?.slice('page-code-'.length) ?? '',
        Number(c.getAttribute('data-count')),
      ]),
    ),
  );

describeIf(HAS_CHROMIUM)('settings page in the sandbox', () => {
  it('lets an admin add Bug to the scope; the next scan applies it on the Alignment page', async () => {
    // The same project read in full by the engine, before and after: bugs without a PO must become gaps, or
    // this test could not tell the settings apart.
    const withBugs = await report({ ...defaultPolicy(), executionTypes: ['Story', 'Bug'] });
    const before = await report(defaultPolicy());
    expect(withBugs.gaps.some((g) => g.issueType === 'Bug')).toBe(true);
    expect(before.gaps.some((g) => g.issueType === 'Bug')).toBe(false);

    const { page, frame } = await openSettings();
    await ready(frame);
    expect(await text(frame, 'settings-project')).toBe(DEMO.projectName);
    expect(await frame.isChecked('[data-testid="settings-type"][data-type-name="Story"]')).toBe(true);
    expect(await frame.isChecked('[data-testid="settings-type"][data-type-name="Bug"]')).toBe(false);
    // The demo's roles exist here: no onboarding, and the PM and PO roles are chosen.
    expect(await frame.$('[data-testid="settings-onboarding"]')).toBeNull();
    expect(
      await frame.isChecked(`[data-testid="settings-pm-role"][data-role-name="${DEMO.roleNames.pm}"]`),
    ).toBe(true);
    expect(await seriousAxeFindings(frame)).toEqual([]);
    await screenshot(page, 'settings-page-light', { forDocs: true });

    await frame.check('[data-testid="settings-type"][data-type-name="Bug"]');
    await frame.waitForSelector('[data-testid="settings-unsaved"]');
    await frame.click('[data-testid="settings-save"]');
    await frame.waitForSelector('[data-testid="settings-saved"]', { timeout: 30_000 });
    expect(await text(frame, 'settings-saved')).toBe('Saved — a rescan is queued');
    expect(await text(frame, 'settings-rescan-pending')).toContain('Settings changed — rescan pending');
    await screenshot(page, 'settings-page-saved', { forDocs: true });
    // Saved in the project property, where the app, the CLI and Jira expressions read it.
    const stored = await storedPolicy(DEMO.projectKey);
    expect(stored?.executionTypes).toEqual(['Story', 'Bug']);
    expect(stored?.enabled).toBe(true);
    expect(stored?.savedBy).toBe(DEMO.adminUser.accountId);
    await page.close();

    // The Alignment page catches up once the queued full scan has run.
    const { page: alignment, frame: alignmentFrame } = await openProjectModule(sandbox, 'jira:projectPage');
    await poll(() => alignmentCounts(alignmentFrame), { timeout: SCAN_TIMEOUT, interval: 500 }).toEqual(
      countsByCode(withBugs.gaps),
    );
    await alignment.close();

    // And the settings page says the rescan is done.
    const again = await openSettings();
    await ready(again.frame);
    expect(await again.frame.$('[data-testid="settings-rescan-pending"]')).toBeNull();
    expect(await again.frame.getAttribute('[data-testid="settings-last-scan"]', 'data-state')).toBe('done');
    await again.page.close();
  });

  it('refuses someone who is not a project or Jira admin, with no form', async () => {
    const { page, frame } = await openSettings({ actAs: DEMO.people.developer.accountId });
    await ready(frame);
    expect(await text(frame, 'settings-forbidden')).toContain(
      'Only a project admin or a Jira admin can change these settings',
    );
    expect(await frame.$('input')).toBeNull();
    expect(await frame.$('[data-testid="settings-save"]')).toBeNull();
    expect(await seriousAxeFindings(frame)).toEqual([]);
    await screenshot(page, 'settings-page-forbidden', { forDocs: true });
    await page.close();
  });

  it('says how a Jira admin creates roles the settings name that do not exist', async () => {
    // MOB's settings name a PM role this site does not have (as after a role was renamed).
    await putPolicy(DEMO.otherProjectKey, {
      schema: 1,
      enabled: true,
      roles: { pm: { projectRoles: ['Product Management'] }, po: { projectRoles: [DEMO.roleNames.po] } },
    });
    const { page, frame } = await openSettings({ projectKey: DEMO.otherProjectKey });
    await ready(frame);
    expect(await frame.getAttribute('[data-testid="settings-onboarding"]', 'data-kind')).toBe('create-roles');
    const notice = await text(frame, 'settings-onboarding');
    expect(notice).toContain('“Product Management” (PM) project role does not exist yet');
    expect(notice).toContain('Settings › System › Project roles');
    expect(await frame.getAttribute('[data-testid="settings-pm-role-missing"]', 'data-role-name')).toBe(
      'Product Management',
    );
    await screenshot(page, 'settings-page-missing-roles', { forDocs: true });
    // Choosing the role that exists instead, and clearing the missing one, saves cleanly.
    await frame.check(`[data-testid="settings-pm-role"][data-role-name="${DEMO.roleNames.pm}"]`);
    await frame.click('[data-testid="settings-pm-role-missing"] input');
    await frame.click('[data-testid="settings-save"]');
    await frame.waitForSelector('[data-testid="settings-saved"]', { timeout: 30_000 });
    expect(await frame.$('[data-testid="settings-onboarding"]')).toBeNull();
    expect((await storedPolicy(DEMO.otherProjectKey))?.roles).toMatchObject({
      pm: { projectRoles: [DEMO.roleNames.pm] },
    });
    await page.close();
  });

  it('on Jira Free, says roles cannot be created and leads with groups and people', async () => {
    await setPlan('free');
    try {
      const { page, frame } = await openSettings({ colorMode: 'dark' });
      await ready(frame);
      expect(await frame.getAttribute('[data-testid="settings-onboarding"]', 'data-kind')).toBe(
        'roles-unavailable',
      );
      expect(await text(frame, 'settings-onboarding')).toContain('Jira Free has no custom project roles');
      await frame.click('[data-testid="settings-choose-groups"]');
      expect(await frame.evaluate(() => document.activeElement?.id)).toBe('rs-settings-pm-groups-input');
      // The group Jira's group picker finds, as the admin.
      await page.keyboard.type('product-m');
      const option = await frame.waitForSelector(`text="${DEMO.groups.productManagers}"`, {
        timeout: 10_000,
      });
      await option.click();
      await frame.waitForSelector('[data-testid="settings-pm-group"]');
      expect(await seriousAxeFindings(frame)).toEqual([]);
      await screenshot(page, 'settings-page-free-plan-dark', { forDocs: true });
      await page.close();
    } finally {
      await setPlan('standard');
    }
  });

  it('in a team-managed project, names PMs and POs as groups and people', async () => {
    const team = DEMO.teamProject;
    const { page, frame } = await openSettings({ projectKey: team.key });
    await ready(frame);
    expect(await frame.getAttribute('[data-testid="settings-onboarding"]', 'data-kind')).toBe(
      'roles-unavailable',
    );
    expect(await text(frame, 'settings-onboarding')).toContain(
      'Team-managed projects have a fixed set of roles',
    );
    // Only the project's own roles are offered; the default ones it lacks show as missing.
    const offered = await frame.$$eval('[data-testid="settings-pm-role"]', (els) =>
      els.map((el) => el.getAttribute('data-role-name')),
    );
    expect(offered).toEqual(expect.arrayContaining(['Administrator', 'Member', 'Viewer']));
    expect(offered).not.toContain(DEMO.roleNames.pm);
    // Nothing stored yet: the default roles it lacks start unticked, so the admin names groups or people.
    for (const role of ['pm', 'po'])
      expect(await frame.isChecked(`[data-testid="settings-${role}-role-missing"] input`)).toBe(false);
    // A group for the PMs and a named person for the POs, found as the admin types.
    await frame.fill('#rs-settings-pm-groups-input', 'product-m');
    await (await frame.waitForSelector(`text="${DEMO.groups.productManagers}"`, { timeout: 10_000 })).click();
    const po = DEMO.people.poDirect;
    await frame.fill('#rs-settings-po-people-input', po.displayName.split(' ')[0] ?? '');
    await (await frame.waitForSelector(`text="${po.displayName}"`, { timeout: 10_000 })).click();
    await frame.waitForSelector(`[data-testid="settings-po-person"][data-account="${po.accountId}"]`);
    await screenshot(page, 'settings-page-team-managed', { forDocs: true });
    await frame.click('[data-testid="settings-save"]');
    await frame.waitForSelector('[data-testid="settings-saved"]', { timeout: 30_000 });
    const stored = await storedPolicy(team.key);
    expect(stored?.roles).toMatchObject({
      pm: { projectRoles: [], groups: [expect.objectContaining({ name: DEMO.groups.productManagers })] },
      po: { projectRoles: [], accountIds: [po.accountId] },
    });
    await page.close();
  });
});
