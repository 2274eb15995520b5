// The Custom UI's one typed door to the backend. Every resolver call goes through `call`, which always
// resolves to an envelope: a bridge failure or a malformed answer becomes an error envelope, never an
// unhandled rejection, so each view has exactly two cases to render.
import { useCallback, useEffect, useState } from 'react';
import * as z from 'zod/mini';
import type { PayloadOf, ResolverKey, ResultOf } from '../../src/contract';
import { invoke } from './bridge';
import { isErrorCode, type UiError } from './errors';

/** What every call resolves to: the data, or an error the UI can word (a resolver's or its own). */
export type UiEnvelope<T> = { ok: true; data: T } | { ok: false; error: UiError };

// zod/mini, and only types from the contract: importing the contract's values would pull classic zod into an
// iframe that loads on every issue view. Codes are checked against the UI's exhaustive message table instead.
const envelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), details: z.optional(z.unknown()) }),
  }),
]);

const BRIDGE_FAILURE: UiError = {
  code: 'INTERNAL',
  message: 'The request to Role Split did not complete',
};

const MALFORMED_ANSWER: UiError = {
  code: 'INTERNAL',
  message: 'Role Split’s backend sent an answer this page cannot read',
};

export async function call<K extends ResolverKey>(
  key: K,
  payload: PayloadOf<K>,
): Promise<UiEnvelope<ResultOf<K>>> {
  let raw: unknown;
  try {
    raw = await invoke(key, payload);
  } catch (error) {
    // Jira refuses an asUser() call until the user allows access, and the invoke then rejects (Jira shows its
    // "Allow access" prompt around the app): say so, rather than "something went wrong".
    if (needsConsent(error)) return { ok: false, error: NEEDS_CONSENT };
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
    const { code, message, details } = parsed.data.error;
    // A resolver that caught the consent refusal itself and answered with its message is the same case.
    if (AUTH_REQUIRED.test(message) && (code === 'INTERNAL' || !isErrorCode(code)))
      return { ok: false, error: NEEDS_CONSENT };
    // A code this build does not know (a newer backend) still shows its safe message, as an internal error.
    return {
      ok: false,
      error: {
        code: isErrorCode(code) ? code : 'INTERNAL',
        message,
        // Details are optional hints for the wording (who owns the slot now, why someone is not eligible).
        // Trusted as the same contract, like the data below.
        ...(details && typeof details === 'object' ? { details } : {}),
      },
    };
  }
  // The view models are TypeScript types shared with the backend (src/contract/views.ts), which builds them;
  // the envelope around them is checked above, the data itself is trusted as the same contract.
  return { ok: true, data: parsed.data.data as ResultOf<K> };
}

const NEEDS_CONSENT: UiError = {
  code: 'NEEDS_CONSENT',
  message: 'Jira asks you to allow Role Split to act as you',
};

/** Forge's NeedsAuthenticationError as the bridge passes it on ("Authentication Required", NEEDS_AUTHENTICATION_ERR). */
const AUTH_REQUIRED = /authentication required|needs_authentication/i;

function needsConsent(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return AUTH_REQUIRED.test(text);
}

export type ResolverState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: UiError }
  | {
      status: 'ready';
      data: T;
      /** A reload is under way; the last good data stays on screen meanwhile. */
      refreshing: boolean;
      /** The last reload failed; `data` is what the previous successful call returned. */
      refreshError: UiError | null;
    };

/**
 * Calls a resolver on mount and on `retry()`. `payload` must be stable across renders (a constant or a
 * memoized object), or every render would start a new call.
 */
export function useResolver<K extends ResolverKey>(
  key: K,
  payload: PayloadOf<K>,
): {
  state: ResolverState<ResultOf<K>>;
  retry: () => void;
  /** Reloads quietly (the issue changed elsewhere): data stays on screen, no "Retrying…". */
  refresh: () => void;
} {
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

  const refresh = useCallback(() => setAttempt((n) => n + 1), []);

  return { state, retry, refresh };
}
