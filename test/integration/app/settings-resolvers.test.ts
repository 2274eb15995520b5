// The settings page's resolvers (`jira:projectSettingsPage`), called as Forge calls them (test/support/
// forge-runtime.ts) against the embedded demo site: only project or Jira admins get past the first request;
// the view's defaults, onboarding (missing roles, Jira Free, team-managed), plan and health; validation against
// the project; a save that keeps what it does not know, queues a full rescan and is applied by it (Bugs in
// scope show STORY_WITHOUT_PO in the stored results); the pickers' searches.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { AlignmentStatusView, GapRowView, Page } from '../../../src/contract/alignment';
import type { Envelope } from '../../../src/contract/envelope';
import type { PolicyInput, SettingsResults } from '../../../src/contract/settings';
import { defaultPolicy } from '../../../src/domain/policy';
import { toPolicyInput } from '../../../src/app/policy-store';
import { NOT_AN_ADMIN } from '../../../src/app/settings';
import { defaultNotificationSettings, WEEKDAYS } from '../../../src/contract/notifications';
import { registeredProjects } from '../../../src/app/enablement';
import { alignmentPageHandler, notifyHourly, settingsPageHandler } from '../../../src/index';
import { scanConsumer } from '../../../src/forge/scan-consumer';
import { forgeStore } from '../../../src/forge/store';
import { embeddedSiteGateway, type ProductGateway } from '../../../sandbox/host/product';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import {
  callResolver,
  installForgeTestRuntime,
  projectPageExtension,
  type ForgeTestRuntime,
} from '../../support/forge-runtime';
import { deliverScans, settledPushes } from '../../support/scan-delivery';

const shop = { id: DEMO.projectId, key: DEMO.projectKey };
const team = { id: DEMO.teamProject.id, key: DEMO.teamProject.key };
const admin = DEMO.adminUser.accountId;

let site: RunningSite;
let runtime: ForgeTestRuntime | undefined;
let savedProperties: Map<string, unknown>;

beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0 });
});
afterAll(async () => {
  await site.close();
});
beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  savedProperties = new Map(
    [shop, team].map((p) => [p.key, site.state.getProject(p.key)?.properties.get(DEMO.policyPropertyKey)]),
  );
});
afterEach(() => {
  jest.restoreAllMocks();
  runtime?.restore();
  runtime = undefined;
  site.state.setPlan('standard');
  for (const [key, value] of savedProperties) {
    const project = site.state.getProject(key);
    if (!project) continue;
    if (value === undefined) site.state.deleteProjectProperty(project, DEMO.policyPropertyKey);
    else site.state.setProjectProperty(project, DEMO.policyPropertyKey, value);
  }
});

function useRuntime(accountId = admin, gateway?: ProductGateway): ForgeTestRuntime {
  runtime?.restore();
  runtime = installForgeTestRuntime({ site: gateway ?? site, accountId });
  return runtime;
}

function settingsExtension(project: { id: string; key: string }) {
  return {
    type: 'jira:projectSettingsPage',
    project: { id: project.id, key: project.key, type: 'software' },
  };
}

function call<K extends keyof SettingsResults>(
  functionKey: K,
  payload: unknown = {},
  options: { accountId?: string; project?: { id: string; key: string } } = {},
): Promise<Envelope<SettingsResults[K]>> {
  return callResolver(settingsPageHandler, {
    functionKey,
    payload,
    context: { extension: settingsExtension(options.project ?? shop) },
    accountId: options.accountId ?? admin,
  }) as Promise<Envelope<SettingsResults[K]>>;
}

