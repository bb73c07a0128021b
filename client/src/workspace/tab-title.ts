// The browser tab's title: the selected symbol's last price, so a trader sees it from another tab, and a word when
// that price is not live.

import type { MarketStore, SymbolFreshness } from '../market/store.ts';
import { formatPrice } from '../components/format.ts';
import { pageTitle } from './page-title.ts';

export const APP_NAME = 'Tickline';

const NOT_LIVE: Record<SymbolFreshness, string | undefined> = {
  live: undefined,
  // A resync lasts a round trip; naming it would make the title flicker for nothing.
  resyncing: undefined,
  disconnected: 'stale',
  stale: 'stale',
  halted: 'halted',
};

/** `64,250.50 BTC-USD · Tickline`, `64,250.50 BTC-USD (stale) · Tickline`, `BTC-USD · Tickline` before a price. */
export function tabTitle(symbol: string, price: string | undefined, freshness: SymbolFreshness): string {
  const word = NOT_LIVE[freshness];
  const name = word === undefined ? symbol : `${symbol} (${word})`;
  return `${price === undefined ? '' : `${price} `}${name} · ${APP_NAME}`;
}

export function storeTabTitle(store: MarketStore): string {
  const symbol = store.getSelected();
  const last = store.replica(symbol).ticker.last;
  const price = last === null ? undefined : formatPrice(store.instrument(symbol), last);
  return tabTitle(symbol, price, store.freshness(symbol));
}

export interface TitleTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Titles per second at most: a tab strip redrawn on every tick costs the browser and reads as noise. */
export const TITLE_INTERVAL_MS = 250;

/**
 * Keeps `doc.title` on the selected symbol's price, written at most once per TITLE_INTERVAL_MS (the newest value
 * wins: a change inside the interval is written at its end). Returns the unbind, which restores nothing.
 */
export function bindTabTitle(store: MarketStore, doc: { title: string }, timers: TitleTimers): () => void {
  let lastWrite = -Infinity;
  let pending: unknown;
  const write = () => {
    pending = undefined;
    lastWrite = timers.now();
    // Through the page's one title, which keeps a fired alert's flag in front of it.
    pageTitle(doc).setBase(storeTabTitle(store));
  };
  const onChange = () => {
    if (pending !== undefined) return;
    const wait = lastWrite + TITLE_INTERVAL_MS - timers.now();
    if (wait <= 0) write();
    else pending = timers.setTimeout(write, wait);
  };
  write();
  const unsubscribe = store.subscribe(onChange);
  return () => {
    unsubscribe();
    if (pending !== undefined) timers.clearTimeout(pending);
  };
}
