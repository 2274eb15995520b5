// One client's shared answer to Jira's rate limiting. When any call meets a 429 (or a 503 with Retry-After),
// every call of the same client waits out the Retry-After before sending, instead of only the call that was
// told; and the number of requests in flight is halved, then grows back by one each time as many requests as
// the limit allows have succeeded (additive increase, multiplicative decrease), until it is unbounded again.
// Callers that fan out (the scan's parallel bulk fetches) thus slow down and recover without retrying anything
// themselves: the requester's retry loop stays the only retry policy.

/** Once the window has grown back to this many requests in flight, it is lifted altogether. */
const RECOVERED_LIMIT = 32;

export interface ThrottleView {
  /** Requests in flight now. */
  readonly inFlight: number;
  /** Requests allowed in flight (Infinity when not limited). */
  readonly limit: number;
  /** Epoch ms before which no request is sent. */
  readonly pausedUntil: number;
}

export class Throttle implements ThrottleView {
  inFlight = 0;
  limit = Number.POSITIVE_INFINITY;
  pausedUntil = 0;
  private successes = 0;
  /** Slots handed to woken waiters that have not taken them yet, so a newcomer cannot take them first. */
  private reserved = 0;
  /** Callers waiting for a slot, in order; retries go first, so no request is refused again and again. */
  private waiters: Array<() => void> = [];

  constructor(
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /**
   * Waits for a pause to end and for a free slot, then takes the slot. `waitedUntil` is the instant up to which
   * the caller already slept (its own Retry-After), so that wait is not served twice. `deadline`: a pause
   * ending past it is not waited for; `onPastDeadline` gives the error to throw instead. `retry`: the caller was
   * refused before, and goes ahead of callers still waiting for their first attempt.
   */
  async acquire(
    waitedUntil: number,
    deadline: number,
    onPastDeadline: (waitMs: number) => Error,
    retry = false,
  ): Promise<void> {
    let servedUntil = waitedUntil;
    let holdsReservation = false;
    const dropReservation = () => {
      if (!holdsReservation) return;
      holdsReservation = false;
      this.reserved--;
      this.wakeWaiters();
    };
    for (;;) {
      if (this.pausedUntil > servedUntil) {
        const waitMs = this.pausedUntil - this.now();
        servedUntil = this.pausedUntil;
        if (waitMs > 0) {
          dropReservation();
          if (this.now() + waitMs > deadline) throw onPastDeadline(waitMs);
          await this.sleep(waitMs);
          continue;
        }
      }
      if (holdsReservation) {
        holdsReservation = false;
        this.reserved--;
        this.inFlight++;
        return;
      }
      const free = this.inFlight + this.reserved < this.limit;
      if (free && (retry || this.waiters.length === 0)) {
        this.inFlight++;
        return;
      }
      await new Promise<void>((resolve) => {
        if (retry) this.waiters.unshift(resolve);
        else this.waiters.push(resolve);
      });
      holdsReservation = true;
    }
  }

  release(outcome: 'ok' | 'other'): void {
    this.inFlight--;
    if (outcome === 'ok' && Number.isFinite(this.limit) && ++this.successes >= this.limit) {
      this.successes = 0;
      this.limit = this.limit + 1 >= RECOVERED_LIMIT ? Number.POSITIVE_INFINITY : this.limit + 1;
    }
    this.wakeWaiters();
  }

  /** Hands each free slot to the next waiter, reserved until it takes it. */
  private wakeWaiters(): void {
    while (this.waiters.length > 0 && this.inFlight + this.reserved < this.limit) {
      this.reserved++;
      this.waiters.shift()?.();
    }
  }

  /** Jira said to slow down: nobody sends before `until`, and half as many requests go at once from now on. */
  rateLimited(until: number, inFlightWhenRefused: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
    this.limit = Math.max(1, Math.floor(Math.min(this.limit, inFlightWhenRefused) / 2));
    this.successes = 0;
  }
}
