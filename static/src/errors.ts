// What the user reads when a resolver call fails: one message per error code, written for the person looking
// at Jira, not for the developer. The backend's own `message` (always safe to show) travels along as detail.
import type { ErrorCode, ResolverError } from '../../src/contract';

export interface ErrorText {
  title: string;
  /** What happened and what to do next, in plain words. */
  body: string;
}

/** The detail is spliced into the sentence where the backend's explanation helps (e.g. which role source). */
const ERROR_TEXT: Readonly<Record<ErrorCode, (detail: string) => ErrorText>> = {
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
    body: 'Role Split could not reach Jira just now. This is usually temporary: try again in a moment.',
  }),
  INTERNAL: () => ({
    title: 'Something went wrong in Role Split',
    body: 'Try again. If it keeps happening, tell your Jira admin so they can report it.',
  }),
};

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_TEXT, code);
}

/** Sentence-sized detail from the backend, trimmed so a long message cannot swamp the panel. */
function detailOf(message: string): string {
  const oneLine = message.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return oneLine.length > 160 ? `${oneLine.slice(0, 157)}…` : oneLine;
}

export function describeError(error: ResolverError): ErrorText {
  return ERROR_TEXT[error.code](detailOf(error.message));
}

/** Lower case, no punctuation or extra spaces: "Jira did not answer." and "jira did not answer" match. */
function comparable(text: string): string {
  return text
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether the backend's message adds something the mapped text does not already say. */
export function extraDetail(error: ResolverError): string | null {
  if (error.code === 'ROSTER_UNAVAILABLE') return null; // already spliced into the body
  const detail = detailOf(error.message);
  if (detail === '') return null;
  // A detail that only repeats the headline or the body would read as an echo ("Details: Jira did not answer").
  const said = describeError(error);
  const shown = [comparable(said.title), comparable(said.body)].map((text) => ` ${text} `);
  const candidate = ` ${comparable(detail)} `; // whole words only
  return candidate.trim() === '' || shown.some((text) => text.includes(candidate)) ? null : detail;
}
