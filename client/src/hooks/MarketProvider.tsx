// Makes a MarketStore available to every hook below it.

import type { ReactNode } from 'react';
import type { MarketStore } from '../market/store.ts';
import { MarketContext } from './market-context.ts';

export function MarketProvider({ store, children }: { store: MarketStore; children: ReactNode }) {
  return <MarketContext value={store}>{children}</MarketContext>;
}
