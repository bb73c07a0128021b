// Reads one value from the store and re-renders only when that value's identity changes.

import { useCallback, useContext, useSyncExternalStore } from 'react';
import type { MarketStore } from '../market/store.ts';
import { useMarketStore } from './market-context.ts';
import { OutOfSight, subscribeOutOfSight } from './out-of-sight.ts';

/** `select` must return the same object while its part of the store is unchanged (see market/selectors.ts). */
export function useStoreValue<T>(select: (store: MarketStore) => T): T {
  const store = useMarketStore();
  const outOfSight = useContext(OutOfSight);
  const getSnapshot = useCallback(() => select(store), [select, store]);
  // Resuming changes `subscribe`, and React then compares the snapshot at once and re-renders if it moved.
  return useSyncExternalStore(outOfSight ? subscribeOutOfSight : store.subscribe, getSnapshot);
}
