// Looking up a symbol's instrument for an account's rows: a symbol the page does not list (a server with more markets
// than this page was given) has none, and its numbers are shown as the server wrote them.

import type { Instrument } from '@tickline/shared';
import { useCallback } from 'react';
import { useMarketStore } from '../../hooks/market-context.ts';

export function useInstrumentOf(): (symbol: string) => Instrument | undefined {
  const store = useMarketStore();
  return useCallback((symbol: string) => (store.has(symbol) ? store.instrument(symbol) : undefined), [store]);
}
