// Plain-English words for every gap code, shared by the issue panel and the alignment page so a rule reads
// the same everywhere. The codes say EPIC, but their rules cover every strategy issue (initiatives too), so the
// words say "epic or initiative" wherever that matters. `title` names the gap, `check` names the rule when it holds, `explanation` says why
// the rule exists in one line.
import type { GapCode, Severity } from '../../src/contract';

export interface GapText {
  title: string;
  check: string;
  explanation: string;
}

export const GAP_TEXT: Readonly<Record<GapCode, GapText>> = {
  OWNERSHIP_INVALID: {
    title: 'Unreadable ownership data',
    check: 'Ownership data is readable',
    explanation:
      'Ownership data written by other tools must follow Role Split’s format, or the other checks cannot run.',
  },
  EPIC_WITHOUT_PM: {
    title: 'No Product Manager',
    check: 'Has a Product Manager',
    explanation: 'Every epic and initiative needs a PM who owns the what and the why.',
  },
  PM_NOT_ELIGIBLE: {
    title: 'PM not eligible',
    check: 'PM holds the Product Manager role',
    explanation: 'The PM must be an active person in this project’s Product Manager role.',
  },
  STORY_WITHOUT_PO: {
    title: 'No Product Owner',
    check: 'Has a Product Owner',
    explanation: 'Every story needs a PO who owns the how: the backlog and its delivery.',
  },
  PO_NOT_ELIGIBLE: {
    title: 'PO not eligible',
    check: 'PO holds the Product Owner role',
    explanation: 'The PO must be an active person in this project’s Product Owner role.',
  },
  ROLE_MISPLACED: {
    title: 'Role in the wrong slot',
    check: 'No role in the wrong slot',
    explanation: 'Epics and initiatives take a PM and stories take a PO, never the other way round.',
  },
  SAME_PERSON_PM_AND_PO: {
    title: 'Same person is PM and PO',
    check: 'PO differs from the epic’s PM',
    explanation: 'A story’s PO should not also be its epic’s PM, so strategy and execution check each other.',
  },
  STORY_WITHOUT_EPIC: {
    title: 'Story without an epic',
    check: 'Belongs to an epic',
    explanation: 'Every story should sit under an epic or initiative, so its work serves a strategy.',
  },
  EPIC_WITHOUT_STORIES: {
    title: 'Epic without stories',
    check: 'Has stories',
    explanation:
      'An open epic or initiative needs at least one story beneath it, or its strategy has no plan for delivery.',
  },
};

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: 'Error', warning: 'Warning' };
