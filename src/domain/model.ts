// The vocabulary every part of Role Split shares: issues as the gap engine sees them, the policy a project
// chooses, the roster of people in each role, and the report the engine returns. Pure types and constants:
// no I/O, no Forge imports. The rules themselves: src/domain/rules.ts, and the README's gap rules table.

/** Where an issue sits in the PM / PO split, from its issue type's `hierarchyLevel`. */
export type IssueKind = 'strategy' | 'execution' | 'out-of-scope';

export type Role = 'pm' | 'po';

export type Severity = 'error' | 'warning';

/** The nine gap codes, in the order of the rules table (which is also the report order within a severity). */
export const GAP_CODES = [
  'OWNERSHIP_INVALID',
  'EPIC_WITHOUT_PM',
  'PM_NOT_ELIGIBLE',
  'STORY_WITHOUT_PO',
  'PO_NOT_ELIGIBLE',
  'ROLE_MISPLACED',
  'SAME_PERSON_PM_AND_PO',
  'STORY_WITHOUT_EPIC',
  'EPIC_WITHOUT_STORIES',
] as const;
export type GapCode = (typeof GAP_CODES)[number];

/** Default severity of each rule, as the product's rules table gives it. */
export const DEFAULT_SEVERITY: Readonly<Record<GapCode, Severity>> = {
  OWNERSHIP_INVALID: 'error',
  EPIC_WITHOUT_PM: 'error',
  PM_NOT_ELIGIBLE: 'error',
  STORY_WITHOUT_PO: 'error',
  PO_NOT_ELIGIBLE: 'error',
  ROLE_MISPLACED: 'error',
  SAME_PERSON_PM_AND_PO: 'warning',
  STORY_WITHOUT_EPIC: 'warning',
  EPIC_WITHOUT_STORIES: 'warning',
};

/**
 * One issue as read from Jira (fields `issuetype`, `summary`, `status`, `created`, `parent` and the
 * `role-split-ownership` property). Issues of the scanned project(s) and "related" issues from other projects
 * (ancestors and descendants found with `parent in (...)`) share this shape.
 */
export interface IssueFacts {
  id: string;
  key: string;
  projectKey: string;
  issueType: { id: string; name: string; hierarchyLevel: number };
  summary: string;
  /** Jira `status.statusCategory.key`: `new`, `indeterminate` or `done`. */
  statusCategory: string;
  /** ISO-8601 creation time. */
  created: string;
  /** Key of the `parent` field's issue, or null. Never the deprecated Epic Link. */
  parentKey: string | null;
  /** The raw `role-split-ownership` property value; `undefined` when the issue has no such property. */
  ownership: unknown;
  /** The issue has an issue security level (set by the scan, which reads `security`; absent elsewhere). */
  secured?: boolean;
}

export interface SlotOwner {
  accountId: string;
  setBy: string;
  setAt: string;
}

/** The public ownership property (`role-split-ownership`, schema 1), once parsed and trusted. */
export interface Ownership {
  schema: 1;
  pm?: SlotOwner;
  po?: SlotOwner;
}

/** What one issue's property says: absent, a valid schema-1 record, or something we must not trust. */
export type OwnershipReading =
  { kind: 'absent' } | { kind: 'valid'; ownership: Ownership } | { kind: 'invalid'; reason: string };

/** A person as Jira reports them (`GET /rest/api/3/user/bulk`). Unknown accounts are simply missing. */
export interface Account {
  accountId: string;
  displayName: string;
  active: boolean;
  /** `atlassian`, `app` or `customer`; only `atlassian` accounts can hold a role. */
  accountType: string;
}

/**
 * Who holds each role in the project, already resolved from the project's role sources (project role actors,
 * their group actors, configured groups and named people). `unavailable` when a source could not be read: the
 * engine then fails with ROSTER_UNAVAILABLE rather than marking owners ineligible.
 */
export type Roster =
  | { ok: true; pm: ReadonlySet<string>; po: ReadonlySet<string> }
  | { ok: false; source: string; message: string };

export interface Waiver {
  issueKey: string;
  code: GapCode;
  reason: string;
  /** Account id of who set it. */
  setBy: string;
  /** ISO-8601; the waiver stops applying at this instant. */
  expiresAt: string;
}

export interface GapOwner {
  accountId: string;
  /** null when the account is unknown to Jira. */
  displayName: string | null;
}

/** One gap, with exactly the report fields the product fixes. */
export interface Gap {
  code: GapCode;
  severity: Severity;
  issueKey: string;
  issueType: string;
  summary: string;
  /** The nearest ancestor at hierarchy level >= 1, or null. */
  epicKey: string | null;
  owner: GapOwner | null;
}

export interface Coverage {
  strategyIssues: number;
  withPm: number;
  executionIssues: number;
  withPo: number;
}

export interface GapReport {
  coverage: Coverage;
  /** Ordered: errors before warnings, then rule order, then project key, then issue number. */
  gaps: Gap[];
  /** Gaps an active waiver moved aside: not counted, not notified. Same order. */
  waived: Array<Gap & { waiver: Waiver }>;
}

export type EngineResult =
  | { ok: true; report: GapReport }
  | { ok: false; error: { code: 'ROSTER_UNAVAILABLE'; source: string; message: string } };
