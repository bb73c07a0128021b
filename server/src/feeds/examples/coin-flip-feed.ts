// A complete, minimal FeedAdapter: one symbol whose price moves a tick up or down every 100 ms.
// README.md ("Plug in your own feed") shows this file verbatim; a test keeps the two identical and runs it.

import { BUY, type Lots, makeInstrument, SELL, type SymbolSpec, type Ticks } from '@tickline/shared';
import type { FeedAdapter, FeedHealth, MarketEventSink } from '../feed.ts';

const spec: SymbolSpec = {
  symbol: 'demo:COIN',
  name: 'Coin flip',
  assetClass: 'crypto',
  base: 'COIN',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '1',
  pricePrecision: 2,
  sizePrecision: 0,
};

export function createCoinFlipFeed(): FeedAdapter {
  const coin = makeInstrument(spec);
  let price = coin.parsePrice('100.00');
  let timer: ReturnType<typeof setInterval> | undefined;
  let messages = 0;

  return {
    id: 'demo',
    symbols: [spec],
    async start(sink: MarketEventSink) {
      const level = (offset: number) => [(price + offset) as Ticks, 10 as Lots] as const;
      // A snapshot first: the hub needs a whole book before any delta.
      sink({ type: 'book:snapshot', symbol: spec.symbol, time: Date.now(), bids: [level(-1)], asks: [level(1)] });
      timer = setInterval(() => {
        const up = Math.random() < 0.5;
        const time = Date.now();
        sink({
          type: 'trade',
          symbol: spec.symbol,
          time,
          price: level(up ? 1 : -1)[0],
          size: 1 as Lots,
          aggressor: up ? BUY : SELL,
        });
        const old = price;
        price = (price + (up ? 1 : -1)) as Ticks;
        sink({
          type: 'book:delta',
          symbol: spec.symbol,
          time,
          updates: [
            [0, (old - 1) as Ticks, 0 as Lots],
            [1, (old + 1) as Ticks, 0 as Lots],
            [0, ...level(-1)],
            [1, ...level(1)],
          ],
        });
        messages++;
      }, 100);
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
    },
    health(): FeedHealth {
      const status = timer ? 'live' : 'halted';
      return { status, messages, malformed: 0, reconnects: 0, resyncs: 0, lastMessageAt: null, lastError: null };
    },
  };
}
