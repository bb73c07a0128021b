// The symbol list and each symbol's instrument: fixed for the life of a store, so no subscription.

import type { Instrument, SymbolSpec } from '@tickline/shared';
import { useMarketStore } from './market-context.ts';

export function useSymbols(): readonly SymbolSpec[] {
  return useMarketStore().specs;
}

export function useInstrument(symbol: string): Instrument {
  return useMarketStore().instrument(symbol);
}
