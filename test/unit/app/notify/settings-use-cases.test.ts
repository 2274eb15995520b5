// The notification settings section's use cases: who may read and save them, what a save validates and keeps,
// the Jira-admin-only site cap, and the preview's site-cap bound.
import { describe, expect, it, jest } from '@jest/globals';
import { AppError } from '../../../../src/app/errors';
import type { NotificationPreviewer, NotificationRunStatus } from '../../../../src/app/notify/settings-ports';
import {
  describeNotificationSettings,
  previewNotifications,
  saveNotificationSettings,
  saveSiteDailyCap,
  type NotificationSettingsPorts,
} from '../../../../src/app/notify/settings-use-cases';
import {
  DEFAULT_SITE_DAILY_CAP,
  defaultNotificationSettings,
  type NotificationPreviewView,
  type NotificationSettings,
} from '../../../../src/contract/notifications';
import type { JiraClient } from '../../../../src/jira/types';
import { TEST_NOW } from '../../../support/builders';
import { FakeJira, type FakeJiraClient } from '../../../support/fake-jira';
import { MemoryStore } from '../../../support/memory-store';

const PROJECT = { key: 'ALPHA', id: '10000' };
const POLICY_KEY = 'role-split-policy';

interface Rights {
  projectAdmin?: boolean;
  jiraAdmin?: boolean;
}

/** The fake as one user, with the permission answers mypermissions would give them. */
function asUser(
  fake: FakeJira,
  accountId: string,
  rights: Rights,
): FakeJiraClient & { permissionAsks: string[] } {
  const base = fake.asUser(accountId);
  const permissionAsks: string[] = [];
  return {
    ...base,
    permissionAsks,
    hasPermission: (permission: string) => {
      permissionAsks.push(permission);
      if (permission === 'ADMINISTER') return Promise.resolve(rights.jiraAdmin === true);
      if (permission === 'ADMINISTER_PROJECTS') return Promise.resolve(rights.projectAdmin === true);
      return Promise.resolve(false);
    },
  };
}

function siteWith(admins: string[] = ['ada']): FakeJira {
  return new FakeJira()
    .addProject({ key: PROJECT.key, id: PROJECT.id, admins })
    .addUsers(
      { accountId: 'ada', displayName: 'Ada Admin' },
      { accountId: 'lena', displayName: 'Lena Lead' },
      { accountId: 'pete', displayName: 'Pete PM' },
      { accountId: 'gone', displayName: 'Gone Person', active: false },
      { accountId: 'bot', displayName: 'Some Bot', accountType: 'app' },
    );
}

const noRuns: NotificationRunStatus = {
  lastRun: () => Promise.resolve(null),
  sentToday: () => Promise.resolve(0),
  impersonation: () => Promise.resolve('unknown'),
};

function portsFor(
  fake: FakeJira,
  userJira: JiraClient,
  overrides: Partial<NotificationSettingsPorts> = {},
): NotificationSettingsPorts & { store: MemoryStore } {
  return {
    jira: fake.app,
    userJira,
    store: new MemoryStore(),
    clock: { now: () => TEST_NOW },
    runStatus: noRuns,
    previewer: { preview: () => Promise.reject(new Error('not expected')) },
    ...overrides,
  } as NotificationSettingsPorts & { store: MemoryStore };
}

