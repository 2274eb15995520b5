// Bulk assignment's words and selection rules (static/src/alignment-page/bulk-*.ts), without a browser.
import { describe, expect, it } from '@jest/globals';
import { BULK_REFUSALS, MAX_BULK_ISSUES as CONTRACT_MAX } from '../../../src/contract/bulk';
import type { PersonView } from '../../../src/contract';
import { GAP_CODES } from '../../../src/domain/model';
import { MAX_BULK_ISSUES } from '../../../static/src/alignment-page/bulk-limits';
import { mergeFound } from '../../../static/src/alignment-page/bulk-found';
import {
  EMPTY_SELECTION,
  allSelected,
  isMixed,
  issueIds,
  levelMix,
  narrowTo,
  offersStoriesWithoutPo,
  pickedOf,
  roleOf,
  someSelected,
  toggleIssue,
  toggleShown,
  type PickedIssue,
} from '../../../static/src/alignment-page/bulk-selection';
import {
  extraMessage,
  jobOutcomeText,
  jobProgressText,
  jobSettled,
  mixedLevelsText,
  previewSummary,
  previewWrites,
  refusalText,
  refusedCountText,
  REFUSAL_LABEL,
  slotOfGap,
} from '../../../static/src/alignment-page/bulk-text';
import { gapRow } from './alignment.fixtures';

const person = (accountId: string, displayName: string): PersonView => ({
  accountId,
  displayName,
  eligible: true,
  reason: null,
});

const issue = (n: number, slot: PickedIssue['slot']): PickedIssue => ({
  issueId: String(30000 + n),
  issueKey: `SHOP-${n}`,
  slot,
});

describe('refusal wording', () => {
  it('says for every refusal code what is wrong and who can fix it, in different words', () => {
    const said = BULK_REFUSALS.map((reason) =>
      refusalText(reason, { slot: 'po', personName: 'Sam Whitaker' }),
    );
    for (const text of said) {
      expect(text.why.length).toBeGreaterThan(20);
      expect(text.fix.length).toBeGreaterThan(20);
    }
    expect(new Set(said.map((text) => text.why)).size).toBe(BULK_REFUSALS.length);
    expect(Object.keys(REFUSAL_LABEL).sort()).toEqual([...BULK_REFUSALS].sort());
  });

  it('names the person and the role they are missing, and who can add them', () => {
    const text = refusalText('NOT_ELIGIBLE', { slot: 'pm', personName: 'Sam Whitaker' });
    expect(text.why).toContain('Sam Whitaker is not eligible as PM');
    expect(text.fix).toBe(
      'Ask a project admin to add Sam Whitaker to the Product Manager role, or choose another PM.',
    );
  });

  it('says why a person is not eligible once: the backend’s sentence is not repeated in brackets', () => {
    const text = refusalText('NOT_ELIGIBLE', { slot: 'po', personName: 'Sam Whitaker' });
    expect(
      extraMessage(
        'NOT_ELIGIBLE',
        'This person does not hold the PO role in this project, so they cannot be the PO of SHOP-3. A project admin can add them to it.',
        text,
      ),
    ).toBeNull();
    // What the person check found, when known, says which of the reasons it is.
    const inactive = refusalText('NOT_ELIGIBLE', {
      slot: 'po',
      personName: 'Sam Whitaker',
      ineligible: 'inactive',
    });
    expect(inactive.why).toBe('Sam Whitaker’s account is deactivated, so they cannot be the PO.');
    expect(inactive.fix).toBe('Choose another PO.');
    expect(
      refusalText('NOT_ELIGIBLE', { slot: 'pm', personName: 'Sam Whitaker', ineligible: 'not-in-role' }).why,
    ).toBe('Sam Whitaker is not in this project’s Product Manager role.');
  });

  it('counts the refusals by reason in issues: "1 issue: you may not edit it"', () => {
    expect(refusedCountText('NO_EDIT_PERMISSION', 1, 'en')).toBe('1 issue: you may not edit it');
    expect(refusedCountText('NOT_ELIGIBLE', 1200, 'en')).toBe('1,200 issues: person not eligible');
  });

  it('sends someone who may not edit to an editor or a project admin', () => {
    const text = refusalText('NO_EDIT_PERMISSION', { slot: 'po', personName: null });
    expect(text.why).toBe('You may not edit this issue, so you cannot set its PO.');
    expect(text.fix).toContain('a project admin for the Edit Issues permission');
  });

  it('words an issue without a slot without naming a role', () => {
    expect(refusalText('NO_EDIT_PERMISSION', { slot: null, personName: null }).why).toBe(
      'You may not edit this issue, so you cannot set its owner.',
    );
    expect(refusalText('WRONG_ROLE_FOR_LEVEL', { slot: null, personName: null }).why).not.toMatch(
      /\bPM\b.*not a/,
    );
  });

  it('names the slot a misplaced owner holds, the issue’s level and where to clear it (WRONG_ROLE_FOR_LEVEL)', () => {
    // Sam sits in the PO slot of an epic: the refusal is about that PO, never "takes the other role".
    const misplaced = refusalText('WRONG_ROLE_FOR_LEVEL', {
      slot: 'po',
      personName: 'Amara Okafor',
      holder: 'Sam Whitaker',
      issueType: 'Epic',
    });
    expect(misplaced.why).toBe('Sam Whitaker is the PO of this Epic, a slot an epic does not have.');
    expect(misplaced.fix).toBe(
      'Clear it in the issue’s Role Split section (an epic takes a PM): anyone who can edit the issue can.',
    );
    // Without the type (a job row): the level follows from the misplaced slot.
    expect(
      refusalText('WRONG_ROLE_FOR_LEVEL', { slot: 'pm', personName: null, holder: 'Chen Wei' }).why,
    ).toBe('Chen Wei is the PM of this story-level issue, a slot a story-level issue does not have.');
    // Nobody in the named slot: the issue has no such slot (its type may have changed since it was read).
    expect(refusalText('WRONG_ROLE_FOR_LEVEL', { slot: 'po', personName: null, holder: null }).why).toBe(
      'This epic-level issue has no PO slot: it takes a PM (epics and initiatives take a PM, stories a PO). Its type may have changed.',
    );
  });

  it('says a CONFLICT happened after the preview or after the change was queued, and who holds the slot now', () => {
    const base = { slot: 'po' as const, personName: 'Sam Whitaker' };
    const held = refusalText('CONFLICT', { ...base, holder: 'Chen Wei', since: 'preview' });
    expect(held.why).toBe(
      'Someone changed its PO after your preview: Chen Wei now, so it was left as they set it.',
    );
    expect(held.fix).toContain('Nothing was overwritten');
    expect(refusalText('CONFLICT', { ...base, holder: null, since: 'preview' }).why).toBe(
      'Someone cleared its PO after your preview, so it was left empty.',
    );
    expect(refusalText('CONFLICT', { ...base, since: 'queued' }).why).toBe(
      'Someone changed its PO after the change was queued, so it was left as they set it.',
    );
    // The backend's sentence (key and wording) is not repeated beside it.
    expect(
      extraMessage(
        'CONFLICT',
        'Someone changed the PO of SHOP-3 after your preview, so it was left as they set it.',
        held,
      ),
    ).toBeNull();
  });

  it('adds the backend’s message only when it says something new', () => {
    const text = refusalText('OUT_OF_SCOPE', { slot: 'po', personName: null });
    expect(extraMessage('OUT_OF_SCOPE', 'Sub-task SHOP-9 has no slot.', text)).toBe(
      'Sub-task SHOP-9 has no slot.',
    );
    expect(extraMessage('OUT_OF_SCOPE', '  ', text)).toBeNull();
    expect(extraMessage('OUT_OF_SCOPE', null, text)).toBeNull();
    expect(extraMessage('OUT_OF_SCOPE', 'Role Split does not track this issue', text)).toBeNull();
    // A refusal whose words say it all: the backend's sentence would only repeat it with the key.
    const noEdit = refusalText('NO_EDIT_PERMISSION', { slot: 'po', personName: null });
    expect(
      extraMessage('NO_EDIT_PERMISSION', 'You cannot edit SHOP-49, so you cannot change its PO.', noEdit),
    ).toBeNull();
  });
});

