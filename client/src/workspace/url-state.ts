// The workspace in the address bar (`?symbol=ETH-USD&interval=1m`), so a link, a reload and back/forward all open
// the same view. Every other query parameter (`render=` of the bench, say) is left as it was.

import { type CandleInterval, isCandleInterval } from '@tickline/shared';
import { DEFAULT_INTERVAL, type MarketStore } from '../market/store.ts';

export const SYMBOL_PARAM = 'symbol';
export const INTERVAL_PARAM = 'interval';

export interface WorkspaceView {
  symbol: string;
  interval: CandleInterval;
}

/** What the address names; a symbol or interval we do not know is ignored, not an error (links outlive listings). */
export function parseWorkspace(search: string, symbols: readonly string[]): Partial<WorkspaceView> {
  const params = new URLSearchParams(search);
  const view: Partial<WorkspaceView> = {};
  const symbol = params.get(SYMBOL_PARAM);
  if (symbol !== null) {
    // Typed by hand, `eth-usd` means ETH-USD; an exact match wins when two symbols differ only in case.
    const found = symbols.includes(symbol) ? symbol : symbols.find((s) => s.toLowerCase() === symbol.toLowerCase());
    if (found !== undefined) view.symbol = found;
  }
  const interval = params.get(INTERVAL_PARAM);
  if (isCandleInterval(interval)) view.interval = interval;
  return view;
}

/** `search` with the view's symbol and interval set and every other parameter kept, in order. */
export function searchWithView(search: string, view: WorkspaceView): string {
  const params = new URLSearchParams(search);
  params.set(SYMBOL_PARAM, view.symbol);
  params.set(INTERVAL_PARAM, view.interval);
  return `?${params.toString()}`;
}

export interface AddressBar {
  location: { pathname: string; search: string; hash: string };
  history: { pushState(data: unknown, unused: string, url: string): void };
  addEventListener(type: 'popstate', listener: () => void): void;
  removeEventListener(type: 'popstate', listener: () => void): void;
}

const sameView = (a: WorkspaceView, b: WorkspaceView) => a.symbol === b.symbol && a.interval === b.interval;

/**
 * Opens the view the address names, then keeps the two in step: a change in the store pushes a history entry, and
 * back/forward put the entry's view back in the store. An address without a symbol or interval means the defaults.
 * Returns the unbind.
 */
export function bindUrlState(store: MarketStore, bar: AddressBar): () => void {
  const defaults: WorkspaceView = { symbol: store.symbols[0] as string, interval: DEFAULT_INTERVAL };
  const fromAddress = (): WorkspaceView => ({ ...defaults, ...parseWorkspace(bar.location.search, store.symbols) });
  // The view the current history entry stands for; compared on every store notification, so kept, not parsed.
  let shown = fromAddress();
  const show = (view: WorkspaceView) => {
    shown = view;
    store.select(view.symbol);
    store.selectInterval(view.interval);
  };
  show(shown);

  const onStoreChange = () => {
    const current: WorkspaceView = { symbol: store.getSelected(), interval: store.getInterval() };
    if (sameView(current, shown)) return;
    shown = current;
    const { pathname, search, hash } = bar.location;
    bar.history.pushState(null, '', pathname + searchWithView(search, current) + hash);
  };
  const onPopState = () => show(fromAddress());

  const unsubscribe = store.subscribe(onStoreChange);
  bar.addEventListener('popstate', onPopState);
  return () => {
    unsubscribe();
    bar.removeEventListener('popstate', onPopState);
  };
}
