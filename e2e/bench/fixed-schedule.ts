// The offered load, identical for every server under test: `rate` updates per second in total, round-robin over
// the symbols, update k due at start + k / rate. Each one is a trade whose price, size and side depend only on k,
// so all three servers send the same trades. Updates are emitted when due, stamped with their *scheduled* time:
// if the server is too busy to emit on time, that delay is part of the measured latency (no coordinated omission).

import { benchNow, toStamp } from './bench-clock.ts';

export interface ScheduledTrade {
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
export const BASE_PRICE = 100_000;

const TICK_MS = 1;
// A server more than this far behind gets the overdue updates skipped, not burst at it: the load stays open-loop
// at the set rate, and the skipped updates count as not delivered.
const MAX_LAG_MS = 1000;

export function startFixedSchedule(
  symbols: number,
  initialRate: number,
  emit: (trade: ScheduledTrade) => void,
): FixedSchedule {
  const prices = Array.from({ length: symbols }, () => BASE_PRICE);
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
        const symbol = k % symbols;
        const step = hash(k);
        const up = (step & 1) === 0;
        const price = (prices[symbol] ?? BASE_PRICE) + (up ? 1 : -1);
        prices[symbol] = price;
        emit({
          symbol,
          price,
          size: 1 + ((step >>> 1) % 10),
          side: up ? 0 : 1,
          time: toStamp(start + (k * 1000) / rate),
        });
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

// A fixed integer hash of k (so every server draws the same trades), not a random source.
function hash(k: number): number {
  let x = Math.imul(k ^ 0x9e3779b9, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
