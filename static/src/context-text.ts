// Words for the issue context section: who can fix a gap and how, said as something to do ("Assign a PO"),
// never as what is not so. Pure, so every combination can be unit-tested in Node.
import type { FixHint, Role } from '../../src/contract';
import { ROLE_ABBR, ROLE_NAME } from './format';

export interface FixSituation {
  slot: Role | null;
  /** The slot's owner by name, for "add Yuki to the role" (null when empty or unknown). */
  ownerName: string | null;
}

/** What to do, as the person who can do it would do it. */
export function action(fix: FixHint, situation: FixSituation): string {
  const abbr = situation.slot ? ROLE_ABBR[situation.slot] : 'owner';
  const role = situation.slot ? `${ROLE_NAME[situation.slot]} role` : 'role';
  const owner = situation.ownerName ?? 'the current owner';
  switch (fix.how) {
    case 'assign-owner':
      return `assign a ${abbr}`;
    case 'change-owner':
      return `choose another ${abbr}`;
    case 'add-owner-to-role':
      return `add ${owner} to the ${role}, or choose another ${abbr}`;
    case 'reset-ownership':
      return 'clear the unreadable ownership data and start again';
    case 'move-misplaced':
      return `clear the ${situation.slot === 'pm' ? 'PO' : 'PM'} another tool set here (${situation.slot === 'pm' ? 'epics and initiatives take a PM' : 'stories take a PO'})`;
    case 'pick-different-people':
      return 'choose a PO other than the epic’s PM';
    case 'set-parent-epic':
      return 'put this story under an epic';
    case 'assign-epic-pm':
      return 'assign a PM on the epic';
    case 'add-story':
      return 'add a story under this issue';
  }
}

export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/**
 * The whole sentence: "Assign a PO." when the viewer can do it here; "Ask a project admin to add Yuki to the
 * Product Owner role, or choose another PO." when someone else must.
 */
export function fixText(fix: FixHint, situation: FixSituation): string {
  const what = action(fix, situation);
  switch (fix.who) {
    case 'you':
      return `${capitalise(what)}.`;
    case 'issue-editor':
      return `Ask someone who can edit this issue to ${what}.`;
    case 'epic-editor':
      return `Ask someone who can edit the epic to ${what}.`;
    case 'project-admin':
      // Only the role half needs an admin; choosing someone else is up to whoever edits the issue.
      return `Ask a project admin to ${what}.`;
  }
}
