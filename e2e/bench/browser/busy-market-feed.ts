// A FeedAdapter for load, not realism: `symbols` symbols, each changing `ratePerSecond` times a second at an exact
// average rate, every change a few book levels and one trade, so every symbol's book, ticker, tape and candles move;
// optionally after backdated history and generated candles before it, so charts start full. Unlike
// ../synthetic-feed.ts (the server benchmark's), its times are wall-clock epoch ms, which the dashboard needs for
// candles and data age.

import {
  ASK,
  BID,
  BUY,
  SELL,
  type Level,
  type LevelUpdate,
  type Lots,
  type SymbolSpec,
  type Ticks,
} from '@tickline/shared';
import {
  Rng,
  syntheticHistory,
  type BackfillLength,
  type FeedAdapter,
  type FeedHealth,
  type MarketEventSink,
} from '@tickline/server';
import { seededRandom } from '../../support/seeded-random.ts';

export interface BusyMarketFeedOptions {
  symbols: number;
  ratePerSecond: number;
  seed?: number;
  /** Levels per side (the hub publishes its own top N of them). */
  depth?: number;
  /**
   * Market history before going live, ms (default 0): one backdated trade per symbol per second, so the chart and
   * the candle buffers start full, as on a dashboard that has been open a while.
   */
  historyMs?: number;
  /**
   * Generated candles before that history (none by default), as the simulator's backfill (DEFAULT_BACKFILL: two
   * days of 1m and the last hour of 1s, from the sim's own generator): every 1m view (the chart, the watchlist's
   * sparklines) opens with its window full, as it does under `npm start`.
   */
  backfill?: BackfillLength;
  clock?: () => number;
}

/** The timer's period: symbols are spread across it, so a flush sees about one change of each. */
const TIMER_MS = 5;
/** A late timer catches up at most this many changes per symbol; a stalled process skips rather than bursts. */
const MAX_CATCH_UP = 3;
const MINUTE = 60_000;
/**
 * The backfill's annualized volatility: about what the live market's random walk makes at the lowest prices (three
 * one-tick moves a second around 10,000 ticks), so the generated past and the live market look alike.
 */
const BACKFILL_VOLATILITY = 1;
/** The backfill's typical trade, in lots: the middle of the live trades' 1 to 900. */
const BACKFILL_TYPICAL_LOTS = 450;

interface Market {
  spec: SymbolSpec;
  /** Best bid is mid - 1, best ask mid + 1, in ticks. */
  mid: number;
  /** Sizes by distance from the mid: bids[k] at mid - 1 - k, asks[k] at mid + 1 + k. */
  bids: number[];
  asks: number[];
  emitted: number;
}

export function busyMarketSpecs(count: number): SymbolSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const id = String(i).padStart(2, '0');
    return {
      symbol: `SYN-${id}`,
      name: `Synthetic ${id}`,
      assetClass: 'crypto',
      base: `S${id}`,
      quote: 'USD',
      tickSize: '0.01',
      lotSize: '0.001',
      pricePrecision: 2,
      sizePrecision: 3,
    };
  });
}

