// The order-book ladder of one symbol, and what proves it is the server's: its seq and checksum.

import { useCallback } from 'react';
import type { BookView } from '../market/book-view.ts';
import { selectBook, selectBookChecksum } from '../market/selectors.ts';
import type { MarketStore } from '../market/store.ts';
import { useStoreValue } from './useStoreValue.ts';

export function useBook(symbol: string, rows: number): BookView {
  return useStoreValue(useCallback((store: MarketStore) => selectBook(store, symbol, rows), [symbol, rows]));
}

/** The replica's sequence number: the book on screen is the server's book at this seq. */
export function useBookSeq(symbol: string): number {
  return useStoreValue(useCallback((store: MarketStore) => store.replica(symbol).seq, [symbol]));
}

/** The checksum of the replica's own top levels, as the server would compute it. */
export function useBookChecksum(symbol: string): number {
  return useStoreValue(useCallback((store: MarketStore) => selectBookChecksum(store, symbol), [symbol]));
}
