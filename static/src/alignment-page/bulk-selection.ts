// The issues picked on the gap list for a bulk assignment, by issue id. An issue listed under two gaps is one
// issue. Its slot is what its gap code says (PM on epics and initiatives, PO on stories), or unknown: the
// backend decides every issue's slot from the issue itself, this only lets the page say when a selection
// mixes levels and offer to narrow it.
import type { EpicRowView, GapRowView } from '../../../src/contract/alignment';
import type { Role } from '../../../src/contract';
import { MAX_BULK_ISSUES } from './bulk-limits';
import { slotOfGap } from './bulk-text';

export interface PickedIssue {
  issueId: string;
  issueKey: string;
  slot: Role | null;
}

export type Selection = ReadonlyMap<string, PickedIssue>;

export const EMPTY_SELECTION: Selection = new Map();

export function pickedOf(row: Pick<GapRowView, 'issueId' | 'issueKey' | 'code'>): PickedIssue {
  return { issueId: row.issueId, issueKey: row.issueKey, slot: slotOfGap(row.code) };
}

/** Adds or removes one issue; a selection never grows beyond what one request may name. */
export function toggleIssue(selection: Selection, issue: PickedIssue): Selection {
  const next = new Map(selection);
  if (next.has(issue.issueId)) next.delete(issue.issueId);
  else if (next.size < MAX_BULK_ISSUES) next.set(issue.issueId, issue);
  return next;
}

/** Whether every issue shown is selected (false when none is shown). */
export function allSelected(selection: Selection, shown: readonly PickedIssue[]): boolean {
  return shown.length > 0 && shown.every((issue) => selection.has(issue.issueId));
}

export function someSelected(selection: Selection, shown: readonly PickedIssue[]): boolean {
  return shown.some((issue) => selection.has(issue.issueId));
}

/** "Select all shown": adds every shown issue (up to the limit), or removes them all when all were in. */
export function toggleShown(selection: Selection, shown: readonly PickedIssue[]): Selection {
  const next = new Map(selection);
  if (allSelected(selection, shown)) {
    for (const issue of shown) next.delete(issue.issueId);
    return next;
  }
  for (const issue of shown) {
    if (next.size >= MAX_BULK_ISSUES) break;
    if (!next.has(issue.issueId)) next.set(issue.issueId, issue);
  }
  return next;
}

export interface LevelMix {
  pm: number;
  po: number;
  unknown: number;
}

export function levelMix(selection: Selection): LevelMix {
  const mix: LevelMix = { pm: 0, po: 0, unknown: 0 };
  for (const issue of selection.values()) mix[issue.slot ?? 'unknown'] += 1;
  return mix;
}

/** Epics and stories together: one person rarely holds both roles. */
export function isMixed(mix: LevelMix): boolean {
  return mix.pm > 0 && mix.po > 0;
}

/** The role to search people in: the one level the selection has, or null when the page must ask. */
export function roleOf(mix: LevelMix): Role | null {
  if (mix.pm > 0 && mix.po === 0) return 'pm';
  if (mix.po > 0 && mix.pm === 0) return 'po';
  return null;
}

/** Only the issues of one level (the "narrow it" offer). */
export function narrowTo(selection: Selection, slot: Role): Selection {
  return new Map([...selection].filter(([, issue]) => issue.slot === slot));
}

export function issueIds(selection: Selection): string[] {
  return [...selection.keys()];
}

/**
 * Whether an epics-table row offers "Assign PO to stories without one…": an epic (level 1) some of whose stories
 * lack a PO. Its target reads the epic's own children (`parent = <id>`, open, in scope), so an initiative — whose
 * count is of the stories beneath its epics — would find none; each of its epics has a row of its own.
 */
export function offersStoriesWithoutPo(
  epic: Pick<EpicRowView, 'level' | 'storyCount' | 'storiesWithPo'>,
): boolean {
  return epic.level === 1 && epic.storyCount > epic.storiesWithPo;
}
