// Assign, change and clear: the writes behind the section's and the full view's actions. Each write sends the
// slot as the viewer saw it (`expected`), so a change made meanwhile by someone else is refused (CONFLICT)
// instead of overwritten. Success and failure both show a Jira flag; a refusal also stays on screen, worded
// with what the screen knows (the slot, the person picked), until the next action.
import { useCallback, useEffect, useState } from 'react';
import type { OwnershipChangeResult, Role, SlotState } from '../../src/contract';
import { call, type UiEnvelope } from './api';
import { events, showFlag } from './bridge';
import { describeError, type ErrorSituation, type UiError } from './errors';
import { ROLE_ABBR } from './format';

/** Emitted (Forge's app events, across this app's frames on the page) after any ownership or waiver write. */
export const OWNERSHIP_CHANGED = 'role-split:ownership-changed';
/** Jira's own event to issue view modules when the issue changed (another user, another tab, a rule). */
export const JIRA_ISSUE_CHANGED = 'JIRA_ISSUE_CHANGED';

export type OwnershipWrite =
  | { kind: 'assign'; accountId: string; displayName: string }
  | { kind: 'assign-me' }
  | { kind: 'clear' }
  | { kind: 'reset' };

export interface WriteFailure {
  error: UiError;
  situation: ErrorSituation;
}

function flag(type: 'success' | 'error', title: string, description: string): void {
  try {
    showFlag({
      id: `role-split-${Date.now()}`,
      type,
      appearance: type,
      title,
      description,
      isAutoDismiss: true,
    });
  } catch (error) {
    // A flag is a courtesy: the outcome is on screen either way.
    console.error('Role Split: could not show a flag', error);
  }
}

function send(write: OwnershipWrite, expected: SlotState | null): Promise<UiEnvelope<OwnershipChangeResult>> {
  switch (write.kind) {
    case 'assign':
      return call('issue/assign', { accountId: write.accountId, expected });
    case 'assign-me':
      return call('issue/assign-me', { expected });
    case 'clear':
      return call('issue/clear', { expected });
    case 'reset':
      return call('issue/clear', { expected: null, reset: true });
  }
}

function successText(write: OwnershipWrite, slot: Role, result: OwnershipChangeResult): string {
  const abbr = ROLE_ABBR[slot];
  const name = result.owner?.displayName ?? null;
  switch (write.kind) {
    case 'assign':
    case 'assign-me':
      return name ? `${name} is now the ${abbr}.` : `The ${abbr} is set.`;
    case 'clear':
      return `The ${abbr} is cleared.`;
    case 'reset':
      return `The unreadable ownership data is cleared. Assign a ${abbr} to start again.`;
  }
}

/**
 * Runs writes one at a time. `onChanged` reloads the view (after a success, and after a CONFLICT so the new
 * owner shows at once).
 */
export function useOwnershipWrites(slot: Role, expected: SlotState | null, onChanged: () => void) {
  const [busy, setBusy] = useState<OwnershipWrite['kind'] | null>(null);
  const [failure, setFailure] = useState<WriteFailure | null>(null);

  const run = useCallback(
    async (write: OwnershipWrite): Promise<boolean> => {
      setBusy(write.kind);
      setFailure(null);
      const envelope = await send(write, expected);
      setBusy(null);
      if (envelope.ok) {
        flag('success', 'Role Split', successText(write, slot, envelope.data));
        void events.emit(OWNERSHIP_CHANGED, { slot }).catch(() => undefined);
        onChanged();
        return true;
      }
      const situation: ErrorSituation = {
        slot,
        personName: write.kind === 'assign' ? write.displayName : null,
      };
      setFailure({ error: envelope.error, situation });
      const text = describeError(envelope.error, situation);
      flag('error', text.title, text.body);
      if (envelope.error.code === 'CONFLICT') onChanged();
      return false;
    },
    [expected, slot, onChanged],
  );

  const dismiss = useCallback(() => setFailure(null), []);
  return { busy, failure, run, dismiss };
}

/** Reloads the view when the issue changes elsewhere or another of this app's frames wrote ownership. */
export function useRefreshOnChange(refresh: () => void): void {
  useEffect(() => {
    const subscriptions = [JIRA_ISSUE_CHANGED, OWNERSHIP_CHANGED].map((event) =>
      events
        .on(event, () => refresh())
        .catch((error: unknown) => {
          console.error(`Role Split: cannot listen to ${event}`, error);
          return null;
        }),
    );
    return () => {
      for (const subscription of subscriptions)
        void subscription.then((s) => s?.unsubscribe()).catch(() => undefined);
    };
  }, [refresh]);
}
