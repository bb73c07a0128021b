// The symbols the watchlist shows, in the order it shows them: listed, matching the search, favourites first, sorted.

import { changePercent, type SymbolSpec } from '@tickline/shared';
import type { MarketStore } from '../market/store.ts';
import { matchesQuery } from './filtering.ts';
import { listedSymbols, type WatchlistPreferences } from './preferences.ts';
import { orderRows, type SortFacts } from './sorting.ts';

/** The visible symbols given each one's sort facts (a pure function of its inputs). */
export function visibleSymbols(
  specs: readonly SymbolSpec[],
  prefs: WatchlistPreferences,
  query: string,
  factsOf: (symbol: string) => SortFacts,
): string[] {
  const listed = new Set(
    listedSymbols(
      prefs,
      specs.map((s) => s.symbol),
    ),
  );
  const shown = specs.filter((spec) => listed.has(spec.symbol) && matchesQuery(spec, query));
  return orderRows(
    shown.map((spec) => factsOf(spec.symbol)),
    prefs.sort,
    new Set(prefs.favourites),
  ).map((row) => row.symbol);
}

/** What a symbol is sorted by, in display units: prices and volumes of different symbols compare as decimals. */
export function marketFacts(store: MarketStore, symbol: string): SortFacts {
  const { ticker } = store.replica(symbol);
  const instrument = store.instrument(symbol);
  return {
    symbol,
    last: ticker.last === null ? null : instrument.priceValue(ticker.last),
    change: changePercent(ticker),
    volume: ticker.trades === 0 && ticker.volume === 0 ? null : instrument.sizeValue(ticker.volume),
  };
}

/** The visible symbols now, from the store's live numbers. */
export function visibleNow(store: MarketStore, prefs: WatchlistPreferences, query: string): string[] {
  return visibleSymbols(store.specs, prefs, query, (symbol) => marketFacts(store, symbol));
}

const sameOrder = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((s, i) => s === b[i]);

/**
 * A store selector of the visible order: the same array until the order itself changes, so a tick that moves no
 * row re-renders nothing but its own row.
 */
export function visibleOrderSelector(
  prefs: WatchlistPreferences,
  query: string,
): (store: MarketStore) => readonly string[] {
  let held: readonly string[] = [];
  return (store) => {
    const next = visibleNow(store, prefs, query);
    if (!sameOrder(next, held)) held = next;
    return held;
  };
}
