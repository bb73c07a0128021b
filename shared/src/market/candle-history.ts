// A symbol's candles at every chart interval, built from the same trades, so a chart can switch interval or scroll
// back without the server replaying anything. Backfill from before the trades (a venue's REST candles, a warm-up)
// is seeded in, and builds the coarser intervals it covers.

import { type Candle, CandleSeries, combineCandles, type TradePoint } from './candles.ts';
import type { Lots, Ticks } from './instrument.ts';
import { CANDLE_INTERVALS, type CandleInterval, INTERVAL_MS } from './intervals.ts';
import { lowerBound } from './sorted-search.ts';

/**
 * Candles kept per interval: an hour of seconds, four hours of 5 s, twelve of 15 s, two days of minutes, a week of
 * 5 m, three weeks of 15 m, 90 days of hours, 180 days of 4 h, three years of days. 20,612 candles in all.
 */
export const HISTORY_CAPACITY: Readonly<Record<CandleInterval, number>> = {
  '1s': 3600,
  '5s': 2880,
  '15s': 2880,
  '1m': 2880,
  '5m': 2016,
  '15m': 2016,
  '1h': 2160,
  '4h': 1080,
  '1d': 1100,
};

/** One page of a query: `more` when older candles than the first one are held. */
export interface HistoryPage {
  candles: Candle[];
  more: boolean;
}

interface Track {
  readonly intervalMs: number;
  readonly series: CandleSeries;
  /** Start of the candle the first live trade landed in: seeds never replace it or anything newer. */
  liveFrom: number | undefined;
  /** Whether the candle at `liveFrom` already holds the part of its interval that came before the trades. */
  edgeSeeded: boolean;
}

export class CandleHistory {
  private readonly tracks: readonly Track[];

  constructor(capacity: Readonly<Record<CandleInterval, number>> = HISTORY_CAPACITY) {
    this.tracks = CANDLE_INTERVALS.map((interval) => ({
      intervalMs: INTERVAL_MS[interval],
      series: new CandleSeries(INTERVAL_MS[interval], capacity[interval]),
      liveFrom: undefined,
      edgeSeeded: false,
    }));
  }

  /** Folds one trade into every interval. */
  addTrade(time: number, price: Ticks, size: Lots): void {
    for (const track of this.tracks) this.addTo(track, time, price, size);
  }

  /**
   * Folds trades[from..to) into every interval, in order: the same candles as addTrade for each, with one new candle
   * per interval a run of them lands in instead of one per trade (the server's flush, several trades per symbol).
   */
  addTrades(trades: readonly TradePoint[], from = 0, to = trades.length): void {
    // A zero or negative size could leave a zero-volume candle mid-run, which the next trade replaces (addTo): such
    // input takes the one-by-one path. Real trades always have a size.
    for (let i = from; i < to; i++) {
      if (!(trades[i]!.size > 0)) {
        for (let j = from; j < to; j++) this.addTrade(trades[j]!.time, trades[j]!.price, trades[j]!.size);
        return;
      }
    }
    for (const track of this.tracks) {
      for (let i = from; i < to;) {
        const { time, price, size } = trades[i]!;
        const last = track.series.last();
        // The first trade, and one landing on a candle of no (or, from bad input, negative) volume, go one by one:
        // addTo's rules for those depend on the volume, which a run's trades change.
        if (track.liveFrom === undefined || (last && last[5] <= 0 && time < last[0] + track.intervalMs)) {
          this.addTo(track, time, price, size);
          i++;
        } else {
          i = track.series.foldRun(trades, i, to);
        }
      }
    }
  }

  private addTo(track: Track, time: number, price: Ticks, size: Lots): void {
    if (track.liveFrom === undefined) {
      const before = track.series.last();
      const start = Math.floor(time / track.intervalMs) * track.intervalMs;
      // A seeded candle the trade folds into already holds the part of the interval before the trades.
      track.edgeSeeded = before !== undefined && before[0] >= start;
      track.liveFrom = before ? Math.max(before[0], start) : start;
    }
    const last = track.series.last();
    // A seeded zero-volume candle carries no price of its own (see combineCandles): the first trade replaces it.
    if (last && last[5] === 0 && time < last[0] + track.intervalMs) {
      track.series.upsert([last[0], price, price, price, price, size]);
    } else {
      track.series.fold(time, price, size);
    }
  }

