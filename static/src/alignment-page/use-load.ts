// Loading one resolver answer and, for the lists, following its cursor with "Load more". Both reload when
// `version` moves (the stored results changed) or their payload does; an answer to a request that was
// overtaken is dropped, so a slow first page never lands on top of a newer filter's rows.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../../src/contract/alignment';
import type { PayloadOf, ResolverKey, ResultOf } from '../../../src/contract';
import { call } from '../api';
import type { UiError } from '../errors';

export type LoadState<T> =
  { status: 'loading' } | { status: 'error'; error: UiError } | { status: 'ready'; data: T };

/** One answer, loaded again when the payload's JSON or `version` changes. */
export function useLoad<K extends ResolverKey>(
  key: K,
  payload: PayloadOf<K>,
  version: number,
): { state: LoadState<ResultOf<K>>; retry: () => void } {
  const [state, setState] = useState<LoadState<ResultOf<K>>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const payloadJson = JSON.stringify(payload);
  useEffect(() => {
    let current = true;
    void call(key, JSON.parse(payloadJson) as PayloadOf<K>).then((envelope) => {
      if (!current) return;
      setState(
        envelope.ok ? { status: 'ready', data: envelope.data } : { status: 'error', error: envelope.error },
      );
    });
    return () => {
      current = false;
    };
  }, [key, payloadJson, version, attempt]);
  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  return { state, retry };
}

export type ListKey =
  'project/list-gaps' | 'project/list-epics' | 'project/list-epic-stories' | 'project/list-waived';

type ItemOf<K extends ListKey> = ResultOf<K> extends Page<infer T> ? T : never;

export interface PagedList<T> {
  status: 'loading' | 'error' | 'ready';
  items: T[];
  hasMore: boolean;
  loadingMore: boolean;
  /** The first page's failure (status 'error') or the last "Load more" failure (rows kept). */
  error: UiError | null;
  loadMore: () => void;
  retry: () => void;
  /** A new first page is on its way (filters changed); the previous rows stay until it lands. */
  refreshing: boolean;
}

/** A cursor-paged list: the first page on mount, the next one on `loadMore()`. */
export function usePagedList<K extends ListKey>(
  key: K,
  payload: Omit<PayloadOf<K>, 'cursor'>,
  version: number,
): PagedList<ItemOf<K>> {
  type Item = ItemOf<K>;
  const [items, setItems] = useState<Item[]>([]);
  const [status, setStatus] = useState<PagedList<Item>['status']>('loading');
  /** Which request the rows on screen answered; another one pending means a refresh is under way. */
  const [loadedRequest, setLoadedRequest] = useState<string | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  const payloadJson = JSON.stringify(payload);
  const request = `${key} ${payloadJson} ${version} ${attempt}`;

  useEffect(() => {
    const mine = ++generation.current;
    void call(key, JSON.parse(payloadJson) as PayloadOf<K>).then((envelope) => {
      if (mine !== generation.current) return;
      setLoadedRequest(`${key} ${payloadJson} ${version} ${attempt}`);
      setLoadingMore(false);
      if (!envelope.ok) {
        setStatus('error');
        setError(envelope.error);
        setItems([]);
        setCursor(null);
        return;
      }
      const page = envelope.data as Page<Item>;
      setItems(page.items);
      setCursor(page.nextCursor);
      setError(null);
      setStatus('ready');
    });
  }, [key, payloadJson, version, attempt]);

  const loadMore = useCallback(() => {
    if (cursor === null || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    const next = { ...(JSON.parse(payloadJson) as object), cursor } as PayloadOf<K>;
    void call(key, next).then((envelope) => {
      if (mine !== generation.current) return;
      setLoadingMore(false);
      if (!envelope.ok) {
        setError(envelope.error);
        return;
      }
      const page = envelope.data as Page<Item>;
      setItems((previous) => [...previous, ...page.items]);
      setCursor(page.nextCursor);
      setError(null);
    });
  }, [cursor, loadingMore, key, payloadJson]);

  const retry = useCallback(() => {
    setStatus('loading');
    setAttempt((n) => n + 1);
  }, []);

  return {
    status,
    items,
    hasMore: cursor !== null,
    loadingMore,
    error,
    loadMore,
    retry,
    refreshing: loadedRequest !== null && loadedRequest !== request,
  };
}
