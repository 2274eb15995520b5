// The one report order every surface shares: errors before warnings, then the rules table's order, then
// project key, then issue number (numerically: ALPHA-9 before ALPHA-10).
import { GAP_CODES, type Gap, type GapCode, type Severity } from './model';

export const CODE_INDEX: Readonly<Record<GapCode, number>> = Object.fromEntries(
  GAP_CODES.map((code, index) => [code, index]),
) as Record<GapCode, number>;

export function severityRank(severity: Severity): number {
  return severity === 'error' ? 0 : 1;
}

/** An issue key split for ordering: the part before the last `-`, and the number after it (NaN if none). */
export interface KeyOrder {
  project: string;
  number: number;
}

/** The project part of a key: everything before the last `-` (the whole key when there is none). */
export function projectOfKey(key: string): string {
  const dash = key.lastIndexOf('-');
  return dash < 0 ? key : key.slice(0, dash);
}

/** The number after the last `-` of a key: digits only, else NaN. */
export function numberOfKey(key: string): number {
  const digits = key.slice(key.lastIndexOf('-') + 1);
  return key.includes('-') && /^\d+$/.test(digits) ? Number(digits) : NaN;
}

export function keyOrder(key: string): KeyOrder {
  return { project: projectOfKey(key), number: numberOfKey(key) };
}

/**
 * Project (code-unit order, as Jira keys are upper-case ASCII), then number (keys without one last), then the
 * raw key, so two different keys never compare equal.
 */
function compareKeyOrders(a: KeyOrder & { key: string }, b: KeyOrder & { key: string }): number {
  if (a.project !== b.project) return a.project < b.project ? -1 : 1;
  if (a.number !== b.number) {
    const aHasNumber = !Number.isNaN(a.number);
    const bHasNumber = !Number.isNaN(b.number);
    if (aHasNumber && bHasNumber) return a.number - b.number;
    if (aHasNumber !== bHasNumber) return aHasNumber ? -1 : 1;
  }
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}

/** Compare two issue keys in report order. */
export function compareIssueKeys(a: string, b: string): number {
  return compareKeyOrders({ ...keyOrder(a), key: a }, { ...keyOrder(b), key: b });
}

type Ordered = Pick<Gap, 'severity' | 'code' | 'issueKey'>;

/** The report order of gaps, from the fields a gap carries (its effective severity included). */
export function compareGaps(a: Ordered, b: Ordered): number {
  const bySeverity = severityRank(a.severity) - severityRank(b.severity);
  if (bySeverity !== 0) return bySeverity;
  const byCode = CODE_INDEX[a.code] - CODE_INDEX[b.code];
  if (byCode !== 0) return byCode;
  return compareIssueKeys(a.issueKey, b.issueKey);
}

/**
 * `items` sorted in report order by their issue keys (as `compareIssueKeys` orders them), as a new array.
 * Each key is split once, not on every comparison.
 */
export function sortInKeyOrder<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return items
    .map((item) => {
      const key = keyOf(item);
      return { item, key, ...keyOrder(key) };
    })
    .sort(compareKeyOrders)
    .map(({ item }) => item);
}

/**
 * Gaps in report order (as `compareGaps` orders them), as a new array. Each gap's key is split once, not on
 * every comparison: a large scan has tens of thousands of gaps.
 */
export function sortInReportOrder<T extends Ordered>(gaps: readonly T[]): T[] {
  return gaps
    .map((gap) => ({
      gap,
      rank: severityRank(gap.severity) * GAP_CODES.length + CODE_INDEX[gap.code],
      key: gap.issueKey,
      ...keyOrder(gap.issueKey),
    }))
    .sort((a, b) => a.rank - b.rank || compareKeyOrders(a, b))
    .map(({ gap }) => gap);
}
