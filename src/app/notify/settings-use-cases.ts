// The notification settings section of the settings page: read, save, the site-wide cap and the preview.
// Everything is refused before anything else is read unless the viewer administers the project (checked as
// them, like the rest of the settings page); the site cap needs Jira's global Administer permission. Settings
// are written as the viewer into the `role-split-policy` project property, so Jira itself refuses anyone who
// may not, and every other field of the property is kept.
import {
  type NotificationPreviewView,
  type NotificationSettings,
  type NotificationSettingsView,
} from '../../contract/notifications';
import type { PersonView } from '../../contract/views';
import type { JiraClient, JiraUser } from '../../jira/types';
import { enabledOf, POLICY_PROPERTY_KEY, register, registryKey } from '../enablement';
import { AppError } from '../errors';
import type { Clock, KeyValueStore } from '../ports';
import type { NotificationPreviewer, NotificationRunStatus } from './settings-ports';
import { readSiteDailyCap, saveSiteDailyCap as storeSiteDailyCap, validTimeZone } from './settings';
import { normalizedSettings, notificationSettingsOf, withNotificationSettings } from './settings-store';

export interface NotificationSettingsPorts {
  /** As the app: accounts (names of recipients). */
  jira: JiraClient;
  /** As the viewer: permissions, the project, the property read and write. */
  userJira: JiraClient;
  store: KeyValueStore;
  clock: Clock;
  runStatus: NotificationRunStatus;
  previewer: NotificationPreviewer;
}

export interface SettingsRequest {
  project: { id: string; key: string };
  /** The invoking user, from the platform. */
  viewer: string;
}

interface Access {
  /** Administer Projects here, or Jira admin. */
  projectAdmin: boolean;
  /** Jira's global Administer permission. */
  jiraAdmin: boolean;
}

async function accessOf(ports: NotificationSettingsPorts, projectId: string): Promise<Access> {
  const [projectAdmin, jiraAdmin] = await Promise.all([
    ports.userJira.hasPermission('ADMINISTER_PROJECTS', { projectId }),
    // A global permission: mypermissions answers it whatever the context.
    ports.userJira.hasPermission('ADMINISTER', { projectId }),
  ]);
  return { projectAdmin: projectAdmin || jiraAdmin, jiraAdmin };
}

async function requireProjectAdmin(ports: NotificationSettingsPorts, projectId: string): Promise<Access> {
  const access = await accessOf(ports, projectId);
  if (!access.projectAdmin) {
    throw new AppError(
      'FORBIDDEN',
      'Only a project admin (Administer Projects) or a Jira admin can see and change who Role Split emails about this project’s gaps.',
    );
  }
  return access;
}

function personOf(accountId: string, user: JiraUser | undefined): PersonView {
  let reason: PersonView['reason'] = null;
  if (!user) reason = 'unknown-account';
  else if (user.accountType !== 'atlassian') reason = 'not-a-person';
  else if (!user.active) reason = 'inactive';
  return {
    accountId,
    displayName: user?.displayName ?? null,
    eligible: reason === null,
    reason,
    ...(user?.avatarUrl ? { avatarUrl: user.avatarUrl } : {}),
  };
}

async function peopleOf(ports: NotificationSettingsPorts, accountIds: string[]): Promise<PersonView[]> {
  const unique = [...new Set(accountIds)];
  if (unique.length === 0) return [];
  const users = new Map((await ports.jira.getUsers(unique)).map((u) => [u.accountId, u]));
  return unique.map((id) => personOf(id, users.get(id)));
}

function recipientIds(settings: NotificationSettings): string[] {
  return [...settings.recipients.pmLeads, ...settings.recipients.extra];
}

export async function describeNotificationSettings(
  ports: NotificationSettingsPorts,
  request: SettingsRequest,
): Promise<NotificationSettingsView> {
  const access = await requireProjectAdmin(ports, request.project.id);
  return viewOf(ports, request, access);
}

async function viewOf(
  ports: NotificationSettingsPorts,
  request: SettingsRequest,
  access: Access,
): Promise<NotificationSettingsView> {
  const now = ports.clock.now();
  const [property, project, siteDailyCap, lastRun, sentToday, impersonation] = await Promise.all([
    ports.userJira.getProjectProperty(request.project.id, POLICY_PROPERTY_KEY),
    ports.userJira.getProject(request.project.id),
    readSiteDailyCap(ports.store),
    ports.runStatus.lastRun(request.project.id),
    ports.runStatus.sentToday(now),
    ports.runStatus.impersonation(),
  ]);
  const stored = notificationSettingsOf(property);
  const projectEnabled = enabledOf(property).enabled;
  // Emails on for a project the hourly run does not know (enabled and set up by another tool, or dropped from
  // the record while it was off): recorded now, as the Alignment page's first visit does, rather than said.
  if (
    projectEnabled &&
    stored.settings.enabled &&
    (await ports.store.get(registryKey(request.project.id))) === undefined
  )
    await register(ports.store, request.project, ports.clock);
  const leadId = project.lead?.accountId ?? null;
  const people = await peopleOf(ports, [...recipientIds(stored.settings), ...(leadId ? [leadId] : [])]);
  const byId = new Map(people.map((p) => [p.accountId, p]));
  return {
    settings: stored.settings,
    source: stored.source,
    problem: stored.problem,
    projectEnabled,
    projectLead: leadId ? (byId.get(leadId) ?? null) : null,
    siteDailyCap,
    canEditSiteCap: access.jiraAdmin,
    impersonation,
    lastRun,
    sentToday,
    people: people.filter((p) => recipientIds(stored.settings).includes(p.accountId)),
  };
}

