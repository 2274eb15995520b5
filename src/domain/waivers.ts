// Which waivers are in force: a waiver moves one gap of one issue aside until it expires.
import type { GapCode, Waiver } from './model';

/** The waivers in force at `now`, by issue key, then code. */
export type ActiveWaivers = ReadonlyMap<string, ReadonlyMap<GapCode, Waiver>>;

/**
 * Waivers still in force at `now` (expiry strictly later), by issue key and code. A garbage expiry is not
 * "forever": it never applies, so the gap stays visible. Of two waivers for the same gap, the later expiry
 * wins.
 */
export function activeWaivers(waivers: readonly Waiver[], now: Date): ActiveWaivers {
  const active = new Map<string, Map<GapCode, Waiver>>();
  for (const waiver of waivers) {
    const expiresAt = Date.parse(waiver.expiresAt);
    if (!(expiresAt > now.getTime())) continue;
    let forIssue = active.get(waiver.issueKey);
    if (forIssue === undefined) active.set(waiver.issueKey, (forIssue = new Map<GapCode, Waiver>()));
    const current = forIssue.get(waiver.code);
    if (current === undefined || Date.parse(current.expiresAt) < expiresAt) forIssue.set(waiver.code, waiver);
  }
  return active;
}
