// The newest candles of one symbol, oldest first.

import { useCallback } from 'react';
import type { Candle } from '@tickline/shared';
import { selectCandles } from '../market/selectors.ts';
import type { MarketStore } from '../market/store.ts';
import { useStoreValue } from './useStoreValue.ts';

export function useCandles(symbol: string, count: number): readonly Candle[] {
  return useStoreValue(useCallback((store: MarketStore) => selectCandles(store, symbol, count), [symbol, count]));
}
