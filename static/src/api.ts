// The Custom UI's one typed door to the backend. Every resolver call goes through `call`, which always
// resolves to an envelope: a bridge failure or a malformed answer becomes an error envelope, never an
// unhandled rejection, so each view has exactly two cases to render.
import { invoke } from '@forge/bridge';
import { useCallback, useEffect, useState } from 'react';
import * as z from 'zod/mini';
import type { Envelope, PayloadOf, ResolverError, ResolverKey, ResultOf } from '../../src/contract';
import { isErrorCode } from './errors';

// zod/mini, and only types from the contract: importing the contract's values would pull classic zod into an
// iframe that loads on every issue view. Codes are checked against the UI's exhaustive message table instead.
const envelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

const BRIDGE_FAILURE: ResolverError = {
  code: 'INTERNAL',
  message: 'The request to Role Split did not complete',
};

const MALFORMED_ANSWER: ResolverError = {
  code: 'INTERNAL',
  message: 'Role Split’s backend sent an answer this page cannot read',
};

export async function call<K extends ResolverKey>(
  key: K,
  payload: PayloadOf<K>,
): Promise<Envelope<ResultOf<K>>> {
  let raw: unknown;
  try {
    raw = await invoke(key, payload);
  } catch (error) {
    // The bridge's own message can carry internals; log it for whoever opens the console, show a safe one.
    console.error(`Role Split: invoke ${key} failed`, error);
    return { ok: false, error: BRIDGE_FAILURE };
  }
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success) {
    console.error(`Role Split: ${key} answered with something that is not an envelope`, parsed.error.issues);
    return { ok: false, error: MALFORMED_ANSWER };
  }
  if (!parsed.data.ok) {
    const { code, message } = parsed.data.error;
    // A code this build does not know (a newer backend) still shows its safe message, as an internal error.
    return { ok: false, error: { code: isErrorCode(code) ? code : 'INTERNAL', message } };
  }
  // The view models are TypeScript types shared with the backend (src/contract/views.ts), which builds them;
  // the envelope around them is checked above, the data itself is trusted as the same contract.
  return { ok: true, data: parsed.data.data as ResultOf<K> };
}

export type ResolverState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ResolverError }
  | {
      status: 'ready';
      data: T;
      /** A reload is under way; the last good data stays on screen meanwhile. */
      refreshing: boolean;
      /** The last reload failed; `data` is what the previous successful call returned. */
      refreshError: ResolverError | null;
    };

/**
 * Calls a resolver on mount and on `retry()`. `payload` must be stable across renders (a constant or a
 * memoized object), or every render would start a new call.
 */
export function useResolver<K extends ResolverKey>(
  key: K,
  payload: PayloadOf<K>,
): { state: ResolverState<ResultOf<K>>; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<ResolverState<ResultOf<K>>>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    void call(key, payload).then((envelope) => {
      if (!current) return;
      setState((previous) => {
        if (envelope.ok)
          return { status: 'ready', data: envelope.data, refreshing: false, refreshError: null };
        // Keep showing what we had when only a reload failed: losing the data would help nobody.
        if (previous.status === 'ready')
          return { ...previous, refreshing: false, refreshError: envelope.error };
        return { status: 'error', error: envelope.error };
      });
    });
    return () => {
      current = false;
    };
  }, [key, payload, attempt]);

  const retry = useCallback(() => {
    setState((previous) =>
      previous.status === 'ready'
        ? { ...previous, refreshing: true, refreshError: null }
        : { status: 'loading' },
    );
    setAttempt((n) => n + 1);
  }, []);

  return { state, retry };
}
