// What the user reads when a resolver call fails: one message per error code, written for the person looking
// at Jira, not for the developer. The backend's own `message` (always safe to show) travels along as detail.
// Refusals of an ownership write say what to do next, using what the refusal carries (`details`) and what
// the view knows (the slot, the person picked).
import type { ErrorCode, ResolverError, Role } from '../../src/contract';
import { ROLE_ABBR, ROLE_NAME } from './format';

/**
 * Codes only the UI produces: `NEEDS_CONSENT` when Jira refused a call because the user has not allowed the
 * app to act as them yet (the bridge's invoke rejects; no envelope comes back).
 */
export type UiErrorCode = ErrorCode | 'NEEDS_CONSENT';

export interface UiError extends Omit<ResolverError, 'code'> {
  code: UiErrorCode;
}

export interface ErrorText {
  title: string;
  /** What happened and what to do next, in plain words. */
  body: string;
}

/** What the screen knows that makes a refusal specific: the issue's slot and the person the user picked. */
export interface ErrorSituation {
  slot?: Role | null;
  /** The person the write was about (the picked person), by name. */
  personName?: string | null;
}

type Describe = (detail: string, error: UiError, situation: ErrorSituation) => ErrorText;

const roleAbbr = (situation: ErrorSituation) => (situation.slot ? ROLE_ABBR[situation.slot] : 'owner');
const roleName = (situation: ErrorSituation) =>
  situation.slot ? `${ROLE_NAME[situation.slot]} role` : 'role';

const NOT_ELIGIBLE_WHY: Readonly<Record<string, string>> = {
  'not-in-role': 'is not in this project’s',
  inactive: 'has a deactivated account, so cannot hold the',
  'unknown-account': 'is not an account Jira knows, so cannot hold the',
  'not-a-person': 'is an app or bot account, so cannot hold the',
};

