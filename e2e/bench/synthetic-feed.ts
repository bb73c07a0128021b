// A FeedAdapter that offers a fixed, known load: S symbols, `rate` updates per second in total on the fixed
// schedule every bench server shares (trades only, or book level changes and trades: fixed-schedule.ts). Nothing
// about it is realistic except the shape of its events; that is the point, so Tickline and the baselines are
// measured on exactly the same updates.

import { type AggressorCode, type Lots, type SymbolSpec, type Ticks } from '@tickline/shared';
import type { FeedAdapter, FeedHealth, MarketEventSink } from '@tickline/server';
import { benchNow } from './bench-clock.ts';
import { type FixedSchedule, startFixedSchedule, symbolName, type Traffic } from './fixed-schedule.ts';
import { flatBook, seedBook } from './synthetic-book.ts';

export interface SyntheticFeedOptions {
  symbols: number;
  /** Updates per second over all symbols. */
  rate: number;
  /** What the updates are; trades only by default. */
  traffic?: Traffic | undefined;
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
  // Built once: a name built per event would cost Tickline's hub a string build and a fresh hash per event, which
  // the baselines (they index their streams by number) never pay.
  const names = specs.map((s) => s.symbol);
  let schedule: FixedSchedule | undefined;
  let messages = 0;

  return {
    id: 'bench',
    symbols: specs,
    get schedule() {
      return schedule;
    },
    async start(sink: MarketEventSink) {
      const traffic = options.traffic ?? 'trades';
      const seed = traffic === 'book' ? seedBook() : flatBook();
      for (const { symbol } of specs) sink({ type: 'book:snapshot', symbol, time: benchNow(), ...seed });
      schedule = startFixedSchedule(
        options.symbols,
        options.rate,
        (u) => {
          const symbol = names[u.symbol]!;
          // Bench only: `time` carries the update's scheduled time on the shared monotonic clock (bench-clock.ts),
          // not epoch ms, so the load generator can compute tick-to-client latency from the trade it receives.
          const price = u.price as Ticks;
          const size = u.size as Lots;
          if (u.type === 'trade')
            sink({ type: 'trade', symbol, time: u.time, price, size, aggressor: u.side as AggressorCode });
          else sink({ type: 'book:delta', symbol, time: u.time, updates: [[u.side, price, size]] });
          messages++;
        },
        traffic,
      );
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
