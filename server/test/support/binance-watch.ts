// Watching the Binance feed as the hub would, for the tests that run it against the fake Binance.

import { type BookLevels, OrderBook } from '@tickline/shared';
import type { FeedStatus, MarketEvent } from '../../src/feeds/feed.ts';

/** Polls `check` until it holds; fails naming `what` after `timeoutMs`. */
export const until = async (check: () => boolean, what: string, timeoutMs = 3000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** What the hub would hold: a book per symbol built only from the feed's events, and each symbol's statuses. */
export function watch() {
  const events: MarketEvent[] = [];
  const books = new Map<string, OrderBook>();
  const statuses = new Map<string, FeedStatus[]>();
  const sink = (e: MarketEvent) => {
    events.push(e);
    if (e.type === 'book:snapshot') {
      const book = books.get(e.symbol) ?? new OrderBook();
      book.applySnapshot(e);
      books.set(e.symbol, book);
    }
    if (e.type === 'book:delta') {
      const book = books.get(e.symbol);
      if (!book) throw new Error(`${e.symbol}: a delta before any snapshot`);
      book.applyDelta(e.updates);
    }
    if (e.type === 'status') statuses.set(e.symbol, [...(statuses.get(e.symbol) ?? []), e.status]);
  };
  const book = (symbol: string): BookLevels | undefined => books.get(`binance:${symbol}`)?.top(10_000);
  const status = (symbol: string) => statuses.get(`binance:${symbol}`) ?? [];
  return { events, sink, book, status };
}
