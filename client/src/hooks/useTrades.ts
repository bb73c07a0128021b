// The newest trades of one symbol, newest first.

import { useCallback } from 'react';
import type { Trade } from '@tickline/shared';
import { selectTrades } from '../market/selectors.ts';
import type { MarketStore } from '../market/store.ts';
import { useStoreValue } from './useStoreValue.ts';

export function useTrades(symbol: string, count: number): readonly Trade[] {
  return useStoreValue(useCallback((store: MarketStore) => selectTrades(store, symbol, count), [symbol, count]));
}
