// Which MarketStore the components read: provided once at the root, so tests can mount panels on their own store.

import { createContext, useContext } from 'react';
import type { MarketStore } from '../market/store.ts';

export const MarketContext = createContext<MarketStore | null>(null);

export function useMarketStore(): MarketStore {
  const store = useContext(MarketContext);
  if (!store) throw new Error('useMarketStore needs a <MarketProvider> above it');
  return store;
}
