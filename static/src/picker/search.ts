// The picker's search, debounced: typing "yuk" asks the backend once, 250 ms after the last key, not three
// times. A search overtaken by a newer one resolves to null, which the picker ignores.
import type { PeopleSearchResult } from '../../../src/contract';
import { call, type UiEnvelope } from '../api';

export const SEARCH_DEBOUNCE_MS = 250;

export function createPeopleSearch(delayMs = SEARCH_DEBOUNCE_MS) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let cancelPending: (() => void) | null = null;
  return (query: string): Promise<UiEnvelope<PeopleSearchResult> | null> => {
    if (timer) clearTimeout(timer);
    cancelPending?.();
    return new Promise((resolve) => {
      cancelPending = () => resolve(null);
      timer = setTimeout(() => {
        cancelPending = null;
        timer = null;
        void call('issue/search-people', { query: query.trim().slice(0, 100) }).then(resolve);
      }, delayMs);
    });
  };
}
