// The order-book view of one symbol, and what proves it is the server's: its seq and checksum.

import { useCallback, useMemo } from 'react';
import type { BookView, BookViewOptions } from '../market/book-view.ts';
import { bookChecksumSelector, bookSelector } from '../market/selectors.ts';
import type { MarketStore } from '../market/store.ts';
import { useStoreValue } from './useStoreValue.ts';

/** The book grouped by `group` ticks, `levels` per side (Infinity for all). */
export function useBook(symbol: string, options: BookViewOptions): BookView {
  return useStoreValue(useBookSelector(symbol, options));
}

/** What useBook reads, for a view that reads the same book less often (useSampled): at a sample, both get one view. */
export function useBookSelector(symbol: string, { group, levels }: BookViewOptions): (store: MarketStore) => BookView {
  // The selector remembers the last view it made: one per panel, gone with the panel or its symbol.
  return useMemo(() => bookSelector(symbol, { group, levels }), [symbol, group, levels]);
}

/** The replica's sequence number: the book on screen is the server's book at this seq. */
export function useBookSeq(symbol: string): number {
  return useStoreValue(useCallback((store: MarketStore) => store.replica(symbol).seq, [symbol]));
}

/** The checksum of the replica's own top levels, as the server would compute it. */
export function useBookChecksum(symbol: string): number {
  return useStoreValue(useMemo(() => bookChecksumSelector(symbol), [symbol]));
}