function settings(overrides: Partial<NotificationSettings> = {}): NotificationSettings {
  return { ...defaultNotificationSettings(), enabled: true, timeZone: 'Europe/Berlin', ...overrides };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const request = { project: PROJECT, viewer: 'ada' };

describe('notifications/get', () => {
  it('shows the defaults (off) when nothing is stored, with the site cap and who may change it', async () => {
    const fake = siteWith();
    const view = await describeNotificationSettings(
      portsFor(fake, asUser(fake, 'ada', { projectAdmin: true })),
      request,
    );
    expect(view.settings).toEqual(defaultNotificationSettings());
    expect(view.settings.enabled).toBe(false);
    expect(view.source).toBe('default');
    expect(view.siteDailyCap).toBe(DEFAULT_SITE_DAILY_CAP);
    expect(view.canEditSiteCap).toBe(false);
    expect(view.projectEnabled).toBe(false);
  });

  it('reports a stored value that does not parse, and treats it as off', async () => {
    const fake = siteWith();
    await fake.app.setProjectProperty(PROJECT.id, POLICY_KEY, {
      schema: 1,
      enabled: true,
      notifications: { ...settings(), hour: 25 },
    });
    const view = await describeNotificationSettings(
      portsFor(fake, asUser(fake, 'ada', { projectAdmin: true })),
      request,
    );
    expect(view.source).toBe('unreadable');
    expect(view.problem).toMatch(/hour/);
    expect(view.settings.enabled).toBe(false);
    expect(view.projectEnabled).toBe(true);
  });

  it('refuses someone who administers neither the project nor Jira, before reading anything', async () => {
    const fake = siteWith();
    const user = asUser(fake, 'pete', {});
    const error = await refusal(
      describeNotificationSettings(portsFor(fake, user), { ...request, viewer: 'pete' }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/project admin/);
    expect(user.calls.of('getProjectProperty')).toBe(0);
    expect(fake.app.calls.total()).toBe(0);
  });

  it('lets a Jira admin in and offers them the site cap', async () => {
    const fake = siteWith();
    const view = await describeNotificationSettings(
      portsFor(fake, asUser(fake, 'ada', { jiraAdmin: true })),
      request,
    );
    expect(view.canEditSiteCap).toBe(true);
  });
});

describe('notifications/save', () => {
  it('writes the settings into the policy property and keeps every other field', async () => {
    const fake = siteWith();
    const stored = {
      schema: 1,
      enabled: true,
      roles: { pm: { projectRoles: ['Product Manager'], groups: [], accountIds: [] } },
      graceDays: 3,
      futureField: { kept: true },
    };
    await fake.app.setProjectProperty(PROJECT.id, POLICY_KEY, stored);
    const wanted = settings({
      hour: 8,
      weekdays: ['fri', 'mon', 'mon'],
      recipients: { projectLead: false, pmLeads: ['pete', 'pete'], extra: ['lena'] },
      perRunCap: 20,
    });
    const view = await saveNotificationSettings(portsFor(fake, asUser(fake, 'ada', { projectAdmin: true })), {
      ...request,
      settings: wanted,
    });
    const written = fake.projectProperty(PROJECT.key, POLICY_KEY) as Record<string, unknown>;
    const { notifications, ...rest } = written;
    expect(rest).toEqual(stored);
    // Weekdays in week order, each person once.
    const expected = {
      ...wanted,
      weekdays: ['mon', 'fri'],
      recipients: { projectLead: false, pmLeads: ['pete'], extra: ['lena'] },
    };
    expect(notifications).toEqual(expected);
    expect(view.settings).toEqual(expected);
    expect(view.source).toBe('stored');
    expect(view.people.map((p) => p.displayName).sort()).toEqual(['Lena Lead', 'Pete PM']);
  });

  it('creates the property when none exists (Role Split stays off until enabled on the page)', async () => {
    const fake = siteWith();
    await saveNotificationSettings(portsFor(fake, asUser(fake, 'ada', { projectAdmin: true })), {
      ...request,
      settings: settings(),
    });
    expect(fake.projectProperty(PROJECT.key, POLICY_KEY)).toEqual({ schema: 1, notifications: settings() });
  });

  it.each([
    ['an unknown time zone', settings({ timeZone: 'Mars/Olympus_Mons' }), /time zone/],
    ['a cap per run above the site cap', settings({ perRunCap: 81 }), /daily cap \(80\)/],
    [
      'a deactivated recipient',
      settings({ recipients: { projectLead: true, pmLeads: ['gone'], extra: [] } }),
      /Gone Person \(deactivated\)/,
    ],
    [
      'an app account',
      settings({ recipients: { projectLead: true, pmLeads: [], extra: ['bot'] } }),
      /Some Bot \(an app/,
    ],
    [
      'an unknown account',
      settings({ recipients: { projectLead: true, pmLeads: [], extra: ['nobody-1'] } }),
      /account nobody-1 \(not an account Jira knows\)/,
    ],
  ])('refuses %s and writes nothing', async (_name, wanted, message) => {
    const fake = siteWith();
    const before = { schema: 1, enabled: true, notifications: settings({ hour: 6 }) };
    await fake.app.setProjectProperty(PROJECT.id, POLICY_KEY, before);
    const user = asUser(fake, 'ada', { projectAdmin: true });
    const error = await refusal(
      saveNotificationSettings(portsFor(fake, user), { ...request, settings: wanted }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(message);
    expect(user.calls.of('setProjectProperty')).toBe(0);
    expect(fake.projectProperty(PROJECT.key, POLICY_KEY)).toEqual(before);
  });

  it('refuses a non-admin and writes nothing', async () => {
    const fake = siteWith();
    const user = asUser(fake, 'pete', {});
    const error = await refusal(
      saveNotificationSettings(portsFor(fake, user), { ...request, viewer: 'pete', settings: settings() }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(user.calls.of('setProjectProperty')).toBe(0);
    expect(fake.projectProperty(PROJECT.key, POLICY_KEY)).toBeUndefined();
  });

  it('refuses to merge into a stored value that is not an object, keeping it', async () => {
    const fake = siteWith();
    await fake.app.setProjectProperty(PROJECT.id, POLICY_KEY, 'not a policy');
    const error = await refusal(
      saveNotificationSettings(portsFor(fake, asUser(fake, 'ada', { projectAdmin: true })), {
        ...request,
        settings: settings(),
      }),
    );
    expect(error.message).toMatch(/Save the policy on this page first/);
    expect(fake.projectProperty(PROJECT.key, POLICY_KEY)).toBe('not a policy');
  });

  it('lets a lower site cap bound the per-run cap', async () => {
    const fake = siteWith();
    const jiraAdmin = asUser(fake, 'ada', { projectAdmin: true, jiraAdmin: true });
    const ports = portsFor(fake, jiraAdmin);
    await saveSiteDailyCap(ports, { ...request, siteDailyCap: 10 });
    const error = await refusal(
      saveNotificationSettings(ports, { ...request, settings: settings({ perRunCap: 11 }) }),
    );
    expect(error.message).toMatch(/\(11\).*\(10\)/);
    await saveNotificationSettings(ports, { ...request, settings: settings({ perRunCap: 10 }) });
    expect(
      (fake.projectProperty(PROJECT.key, POLICY_KEY) as { notifications: NotificationSettings }).notifications
        .perRunCap,
    ).toBe(10);
  });
});

describe('notifications/save-site-cap', () => {
  it('is for Jira admins: the cap is stored and shown', async () => {
    const fake = siteWith();
    const ports = portsFor(fake, asUser(fake, 'ada', { jiraAdmin: true }));
    const view = await saveSiteDailyCap(ports, { ...request, siteDailyCap: 40 });
    expect(view.siteDailyCap).toBe(40);
    const again = await describeNotificationSettings(ports, request);
    expect(again.siteDailyCap).toBe(40);
  });

  it('refuses a project admin who is not a Jira admin, and keeps the cap', async () => {
    const fake = siteWith();
    const ports = portsFor(fake, asUser(fake, 'ada', { projectAdmin: true }));
    const error = await refusal(saveSiteDailyCap(ports, { ...request, siteDailyCap: 500 }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/Only a Jira admin/);
    expect((await describeNotificationSettings(ports, request)).siteDailyCap).toBe(DEFAULT_SITE_DAILY_CAP);
  });
});

describe('notifications/preview', () => {
  const person = (accountId: string) => ({ accountId, displayName: accountId, eligible: true, reason: null });
  const planned: NotificationPreviewView = {
    recipients: ['pete', 'lena', 'ada'].map((id) => ({
      person: person(id),
      gaps: 2,
      reminders: 1,
      subject: `Role Split digest for ${id}`,
    })),
    cappedOut: 1,
    skipped: [
      { accountId: 'gone', reason: 'inactive' },
      { accountId: null, reason: 'no-lead' },
    ],
  };
  const previewer: NotificationPreviewer = { preview: () => Promise.resolve(structuredClone(planned)) };

  it('leaves out whoever the site cap left today cannot reach, and names the skipped', async () => {
    const fake = siteWith();
    const ports = portsFor(fake, asUser(fake, 'ada', { projectAdmin: true }), {
      previewer,
      runStatus: { ...noRuns, sentToday: () => Promise.resolve(DEFAULT_SITE_DAILY_CAP - 2) },
    });
    const preview = await previewNotifications(ports, request);
    expect(preview.recipients.map((r) => r.person.accountId)).toEqual(['pete', 'lena']);
    expect(preview.cappedOut).toBe(2);
    expect(preview.skipped).toEqual([
      { accountId: 'gone', displayName: 'Gone Person', reason: 'inactive' },
      { accountId: null, displayName: null, reason: 'no-lead' },
    ]);
  });

  it('refuses a non-admin before planning anything', async () => {
    const fake = siteWith();
    const preview = jest.fn(() => Promise.resolve(structuredClone(planned)));
    const ports = portsFor(fake, asUser(fake, 'pete', {}), { previewer: { preview } });
    const error = await refusal(previewNotifications(ports, { ...request, viewer: 'pete' }));
    expect(error.code).toBe('FORBIDDEN');
    expect(preview).not.toHaveBeenCalled();
  });
});
