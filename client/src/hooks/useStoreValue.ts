// Reads one value from the store and re-renders only when that value's identity changes.

import { useCallback, useContext, useSyncExternalStore } from 'react';
import type { MarketStore } from '../market/store.ts';
import { useMarketStore } from './market-context.ts';
import { StoreUpdatesPaused } from './updates-paused.ts';

const stayPut = (): (() => void) => () => {};

/** `select` must return the same object while its part of the store is unchanged (see market/selectors.ts). */
export function useStoreValue<T>(select: (store: MarketStore) => T): T {
  const store = useMarketStore();
  const paused = useContext(StoreUpdatesPaused);
  const getSnapshot = useCallback(() => select(store), [select, store]);
  // Paused, nothing subscribes; resuming changes `subscribe`, and React then compares the snapshot and re-renders.
  return useSyncExternalStore(paused ? stayPut : store.subscribe, getSnapshot);
}
