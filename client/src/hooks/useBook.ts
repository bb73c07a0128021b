// The order-book ladder of one symbol.

import { useCallback } from 'react';
import type { BookView } from '../market/book-view.ts';
import { selectBook } from '../market/selectors.ts';
import type { MarketStore } from '../market/store.ts';
import { useStoreValue } from './useStoreValue.ts';

export function useBook(symbol: string, rows: number): BookView {
  return useStoreValue(useCallback((store: MarketStore) => selectBook(store, symbol, rows), [symbol, rows]));
}

export function useIsResyncing(symbol: string): boolean {
  return useStoreValue(useCallback((store: MarketStore) => store.isResyncing(symbol), [symbol]));
}
