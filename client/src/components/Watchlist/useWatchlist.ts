// The watchlist's state for React: which WatchlistState the panel reads (one per page, stored in localStorage,
// unless a provider above says otherwise) and the hooks that read it, including moving the selection, which any
// keyboard shortcut can reuse.

import { createContext, useCallback, useContext, useMemo, useSyncExternalStore } from 'react';
import { useMarketStore } from '../../hooks/market-context.ts';
import { useStoreValue } from '../../hooks/useStoreValue.ts';
import type { PreferenceStorage, WatchlistPreferences } from '../../watchlist/preferences.ts';
import { stepSymbol } from '../../watchlist/selection-step.ts';
import { visibleNow, visibleOrderSelector } from '../../watchlist/visible-order.ts';
import { WatchlistState } from '../../watchlist/watchlist-state.ts';

export const WatchlistStateContext = createContext<WatchlistState | null>(null);

// Reading localStorage throws where storage is blocked (some privacy settings, sandboxed frames).
function browserStorage(): PreferenceStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

let pageState: WatchlistState | undefined;

/** The page's WatchlistState, made on first use. */
export function pageWatchlistState(): WatchlistState {
  return (pageState ??= new WatchlistState(browserStorage()));
}

export function useWatchlistState(): WatchlistState {
  return useContext(WatchlistStateContext) ?? pageWatchlistState();
}

export function useWatchlistPreferences(): WatchlistPreferences {
  const state = useWatchlistState();
  return useSyncExternalStore(state.subscribe, state.getPreferences);
}

export function useWatchlistQuery(): string {
  const state = useWatchlistState();
  return useSyncExternalStore(state.subscribe, state.getQuery);
}

/** The symbols shown, in the order shown; a new array only when that order changes. */
export function useVisibleSymbols(): readonly string[] {
  const prefs = useWatchlistPreferences();
  const query = useWatchlistQuery();
  return useStoreValue(useMemo(() => visibleOrderSelector(prefs, query), [prefs, query]));
}

/**
 * Selects the symbol `delta` rows away from the selected one in the list as shown (filtered, pinned and sorted),
 * stopping at the ends; returns the symbol now selected. Usable anywhere under the MarketProvider.
 */
export function useMoveSelection(): (delta: number) => string {
  const store = useMarketStore();
  const state = useWatchlistState();
  return useCallback(
    (delta: number) => {
      const order = visibleNow(store, state.getPreferences(), state.getQuery());
      const next = stepSymbol(order, store.getSelected(), delta);
      if (next !== undefined) store.select(next);
      return store.getSelected();
    },
    [store, state],
  );
}
