// Views derived from the store for the components, cached by version so an unchanged part returns the same object
// (useSyncExternalStore compares snapshots by identity; a fresh array each call would re-render every frame).

import { orderBookChecksum, type Trade } from '@tickline/shared';
import { bookView, type BookView, type BookViewOptions } from './book-view.ts';
import type { MarketDiagnostics } from './diagnostics.ts';
import type { MarketStore, SymbolVersions } from './store.ts';

interface Entry<T> {
  version: number;
  value: T;
}

/**
 * One symbol's view, remembered until its part of the store changes. The hook that shows it makes it and keeps it
 * (see useBook), so nothing stays behind for a symbol no panel shows: a cache shared across renders kept the last
 * view of every symbol ever shown, for as long as the tab stayed open: ~4.2 KB per symbol a trader clicked through
 * (heap snapshots of the 70-minute browser soak).
 */
function latestView<T>(
  symbol: string,
  part: keyof SymbolVersions,
  compute: (store: MarketStore) => T,
): (store: MarketStore) => T {
  let from: MarketStore | undefined;
  let version = -1;
  let value: T | undefined;
  return (store) => {
    const current = store.versions(symbol)[part];
    if (store !== from || current !== version) {
      value = compute(store);
      from = store;
      version = current;
    }
    return value as T;
  };
}

/** The book grouped and cut to `options.levels` per side, with totals, spread, mid and imbalance. */
export const bookSelector = (symbol: string, options: BookViewOptions): ((store: MarketStore) => BookView) =>
  latestView(symbol, 'book', (store) => bookView(store.replica(symbol).book, options));

/** The newest `count` trades, newest first. */
export const tradesSelector = (symbol: string, count: number): ((store: MarketStore) => readonly Trade[]) =>
  latestView(symbol, 'trades', (store) => store.replica(symbol).trades.toArray(count).reverse());

/** The checksum of the symbol's own book (top CHECKSUM_LEVELS per side), as the server computes it. */
export const bookChecksumSelector = (symbol: string): ((store: MarketStore) => number) =>
  latestView(symbol, 'book', (store) => orderBookChecksum(store.replica(symbol).book, store.instrument(symbol)));

/** Every counter, copied once per store version (the diagnostics panel reads it). */
export const selectDiagnostics: (store: MarketStore) => MarketDiagnostics = (() => {
  const cache = new WeakMap<MarketStore, Entry<MarketDiagnostics>>();
  return (store: MarketStore) => {
    const version = store.getVersion();
    const hit = cache.get(store);
    if (hit && hit.version === version) return hit.value;
    const value = store.diagnostics();
    cache.set(store, { version, value });
    return value;
  };
})();
