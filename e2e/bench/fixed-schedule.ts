// The offered load, identical for every server under test: `rate` updates per second in total, every symbol once a
// round, update k due at start + k / rate. What each update is depends only on k and the updates before it, so
// every server sends the same ones. Updates are emitted when due, stamped with their *scheduled* time: if the server
// is too busy to emit on time, that delay is part of the measured latency (no coordinated omission).
//
// A round visits the symbols in a scattered order (symbolAt), not 0, 1, 2...: the load generator gives each client
// neighbouring symbols, and in plain order a client's symbols ticked back to back, so one early flush carried all of
// them, and a server that flushes on change looked far faster than it is when a watchlist's symbols tick
// independently, as they do on a real venue (docs/BENCHMARKS.md, tenth round).
//
// Two kinds of traffic. `trades`: every update is a trade. `book`: per symbol, three level changes then one trade,
// over and over (a venue's L2 stream carries several book changes per print); the book they move is synthetic-book.ts.

import type { SideCode } from '@tickline/shared';
import { benchNow, toStamp } from './bench-clock.ts';
import { BASE_PRICE, SyntheticBook } from './synthetic-book.ts';

export { BASE_PRICE } from './synthetic-book.ts';

export type Traffic = 'trades' | 'book';

/** Updates per trade in each traffic: under `book`, each symbol's cycle is 3 level changes and 1 trade. */
export const BOOK_CYCLE = 4;
export const updatesPerTrade = (traffic: Traffic): number => (traffic === 'book' ? BOOK_CYCLE : 1);

export interface ScheduledTrade {
  type: 'trade';
  /** Index into the schedule's symbols. */
  symbol: number;
  /** Integer ticks. */
  price: number;
  /** Integer lots. */
  size: number;
  /** 0 buy, 1 sell. */
  side: 0 | 1;
  /** Scheduled time on the bench clock (ms, microsecond precision). */
  time: number;
}

/** One book level's new absolute size, as a venue's L2 stream sends it. */
export interface ScheduledLevel {
  type: 'level';
  symbol: number;
  /** Integer ticks. */
  price: number;
  /** Integer lots; 0 removes the level. */
  size: number;
  /** 0 bid, 1 ask. */
  side: SideCode;
  time: number;
}

export type ScheduledUpdate = ScheduledTrade | ScheduledLevel;

export interface ScheduleCounters {
  rate: number;
  /** Updates emitted since the last rate change. */
  emitted: number;
  /** Updates skipped because the emitter fell more than `maxLagMs` behind (an overloaded server). */
  skipped: number;
  /** Worst lateness of the emitter's timer since the last rate change, ms. */
  worstLagMs: number;
}

export interface FixedSchedule {
  setRate(rate: number): void;
  counters(): ScheduleCounters;
  stop(): void;
}

export const symbolName = (i: number): string => `SYM${String(i).padStart(2, '0')}`;

/**
 * The step between one update's symbol and the next: the integer nearest `symbols` × 0.618 (the golden ratio's
 * fraction) that shares no factor with it, so a round still visits every symbol once and any few neighbouring symbols
 * land far apart in it.
 */
export function scatterStride(symbols: number): number {
  const ideal = Math.round(symbols * ((Math.sqrt(5) - 1) / 2));
  for (let d = 0; d < symbols; d++) {
    for (const stride of [ideal + d, ideal - d]) {
      if (stride >= 1 && stride < symbols && gcd(stride, symbols) === 1) return stride;
    }
  }
  return 1;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The symbol update k is for, given `stride` = scatterStride(symbols): every symbol once in each round of them. */
export const symbolAt = (k: number, symbols: number, stride: number): number => ((k % symbols) * stride) % symbols;

const TICK_MS = 1;
// A server more than this far behind gets the overdue updates skipped, not burst at it: the load stays open-loop
// at the set rate, and the skipped updates count as not delivered.
const MAX_LAG_MS = 1000;

export function startFixedSchedule(
  symbols: number,
  initialRate: number,
  emit: (update: ScheduledUpdate) => void,
  traffic: Traffic = 'trades',
): FixedSchedule {
  const source = createUpdateSource(symbols, traffic);
  let rate = initialRate;
  let start = benchNow();
  let k = 0;
  let counters: ScheduleCounters = { rate, emitted: 0, skipped: 0, worstLagMs: 0 };
  let timer: ReturnType<typeof setTimeout> | undefined;

  const tick = (): void => {
    const now = benchNow();
    if (rate > 0) {
      const due = Math.floor(((now - start) * rate) / 1000);
      const oldest = start + (k * 1000) / rate;
      if (now - oldest > counters.worstLagMs) counters.worstLagMs = now - oldest;
      const floor = Math.floor(((now - MAX_LAG_MS - start) * rate) / 1000);
      if (floor > k) {
        counters.skipped += floor - k;
        k = floor;
      }
      for (; k <= due; k++) {
        emit(source.update(k, toStamp(start + (k * 1000) / rate)));
        counters.emitted++;
      }
    }
    timer = setTimeout(tick, TICK_MS);
  };
  timer = setTimeout(tick, TICK_MS);

  return {
    setRate(next) {
      rate = next;
      start = benchNow();
      k = 0;
      counters = { rate, emitted: 0, skipped: 0, worstLagMs: 0 };
    },
    counters: () => ({ ...counters }),
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** What update k is: asked for k = 0, 1, 2... in order (the symbols' prices and books follow the updates). */
export interface UpdateSource {
  update(k: number, time: number): ScheduledUpdate;
}

export function createUpdateSource(symbols: number, traffic: Traffic): UpdateSource {
  const stride = scatterStride(symbols);
  if (traffic === 'trades') {
    const prices = Array.from({ length: symbols }, () => BASE_PRICE);
    return {
      update(k, time) {
        const symbol = symbolAt(k, symbols, stride);
        const step = hash(k);
        const up = (step & 1) === 0;
        const price = (prices[symbol] ?? BASE_PRICE) + (up ? 1 : -1);
        prices[symbol] = price;
        return { type: 'trade', symbol, price, size: 1 + ((step >>> 1) % 10), side: up ? 0 : 1, time };
      },
    };
  }
  const books = Array.from({ length: symbols }, () => new SyntheticBook());
  return {
    update(k, time) {
      const symbol = symbolAt(k, symbols, stride);
      const book = books[symbol]!;
      const step = hash(k);
      if (isTradeAt(k, symbols)) {
        const side = (step & 1) as 0 | 1;
        return { type: 'trade', symbol, price: book.tradePrice(side), size: 1 + ((step >>> 1) % 10), side, time };
      }
      const [side, price, size] = book.levelChange(step);
      return { type: 'level', symbol, price, size, side, time };
    },
  };
}

/**
 * Under book traffic, whether update k is a trade. The update at place p of round n (k = n * symbols + p) is a trade
 * when (n + p) % 4 == 3: each symbol, always at the same place in a round, gets 3 level changes then a trade, and the
 * places are staggered so a quarter of the updates in any stretch of the schedule are trades (not whole rounds of
 * them), which keeps a window's trade count, and so its delivered ratio, exact.
 */
export function isTradeAt(k: number, symbols: number): boolean {
  return (Math.floor(k / symbols) + (k % symbols)) % BOOK_CYCLE === BOOK_CYCLE - 1;
}

/** A fixed integer hash of k (so every server draws the same updates), not a random source. */
export function hash(k: number): number {
  let x = Math.imul(k ^ 0x9e3779b9, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
