// A FeedAdapter that offers a fixed, known load: S symbols, `rate` trades per second in total on the fixed
// schedule every bench server shares. Nothing about it is realistic except the shape of its events; that is the
// point, so Tickline and the baselines are measured on exactly the same updates.

import { type AggressorCode, type Lots, type SymbolSpec, type Ticks } from '@tickline/shared';
import type { FeedAdapter, FeedHealth, MarketEventSink } from '@tickline/server';
import { benchNow } from './bench-clock.ts';
import { BASE_PRICE, type FixedSchedule, startFixedSchedule, symbolName } from './fixed-schedule.ts';

export interface SyntheticFeedOptions {
  symbols: number;
  /** Updates (trades) per second over all symbols. */
  rate: number;
  /** Also move the best bid or ask with every trade (a book change per update); off by default. */
  bookChanges?: boolean;
}

export interface SyntheticFeed extends FeedAdapter {
  /** The live schedule, once started: the bench changes its rate in steps. */
  readonly schedule: FixedSchedule | undefined;
}

export const syntheticSpec = (symbol: string): SymbolSpec => ({
  symbol,
  name: symbol,
  assetClass: 'equity',
  base: symbol,
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '1',
  pricePrecision: 2,
  sizePrecision: 0,
});

export function createSyntheticFeed(options: SyntheticFeedOptions): SyntheticFeed {
  const specs = Array.from({ length: options.symbols }, (_, i) => syntheticSpec(symbolName(i)));
  let schedule: FixedSchedule | undefined;
  let messages = 0;

  return {
    id: 'bench',
    symbols: specs,
    get schedule() {
      return schedule;
    },
    async start(sink: MarketEventSink) {
      for (const { symbol } of specs) {
        sink({
          type: 'book:snapshot',
          symbol,
          time: benchNow(),
          bids: [[(BASE_PRICE - 1) as Ticks, 100 as Lots]],
          asks: [[(BASE_PRICE + 1) as Ticks, 100 as Lots]],
        });
      }
      schedule = startFixedSchedule(options.symbols, options.rate, (t) => {
        const symbol = symbolName(t.symbol);
        // Bench only: `time` carries the trade's scheduled time on the shared monotonic clock (bench-clock.ts),
        // not epoch ms, so the load generator can compute tick-to-client latency from the trade it receives.
        const price = t.price as Ticks;
        const size = t.size as Lots;
        sink({ type: 'trade', symbol, time: t.time, price, size, aggressor: t.side as AggressorCode });
        if (options.bookChanges) {
          // The taker's opposite side re-quotes one tick away.
          const side = t.side === 0 ? 1 : 0;
          const level = (price + (side === 0 ? -1 : 1)) as Ticks;
          sink({ type: 'book:delta', symbol, time: t.time, updates: [[side, level, size]] });
        }
        messages++;
      });
    },
    async stop() {
      schedule?.stop();
      schedule = undefined;
    },
    health(): FeedHealth {
      return {
        status: schedule ? 'live' : 'halted',
        messages,
        malformed: 0,
        reconnects: 0,
        resyncs: 0,
        lastMessageAt: null,
        lastError: null,
      };
    },
  };
}
