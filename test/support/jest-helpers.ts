// What Jest lacks and the tests use: a conditional `describe`, a retrying `waitFor`, and `poll`, which keeps
// asking until an expectation on the answer holds (for browser tests whose page updates asynchronously).
import { describe, expect } from '@jest/globals';

/** `describe` when `condition` holds, `describe.skip` otherwise (say why in the title or a log line). */
export function describeIf(condition: boolean): typeof describe | typeof describe.skip {
  return condition ? describe : describe.skip;
}

export interface WaitOptions {
  timeout?: number;
  interval?: number;
}

/** Calls `check` until it stops throwing, then returns its value; rethrows its last error after `timeout`. */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitOptions = {}): Promise<T> {
  const timeout = options.timeout ?? 1_000;
  const interval = options.interval ?? 50;
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}

type Matchers = ReturnType<typeof expect>;

/**
 * `await poll(() => locator.count()).toBe(3)`: asks again until the matcher passes or `timeout` runs out, then
 * fails with the matcher's own message for the last answer.
 */
export function poll<T>(
  read: () => T | Promise<T>,
  options: WaitOptions = {},
): { [K in 'toBe' | 'toEqual' | 'toContain']: (expected: unknown) => Promise<void> } {
  const run = (matcher: 'toBe' | 'toEqual' | 'toContain') => async (expected: unknown) => {
    await waitFor(
      async () => {
        const value = await read();
        expect(value)[matcher](expected);
      },
      { timeout: options.timeout ?? 5_000, interval: options.interval ?? 50 },
    );
  };
  return { toBe: run('toBe'), toEqual: run('toEqual'), toContain: run('toContain') };
}

/**
 * `expectSaying(value, message).toBe(x)`: `expect` whose failure message starts with `message`, for assertions
 * in loops or helpers where the value alone would not say which case failed.
 */
export function expectSaying(value: unknown, message: string): Matchers {
  const prefix = (error: unknown): never => {
    if (error instanceof Error) error.message = `${message}\n\n${error.message}`;
    throw error;
  };
  const wrap = (target: object): never =>
    new Proxy(target, {
      get(object, key, receiver) {
        const member: unknown = Reflect.get(object, key, receiver);
        if (key === 'not' || key === 'resolves' || key === 'rejects') return wrap(member as object);
        if (typeof member !== 'function') return member;
        return (...args: unknown[]) => {
          try {
            const result: unknown = (member as (...a: unknown[]) => unknown).apply(object, args);
            return result instanceof Promise ? result.catch(prefix) : result;
          } catch (error) {
            return prefix(error);
          }
        };
      },
    }) as never;
  return wrap(expect(value));
}
