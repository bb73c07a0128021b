// A symbol's headline numbers and the direction of its last price change.

import { useCallback } from 'react';
import type { Ticker } from '@tickline/shared';
import type { MarketStore, PriceMove } from '../market/store.ts';
import { useStoreValue } from './useStoreValue.ts';

/** The replica replaces its ticker object on change, so the object itself is a stable snapshot. */
export function useTicker(symbol: string): Ticker {
  return useStoreValue(useCallback((store: MarketStore) => store.replica(symbol).ticker, [symbol]));
}

export function usePriceMove(symbol: string): PriceMove {
  return useStoreValue(useCallback((store: MarketStore) => store.priceMove(symbol), [symbol]));
}
