// Searching groups and people as the admin types, debounced like the owner picker's search: one request 250 ms
// after the last key, and a search overtaken by a newer one resolves to null (ignored).
import type { PayloadOf, ResultOf } from '../../../src/contract';
import { call, type UiEnvelope } from '../api';
import { SEARCH_DEBOUNCE_MS } from '../picker/search';

export type SettingsSearchKey = 'settings/search-groups' | 'settings/search-people';

export function createSettingsSearch<K extends SettingsSearchKey>(key: K, delayMs = SEARCH_DEBOUNCE_MS) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let cancelPending: (() => void) | null = null;
  return (query: string): Promise<UiEnvelope<ResultOf<K>> | null> => {
    if (timer) clearTimeout(timer);
    cancelPending?.();
    const trimmed = query.trim().slice(0, 100);
    return new Promise((resolve) => {
      cancelPending = () => resolve(null);
      timer = setTimeout(() => {
        cancelPending = null;
        timer = null;
        void call(key, { query: trimmed } as PayloadOf<K>).then(resolve);
      }, delayMs);
    });
  };
}