async function data<K extends keyof SettingsResults>(
  functionKey: K,
  payload: unknown = {},
  options: { accountId?: string; project?: { id: string; key: string } } = {},
): Promise<SettingsResults[K]> {
  const envelope = await call(functionKey, payload, options);
  if (!envelope.ok) throw new Error(`${functionKey}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.data;
}

async function alignment<T>(functionKey: string, payload: unknown = {}): Promise<T> {
  const envelope = (await callResolver(alignmentPageHandler, {
    functionKey,
    payload,
    context: { extension: projectPageExtension(shop) },
    accountId: admin,
  })) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${functionKey}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.data;
}

function policyInput(change: (input: PolicyInput) => void = () => undefined): PolicyInput {
  const input = toPolicyInput(defaultPolicy());
  change(input);
  return input;
}

/** Role sources that exist in any project: the demo's groups. */
const groupsOnly: PolicyInput['roles'] = {
  pm: { projectRoles: [], groups: [{ name: DEMO.groups.productManagers }], accountIds: [] },
  po: { projectRoles: [], groups: [{ name: DEMO.groups.productOwners }], accountIds: [] },
};

function stored(project: { key: string }): unknown {
  return site.state.getProject(project.key)?.properties.get(DEMO.policyPropertyKey);
}

describe('who may use the settings page', () => {
  it.each([
    ['a viewer', DEMO.people.viewer.accountId],
    ['a developer', DEMO.people.developer.accountId],
    ['a PM', DEMO.people.pmDirect.accountId],
  ])('refuses %s with FORBIDDEN before reading anything but their permissions', async (_who, accountId) => {
    const { requests } = useRuntime(accountId);
    const before = stored(shop);
    const payloads = {
      'settings/get': {},
      'settings/save': { policy: policyInput((p) => (p.graceDays = 9)) },
      'settings/search-groups': { query: 'product' },
      'settings/search-people': { query: 'Sam' },
    } as const;
    for (const [key, payload] of Object.entries(payloads)) {
      requests.length = 0;
      const result = await call(key as keyof SettingsResults, payload, { accountId });
      expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: NOT_AN_ADMIN } });
      // Jira is asked only for their permissions (the searches may also look up the app's own cache of a
      // passed check: never anything about the project).
      const jira = requests.filter(
        (r) => r.path.startsWith('/rest/') || key === 'settings/get' || key === 'settings/save',
      );
      expect(jira.map((r) => r.path.split('?')[0])).toEqual([
        '/rest/api/3/mypermissions',
        '/rest/api/3/mypermissions',
      ]);
    }
    expect(stored(shop)).toEqual(before);
  });

  it("lets a team-managed project's admin in there, and not in a project they do not administer", async () => {
    const priya = DEMO.people.pmDirect.accountId; // Administrator of TEAM only
    useRuntime(priya);
    expect(await call('settings/get', {}, { accountId: priya, project: team })).toMatchObject({ ok: true });
    expect(await call('settings/get', {}, { accountId: priya, project: shop })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('refuses a call from another module (no settings-page project in the context)', async () => {
    const { requests } = useRuntime();
    const result = await callResolver(settingsPageHandler, {
      functionKey: 'settings/get',
      payload: {},
      context: { extension: { type: 'jira:projectPage' } },
      accountId: admin,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(requests).toEqual([]);
  });
});

describe('settings/get', () => {
  it("shows the defaults, the project's types and roles, the plan and an empty health box", async () => {
    useRuntime();
    const view = await data('settings/get');
    expect(view).toMatchObject({
      project: { id: shop.id, key: shop.key, name: DEMO.projectName, style: 'company-managed' },
      enabled: true,
      source: 'default',
      problem: null,
      policy: toPolicyInput(defaultPolicy()),
      onboarding: { kind: 'ok' },
      plan: 'PAID',
      people: [],
      health: { lastScan: null, failures: [], savedAt: null, rescanPending: false },
    });
    const levelZero = view.issueTypes.filter((t) => t.hierarchyLevel === 0).map((t) => t.name);
    expect(levelZero.sort()).toEqual(['Bug', 'Story', 'Task']);
    expect(view.issueTypes.map((t) => t.name)).toEqual(expect.arrayContaining(['Epic', 'Initiative']));
    expect(view.issueTypes.map((t) => t.name)).not.toContain('Sub-task');
    expect(view.projectRoles.map((r) => r.name)).toEqual(
      expect.arrayContaining([DEMO.roleNames.pm, DEMO.roleNames.po]),
    );
  });

  it('on Jira Free says roles cannot be added, naming the missing ones', async () => {
    site.state.setPlan('free');
    useRuntime();
    const view = await data('settings/get');
    expect(view.plan).toBe('FREE');
    expect(view.onboarding).toEqual({
      kind: 'roles-unavailable',
      reason: 'free-plan',
      missing: [
        { role: 'pm', name: DEMO.roleNames.pm },
        { role: 'po', name: DEMO.roleNames.po },
      ],
    });
  });

  it('in a team-managed project says roles cannot be added there', async () => {
    useRuntime();
    const view = await data('settings/get', {}, { project: team });
    expect(view.project.style).toBe('team-managed');
    expect(view.enabled).toBe(false);
    expect(view.onboarding).toMatchObject({ kind: 'roles-unavailable', reason: 'team-managed' });
    expect(view.projectRoles.map((r) => r.name).sort()).toEqual([...DEMO.teamProject.roleNames].sort());
  });

  it('asks a Jira admin to create roles the policy names that the project lacks', async () => {
    site.state.setProjectProperty(site.state.getProject(shop.key)!, DEMO.policyPropertyKey, {
      schema: 1,
      enabled: true,
      roles: { pm: { projectRoles: ['Product Managers (EMEA)'] } },
    });
    useRuntime();
    const view = await data('settings/get');
    expect(view.source).toBe('stored');
    expect(view.onboarding).toEqual({
      kind: 'create-roles',
      missing: [{ role: 'pm', name: 'Product Managers (EMEA)' }],
    });
  });

  it("reads the plan as 'unknown' when Jira refuses the license, and still answers", async () => {
    const base = embeddedSiteGateway(site);
    const gateway: ProductGateway = {
      mode: base.mode,
      siteUrl: base.siteUrl,
      request: (identity, path, init) =>
        path.startsWith('/rest/api/3/instance/license')
          ? Promise.resolve(
              new Response(JSON.stringify({ errorMessages: ['Forbidden'], errors: {} }), {
                status: 403,
                headers: { 'content-type': 'application/json' },
              }),
            )
          : base.request(identity, path, init),
    };
    useRuntime(admin, gateway);
    const view = await data('settings/get');
    expect(view.plan).toBe('unknown');
    expect(view.onboarding).toEqual({ kind: 'ok' });
  });

  it('says why a damaged property is not used, and keeps the project enabled', async () => {
    site.state.setProjectProperty(site.state.getProject(shop.key)!, DEMO.policyPropertyKey, {
      schema: 1,
      enabled: true,
      graceDays: 'soon',
    });
    useRuntime();
    const view = await data('settings/get');
    expect(view).toMatchObject({
      source: 'unreadable',
      enabled: true,
      policy: toPolicyInput(defaultPolicy()),
    });
    expect(view.problem).toContain('"graceDays"');
  });

  it('names the people the policy names, and says which accounts Jira does not know', async () => {
    site.state.setProjectProperty(site.state.getProject(shop.key)!, DEMO.policyPropertyKey, {
      schema: 1,
      enabled: true,
      roles: {
        po: {
          projectRoles: [],
          accountIds: [
            DEMO.people.poDirect.accountId,
            DEMO.people.pmDeactivated.accountId,
            DEMO.unknownAccountId,
          ],
        },
      },
    });
    useRuntime();
    const view = await data('settings/get');
    expect(view.people).toEqual([
      expect.objectContaining({
        accountId: DEMO.people.poDirect.accountId,
        displayName: 'Sam Whitaker',
        eligible: true,
      }),
      expect.objectContaining({
        accountId: DEMO.people.pmDeactivated.accountId,
        eligible: false,
        reason: 'inactive',
      }),
      expect.objectContaining({
        accountId: DEMO.unknownAccountId,
        displayName: null,
        reason: 'unknown-account',
      }),
    ]);
  });
});

describe('settings/save', () => {
  it.each([
    [
      'a type the project lacks',
      (p: PolicyInput) => (p.executionTypes = ['Story', 'Feature']),
      /"Feature".*Bug, Story, Task/,
    ],
    ['a type above level 0', (p: PolicyInput) => (p.executionTypes = ['Epic']), /"Epic".*Bug, Story, Task/],
    [
      'a role without sources',
      (p: PolicyInput) => (p.roles.po = { projectRoles: [], groups: [], accountIds: [] }),
      /PO role needs at least one source/,
    ],
    [
      'an account Jira does not know',
      (p: PolicyInput) => (p.roles.pm.accountIds = [DEMO.unknownAccountId]),
      /does not know the account/,
    ],
    [
      'an app account',
      (p: PolicyInput) => (p.roles.pm.accountIds = [DEMO.appUser.accountId]),
      /is not a person/,
    ],
  ])('refuses %s with BAD_REQUEST and writes nothing', async (_what, change, message) => {
    useRuntime();
    const before = stored(shop);
    const result = await call('settings/save', { policy: policyInput(change) });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!result.ok) expect(result.error.message).toMatch(message);
    expect(stored(shop)).toEqual(before);
  });

  it('refuses a team-managed project whose PM source is only a role it cannot have, and writes nothing', async () => {
    useRuntime();
    const before = stored(team);
    const result = await call(
      'settings/save',
      { policy: policyInput((p) => (p.roles.po = groupsOnly.po)) },
      { project: team },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!result.ok)
      expect(result.error.message).toMatch(
        /^"Product Manager" does not exist in this project, so nobody would be a PM: add a group or people/,
      );
    expect(stored(team)).toEqual(before);
  });

  it('refuses a payload that is not a whole policy (the contract), before any request', async () => {
    const { requests } = useRuntime();
    const result = await call('settings/save', { policy: { executionTypes: ['Story'] } });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(requests).toEqual([]);
  });

  it("keeps unknown fields and `enabled`, spells types the project's way, stamps the save, queues a rescan", async () => {
    site.state.setProjectProperty(site.state.getProject(shop.key)!, DEMO.policyPropertyKey, {
      schema: 1,
      enabled: true,
      notifications: { weekly: true },
    });
    const current = useRuntime();
    const view = await data('settings/save', {
      policy: policyInput((p) => {
        p.executionTypes = ['story', 'BUG'];
        p.graceDays = 3;
      }),
    });
    const value = stored(shop) as Record<string, unknown>;
    expect(value).toMatchObject({
      schema: 1,
      enabled: true,
      notifications: { weekly: true },
      executionTypes: ['Story', 'Bug'],
      graceDays: 3,
      savedBy: admin,
    });
    expect(typeof value.savedAt).toBe('string');
    expect(view).toMatchObject({
      source: 'stored',
      enabled: true,
      policy: { executionTypes: ['Story', 'Bug'], graceDays: 3 },
      health: { savedAt: value.savedAt, rescanPending: true, currentScan: { state: 'queued', kind: 'full' } },
    });
    const pushes = await settledPushes(current);
    expect(pushes.map((d) => (d.payload as { scan?: string }).scan)).toEqual(['full']);
  });

  it('queues no scan on a project where Role Split is off, and says no rescan is pending', async () => {
    const current = useRuntime();
    const view = await data(
      'settings/save',
      {
        policy: policyInput((p) => (p.roles = groupsOnly)),
      },
      { project: team },
    );
    expect(view).toMatchObject({ enabled: false, health: { rescanPending: false, currentScan: null } });
    expect(stored(team)).toMatchObject({ schema: 1, enabled: false });
    expect(await settledPushes(current)).toEqual([]);
  });

  it('is applied by the next scan: with Bug in scope, open Bugs without a PO become STORY_WITHOUT_PO gaps', async () => {
    const current = useRuntime();
    // The first scan, with the defaults (it also caches the policy the consumer reads).
    await alignment<AlignmentStatusView>('project/get-status');
    expect(await deliverScans(current)).toBeGreaterThan(0);
    const bugGaps = async () =>
      (
        await alignment<Page<GapRowView>>('project/list-gaps', {
          filter: { codes: ['STORY_WITHOUT_PO'] },
          limit: 100,
        })
      ).items.filter((row) => row.issueType === 'Bug');
    expect(await bugGaps()).toEqual([]);

    const saved = await data('settings/save', {
      policy: policyInput((p) => (p.executionTypes = ['Story', 'Bug'])),
    });
    expect(saved.health.rescanPending).toBe(true);
    expect(await deliverScans(current)).toBeGreaterThan(0);

    const openBugs = [...site.state.issues.values()].filter(
      (i) =>
        i.projectId === shop.id &&
        site.state.issueType(i.issueTypeId).name === 'Bug' &&
        site.state.status(i.statusId).categoryKey !== 'done',
    );
    expect(openBugs.length).toBeGreaterThan(0);
    expect((await bugGaps()).map((row) => row.issueKey).sort()).toEqual(openBugs.map((i) => i.key).sort());

    const after = await data('settings/get');
    expect(after.health).toMatchObject({ rescanPending: false, lastScan: { state: 'done', kind: 'full' } });
  });
});

describe('health', () => {
  it('lists a scan that failed for good (the PM role is gone on Jira Free), newest first', async () => {
    const current = useRuntime();
    site.state.setPlan('free');
    await alignment<AlignmentStatusView>('project/get-status');
    await deliverScans(current);
    const view = await data('settings/get');
    expect(view.health.lastScan).toMatchObject({ state: 'failed', error: { code: 'ROSTER_UNAVAILABLE' } });
    expect(view.health.failures).toEqual([
      {
        at: view.health.lastScan?.finishedAt,
        code: 'ROSTER_UNAVAILABLE',
        message: expect.any(String) as unknown,
      },
    ]);
  });
});

describe('the hourly notification run and the daily scan know a project set up here', () => {
  const recorded = async () => (await registeredProjects(forgeStore)).map((p) => p.projectKey);
  const emailsNow = () => ({
    settings: {
      ...defaultNotificationSettings(),
      enabled: true,
      timeZone: 'UTC',
      hour: new Date().getUTCHours(),
      weekdays: [...WEEKDAYS],
    },
  });

  it('records an enabled project when its settings are saved (never visited on the Alignment page)', async () => {
    useRuntime();
    expect(await recorded()).toEqual([]);
    await data('settings/save', { policy: policyInput((p) => (p.graceDays = 2)) });
    expect(await recorded()).toEqual([shop.key]);
  });

  it('does not record a project where Role Split is off', async () => {
    useRuntime();
    await data('settings/save', { policy: policyInput((p) => (p.roles = groupsOnly)) }, { project: team });
    expect(await recorded()).toEqual([]);
  });

  it('records it when a scan started elsewhere (an issue event) finishes', async () => {
    const current = useRuntime();
    await scanConsumer({
      body: { kind: 'scan', projectId: shop.id, projectKey: shop.key, scan: 'full', requestId: 'event-1' },
    });
    await deliverScans(current);
    expect(await recorded()).toEqual([shop.key]);
  });

  it('records it when its notification settings are saved', async () => {
    useRuntime();
    await callResolver(settingsPageHandler, {
      functionKey: 'notifications/save',
      payload: emailsNow(),
      context: { extension: settingsExtension(shop) },
      accountId: admin,
    });
    expect(await recorded()).toEqual([shop.key]);
  });

  it('records it when the notification settings are read with emails on but the project unrecorded', async () => {
    useRuntime();
    site.state.setProjectProperty(site.state.getProject(shop.key)!, DEMO.policyPropertyKey, {
      schema: 1,
      enabled: true,
      notifications: emailsNow().settings,
    });
    await callResolver(settingsPageHandler, {
      functionKey: 'notifications/get',
      payload: {},
      context: { extension: settingsExtension(shop) },
      accountId: admin,
    });
    expect(await recorded()).toEqual([shop.key]);
  });

  it('saved settings and a scan, then emails turned on: the hourly run queues the project', async () => {
    const current = useRuntime();
    await data('settings/save', { policy: policyInput((p) => (p.graceDays = 1)) });
    expect(await deliverScans(current)).toBeGreaterThan(0);
    // Emails turned on by another tool (the property written directly): the run still finds the project.
    const project = site.state.getProject(shop.key)!;
    site.state.setProjectProperty(project, DEMO.policyPropertyKey, {
      ...(stored(shop) as object),
      notifications: emailsNow().settings,
    });
    current.pushed.length = 0;
    const run = await notifyHourly();
    expect(run.queued).toBe(1);
    const pushes = await settledPushes(current);
    expect(pushes.map((d) => d.payload)).toContainEqual(
      expect.objectContaining({ kind: 'project', projectId: shop.id }),
    );
  });
});

describe('the pickers', () => {
  it('finds groups by part of their name, as the admin sees them', async () => {
    useRuntime();
    const found = await data('settings/search-groups', { query: 'PRODUCT' });
    expect(found.groups.map((g) => g.name)).toEqual([DEMO.groups.productManagers, DEMO.groups.productOwners]);
    expect(found.groups.every((g) => typeof g.groupId === 'string')).toBe(true);
  });

  it('finds active people only: no app account, no deactivated account', async () => {
    useRuntime();
    const found = await data('settings/search-people', { query: 'Helen' });
    expect(found.people).toEqual([]);
    const sam = await data('settings/search-people', { query: 'Sam' });
    expect(sam.people).toEqual([
      expect.objectContaining({
        accountId: DEMO.people.poDirect.accountId,
        displayName: 'Sam Whitaker',
        eligible: true,
      }),
    ]);
    const app = await data('settings/search-people', { query: 'Role' });
    expect(app.people.map((p) => p.accountId)).not.toContain(DEMO.appUser.accountId);
  });
});
