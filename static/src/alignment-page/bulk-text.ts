// The words of bulk assignment: why an issue is refused and who can fix it (the same voice as errors.ts and
// gap-fix.ts), outcomes, job states and the one-line summaries. Pure, so the wording is unit-tested.
// Only types come from the bulk contract: its values would pull classic zod into the page's bundle.
import type {
  BulkItemOutcome,
  BulkItemState,
  BulkJobView,
  BulkPreviewView,
  BulkRefusal,
} from '../../../src/contract/bulk';
import type { GapCode, IneligibleReason, Role } from '../../../src/contract';
import { personName, ROLE_ABBR, ROLE_NAME } from '../format';

export interface RefusalText {
  /** What is wrong, in plain words. */
  why: string;
  /** Who can fix it and how. */
  fix: string;
}

/** What the screen knows that makes a refusal specific: the slot, and the person the slots would go to. */
export interface RefusalSituation {
  /** null: the issue has no slot, or the job had not read it yet. */
  slot: Role | null;
  personName: string | null;
  /**
   * CONFLICT: who holds the slot now; WRONG_ROLE_FOR_LEVEL: who sits in the misplaced slot. By name (null:
   * nobody; absent: not known).
   */
  holder?: string | null;
  /** NOT_ELIGIBLE: why the person check refused them, when the screen knows it (the preview's person). */
  ineligible?: IneligibleReason | null;
  /** WRONG_ROLE_FOR_LEVEL: the issue's type name ("Epic"), when known. */
  issueType?: string;
  /** CONFLICT: what the job held the slot to — the preview the user saw (assign) or the queued change. */
  since?: 'preview' | 'queued';
}

