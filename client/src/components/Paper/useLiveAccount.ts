// The account with its positions re-marked from this page's own books, a few times a second: the server marks them
// about once a second, and a busy book moves every frame, which is more often than P&L can be read.

import { ASK, BID, type Instrument, type PaperAccount } from '@tickline/shared';
import { useMemo } from 'react';
import { useMarketStore } from '../../hooks/market-context.ts';
import { useSampled } from '../../hooks/useSampled.ts';
import type { MarketStore } from '../../market/store.ts';
import { markAccount, type Quote } from '../../paper/live-marks.ts';

/** How often live P&L may change on screen. */
export const LIVE_PNL_MS = 250;

type Quotes = ReadonlyMap<string, Quote>;

/**
 * A selector of the held symbols' quotes (best bid and ask of the replica's book, last trade), returning the same map
 * until one of them moves, so React hears of a change only then; it runs every frame, so it compares before it
 * builds. A replica not in sync says nothing: the server's mark stands until it is.
 */
function quotesOf(symbols: readonly string[]): (store: MarketStore) => Quotes {
  let shown: Quotes = new Map();
  const read = (store: MarketStore, symbol: string): Quote | undefined => {
    if (!store.has(symbol)) return undefined;
    const { synced, book, ticker } = store.replica(symbol);
    if (!synced) return undefined;
    return { bid: book.priceAt(BID, 0) ?? null, ask: book.priceAt(ASK, 0) ?? null, last: ticker.last };
  };
  const same = (store: MarketStore, symbol: string, before: Quote | undefined): boolean => {
    const replica = store.has(symbol) ? store.replica(symbol) : undefined;
    if (!replica?.synced) return before === undefined;
    return (
      before !== undefined &&
      before.bid === (replica.book.priceAt(BID, 0) ?? null) &&
      before.ask === (replica.book.priceAt(ASK, 0) ?? null) &&
      before.last === replica.ticker.last
    );
  };
  return (store) => {
    if (symbols.every((symbol) => same(store, symbol, shown.get(symbol)))) return shown;
    const next = new Map<string, Quote>();
    for (const symbol of symbols) {
      const now = read(store, symbol);
      if (now) next.set(symbol, now);
    }
    shown = next;
    return shown;
  };
}

export function useLiveAccount(account: PaperAccount | null): PaperAccount | null {
  const store = useMarketStore();
  // The held symbols as one string: a new account object each second holding the same symbols keeps the selector.
  const held = account?.positions.map((p) => p.symbol).join('\n') ?? '';
  const select = useMemo(() => quotesOf(held === '' ? [] : held.split('\n')), [held]);
  const quotes = useSampled(select, LIVE_PNL_MS);
  return useMemo(() => {
    if (account === null) return null;
    const instrumentOf = (symbol: string): Instrument | undefined =>
      store.has(symbol) ? store.instrument(symbol) : undefined;
    return markAccount(account, instrumentOf, (symbol) => quotes.get(symbol));
  }, [account, quotes, store]);
}
