// Small pure formatting helpers (no React, no bridge), so they can be unit-tested in Node.
import type { IneligibleReason, PersonView, Role } from '../../src/contract';
import { coveragePercent } from '../../src/domain/coverage';

export const ROLE_NAME: Readonly<Record<Role, string>> = { pm: 'Product Manager', po: 'Product Owner' };
export const ROLE_ABBR: Readonly<Record<Role, string>> = { pm: 'PM', po: 'PO' };

/**
 * Whole-number coverage percentage, rounded down, from the domain so the CLI and the UI show the same figure.
 * Null when there is nothing to measure (0 of 0): callers show words instead ("No stories yet").
 */
export const percent: (part: number, whole: number) => number | null = coveragePercent;

const RELATIVE_STEPS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "5 minutes ago", "yesterday"; "just now" under a minute. `null` when the time cannot be read. */
export function relativeTime(iso: string, now: Date, locale: string): string | null {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  let amount = (then - now.getTime()) / 1000;
  if (Math.abs(amount) < 60) return 'just now';
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(amount) < size) return format.format(Math.round(amount), unit);
    amount /= size;
  }
  return null;
}

export function absoluteTime(iso: string, locale: string, timeZone?: string): string | null {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(then);
}

export function shortDate(iso: string, locale: string, timeZone?: string): string | null {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(then);
}

/** Up to two initials from a display name ("Ana María Lima" -> "AL"); "?" for an unknown account. */
export function initials(displayName: string | null): string {
  const words = (displayName ?? '').trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (first === undefined) return '?';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letters = [first, last].map((word) => (word ? Array.from(word)[0] : '')).join('');
  return letters.toLocaleUpperCase();
}

/** Display name for a person, even one Jira does not know. */
export function personName(person: { displayName: string | null }): string {
  return person.displayName ?? 'Unknown account';
}

const REASON_LABEL: Readonly<Record<IneligibleReason, (role: Role) => string>> = {
  'not-in-role': (role) => `Not in ${ROLE_ABBR[role]} role`,
  inactive: () => 'Deactivated',
  'unknown-account': () => 'Unknown account',
  'not-a-person': () => 'Not a person',
};

/** The eligibility lozenge text for a person in a slot of `role`. */
export function eligibilityLabel(person: PersonView, role: Role): string {
  if (person.eligible) return 'Eligible';
  return person.reason ? REASON_LABEL[person.reason](role) : 'Not eligible';
}

/** Sort key that orders issue keys by project, then by number (PROJ-9 before PROJ-10). */
export function issueSortKey(issueKey: string): string {
  const match = /^(.*)-(\d+)$/.exec(issueKey);
  if (!match) return issueKey;
  return `${match[1] ?? ''}-${(match[2] ?? '').padStart(12, '0')}`;
}

/** A small, stable hash so a person keeps the same avatar colour everywhere. */
export function stableIndex(text: string, buckets: number): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % buckets;
}