/** The detail is spliced into the sentence where the backend's explanation helps (e.g. which role source). */
const ERROR_TEXT: Readonly<Record<UiErrorCode, Describe>> = {
  BAD_REQUEST: () => ({
    title: 'Role Split could not handle this request',
    body: 'This is a problem in Role Split, not something you did. Reload the page; if it keeps happening, tell your Jira admin.',
  }),
  NOT_FOUND: () => ({
    title: 'Not found',
    body: 'Role Split could not find this issue or project. It may have been moved or deleted, or you may no longer have access to it.',
  }),
  FORBIDDEN: () => ({
    title: "You don't have access to this",
    body: 'Role Split shows ownership only to people who can browse this project. Ask a Jira admin for access if you need it.',
  }),
  ROSTER_UNAVAILABLE: (detail) => ({
    title: 'Project roles could not be read',
    body: `Role Split could not read who holds the PM and PO roles in this project${detail ? ` (${detail})` : ''}. Ask a Jira admin to check the project's roles.`,
  }),
  RATE_LIMITED: () => ({
    title: 'Jira asked Role Split to slow down',
    body: 'Jira is limiting how often Role Split may call it right now. Wait a minute, then try again.',
  }),
  JIRA_UNAVAILABLE: () => ({
    title: 'Jira did not answer',
    body: 'Role Split could not reach Jira, or Jira took too long to answer. Nothing was changed. Try again in a minute; if it keeps failing, check status.atlassian.com for an incident, or ask your Jira admin to look at Role Split’s logs.',
  }),
  INTERNAL: () => ({
    title: 'Something went wrong in Role Split',
    body: 'Try again. If it keeps happening, tell your Jira admin so they can report it.',
  }),
  NO_EDIT_PERMISSION: (_d, _e, situation) => ({
    title: `You can't change the ${roleAbbr(situation)} of this issue`,
    body: `Setting the ${roleAbbr(situation)} needs permission to edit this issue. Ask someone who can edit it, or a project admin for the permission.`,
  }),
  NOT_ELIGIBLE: (_d, error, situation) => {
    const who = situation.personName ?? 'This person';
    const why = NOT_ELIGIBLE_WHY[error.details?.reason ?? 'not-in-role'] ?? 'is not in this project’s';
    const fixRole =
      (error.details?.reason ?? 'not-in-role') === 'not-in-role'
        ? `Ask a project admin to add ${who === 'This person' ? 'them' : who} to the ${roleName(situation)}, or choose another ${roleAbbr(situation)}.`
        : `Choose another ${roleAbbr(situation)}.`;
    return {
      title: `${who} can't be the ${roleAbbr(situation)}`,
      body: `${who} ${why} ${roleName(situation)}. ${fixRole}`,
    };
  },
  WRONG_ROLE_FOR_LEVEL: () => ({
    title: 'This issue takes the other role',
    body: 'Epics and initiatives take a PM; stories take a PO. The issue’s type may have changed: reload to see its slot as it is now.',
  }),
  OUT_OF_SCOPE: () => ({
    title: 'Role Split does not track this issue',
    body: 'Sub-tasks and issue types outside the project’s Role Split scope have no owner. Nothing was changed.',
  }),
  OWNERSHIP_INVALID: (_d, error) => ({
    title: "The ownership data on this issue can't be read",
    body: error.details?.canReset
      ? 'Another tool wrote it in a form Role Split cannot read. Clear it and start again, then set the owner.'
      : 'Another tool wrote it in a form Role Split cannot read. Ask someone who can edit this issue to clear it and start again.',
  }),
  CONFLICT: (_d, error, situation) => {
    const current = error.details?.current;
    const now =
      current === undefined
        ? 'It changed since you opened it.'
        : current === null
          ? `The ${roleAbbr(situation)} slot is now empty.`
          : `The ${roleAbbr(situation)} is now ${current.displayName ?? 'an account Jira does not know'}.`;
    return {
      title: 'Someone else changed the owner meanwhile',
      body: `${now} Nothing of yours was written: check the owner shown now, then try again if it still needs changing.`,
    };
  },
  NOT_ENABLED: () => ({
    title: 'Role Split is not enabled on this project',
    body: 'A project admin can enable it from the project’s Alignment page. Until then Role Split does not scan, nudge or decorate this project.',
  }),
  NOT_SCANNED: () => ({
    title: 'No results yet',
    body: 'The first scan of this project is queued or running. This page shows its progress and the results as soon as it finishes.',
  }),
  APP_CANNOT_READ: () => ({
    title: 'Role Split cannot read this project’s issues',
    body: 'Your search finds issues here, but the app can read none of them, so any figure would be wrong. Ask a Jira admin to give the Role Split app the Browse projects permission in this project’s permission scheme.',
  }),
  NEEDS_CONSENT: () => ({
    title: 'Allow Role Split to act as you',
    body: 'Role Split reads and changes ownership as you, so it never shows or changes more than you could in Jira yourself. Choose “Allow access” where Jira asks (next to this section), then try again. You can revoke access at any time in your Atlassian account’s connected apps.',
  }),
};

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_TEXT, code) && code !== 'NEEDS_CONSENT';
}

/** Sentence-sized detail from the backend, trimmed so a long message cannot swamp the panel. */
function detailOf(message: string): string {
  const oneLine = message.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return oneLine.length > 160 ? `${oneLine.slice(0, 157)}…` : oneLine;
}

export function describeError(error: UiError, situation: ErrorSituation = {}): ErrorText {
  return ERROR_TEXT[error.code](detailOf(error.message), error, situation);
}

/** Lower case, no punctuation or extra spaces: "Jira did not answer." and "jira did not answer" match. */
function comparable(text: string): string {
  return text
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Codes whose text already says everything the user can act on: the backend's words would only repeat. */
const NO_DETAIL: ReadonlySet<UiErrorCode> = new Set([
  'ROSTER_UNAVAILABLE', // already spliced into the body
  'NEEDS_CONSENT',
  'NOT_ELIGIBLE',
  'CONFLICT',
  'OWNERSHIP_INVALID',
]);

/** Whether the backend's message adds something the mapped text does not already say. */
export function extraDetail(error: UiError, situation: ErrorSituation = {}): string | null {
  if (NO_DETAIL.has(error.code)) return null;
  const detail = detailOf(error.message);
  if (detail === '') return null;
  // A detail that only repeats the headline or the body would read as an echo ("Details: Jira did not answer").
  const said = describeError(error, situation);
  const shown = [comparable(said.title), comparable(said.body)].map((text) => ` ${text} `);
  const candidate = ` ${comparable(detail)} `; // whole words only
  return candidate.trim() === '' || shown.some((text) => text.includes(candidate)) ? null : detail;
}