describe('counts', () => {
  const preview = { total: 12, counts: { assign: 8, clear: 0, unchanged: 1, refused: 3 } };

  it('says what a preview would do and how many the Apply button writes', () => {
    expect(previewSummary(preview, 'en-US')).toBe(
      '8 will be assigned, 1 unchanged, 3 refused (12 issues in all)',
    );
    expect(previewWrites(preview)).toBe(8);
    expect(previewWrites({ counts: { assign: 0, clear: 0, unchanged: 4, refused: 2 } })).toBe(0);
    expect(
      previewSummary({ total: 1, counts: { assign: 1, clear: 0, unchanged: 0, refused: 0 } }, 'en-US'),
    ).toBe('1 will be assigned (1 issue in all)');
  });

  it('counts a job’s progress as issues finished either way', () => {
    const job = { total: 250, counts: { pending: 140, written: 10, verified: 98, refused: 2 } };
    expect(jobSettled(job)).toBe(100);
    expect(jobProgressText(job, 'en-US')).toBe('98 done, 2 not changed, 150 to go — 100 of 250');
  });

  it('calls a finished job with refusals a partial success, and one with none changed a failure', () => {
    const done = (verified: number, refused: number) => ({
      state: 'done' as const,
      total: verified + refused,
      counts: { pending: 0, written: 0, verified, refused },
    });
    expect(jobOutcomeText(done(5, 0), 'en-US')).toEqual({
      appearance: 'success',
      title: 'All 5 issues changed',
    });
    expect(jobOutcomeText(done(4, 1), 'en-US')).toEqual({
      appearance: 'warning',
      title: '4 of 5 issues changed, 1 not: see why below',
    });
    expect(jobOutcomeText(done(0, 2), 'en-US').appearance).toBe('error');
    expect(jobOutcomeText({ ...done(3, 0), state: 'failed', total: 10 }, 'en-US').title).toBe(
      'The job failed after 3 issues of 10',
    );
  });
});

