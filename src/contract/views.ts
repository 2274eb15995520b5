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
  /** A 48x48 avatar URL when Jira returned one with the account (never fetched separately); else absent. */
  avatarUrl?: string | null;
}

/**
 * A slot as the viewer saw it. Writes send it back as `expected`, and the server refuses with CONFLICT when
 * the slot is no longer this (null = the slot was empty).
 */
export interface SlotState {
  accountId: string;
  /** ISO-8601, exactly as stored in the property. */
  setAt: string;
}

/** What the viewer may do with the slot; the UI shows exactly these actions and no others. */
export interface SlotActions {
  /** Pick someone for an empty slot. */
  assign: boolean;
  /** Pick someone else for a filled slot. */
  change: boolean;
  clear: boolean;
  /** Offered only when the slot is empty and the viewer is eligible for it. */
  assignMe: boolean;
  /** The viewer owns the slot ("You own this"). */
  youOwnThis: boolean;
  /** The property is invalid and the viewer may edit: offer "clear and start again" (issue/clear, reset). */
  reset: boolean;
  /** The viewer may waive or revoke a waiver of this issue's gaps (may edit the issue). */
  waive: boolean;
}

/** Who can fix a gap, as a text key the UI words. */
export type FixWho =
  | 'you' // the viewer can fix it right here
  | 'issue-editor' // someone who may edit this issue
  | 'epic-editor' // someone who may edit the parent epic
  | 'project-admin'; // someone who administers the project's roles

/** How a gap is fixed, as a text key the UI words. */
export type FixHow =
  | 'assign-owner' // set a PM / PO in this issue's slot
  | 'change-owner' // replace the owner with an eligible person
  | 'add-owner-to-role' // or: add the owner to the project role (project admin)
  | 'reset-ownership' // clear the invalid property and start again
  | 'move-misplaced' // the other role's slot is filled on this level: clear it (another tool wrote it)
  | 'pick-different-people' // the story's PO is the epic's PM
  | 'set-parent-epic' // give the story a parent epic
  | 'assign-epic-pm' // the epic needs a PM
  | 'add-story'; // the epic has no story below it

export interface FixHint {
  who: FixWho;
  how: FixHow;
}

/** A gap as the compact section shows it: what is wrong and who can fix it how. */
export interface ContextGapView {
  code: GapCode;
  severity: Severity;
  fix: FixHint;
}

/** Text key of the section's status (the lozenge): the UI and dynamicProperties word it the same way. */
export type ContextStatusKey =
  | 'owned' // "PM ✓" / "PO ✓": set and eligible
  | 'owner-set' // "PM set": set; eligibility not checked (the header's cheap status only)
  | 'owner-not-eligible' // "PM not eligible"
  | 'missing' // "PM missing" / "PO missing"
  | 'invalid' // "Ownership invalid"
  | 'not-tracked'; // "Not tracked": no slot on this issue

/** Atlaskit Lozenge appearances (Forge's `status.value.type` uses the same names). */
export type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

export interface ContextStatus {
  key: ContextStatusKey;
  /** The lozenge text in English, e.g. "PO missing" (dynamicProperties cannot be localised by the UI). */
  label: string;
  appearance: LozengeAppearance;
}

/** The compact view of the `jira:issueContext` section (issue/get-context). */
export interface IssueContextView {
  issue: { key: string; kind: IssueKind; statusCategory: string };
  /** The slot this issue has (pm on strategy, po on execution), null when out of scope. */
  slot: Role | null;
  /** Why there is no slot. A done issue is never out of scope here: it still shows who owned it. */
  outOfScopeReason: 'subtask' | 'type-not-in-scope' | null;
  /**
   * On a sub-task: the issue whose owner to check instead (its parent), when the viewer can see it; null when
   * there is none or the viewer cannot see it (then the UI says "an issue you cannot see" with no key).
   */
  checkInstead: { key: string; summary: string } | null;
  /** True on a sub-task whose parent the viewer cannot see (a sub-task always has one). */
  checkInsteadHidden: boolean;
  owner: PersonView | null;
  /** The slot as displayed: send it back as `expected` on the next write. */
  current: SlotState | null;
  ownershipInvalid: boolean;
  status: ContextStatus;
  /** At most two gaps, the ones that matter most (severity, then rule order); waived gaps are not here. */
  gaps: ContextGapView[];
  actions: SlotActions;
  viewer: { accountId: string; canEdit: boolean };
}

/** One successful ownership change of an issue (newest first in the view; the last 20 are kept). */
export interface HistoryEntryView {
  /** Who made the change (resolved when read; displayName null when Jira does not know the account). */
  by: { accountId: string; displayName: string | null };
  /** ISO-8601. */
  at: string;
  slot: Role;
  from: { accountId: string; displayName: string | null } | null;
  to: { accountId: string; displayName: string | null } | null;
  /** `reset`: an invalid property was cleared. */
  action: 'assign' | 'clear' | 'reset';
}

export interface WaiverView {
  code: GapCode;
  reason: string;
  author: { accountId: string; displayName: string | null };
  /** ISO-8601. */
  setAt: string;
  /** ISO-8601; the gap comes back at this instant. */
  expiresAt: string;
}

/** Result of issue/assign, issue/assign-me and issue/clear: the slot as written (re-read after the write). */
export interface OwnershipChangeResult {
  slot: Role;
  owner: PersonView | null;
  /** The new slot state: send it as `expected` on the next write. */
  current: SlotState | null;
}

/** Result of issue/set-waiver and issue/revoke-waiver: the issue's waivers now. */
export interface WaiversResult {
  waivers: WaiverView[];
}

/** One person in the picker. */
export interface PersonOption {
  accountId: string;
  displayName: string;
  avatarUrl: string | null;
  /** How they hold the role: a direct role actor / named person, or through a group. */
  via: 'direct' | 'group';
}

/** A person matching the query who is not offered, and why (only people Jira returned for the query). */
export interface PersonNotOffered {
  accountId: string;
  displayName: string;
  avatarUrl: string | null;
  reason: IneligibleReason;
}

/** Result of issue/search-people: eligible people for this issue's slot, best matches first. */
export interface PeopleSearchResult {
  slot: Role;
  people: PersonOption[];
  notOffered: PersonNotOffered[];
  /**
   * True when more matches exist than were checked (group membership is checked for at most 10 searched
   * people per query): the UI says "type more to narrow".
   */
  truncated: boolean;
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
  /**
   * Who can fix a failing check and how (the same hint the compact section gives for that gap); null when the
   * check passes, is waived or was not checked. On views built without a viewer it is addressed to someone who
   * may edit the issue.
   */
  fix: FixHint | null;
}

export interface IssuePanelView {
  issue: { key: string; summary: string; issueType: string; kind: IssueKind; statusCategory: string };
  /**
   * The slot this issue has (pm on strategy, po on execution), null when out of scope. A done issue the
   * project does not check (outOfScopeReason 'done') keeps its slot and owner in issue/get-panel: it still
   * shows who owned it, and the owner can still be corrected.
   */
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
  /** The slot as displayed: send it back as `expected` on writes. Null when empty or out of scope. */
  current?: SlotState | null;
  /** What the viewer may do (absent on views built without a viewer, e.g. the CLI). */
  actions?: SlotActions;
  /** Whether the viewer may edit the issue (Jira's Edit Issues permission). */
  canEdit?: boolean;
  /** Successful ownership changes, newest first, the last 20. */
  history?: HistoryEntryView[];
  /** Waivers in force on this issue. */
  waivers?: WaiverView[];
}
