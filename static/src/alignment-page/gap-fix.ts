// Who can fix a gap in the Alignment page's list, and how: the same sentences as the issue context (src/app/
// fix-hint.ts, static/src/context-text.ts), addressed to whoever may edit the issue, as the page does not know who
// may edit each one.
import type { GapRowView } from '../../../src/contract/alignment';
import type { GapCode, Role } from '../../../src/contract';
import { fixFor } from '../../../src/app/fix-hint';
import { action, capitalise } from '../context-text';

/** Slot a gap is about, by its code (ROLE_MISPLACED is worded apart: the row does not say the level). */
const SLOT_OF: Partial<Record<GapCode, Role>> = {
  EPIC_WITHOUT_PM: 'pm',
  PM_NOT_ELIGIBLE: 'pm',
  EPIC_WITHOUT_STORIES: 'pm',
  STORY_WITHOUT_PO: 'po',
  PO_NOT_ELIGIBLE: 'po',
  SAME_PERSON_PM_AND_PO: 'po',
  STORY_WITHOUT_EPIC: 'po',
  OWNERSHIP_INVALID: 'po',
};

/** Who can fix the gap and how, as the issue context says it (the page does not know who may edit each issue). */
export function gapFixText(gap: Pick<GapRowView, 'code' | 'owner'>): string {
  if (gap.code === 'ROLE_MISPLACED') {
    return 'Clear the owner another tool put in the wrong slot (anyone who can edit the issue)';
  }
  const situation = { slot: SLOT_OF[gap.code] ?? null, ownerName: gap.owner?.displayName ?? null };
  const fix = fixFor(gap.code, false, gap.owner);
  // The action first, so a narrow column still shows what to do; who can do it after.
  const who = fix.who === 'project-admin' ? 'a project admin' : 'anyone who can edit the issue';
  return `${capitalise(action(fix, situation))} (${who})`;
}
