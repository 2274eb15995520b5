// Who hears about which gap in a run: a pure function of the project's open gaps, its settings, the people
// involved, the mute switches and the ledger (what each person was last told, gap by gap). Used by the project
// stage of a run and by `notifications/preview`, so the preview shows exactly what a run would send.
//
// Routing (issue 12): strategy gaps go to the project lead and the PM leads; story gaps to the PM of the story's
// epic when that slot is covered, otherwise to the lead and the extra recipients; STORY_WITHOUT_EPIC to the
// story's PO (the lead and extra recipients when it has none). Never to the person a *_NOT_ELIGIBLE gap names.
// A new gap is due at once; a gap someone was told about is due again after the reminder interval. Warnings only
// when the project turned them on.
import type { NotificationSettings } from '../../contract/notifications';
import type { GapCode, Severity } from '../../domain/model';

/** One open gap as the stored results give it, with what routing needs. */
export interface OpenGap {
  issueId: string;
  issueKey: string;
  summary: string;
  issueType: string;
  code: GapCode;
  severity: Severity;
  /** The issue's place in the split: strategy (PM slot) or execution (PO slot). */
  kind: 'strategy' | 'execution';
  /** The issue's slot holder (PM on strategy, PO on execution), or null. */
  owner: string | null;
  /** Execution issues: the PM of the nearest strategy ancestor when that slot is covered, else null. */
  epicPm: string | null;
}

export interface PlanPerson {
  active: boolean;
  /** `atlassian` for people; app and customer accounts never get email. */
  accountType: string;
}

export interface PlanInput {
  settings: NotificationSettings;
  /** The project lead, null when the project has none. */
  lead: string | null;
  /** Accounts Jira knows (user/bulk); an account missing here is unknown and gets nothing. */
  people: ReadonlyMap<string, PlanPerson>;
  muted: ReadonlySet<string>;
  /** account id → gap key → epoch ms of the last email that named the gap to them. */
  ledger: ReadonlyMap<string, ReadonlyMap<string, number>>;
  now: Date;
}

export interface PlannedItem {
  gapKey: string;
  issueId: string;
  issueKey: string;
  summary: string;
  issueType: string;
  code: GapCode;
  severity: Severity;
  /** Told before and still open: a reminder, not news. */
  reminder: boolean;
}

export interface PlannedRecipient {
  accountId: string;
  items: PlannedItem[];
}

export type SkipReason = 'inactive-lead' | 'no-lead' | 'muted' | 'not-eligible-named' | 'inactive';

export interface RunPlan {
  /** Recipients with something due, within the project's cap, in send order. */
  recipients: PlannedRecipient[];
  /** Recipients with something due left out by the per-run cap (they are due again next run). */
  cappedOut: PlannedRecipient[];
  /** People left out, once each per reason. */
  skipped: Array<{ accountId: string | null; reason: SkipReason }>;
  /** Every open gap routed to each person (due or not): the ledger keeps only these. */
  routed: Map<string, Set<string>>;
}

const DAY_MS = 86_400_000;
/**
 * Forge runs an hourly trigger anywhere in its hour, so a week's runs are not exactly a week apart: a reminder is
 * due a little early rather than a whole schedule late.
 */
export const REMINDER_SLACK_MS = 2 * 3_600_000;

export function gapKeyOf(gap: { issueId: string; code: GapCode }): string {
  return `${gap.issueId}:${gap.code}`;
}

const NOT_ELIGIBLE: ReadonlySet<GapCode> = new Set(['PM_NOT_ELIGIBLE', 'PO_NOT_ELIGIBLE']);

/** Who a gap is addressed to, before people are checked (active, muted). */
export function addresseesOf(gap: OpenGap, settings: NotificationSettings, lead: string | null): string[] {
  const leadAndExtra = [
    ...(settings.recipients.projectLead && lead ? [lead] : []),
    ...settings.recipients.extra,
  ];
  let to: string[];
  if (gap.kind === 'strategy') {
    to = [...(settings.recipients.projectLead && lead ? [lead] : []), ...settings.recipients.pmLeads];
  } else if (gap.code === 'STORY_WITHOUT_EPIC') {
    to = gap.owner ? [gap.owner] : leadAndExtra;
  } else {
    to = gap.epicPm ? [gap.epicPm] : leadAndExtra;
  }
  return [...new Set(to)];
}

export function planRun(gaps: readonly OpenGap[], input: PlanInput): RunPlan {
  const { settings } = input;
  const skipped = new Map<string, { accountId: string | null; reason: SkipReason }>();
  const skip = (accountId: string | null, reason: SkipReason) =>
    skipped.set(`${accountId ?? ''}|${reason}`, { accountId, reason });
  const leadUsable = input.lead !== null && usable(input.people.get(input.lead));
  if (settings.recipients.projectLead) {
    if (input.lead === null) skip(null, 'no-lead');
    else if (!leadUsable) skip(input.lead, 'inactive-lead');
  }
  const routed = new Map<string, Set<string>>();
  const due = new Map<string, PlannedItem[]>();
  const reminderMs = settings.reminderDays * DAY_MS - REMINDER_SLACK_MS;
  for (const gap of gaps) {
    if (gap.severity === 'warning' && !settings.warnings) continue;
    const key = gapKeyOf(gap);
    for (const accountId of addresseesOf(gap, settings, input.lead)) {
      if (NOT_ELIGIBLE.has(gap.code) && accountId === gap.owner) {
        skip(accountId, 'not-eligible-named');
        continue;
      }
      if (!usable(input.people.get(accountId))) {
        skip(accountId, accountId === input.lead ? 'inactive-lead' : 'inactive');
        continue;
      }
      if (input.muted.has(accountId)) {
        skip(accountId, 'muted');
        continue;
      }
      let set = routed.get(accountId);
      if (!set) routed.set(accountId, (set = new Set()));
      set.add(key);
      const last = input.ledger.get(accountId)?.get(key);
      if (last !== undefined && input.now.getTime() - last < reminderMs) continue;
      let items = due.get(accountId);
      if (!items) due.set(accountId, (items = []));
      items.push({
        gapKey: key,
        issueId: gap.issueId,
        issueKey: gap.issueKey,
        summary: gap.summary,
        issueType: gap.issueType,
        code: gap.code,
        severity: gap.severity,
        reminder: last !== undefined,
      });
    }
  }
  // Those with the most to fix first, so a cap leaves out the lightest digests; account id breaks ties.
  const ordered = [...due.entries()]
    .map(([accountId, items]) => ({ accountId, items }))
    .sort(
      (a, b) =>
        errors(b.items) - errors(a.items) ||
        b.items.length - a.items.length ||
        a.accountId.localeCompare(b.accountId),
    );
  return {
    recipients: ordered.slice(0, settings.perRunCap),
    cappedOut: ordered.slice(settings.perRunCap),
    skipped: [...skipped.values()],
    routed,
  };
}

function usable(person: PlanPerson | undefined): boolean {
  return person !== undefined && person.active && person.accountType === 'atlassian';
}

function errors(items: readonly PlannedItem[]): number {
  return items.filter((i) => i.severity === 'error').length;
}
