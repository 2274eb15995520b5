// Jira's search index is eventually consistent: a search may not yet see a write made a moment ago ("recent
// updates might not be visible"). With a lag L > 0 the site answers searches (and the approximate count) from
// each issue as it was L ms ago when it was written within the last L ms: created -> not there yet, edited or
// given a property -> the older version, deleted -> still there. Reads by id or key (GET issue, properties,
// bulk fetch) are always current. `reconcileIssues` on a search makes the issues it names current, as Jira's
// read-after-write consistency does.
//
// How: before every change the state hands over a copy of the issue as it was (null: it did not exist). For an
// issue with changes after T = now - L, its version at T is the "before" of the first such change; older
// changes are forgotten, as the index has caught up with them.
import type { SiteIssue } from './model';

interface Change {
  at: number;
  /** The issue before this change; null: it did not exist yet. */
  before: SiteIssue | null;
}

/** The hook SiteState calls around its mutations. */
export interface ChangeRecorder {
  /** `before` is the issue as it is just before a change (null: about to be created). */
  record(issueId: string, before: SiteIssue | null): void;
  /** Everything was replaced (a reset or a load). */
  clear(): void;
}

function copyOf(issue: SiteIssue): SiteIssue {
  // Property values are replaced, never mutated, by the state: sharing them with the copy is safe.
  return { ...issue, properties: new Map(issue.properties) };
}

export class SearchLag implements ChangeRecorder {
  private readonly changes = new Map<string, Change[]>();
  private readonly copies = new WeakSet<SiteIssue>();

  constructor(
    readonly lagMs: number,
    private readonly now: () => number,
  ) {}

  record(issueId: string, before: SiteIssue | null): void {
    if (this.lagMs <= 0) return;
    const copy = before === null ? null : copyOf(before);
    if (copy) this.copies.add(copy);
    const list = this.changes.get(issueId);
    const change = { at: this.now(), before: copy };
    if (list) list.push(change);
    else this.changes.set(issueId, [change]);
  }

  clear(): void {
    this.changes.clear();
  }

  /** Whether the issue object is an older version kept for the lag (not the live one). */
  isOlderVersion(issue: SiteIssue): boolean {
    return this.copies.has(issue);
  }

  /**
   * The issues as the index has them now: live issues, except that each one written within the lag window is
   * replaced by its version from before the window (or left out, if it did not exist then), and issues deleted
   * within the window are still there. Issues in `current` are answered as they are now.
   */
  indexed(live: Map<string, SiteIssue>, current: ReadonlySet<string>): SiteIssue[] {
    if (this.lagMs <= 0 || this.changes.size === 0) return [...live.values()];
    const horizon = this.now() - this.lagMs;
    const older = new Map<string, SiteIssue | null>();
    for (const [id, list] of this.changes) {
      const pending = list.filter((c) => c.at > horizon);
      if (pending.length === 0) {
        this.changes.delete(id); // the index has caught up with it
        continue;
      }
      if (pending.length < list.length) this.changes.set(id, pending);
      if (!current.has(id)) older.set(id, pending[0]?.before ?? null);
    }
    const result: SiteIssue[] = [];
    for (const issue of live.values()) if (!older.has(issue.id)) result.push(issue);
    for (const version of older.values()) if (version) result.push(version);
    return result;
  }
}