/** "a story", "an epic". */
const aOrAn = (name: string) => `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
const abbr = (slot: Role | null) => (slot ? ROLE_ABBR[slot] : 'owner');
const roleName = (slot: Role | null) => (slot ? `${ROLE_NAME[slot]} role` : 'role');

const REFUSAL_TEXT: Readonly<Record<BulkRefusal, (s: RefusalSituation) => RefusalText>> = {
  ISSUE_NOT_FOUND: () => ({
    why: 'Not found: it was deleted or moved, or you can no longer see it.',
    fix: 'Nothing to do here; reload the page to see the project as it is now.',
  }),
  NO_EDIT_PERMISSION: ({ slot }) => ({
    why: `You may not edit this issue, so you cannot set its ${abbr(slot)}.`,
    fix: 'Ask someone who can edit it to set the owner, or a project admin for the Edit Issues permission.',
  }),
  // `slot` is the slot the request named, one this issue's level does not have; `holder` who sits in it.
  WRONG_ROLE_FOR_LEVEL: ({ slot, holder, issueType }) => {
    const open = {
      fix: 'Open the issue: its Role Split section shows the slot it takes, and anyone who can edit it can set the owner there.',
    };
    if (!slot)
      return {
        why: 'This issue takes the other role: epics and initiatives take a PM, stories a PO. Its type may have changed.',
        ...open,
      };
    const type = issueType ?? (slot === 'po' ? 'epic-level issue' : 'story-level issue');
    const other = slot === 'po' ? 'PM' : 'PO';
    const one = aOrAn(type.toLocaleLowerCase());
    if (holder)
      return {
        why: `${holder} is the ${ROLE_ABBR[slot]} of this ${type}, a slot ${one} does not have.`,
        fix: `Clear it in the issue’s Role Split section (${one} takes a ${other}): anyone who can edit the issue can.`,
      };
    return {
      why: `This ${type} has no ${ROLE_ABBR[slot]} slot: it takes a ${other} (epics and initiatives take a PM, stories a PO). Its type may have changed.`,
      ...open,
    };
  },
  OUT_OF_SCOPE: () => ({
    why: 'Role Split does not track this issue (a sub-task, or a type outside the project’s scope).',
    fix: 'A project admin can change the types in scope in Role Split’s project settings.',
  }),
  NOT_ELIGIBLE: ({ slot, personName: name, ineligible }) => {
    const who = name ?? 'This person';
    const addOrChoose = `Ask a project admin to add ${name ?? 'them'} to the ${roleName(slot)}, or choose another ${abbr(slot)}.`;
    switch (ineligible) {
      case 'not-in-role':
        return { why: `${who} is not in this project’s ${roleName(slot)}.`, fix: addOrChoose };
      case 'inactive':
        return {
          why: `${name ? `${name}’s` : 'This person’s'} account is deactivated, so they cannot be the ${abbr(slot)}.`,
          fix: `Choose another ${abbr(slot)}.`,
        };
      case 'not-a-person':
        return {
          why: `${who} is an app or customer account, not a person, so it cannot be the ${abbr(slot)}.`,
          fix: `Choose another ${abbr(slot)}.`,
        };
      case 'unknown-account':
        return {
          why: `Jira does not know ${name ?? 'this account'}, so it cannot be the ${abbr(slot)}.`,
          fix: `Choose another ${abbr(slot)}.`,
        };
      default:
        return {
          why: `${who} is not eligible as ${abbr(slot)}: not in this project’s ${roleName(slot)}, or their account is deactivated or not a person’s.`,
          fix: addOrChoose,
        };
    }
  },
  OWNERSHIP_INVALID: () => ({
    why: 'Its ownership data was written by another tool in a form Role Split cannot read, and is never overwritten in bulk.',
    fix: 'Someone who can edit the issue can choose “Clear and start again” in its Role Split section.',
  }),
  CONFLICT: ({ slot, holder, since }) => {
    const when = since === 'preview' ? 'after your preview' : 'after the change was queued';
    if (holder === null)
      return {
        why: `Someone cleared its ${abbr(slot)} ${when}, so it was left empty.`,
        fix: 'Open the issue to assign it again if it still needs an owner.',
      };
    return {
      why: `Someone changed its ${abbr(slot)} ${when}${holder ? `: ${holder} now` : ''}, so it was left as they set it.`,
      fix:
        since === 'preview'
          ? 'Nothing was overwritten. If it should still change, ask them first, then change it from the issue’s Role Split section.'
          : 'Check the issue’s owner now; run the change again if it still needs it.',
    };
  },
  WRITE_FAILED: () => ({
    why: 'Jira did not keep the change (checked by reading the issue again); nothing else changed.',
    fix: 'Try again: a new run writes only the issues still missing. If it keeps failing, tell your Jira admin.',
  }),
  NOT_ATTEMPTED: () => ({
    why: 'The job stopped before it reached this issue; nothing was written to it.',
    fix: 'Try again: a new run picks up the issues not done.',
  }),
};

export function refusalText(reason: BulkRefusal, situation: RefusalSituation): RefusalText {
  return REFUSAL_TEXT[reason](situation);
}

/** Refusals whose wording above already says all the backend's message would (it only repeats the key). */
const SAID_IN_FULL: ReadonlySet<BulkRefusal> = new Set([
  'ISSUE_NOT_FOUND',
  'NO_EDIT_PERMISSION',
  'WRONG_ROLE_FOR_LEVEL',
  'OWNERSHIP_INVALID',
  // Only the key and the time beside ours (who holds it now comes as the row's holder).
  'CONFLICT',
  // The backend's sentence is one of ours with the key: shown beside it, the same thing twice.
  'NOT_ELIGIBLE',
]);

/** The backend's own words, shown beside ours only when they add something. */
export function extraMessage(reason: BulkRefusal, message: string | null, said: RefusalText): string | null {
  const text = message?.replace(/\s+/g, ' ').trim() ?? '';
  if (text === '' || SAID_IN_FULL.has(reason)) return null;
  const plain = (value: string) =>
    value
      .toLocaleLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const candidate = plain(text);
  return plain(said.why).includes(candidate) || plain(said.fix).includes(candidate) ? null : text;
}

/** Short labels for the reason column and the counts. */
export const REFUSAL_LABEL: Readonly<Record<BulkRefusal, string>> = {
  ISSUE_NOT_FOUND: 'Not found',
  NO_EDIT_PERMISSION: 'You may not edit it',
  WRONG_ROLE_FOR_LEVEL: 'Wrong slot for its level',
  OUT_OF_SCOPE: 'Not tracked',
  NOT_ELIGIBLE: 'Person not eligible',
  OWNERSHIP_INVALID: 'Unreadable ownership data',
  CONFLICT: 'Changed meanwhile',
  WRITE_FAILED: 'Write failed',
  NOT_ATTEMPTED: 'Not attempted',
};

/** One line of the preview's refusals by reason: "1 issue: you may not edit it". */
export function refusedCountText(reason: BulkRefusal, count: number, locale: string): string {
  const format = new Intl.NumberFormat(locale);
  return `${plural(count, 'issue', 'issues', format)}: ${REFUSAL_LABEL[reason].toLocaleLowerCase()}`;
}

export const OUTCOME_LABEL: Readonly<Record<BulkItemOutcome, string>> = {
  assign: 'Will be assigned',
  clear: 'Will be cleared',
  unchanged: 'Unchanged',
  refused: 'Refused',
};

export const STATE_LABEL: Readonly<Record<BulkItemState, string>> = {
  pending: 'Waiting',
  written: 'Written, checking',
  verified: 'Done',
  refused: 'Not changed',
};

export const JOB_STATE_LABEL: Readonly<Record<BulkJobView['state'], string>> = {
  queued: 'Waiting to start',
  running: 'Running',
  done: 'Finished',
  failed: 'Failed',
};

function plural(n: number, one: string, many: string, format: Intl.NumberFormat): string {
  return `${format.format(n)} ${n === 1 ? one : many}`;
}

/**
 * The mixed-selection warning's count of every picked issue, by the role it takes: those whose gaps do not tell
 * (ROLE_MISPLACED, OWNERSHIP_INVALID occur on both levels) are counted too, so the parts add up to the selection.
 */
export function mixedLevelsText(mix: { pm: number; po: number; unknown: number }, locale: string): string {
  const format = new Intl.NumberFormat(locale);
  const parts = [
    `${plural(mix.pm, 'epic or initiative takes', 'epics or initiatives take', format)} a PM`,
    `${plural(mix.po, 'story takes', 'stories take', format)} a PO`,
  ];
  if (mix.unknown > 0)
    parts.push(
      `${plural(mix.unknown, 'other issue’s gaps do not tell which it takes', 'other issues’ gaps do not tell which they take', format)} (a misplaced owner or unreadable ownership data), the preview will say`,
    );
  return `${parts.join('; ')}.`;
}

/** How many issues the preview would write: the number on the Apply button. */
export function previewWrites(view: Pick<BulkPreviewView, 'counts'>): number {
  return view.counts.assign + view.counts.clear;
}

/** "10 will be assigned, 2 unchanged, 3 refused" (zero counts left out, except the first). */
export function previewSummary(view: Pick<BulkPreviewView, 'counts' | 'total'>, locale: string): string {
  const format = new Intl.NumberFormat(locale);
  const { assign, clear, unchanged, refused } = view.counts;
  const parts = [`${format.format(assign)} will be assigned`];
  if (clear > 0) parts.push(`${format.format(clear)} cleared`);
  if (unchanged > 0) parts.push(`${format.format(unchanged)} unchanged`);
  if (refused > 0) parts.push(`${format.format(refused)} refused`);
  return `${parts.join(', ')} (${plural(view.total, 'issue', 'issues', format)} in all)`;
}

/** Issues a job has finished with, either way: the progress bar's value. */
export function jobSettled(job: Pick<BulkJobView, 'counts'>): number {
  return job.counts.verified + job.counts.refused;
}

export function jobProgressText(job: Pick<BulkJobView, 'counts' | 'total'>, locale: string): string {
  const format = new Intl.NumberFormat(locale);
  const { verified, refused, pending, written } = job.counts;
  const parts = [`${format.format(verified)} done`];
  if (refused > 0) parts.push(`${format.format(refused)} not changed`);
  if (pending + written > 0) parts.push(`${format.format(pending + written)} to go`);
  return `${parts.join(', ')} — ${format.format(jobSettled(job))} of ${format.format(job.total)}`;
}

/** What a job does, as a title: "Assign Sam Whitaker", "Replace with Sam Whitaker", "Undo". */
export function jobTitle(job: Pick<BulkJobView, 'kind' | 'to'>): string {
  const to = job.to ? personName(job.to) : null;
  switch (job.kind) {
    case 'assign':
      return to ? `Assign ${to}` : 'Assign owners';
    case 'replace':
      return to ? `Replace with ${to}` : 'Replace a person';
    case 'undo':
      return 'Undo of an earlier change';
  }
}

/** The finished job's outcome in one sentence: all done, or how many were not and that they are listed. */
export function jobOutcomeText(
  job: Pick<BulkJobView, 'counts' | 'total' | 'state'>,
  locale: string,
): { appearance: 'success' | 'warning' | 'error'; title: string } {
  const format = new Intl.NumberFormat(locale);
  const { verified, refused } = job.counts;
  if (job.state === 'failed')
    return {
      appearance: 'error',
      title: `The job failed after ${plural(verified, 'issue', 'issues', format)} of ${format.format(job.total)}`,
    };
  if (refused === 0)
    return {
      appearance: 'success',
      title: `All ${plural(job.total, 'issue', 'issues', format)} changed`,
    };
  if (verified === 0)
    return {
      appearance: 'error',
      title: `No issue was changed: ${plural(refused, 'issue was', 'issues were', format)} refused`,
    };
  return {
    appearance: 'warning',
    title: `${format.format(verified)} of ${format.format(job.total)} issues changed, ${format.format(refused)} not: see why below`,
  };
}

/**
 * The slot a gap row's issue has, by its gap code; null when the code does not tell (ROLE_MISPLACED and
 * OWNERSHIP_INVALID occur on both levels). The backend decides the slot from the issue itself either way.
 */
const SLOT_OF_CODE: Readonly<Record<GapCode, Role | null>> = {
  EPIC_WITHOUT_PM: 'pm',
  PM_NOT_ELIGIBLE: 'pm',
  EPIC_WITHOUT_STORIES: 'pm',
  STORY_WITHOUT_PO: 'po',
  PO_NOT_ELIGIBLE: 'po',
  STORY_WITHOUT_EPIC: 'po',
  SAME_PERSON_PM_AND_PO: 'po',
  ROLE_MISPLACED: null,
  OWNERSHIP_INVALID: null,
};

export function slotOfGap(code: GapCode): Role | null {
  return SLOT_OF_CODE[code];
}
