// A feed the test drives by hand, one event at a time, for exact backfill, trades and marks.

import type { Lots, SymbolSpec, Ticks } from '@tickline/shared';
import type { FeedAdapter, MarketEvent, MarketEventSink } from '../../src/feeds/feed.ts';
import type { MarketHub } from '../../src/hub/market-hub.ts';

export const SCRIPTED_SPEC: SymbolSpec = {
  symbol: 'TEST',
  name: 'Test',
  assetClass: 'equity',
  base: 'TEST',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '1',
  pricePrecision: 2,
  sizePrecision: 0,
};

export interface ScriptedFeed extends FeedAdapter {
  push(event: MarketEvent): void;
}

/** Serves SCRIPTED_SPEC; its book starts with one level a side, sent as soon as it starts. */
export function scriptedFeed(): ScriptedFeed {
  let sink: MarketEventSink = () => {};
  return {
    id: 'script',
    symbols: [SCRIPTED_SPEC],
    start(s) {
      sink = s;
      sink({
        type: 'book:snapshot',
        symbol: 'TEST',
        time: 0,
        bids: [[99 as Ticks, 1 as Lots]],
        asks: [[101 as Ticks, 1 as Lots]],
      });
      return Promise.resolve();
    },
    stop: () => Promise.resolve(),
    health: () => ({
      status: 'live',
      messages: 0,
      malformed: 0,
      reconnects: 0,
      resyncs: 0,
      lastMessageAt: null,
      lastError: null,
    }),
    push: (event) => sink(event),
  };
}

/** Whether the hub's newest minute of TEST holds a trade at one of `prices` yet (it has been flushed). */
export function tradeFlushed(hub: MarketHub, prices: readonly number[] = [120, 500]): boolean {
  const page = hub.history({ symbol: 'TEST', interval: '1m', limit: 1 });
  return page.ok && page.candles.length > 0 && prices.includes(page.candles[0]![4]);
}