/** Checks the app makes beyond the contract's shape; each refusal says what to change. */
async function validate(
  ports: NotificationSettingsPorts,
  settings: NotificationSettings,
  siteDailyCap: number,
): Promise<void> {
  if (!validTimeZone(settings.timeZone)) {
    throw new AppError(
      'BAD_REQUEST',
      `“${settings.timeZone}” is not a time zone Jira knows: choose one from the list (e.g. Europe/Berlin).`,
    );
  }
  if (settings.perRunCap > siteDailyCap) {
    throw new AppError(
      'BAD_REQUEST',
      `The cap per run (${settings.perRunCap}) cannot be above the site’s daily cap (${siteDailyCap}): lower it, or ask a Jira admin to raise the site’s cap.`,
    );
  }
  const people = await peopleOf(ports, recipientIds(settings));
  const refused = people.filter((p) => !p.eligible);
  if (refused.length > 0) {
    const names = refused.map((p) => {
      const who = p.displayName ?? `account ${p.accountId}`;
      if (p.reason === 'inactive') return `${who} (deactivated)`;
      if (p.reason === 'not-a-person') return `${who} (an app, not a person)`;
      return `${who} (not an account Jira knows)`;
    });
    throw new AppError(
      'BAD_REQUEST',
      `Role Split can only email active people: remove ${names.join(', ')} from the recipients, then save again.`,
    );
  }
}

export async function saveNotificationSettings(
  ports: NotificationSettingsPorts,
  request: SettingsRequest & { settings: NotificationSettings },
): Promise<NotificationSettingsView> {
  const access = await requireProjectAdmin(ports, request.project.id);
  const settings = normalizedSettings(request.settings);
  await validate(ports, settings, await readSiteDailyCap(ports.store));
  // Read just before writing, so a policy saved meanwhile on the same page is kept.
  const current = await ports.userJira.getProjectProperty(request.project.id, POLICY_PROPERTY_KEY);
  const written = withNotificationSettings(current, settings);
  await ports.userJira.setProjectProperty(request.project.id, POLICY_PROPERTY_KEY, written);
  // The hourly run reads only the projects recorded as enabled: one enabled elsewhere and set up here must be
  // among them, or its emails would silently never go.
  if (enabledOf(written).enabled) await register(ports.store, request.project, ports.clock);
  return viewOf(ports, request, access);
}

export async function saveSiteDailyCap(
  ports: NotificationSettingsPorts,
  request: SettingsRequest & { siteDailyCap: number },
): Promise<NotificationSettingsView> {
  const access = await requireProjectAdmin(ports, request.project.id);
  if (!access.jiraAdmin) {
    throw new AppError(
      'FORBIDDEN',
      'Only a Jira admin can change the site-wide daily cap: it is shared by every project on this site.',
    );
  }
  await storeSiteDailyCap(ports.store, request.siteDailyCap);
  return viewOf(ports, request, access);
}

export async function previewNotifications(
  ports: NotificationSettingsPorts,
  request: SettingsRequest,
): Promise<NotificationPreviewView> {
  await requireProjectAdmin(ports, request.project.id);
  const [planned, siteDailyCap, sentToday] = await Promise.all([
    ports.previewer.preview(request.project),
    readSiteDailyCap(ports.store),
    ports.runStatus.sentToday(ports.clock.now()),
  ]);
  // The site's daily cap left today bounds the run too: whoever is past it waits for the next run.
  const room = Math.max(0, siteDailyCap - sentToday);
  const recipients = planned.recipients.slice(0, room);
  // Skipped people by name where the planner left the name out (one user/bulk request at most).
  const unnamed = planned.skipped.filter((s) => s.accountId !== null && !s.displayName);
  const names = new Map(
    (
      await peopleOf(
        ports,
        unnamed.map((s) => s.accountId ?? ''),
      )
    ).map((p) => [p.accountId, p.displayName]),
  );
  return {
    recipients,
    cappedOut: planned.cappedOut + (planned.recipients.length - recipients.length),
    skipped: planned.skipped.map((s) => ({
      ...s,
      displayName: s.displayName ?? (s.accountId ? (names.get(s.accountId) ?? null) : null),
    })),
  };
}
