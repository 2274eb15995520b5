// What the resolvers send to the Custom UI: view models, shaped for rendering, never raw Jira responses.
import type { Coverage, Gap, GapCode, IssueKind, Role, Severity, Waiver } from '../domain/model';

export type { Coverage, Gap, GapCode, IssueKind, Role, Severity, Waiver };

/** Why a person set in a slot does not cover it. */
export type IneligibleReason = 'not-in-role' | 'inactive' | 'unknown-account' | 'not-a-person';

export interface PersonView {
  accountId: string;
  /** null when Jira does not know the account. */
  displayName: string | null;
  eligible: boolean;
  reason: IneligibleReason | null;
}

export interface CheckView {
  code: GapCode;
  severity: Severity;
  /**
   * `pass`: the rule holds; `fail`: a gap; `waived`: a gap set aside by a waiver; `skipped`: the rule was not
   * evaluated for this issue (`skipReason` says why), so it must never be shown as passed.
   */
  status: 'pass' | 'fail' | 'waived' | 'skipped';
  skipReason: 'ownership-invalid' | 'slot-empty' | 'no-epic-pm' | 'grace-period' | null;
}

export interface IssuePanelView {
  issue: { key: string; summary: string; issueType: string; kind: IssueKind; statusCategory: string };
  /** The slot this issue has (pm on strategy, po on execution), null when out of scope. */
  slot: Role | null;
  /** Why an issue is out of scope, for the empty state. */
  outOfScopeReason: 'subtask' | 'type-not-in-scope' | 'done' | null;
  owner: PersonView | null;
  /** A person in the other slot, written by another tool (ROLE_MISPLACED). */
  misplaced: (PersonView & { role: Role }) | null;
  ownershipInvalid: boolean;
  checks: CheckView[];
  gaps: Gap[];
  /** On an execution issue: its nearest strategy ancestor and that issue's PM. */
  epic: { key: string; summary: string; pm: PersonView | null } | null;
  /** On a strategy issue: in-scope execution issues beneath it (any depth, any project). */
  stories: {
    total: number;
    withPo: number;
    items: Array<{ key: string; summary: string; po: PersonView | null }>;
  } | null;
}

export interface AlignmentView {
  project: { id: string; key: string; name: string };
  /** ISO-8601 time the scan finished. */
  scannedAt: string;
  issuesRead: number;
  coverage: Coverage;
  byCode: Partial<Record<GapCode, number>>;
  gaps: Gap[];
  waived: Array<Gap & { waiver: Waiver }>;
}
