// Views derived from the store for the components, cached by version so an unchanged part returns the same object
// (useSyncExternalStore compares snapshots by identity; a fresh array each call would re-render every frame).

import { CHECKSUM_LEVELS, orderBookChecksum, type Trade } from '@tickline/shared';
import { bookView, type BookView, type BookViewOptions } from './book-view.ts';
import type { MarketDiagnostics } from './diagnostics.ts';
import type { MarketStore, SymbolVersions } from './store.ts';

interface Entry<T> {
  version: number;
  value: T;
}

/** A selector of (symbol, n) recomputed only when the given part of that symbol changes. */
function versioned<T>(
  part: keyof SymbolVersions,
  compute: (store: MarketStore, symbol: string, n: number) => T,
): (store: MarketStore, symbol: string, n: number) => T {
  const caches = new WeakMap<MarketStore, Map<string, Entry<T>>>();
  return (store, symbol, n) => {
    const version = store.versions(symbol)[part];
    let cache = caches.get(store);
    if (!cache) {
      cache = new Map();
      caches.set(store, cache);
    }
    const key = `${n}:${symbol}`;
    const hit = cache.get(key);
    if (hit && hit.version === version) return hit.value;
    const value = compute(store, symbol, n);
    cache.set(key, { version, value });
    return value;
  };
}

/**
 * The book grouped and cut to `options.levels` per side, with totals, spread, mid and imbalance. One cache entry per
 * (symbol, group, levels): the panel asks for a handful of combinations, so it stays small.
 */
export const selectBook: (store: MarketStore, symbol: string, options: BookViewOptions) => BookView = (() => {
  const caches = new WeakMap<MarketStore, Map<string, Entry<BookView>>>();
  return (store: MarketStore, symbol: string, options: BookViewOptions) => {
    const version = store.versions(symbol).book;
    let cache = caches.get(store);
    if (!cache) {
      cache = new Map();
      caches.set(store, cache);
    }
    const key = `${options.group}:${options.levels}:${symbol}`;
    const hit = cache.get(key);
    if (hit && hit.version === version) return hit.value;
    const value = bookView(store.replica(symbol).book, options);
    cache.set(key, { version, value });
    return value;
  };
})();

/** The newest `count` trades, newest first. */
export const selectTrades: (store: MarketStore, symbol: string, count: number) => readonly Trade[] = versioned(
  'trades',
  (store, symbol, count) => store.replica(symbol).trades.toArray(count).reverse(),
);

/** The checksum of the symbol's own book (top CHECKSUM_LEVELS per side), as the server computes it. */
export const selectBookChecksum: (store: MarketStore, symbol: string) => number = (() => {
  const select = versioned('book', (store, symbol) =>
    orderBookChecksum(store.replica(symbol).book, store.instrument(symbol)),
  );
  return (store: MarketStore, symbol: string) => select(store, symbol, CHECKSUM_LEVELS);
})();

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