export function createBusyMarketFeed(options: BusyMarketFeedOptions): FeedAdapter {
  const specs = busyMarketSpecs(options.symbols);
  const depth = options.depth ?? 30;
  const clock = options.clock ?? Date.now;
  const periodMs = 1000 / options.ratePerSecond;
  const seed = options.seed ?? 1;
  const random = seededRandom(seed);
  const size = (): number => 1 + Math.floor(random() * 5000);
  const markets: Market[] = specs.map((spec, i) => ({
    spec,
    mid: 10_000 + i * 1_737,
    bids: Array.from({ length: depth }, size),
    asks: Array.from({ length: depth }, size),
    emitted: 0,
  }));
  let timer: ReturnType<typeof setInterval> | undefined;
  let messages = 0;
  let lastMessageAt: number | null = null;

  function levels(market: Market, side: typeof BID | typeof ASK): Level[] {
    const sizes = side === BID ? market.bids : market.asks;
    return sizes.map((s, k) => [(side === BID ? market.mid - 1 - k : market.mid + 1 + k) as Ticks, s as Lots]);
  }

  function change(market: Market, time: number, sink: MarketEventSink): void {
    const { symbol } = market.spec;
    const updates: LevelUpdate[] = [];
    const move = random();
    if (move < 0.15) shift(market, move < 0.075 ? 1 : -1, updates);
    // Three resized levels near the top, where a book's changes mostly are.
    for (let n = 0; n < 3; n++) {
      const side = random() < 0.5 ? BID : ASK;
      const k = Math.floor(random() * 10);
      const sizes = side === BID ? market.bids : market.asks;
      sizes[k] = size();
      updates.push([side, (side === BID ? market.mid - 1 - k : market.mid + 1 + k) as Ticks, sizes[k] as Lots]);
    }
    sink({ type: 'book:delta', symbol, time, updates });
    trade(market, time, sink);
  }

  function trade(market: Market, time: number, sink: MarketEventSink): void {
    const buy = random() < 0.5;
    const price = (buy ? market.mid + 1 : market.mid - 1) as Ticks;
    const lots = (1 + Math.floor(random() * 900)) as Lots;
    sink({ type: 'trade', symbol: market.spec.symbol, time, price, size: lots, aggressor: buy ? BUY : SELL });
  }

  // The mid moves one tick: one side gains a level at its top and loses its last, the other the reverse.
  function shift(market: Market, by: 1 | -1, out: LevelUpdate[]): void {
    const old = market.mid;
    market.mid += by;
    if (by === 1) {
      out.push([ASK, (old + 1) as Ticks, 0 as Lots], [BID, (old - depth) as Ticks, 0 as Lots]);
      market.asks.shift();
      market.asks.push(size());
      market.bids.pop();
      market.bids.unshift(size());
      out.push([ASK, (market.mid + depth) as Ticks, market.asks[depth - 1] as Lots]);
      out.push([BID, (market.mid - 1) as Ticks, market.bids[0] as Lots]);
    } else {
      out.push([BID, (old - 1) as Ticks, 0 as Lots], [ASK, (old + depth) as Ticks, 0 as Lots]);
      market.bids.shift();
      market.bids.push(size());
      market.asks.pop();
      market.asks.unshift(size());
      out.push([BID, (market.mid - depth) as Ticks, market.bids[depth - 1] as Lots]);
      out.push([ASK, (market.mid + 1) as Ticks, market.asks[0] as Lots]);
    }
  }

  // The sim's backfill (sim-session.ts) for this market: per symbol, candles from the sim's generator ending at
  // `end` at the price the market stands at now, before the replayed history moves it.
  function backfill(end: number, length: BackfillLength, sink: MarketEventSink): void {
    const rng = new Rng(seed).child('synthetic-history');
    for (const m of markets) {
      const { symbol } = m.spec;
      const { minutes, seconds } = syntheticHistory(
        {
          end,
          endPrice: m.mid as Ticks,
          volatility: BACKFILL_VOLATILITY,
          typicalLots: BACKFILL_TYPICAL_LOTS,
          tradesPerSecond: options.ratePerSecond,
          ...length,
        },
        rng.child(symbol),
      );
      sink({ type: 'history', symbol, time: end, interval: '1m', candles: minutes });
      if (seconds.length > 0) sink({ type: 'history', symbol, time: end, interval: '1s', candles: seconds });
    }
  }

  // Trades only, a second apart, the mid wandering a few ticks at a time; the snapshots that follow carry the book.
  function replayHistory(now: number, historyMs: number, sink: MarketEventSink): void {
    for (let time = now - historyMs; time < now; time += 1000) {
      for (const m of markets) {
        m.mid += Math.floor(random() * 7) - 3;
        trade(m, time, sink);
      }
    }
  }

  return {
    id: 'busy',
    symbols: specs,
    async start(sink) {
      const started = clock();
      const historyMs = options.historyMs ?? 0;
      // As the sim: the candles end at the minute the replayed history starts in, so that minute is the trades' own.
      if (options.backfill && options.backfill.minutes > 0) {
        backfill(Math.floor((started - historyMs) / MINUTE) * MINUTE, options.backfill, sink);
      }
      replayHistory(started, historyMs, sink);
      for (const m of markets) {
        const { symbol } = m.spec;
        sink({ type: 'book:snapshot', symbol, time: started, bids: levels(m, BID), asks: levels(m, ASK) });
      }
      timer = setInterval(() => {
        const now = clock();
        const elapsed = (now - started) / periodMs;
        markets.forEach((m, i) => {
          // Symbol i is offset by i/n of a period, so the changes are spread evenly over time.
          const due = Math.floor(elapsed + i / markets.length);
          if (due - m.emitted > MAX_CATCH_UP) m.emitted = due - MAX_CATCH_UP;
          for (; m.emitted < due; m.emitted++) {
            change(m, now, sink);
            messages++;
          }
        });
        lastMessageAt = now;
      }, TIMER_MS);
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
    },
    health(): FeedHealth {
      return {
        status: timer ? 'live' : 'halted',
        messages,
        malformed: 0,
        reconnects: 0,
        resyncs: 0,
        lastMessageAt,
        lastError: null,
      };
    },
  };
}
