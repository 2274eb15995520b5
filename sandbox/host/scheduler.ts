// Runs manifest `scheduledTrigger`s on their own, the way Forge does (forge-facts §3): once per interval
// (fiveMinute, hour, day, week), at a point spread somewhere across the interval rather than on the hour, and
// now and then twice (Forge warns duplicates are possible, so handlers must be idempotent). Errors are logged,
// never retried. `POST /_host/scheduled/<key>` still runs one at once.
import type { ScheduledTriggerDef } from './manifest';

export const INTERVAL_MS: Record<string, number> = {
  fiveMinute: 5 * 60_000,
  hour: 60 * 60_000,
  day: 24 * 60 * 60_000,
  week: 7 * 24 * 60 * 60_000,
};

export interface SchedulerOptions {
  /** Uniform in [0, 1): where in the interval each trigger runs, and whether a run is doubled. */
  random?: () => number;
  /** The chance that a run is followed by a duplicate (default 0.1). */
  duplicateChance?: number;
  /** The interval's length in ms (tests shorten it). */
  intervalMs?: (interval: string) => number;
}

export interface PlannedRun {
  key: string;
  /** Epoch ms of the next run. */
  at: number;
}

export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly next = new Map<string, number>();
  private readonly random: () => number;
  private readonly duplicateChance: number;
  private readonly intervalMs: (interval: string) => number;
  private closed = false;

  constructor(
    private readonly triggers: ScheduledTriggerDef[],
    private readonly run: (key: string) => Promise<unknown>,
    private readonly log: (line: string) => void,
    options: SchedulerOptions = {},
  ) {
    this.random = options.random ?? Math.random;
    this.duplicateChance = options.duplicateChance ?? 0.1;
    this.intervalMs =
      options.intervalMs ?? ((interval) => INTERVAL_MS[interval] ?? INTERVAL_MS.hour ?? 3_600_000);
  }

  start(): void {
    for (const trigger of this.triggers) {
      const interval = this.intervalMs(trigger.interval);
      // Forge spreads apps' schedules across the interval: the first run is somewhere inside it.
      this.plan(trigger.key, Math.floor(this.random() * interval), interval);
    }
  }

  /** When each trigger runs next. */
  planned(): PlannedRun[] {
    return [...this.next.entries()].map(([key, at]) => ({ key, at }));
  }

  close(): void {
    this.closed = true;
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
  }

  private plan(key: string, inMs: number, interval: number): void {
    this.next.set(key, Date.now() + inMs);
    this.after(inMs, () => {
      this.fire(key);
      // Now and then Forge delivers the same scheduled run twice, shortly after the first.
      if (this.random() < this.duplicateChance)
        this.after(Math.floor(this.random() * Math.min(interval / 2, 60_000)), () => this.fire(key));
      this.plan(key, interval, interval);
    });
  }

  private fire(key: string): void {
    this.run(key).catch((error: unknown) =>
      this.log(
        `scheduled trigger ${key} failed (Forge does not retry it): ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }

  private after(ms: number, fn: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) fn();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }
}
