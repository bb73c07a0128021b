// Presentation mode for the page: read from the address once, toggled by the header button or `p`, written back to
// the address (replacing the entry: a toggle is not a place to go back to), and the optional auto-cycle.

import { useCallback, useEffect, useState } from 'react';
import { useMarketStore } from '../hooks/market-context.ts';
import { useWatchlistState } from '../components/Watchlist/useWatchlist.ts';
import { visibleNow } from '../watchlist/visible-order.ts';
import { nextInCycle, parsePresentation, searchWithPresentation, type Presentation } from './presentation.ts';

export function usePresentation(): [Presentation, (present: boolean) => void] {
  const [presentation, setPresentation] = useState(() => parsePresentation(window.location.search));
  const setPresent = useCallback((present: boolean) => {
    setPresentation((p) => ({ ...p, present }));
    const { pathname, search, hash } = window.location;
    window.history.replaceState(window.history.state, '', pathname + searchWithPresentation(search, present) + hash);
  }, []);
  return [presentation, setPresent];
}

/** While presenting with a cycle, selects the next market of the watchlist (as shown) every `cycleSeconds`. */
export function usePresentationCycle({ present, cycleSeconds }: Presentation): void {
  const store = useMarketStore();
  const state = useWatchlistState();
  useEffect(() => {
    if (!present || cycleSeconds === null) return;
    const timer = setInterval(() => {
      const next = nextInCycle(visibleNow(store, state.getPreferences(), ''), store.getSelected());
      if (next !== undefined) store.select(next);
    }, cycleSeconds * 1000);
    return () => clearInterval(timer);
  }, [present, cycleSeconds, store, state]);
}