  /**
   * Backfill for `interval`: closed candles, oldest first (misaligned or out-of-order ones are ignored). Candles at or
   * after the first live candle are dropped: what the trades built wins. The rest fill in where the series holds
   * nothing, and are aggregated into every coarser interval the same way; finer intervals start at the trades.
   */
  seed(interval: CandleInterval, candles: readonly Candle[]): void {
    const index = CANDLE_INTERVALS.indexOf(interval);
    const ms = INTERVAL_MS[interval];
    const clean: Candle[] = [];
    for (const c of candles) {
      const previous = clean[clean.length - 1];
      if (c[0] % ms !== 0 || c[5] < 0 || (previous && c[0] <= previous[0])) continue;
      // A candle without trades has no price of its own: it is a flat at the last close, as the flats this
      // history makes itself are. Taken at its word, a coarser candle (whose close is its last trade's) would
      // disagree with the finer flats after it (found by the property run).
      if (c[5] === 0 && previous) {
        const close = previous[4];
        clean.push([c[0], close, close, close, close, c[5]]);
      } else clean.push(c);
    }
    const fine = this.tracks[index]!;
    const accepted = clean.filter((c) => fine.liveFrom === undefined || c[0] < fine.liveFrom);
    if (accepted.length === 0) return;
    merge(fine, accepted, false);
    for (let i = index + 1; i < this.tracks.length; i++) {
      const coarse = this.tracks[i]!;
      merge(coarse, aggregateInto(accepted, coarse.intervalMs), true);
    }
  }

  /**
   * The newest `limit` candles of `interval` that start before `before` (all held when absent, the newest of which
   * may still be open), oldest first.
   */
  query(interval: CandleInterval, limit: number, before?: number): HistoryPage {
    const all = this.tracks[CANDLE_INTERVALS.indexOf(interval)]!.series.toArray();
    // A copy of the ring per query (at most a few thousand candles) keeps the series' own storage private; the
    // answer's encoding costs far more than this.
    const end =
      before === undefined
        ? all.length
        : lowerBound(
            all.map((c) => c[0]),
            before,
          );
    const start = Math.max(0, end - Math.max(0, limit));
    return { candles: all.slice(start, end), more: start > 0 };
  }

  /** Candles held for `interval`. */
  size(interval: CandleInterval): number {
    return this.tracks[CANDLE_INTERVALS.indexOf(interval)]!.series.size;
  }
}

/** Coarse candles out of fine ones; a coarse interval the fine ones do not cover from its start is left out. */
function aggregateInto(fine: readonly Candle[], intervalMs: number): Candle[] {
  const out: Candle[] = [];
  const from = fine[0]?.[0] ?? 0;
  let group: Candle[] = [];
  let groupStart = NaN;
  const close = () => {
    if (group.length > 0 && groupStart >= from) out.push(combineCandles(groupStart, group));
  };
  for (const c of fine) {
    const start = Math.floor(c[0] / intervalMs) * intervalMs;
    if (start !== groupStart) {
      close();
      group = [];
      groupStart = start;
    }
    group.push(c);
  }
  close();
  return out;
}

/**
 * Seeds `incoming` (oldest first) into a track: before its live candle they go where it holds nothing (or only a
 * gap-filling flat); at the live candle, candles aggregated from finer backfill complete its interval's first part
 * (once); anything newer is dropped.
 */
function merge(track: Track, incoming: readonly Candle[], aggregated: boolean): void {
  const held = track.series.toArray();
  const merged: Candle[] = [];
  let h = 0;
  for (const c of incoming) {
    if (track.liveFrom !== undefined && c[0] >= track.liveFrom) {
      if (c[0] !== track.liveFrom || !aggregated || track.edgeSeeded) continue;
      while (h < held.length && held[h]![0] < c[0]) merged.push(held[h++]!);
      const live = held[h];
      if (live?.[0] === c[0]) {
        merged.push(combineCandles(c[0], [c, live]));
        h++;
        track.edgeSeeded = true;
      }
      continue;
    }
    while (h < held.length && held[h]![0] < c[0]) merged.push(held[h++]!);
    const same = held[h];
    if (same?.[0] === c[0]) {
      merged.push(same[5] === 0 && c[5] > 0 ? c : same);
      h++;
    } else {
      merged.push(c);
    }
  }
  while (h < held.length) merged.push(held[h++]!);
  track.series.reset(merged);
}