describe('selection', () => {
  it('knows the slot of every gap code that tells it, and no other', () => {
    const known = GAP_CODES.filter((code) => slotOfGap(code) !== null);
    expect(known.sort()).toEqual(
      [
        'EPIC_WITHOUT_PM',
        'EPIC_WITHOUT_STORIES',
        'PM_NOT_ELIGIBLE',
        'PO_NOT_ELIGIBLE',
        'SAME_PERSON_PM_AND_PO',
        'STORY_WITHOUT_EPIC',
        'STORY_WITHOUT_PO',
      ].sort(),
    );
    expect(pickedOf(gapRow(1, 'EPIC_WITHOUT_PM'))).toEqual({
      issueId: '30001',
      issueKey: 'SHOP-101',
      slot: 'pm',
    });
  });

  it('toggles one issue, selects all shown, and drops them all when all were in', () => {
    const shown = [issue(1, 'po'), issue(2, 'po'), issue(3, 'pm')];
    let selection = toggleIssue(EMPTY_SELECTION, shown[0] as PickedIssue);
    expect(someSelected(selection, shown)).toBe(true);
    expect(allSelected(selection, shown)).toBe(false);
    selection = toggleShown(selection, shown);
    expect(issueIds(selection)).toEqual(['30001', '30002', '30003']);
    expect(allSelected(selection, shown)).toBe(true);
    expect(issueIds(toggleShown(selection, shown))).toEqual([]);
    expect(issueIds(toggleIssue(selection, shown[1] as PickedIssue))).toEqual(['30001', '30003']);
    expect(allSelected(EMPTY_SELECTION, [])).toBe(false);
  });

  it('never holds more issues than one request may name', () => {
    expect(MAX_BULK_ISSUES).toBe(CONTRACT_MAX);
    const many = Array.from({ length: MAX_BULK_ISSUES + 5 }, (_, n) => issue(n, 'po'));
    const selection = toggleShown(EMPTY_SELECTION, many);
    expect(selection.size).toBe(MAX_BULK_ISSUES);
    expect(toggleIssue(selection, issue(99_999, 'po')).size).toBe(MAX_BULK_ISSUES);
  });

  it('tells a mixed selection, the role to search, and narrows to one level', () => {
    const selection = toggleShown(EMPTY_SELECTION, [
      issue(1, 'po'),
      issue(2, 'pm'),
      issue(3, 'po'),
      issue(4, null),
    ]);
    const mix = levelMix(selection);
    expect(mix).toEqual({ pm: 1, po: 2, unknown: 1 });
    expect(isMixed(mix)).toBe(true);
    expect(roleOf(mix)).toBeNull();
    expect(issueIds(narrowTo(selection, 'po'))).toEqual(['30001', '30003']);
    expect(roleOf(levelMix(narrowTo(selection, 'pm')))).toBe('pm');
    expect(roleOf({ pm: 0, po: 0, unknown: 2 })).toBeNull();
    expect(roleOf({ pm: 0, po: 3, unknown: 1 })).toBe('po');
  });
});

describe('the epic action', () => {
  it('is offered only on an epic with open stories of its own lacking a PO, never on an initiative', () => {
    expect(offersStoriesWithoutPo({ level: 1, storyCount: 3, storiesWithPo: 1 })).toBe(true);
    expect(offersStoriesWithoutPo({ level: 1, storyCount: 3, storiesWithPo: 3 })).toBe(false);
    expect(offersStoriesWithoutPo({ level: 1, storyCount: 0, storiesWithPo: 0 })).toBe(false);
    // Its stories are its epics' children (the action reads `parent = <id>`): it would find none.
    expect(offersStoriesWithoutPo({ level: 2, storyCount: 9, storiesWithPo: 1 })).toBe(false);
  });
});

describe('mixed selection', () => {
  it('counts every picked issue: those whose gaps do not tell their level too', () => {
    expect(mixedLevelsText({ pm: 1, po: 2, unknown: 1 }, 'en')).toBe(
      '1 epic or initiative takes a PM; 2 stories take a PO; 1 other issue’s gaps do not tell which it takes (a misplaced owner or unreadable ownership data), the preview will say.',
    );
    expect(mixedLevelsText({ pm: 2, po: 1, unknown: 0 }, 'en')).toBe(
      '2 epics or initiatives take a PM; 1 story takes a PO.',
    );
    expect(mixedLevelsText({ pm: 1, po: 1, unknown: 3 }, 'en')).toContain(
      '; 3 other issues’ gaps do not tell which they take',
    );
  });
});

describe('people search', () => {
  it('merges the answers of two roles, each person once with the roles they hold', () => {
    const chen = person('acc-chen', 'Chen Wei');
    const found = mergeFound([
      ['pm', [person('acc-priya', 'Priya Natarajan'), chen]],
      ['po', [chen, person('acc-sam', 'Sam Whitaker')]],
    ]);
    expect(found.map((f) => [f.person.displayName, f.roles])).toEqual([
      ['Priya Natarajan', ['pm']],
      ['Chen Wei', ['pm', 'po']],
      ['Sam Whitaker', ['po']],
    ]);
  });
});
