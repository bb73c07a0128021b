// Reads one value from the store and re-renders only when that value's identity changes.

import { useCallback, useSyncExternalStore } from 'react';
import type { MarketStore } from '../market/store.ts';
import { useMarketStore } from './market-context.ts';

/** `select` must return the same object while its part of the store is unchanged (see market/selectors.ts). */
export function useStoreValue<T>(select: (store: MarketStore) => T): T {
  const store = useMarketStore();
  const getSnapshot = useCallback(() => select(store), [select, store]);
  return useSyncExternalStore(store.subscribe, getSnapshot);
}
