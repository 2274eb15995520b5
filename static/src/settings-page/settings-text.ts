// Words of the settings page: what the onboarding says about missing roles, how the health box describes a
// scan, and what a refused save says. Pure, so the wording is tested without a browser.
import type { ScanStatusView } from '../../../src/contract/alignment';
import type { RolesOnboarding, SettingsView } from '../../../src/contract/settings';
import type { UiError } from '../errors';
import { describeError, extraDetail, type ErrorText } from '../errors';
import { ROLE_ABBR, ROLE_NAME } from '../format';

type Missing = Array<{ role: 'pm' | 'po'; name: string }>;

/** "the “Product Manager” role (PM)" and "the “Product Owner” role (PO)", joined. */
function missingList(missing: Missing): string {
  const parts = missing.map((m) => `“${m.name}” (${ROLE_ABBR[m.role]})`);
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

export interface OnboardingText {
  title: string;
  paragraphs: string[];
  /** Whether the page leads with groups and people (roles cannot be added on this site or project). */
  preferGroupsAndPeople: boolean;
}

/** What the page says when the roles the settings name do not exist here; null when they all do. */
export function onboardingText(onboarding: RolesOnboarding): OnboardingText | null {
  if (onboarding.kind === 'ok') return null;
  const missing = onboarding.missing;
  const none = missing.length === 0;
  const rolesWord = missing.length === 1 ? 'role' : 'roles';
  if (onboarding.kind === 'create-roles')
    return {
      title: `The ${missingList(missing)} project ${rolesWord} ${missing.length === 1 ? 'does' : 'do'} not exist yet`,
      paragraphs: [
        `Role Split finds ${missing.map((m) => `${ROLE_ABBR[m.role]}s`).join(' and ')} through ${missing.length === 1 ? 'this role' : 'these roles'}, so until ${missing.length === 1 ? 'it exists' : 'they exist'} nobody holds ${missing.length === 1 ? 'it' : 'them'} and every owner counts as not eligible.`,
        `A Jira admin can create ${missing.length === 1 ? 'it' : 'them'} in Settings › System › Project roles; a project admin then adds people to ${missing.length === 1 ? 'it' : 'them'} in this project’s People settings (Project settings › People).`,
        'Meanwhile you can name groups or people for each role below.',
      ],
      preferGroupsAndPeople: false,
    };
  const why =
    onboarding.reason === 'free-plan'
      ? {
          title: 'Jira Free has no custom project roles',
          text: 'This site is on Jira Free, where project roles cannot be created, so Role Split cannot find PMs and POs through a Product Manager or Product Owner role.',
        }
      : {
          title: 'Team-managed projects have a fixed set of roles',
          text: 'This is a team-managed project: its roles are its own (Administrator, Member, Viewer) and a Product Manager or Product Owner role cannot be added to it.',
        };
  return {
    title: why.title,
    paragraphs: [
      why.text,
      none
        ? 'Name the PMs and POs as groups or people below.'
        : `The ${missingList(missing)} ${rolesWord} named in these settings ${missing.length === 1 ? 'does' : 'do'} not exist here. Name the PMs and POs as groups or people below, then clear the missing ${rolesWord}.`,
    ],
    preferGroupsAndPeople: true,
  };
}

/** "2 min 5 s", "45 s", "1 h 3 min"; null when unknown. */
export function durationText(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return null;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${Math.max(seconds, ms > 0 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

const KIND: Readonly<Record<ScanStatusView['kind'], string>> = { full: 'Full scan', incremental: 'Rescan' };

/** "Full scan finished" / "Rescan failed". */
export function scanOutcomeText(scan: ScanStatusView): string {
  const kind = KIND[scan.kind];
  switch (scan.state) {
    case 'done':
      return `${kind} finished`;
    case 'failed':
      return `${kind} failed`;
    case 'queued':
      return `${kind} waiting to start`;
    case 'running':
      return `${kind} running`;
  }
}

/** The note at the top of the page about where the settings come from; null when they are the stored ones. */
export function sourceNote(
  view: Pick<SettingsView, 'source' | 'problem'> & Partial<Pick<SettingsView, 'onboarding'>>,
): { title: string; body: string } | null {
  // On Jira Free or in a team-managed project the default roles do not exist: saying "PMs come from the
  // Product Manager role" above the box that says there is no such role would contradict it.
  if (view.source === 'default' && view.onboarding?.kind === 'roles-unavailable')
    return {
      title: 'Role Split is using its defaults',
      body: 'Nothing has been saved for this project yet, and the defaults name a Product Manager and a Product Owner role that this project does not have. Name groups or people for each role below and save.',
    };
  if (view.source === 'default')
    return {
      title: 'Role Split is using its defaults',
      body: 'Nothing has been saved for this project yet: PMs come from the Product Manager role, POs from the Product Owner role, and stories are in scope. Save to keep your own choices.',
    };
  if (view.source === 'unreadable')
    return {
      title: 'The saved settings cannot be read',
      body: `${view.problem ?? 'The stored settings do not have the form Role Split expects.'} The defaults apply until you save.`,
    };
  return null;
}

/** Who may change the settings, said on the page instead of the form. */
export const FORBIDDEN_TEXT: ErrorText = {
  title: 'Only a project admin or a Jira admin can change these settings',
  body: 'Role Split’s settings decide who counts as a PM or PO here and which issues are checked, so only people with Administer Projects in this project, or Jira admins, can see and change them. Ask one of them if something should change.',
};

/** The backend's message as one sentence, ending with a full stop. */
function sentence(message: string): string {
  const text = message.replace(/\s+/g, ' ').trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * A refused or failed save (or "Check again"), worded for this page; `detail` is the backend's message when it
 * adds something.
 */
export function settingsErrorText(
  error: UiError,
  action: 'save' | 'check',
): ErrorText & { detail: string | null } {
  const kept = action === 'save' ? ' Nothing was saved; your changes are still here.' : '';
  if (error.code === 'FORBIDDEN')
    return { ...FORBIDDEN_TEXT, body: `${FORBIDDEN_TEXT.body}${kept}`, detail: null };
  // The backend checks the settings against the project as it is now (a type renamed since the page loaded):
  // its message names the field, and is the whole point here.
  if (error.code === 'BAD_REQUEST' && action === 'save')
    return {
      title: 'These settings were not saved',
      body: `${sentence(error.message)}${kept}`,
      detail: null,
    };
  const text = describeError(error);
  return {
    title: action === 'save' ? `Not saved: ${text.title}` : `Could not check the scans: ${text.title}`,
    body: `${text.body}${action === 'save' ? ' Your changes are still here.' : ''}`,
    detail: extraDetail(error),
  };
}

export function roleHeading(role: 'pm' | 'po'): string {
  return `${ROLE_NAME[role]} (${ROLE_ABBR[role]})`;
}

/** A list in prose: "a", "a and b", "a, b and c". */
function prose(parts: readonly string[], word = 'and'): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${word} ${parts.at(-1) ?? ''}`;
}

/**
 * The eligibility rule's explanation as the sources make it ("…an active person in this project’s Product
 * Manager role, in the group pm-leads or named here"), so the rules list never names a role that is not used.
 */
export function eligibilityText(
  role: 'pm' | 'po',
  sources: {
    projectRoles: readonly string[];
    groups: ReadonlyArray<{ name: string }>;
    accountIds: readonly string[];
  },
): string {
  const parts: string[] = [];
  if (sources.projectRoles.length > 0)
    parts.push(
      `in this project’s ${prose(sources.projectRoles)} ${sources.projectRoles.length === 1 ? 'role' : 'roles'}`,
    );
  if (sources.groups.length > 0)
    parts.push(
      `in the ${sources.groups.length === 1 ? 'group' : 'groups'} ${prose(sources.groups.map((g) => g.name))}`,
    );
  if (sources.accountIds.length > 0) parts.push('named in these settings');
  const where = parts.length > 0 ? prose(parts, 'or') : 'named by these settings';
  return `The ${ROLE_ABBR[role]} must be an active person ${where}.`;
}
