// The page's keyboard shortcuts, bound once: the symbol and interval go to the store, the rest to the caller.

import type { OrderSide } from '@tickline/shared';
import { useEffect, useRef } from 'react';
import { useMarketStore } from '../hooks/market-context.ts';
import { bindShortcuts, type ShortcutAction } from './shortcuts.ts';

export interface ShortcutHandlers {
  /** True while the shortcuts overlay is open: every key but `?` and Esc is then the overlay's. */
  helpOpen: boolean;
  setHelpOpen(open: boolean): void;
  /** Moves focus to the market search; false when there is none. */
  focusSearch(): boolean;
  /** Selects the symbol one row up or down the watchlist as shown (filtered, pinned, sorted). */
  moveSymbol(step: 1 | -1): void;
  /** Whether presentation mode is on, and turning it on or off. */
  present: boolean;
  setPresent(present: boolean): void;
  /** Shows the order ticket on `side` with its size focused; false when there is no ticket to show. */
  openTicket(side: OrderSide): boolean;
}

export function useShortcuts(handlers: ShortcutHandlers): void {
  const store = useMarketStore();
  // The listener is bound once and reads the newest handlers, so a render never re-binds it.
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const run = (action: ShortcutAction): boolean => {
      const { helpOpen, setHelpOpen, focusSearch, moveSymbol, present, setPresent, openTicket } = latest.current;
      if (action.type === 'help') {
        setHelpOpen(!helpOpen);
        return true;
      }
      if (action.type === 'close') {
        if (helpOpen) setHelpOpen(false);
        else if (present) setPresent(false);
        else return false;
        return true;
      }
      if (helpOpen) return false;
      switch (action.type) {
        case 'search':
          return focusSearch();
        case 'symbol':
          moveSymbol(action.step);
          return true;
        case 'interval':
          store.selectInterval(action.interval);
          return true;
        case 'present':
          setPresent(!present);
          return true;
        case 'ticket':
          // Presenting, the ticket is hidden with the other controls: a key must not type into what is not seen.
          return !present && openTicket(action.side);
      }
    };
    return bindShortcuts(window, run);
  }, [store]);
}
