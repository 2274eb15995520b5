// The waiver form's dates, kept pure for tests: a waiver ends on a day the user picks, at most 180 days out
// (the product's limit, WAIVER_MAX_DAYS in the contract), and the instant sent never passes that limit.
const DAY_MS = 86_400_000;
/** Mirrors WAIVER_MAX_DAYS in src/contract/resolvers.ts (a value import would pull zod into the UI). */
export const WAIVER_MAX_DAYS = 180;
export const WAIVER_DEFAULT_DAYS = 30;
/** Margin under the limit, so the clock moving between click and check cannot make a valid pick invalid. */
const MARGIN_MS = 5 * 60_000;

/** yyyy-mm-dd of a local day, as `<input type="date">` wants it. */
export function dateInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function waiverDateBounds(now: Date): { min: string; max: string; initial: string } {
  return {
    min: dateInputValue(new Date(now.getTime() + DAY_MS)),
    max: dateInputValue(new Date(now.getTime() + WAIVER_MAX_DAYS * DAY_MS)),
    initial: dateInputValue(new Date(now.getTime() + WAIVER_DEFAULT_DAYS * DAY_MS)),
  };
}

/**
 * The instant a waiver picked for `day` (yyyy-mm-dd, local) ends: the end of that day, or just under the
 * 180-day limit when that day is the last one allowed. Null when the day is not in the future or too far.
 */
export function waiverExpiry(day: string, now: Date): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59);
  if (Number.isNaN(end.getTime())) return null;
  const limit = now.getTime() + WAIVER_MAX_DAYS * DAY_MS - MARGIN_MS;
  if (end.getTime() <= now.getTime()) return null;
  if (end.getTime() - limit > DAY_MS) return null;
  return new Date(Math.min(end.getTime(), limit)).toISOString();
}
