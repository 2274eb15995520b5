// Who can fix a gap and how, as text keys the UI words. One function for the compact section and the full
// view, so both say the same thing about the same gap.
import type { CheckView, FixHint, PersonView } from '../contract/views';
import type { GapCode } from '../domain/model';

export function fixFor(code: GapCode, canEdit: boolean, owner: PersonView | null): FixHint {
  const who = canEdit ? 'you' : 'issue-editor';
  switch (code) {
    case 'OWNERSHIP_INVALID':
      return { who, how: 'reset-ownership' };
    case 'EPIC_WITHOUT_PM':
    case 'STORY_WITHOUT_PO':
      return { who, how: 'assign-owner' };
    case 'PM_NOT_ELIGIBLE':
    case 'PO_NOT_ELIGIBLE':
      // Someone who may not edit can still ask a project admin to add an active owner to the role.
      return !canEdit && owner?.reason === 'not-in-role'
        ? { who: 'project-admin', how: 'add-owner-to-role' }
        : { who, how: 'change-owner' };
    case 'ROLE_MISPLACED':
      return { who: 'issue-editor', how: 'move-misplaced' };
    case 'STORY_WITHOUT_EPIC':
      return { who, how: 'set-parent-epic' };
    case 'SAME_PERSON_PM_AND_PO':
      return { who, how: 'pick-different-people' };
    case 'EPIC_WITHOUT_STORIES':
      return { who, how: 'add-story' };
  }
}

/** A check's fix: only a failing check has one (passing, waived and unchecked rules need nothing done). */
export function checkFix(
  check: Pick<CheckView, 'code' | 'status'>,
  canEdit: boolean,
  owner: PersonView | null,
): FixHint | null {
  return check.status === 'fail' ? fixFor(check.code, canEdit, owner) : null;
}
