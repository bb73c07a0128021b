import fc from 'fast-check';
import {
  type Candle,
  CandleSeries,
  INTERVAL_MS,
  type Lots,
  type MarketUpdate,
  type Ticks,
  type Trade,
  tradeId,
} from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { IntervalSeries, type StreamPosition } from './interval-series.ts';

const MINUTE = INTERVAL_MS['1m'];
const T0 = 1_700_000_000_000 - (1_700_000_000_000 % MINUTE);

/** A stream of updates, each with the trades of one seq. */
function updates(tradesPerSeq: [number, number, number][][]): MarketUpdate[] {
  return tradesPerSeq.map((list, i) => {
    const seq = i + 1;
    const trades: Trade[] = list.map(([dt, price, size], j) => [
      tradeId(seq, j),
      price as Ticks,
      size as Lots,
      0,
      T0 + dt,
    ]);
    return { symbol: 'X', seq, time: T0, trades };
  });
}

/** What the server holds after the updates up to `seq`: its own CandleSeries fed every trade. */
function serverCandles(all: readonly MarketUpdate[], seq: number, intervalMs = MINUTE): Candle[] {
  const series = new CandleSeries(intervalMs, 10_000);
  for (const u of all) if (u.seq <= seq) for (const t of u.trades ?? []) series.addTrade(t[4], t[1], t[2]);
  return series.toArray();
}

/** The client's stream position after the updates up to `seq`, its trade ring holding the newest `keep`. */
function stream(all: readonly MarketUpdate[], seq: number, keep = 100): StreamPosition {
  const trades = all.filter((u) => u.seq <= seq).flatMap((u) => u.trades ?? []);
  return { epoch: 1, seq, synced: true, trades: trades.slice(-keep) };
}

const held = (series: IntervalSeries): Candle[] => {
  const live = series.live();
  return [...series.closed(), ...(live ? [live] : [])];
};

describe('IntervalSeries', () => {
  const stream4 = updates([[[1000, 100, 1]], [[61_000, 105, 2]], [[62_000, 99, 1]], [[125_000, 101, 3]]]);

  it('joins a page older than the stream by folding the later trades in, once', () => {
    const series = new IntervalSeries('1m', 100);
    const page = { epoch: 1, seq: 2, candles: serverCandles(stream4, 2), more: false };
    expect(series.applyLatest(page, stream(stream4, 4))).toBe('exact');
    expect(held(series)).toEqual(serverCandles(stream4, 4));
    // The updates the page's catch-up already folded are not folded again.
    for (const u of stream4) series.applyUpdate(u, 1, 1000);
    expect(held(series)).toEqual(serverCandles(stream4, 4));
  });

  it('joins a page newer than the stream by skipping the updates it already holds', () => {
    const series = new IntervalSeries('1m', 100);
    series.applyLatest({ epoch: 1, seq: 3, candles: serverCandles(stream4, 3), more: false }, stream(stream4, 1));
    for (const u of stream4.slice(1)) expect(series.applyUpdate(u, 1, 1000)).toBe('exact');
    expect(held(series)).toEqual(serverCandles(stream4, 4));
  });

  it('asks for the newest candles again when the client no longer holds the trades after the page', () => {
    const series = new IntervalSeries('1m', 100);
    const page = { epoch: 1, seq: 1, candles: serverCandles(stream4, 1), more: false };
    expect(series.applyLatest(page, stream(stream4, 4, 1))).toBe('refetch');
  });

  it('asks again after a gap in the updates or an update whose trades were capped', () => {
    const series = new IntervalSeries('1m', 100);
    series.applyLatest({ epoch: 1, seq: 1, candles: serverCandles(stream4, 1), more: false }, stream(stream4, 1));
    expect(series.applyUpdate(stream4[2]!, 1, 1000)).toBe('refetch');
    const capped: MarketUpdate = { ...stream4[3]!, candles: [] };
    expect(series.applyUpdate(capped, 1, 1000)).toBe('refetch');
  });

  it('repairs from the first candle a gap may have damaged, however old, not just the newest few', () => {
    // Ten one-second candles; the update with the 3rd's trades is lost; seven more seconds go by.
    const ups = updates(Array.from({ length: 10 }, (_, i) => [[i * 1000 + 10, 100 + i, 1]]));
    const series = new IntervalSeries('1s', 100);
    series.applyLatest({ epoch: 1, seq: 2, candles: serverCandles(ups, 2, 1000), more: false }, stream(ups, 2));
    expect(series.applyUpdate(ups[3]!, 1, 5000)).toBe('refetch'); // seq 4 after 2: seq 3 is missing
    for (const u of ups.slice(4)) series.applyUpdate(u, 1, 5000);
    // The repair reaches back to the candle that was newest when the trades went missing (the 2nd second).
    const limit = series.repairLimit(500);
    expect(limit).toBeGreaterThanOrEqual(9);
    const server = serverCandles(ups, 10, 1000);
    // A page of the newest three would leave the damage in place: asked again.
    expect(series.applyLatest({ epoch: 1, seq: 10, candles: server.slice(-3), more: true }, stream(ups, 10))).toBe(
      'refetch',
    );
    expect(series.applyLatest({ epoch: 1, seq: 10, candles: server.slice(-limit), more: true }, stream(ups, 10))).toBe(
      'exact',
    );
    expect(held(series)).toEqual(server);
  });

  it('ignores updates of another epoch', () => {
    const series = new IntervalSeries('1m', 100);
    series.applyLatest({ epoch: 1, seq: 1, candles: serverCandles(stream4, 1), more: false }, stream(stream4, 1));
    series.applyUpdate(stream4[1]!, 2, 1000);
    expect(held(series)).toEqual(serverCandles(stream4, 1));
  });

  it('keeps the closed candles the same array until one closes', () => {
    const series = new IntervalSeries('1m', 100);
    series.applyLatest({ epoch: 1, seq: 2, candles: serverCandles(stream4, 2), more: false }, stream(stream4, 2));
    const closed = series.closed();
    series.applyUpdate(stream4[2]!, 1, 1000); // same minute as the live candle
    expect(series.closed()).toBe(closed);
    series.applyUpdate(stream4[3]!, 1, 1000); // a new minute
    expect(series.closed()).not.toBe(closed);
    expect(series.closed()).toHaveLength(2);
  });

  it('prepends older pages without duplicates and stops at its capacity', () => {
    const series = new IntervalSeries('1m', 4);
    const c = (i: number): Candle => [T0 + i * MINUTE, 1 as Ticks, 1 as Ticks, 1 as Ticks, 1 as Ticks, 1 as Lots];
    series.applyLatest({ epoch: 1, seq: 9, candles: [c(5), c(6)], more: true }, stream([], 0));
    series.applyOlder({ epoch: 1, seq: 9, candles: [c(2), c(3), c(4), c(5)], more: true });
    expect(held(series).map((x) => x[0])).toEqual([3, 4, 5, 6].map((i) => T0 + i * MINUTE));
    expect(series.more).toBe(false);
  });

  it('holds only the newest candles its views need as live candles arrive, and says the server has the rest', () => {
    const ups = updates(Array.from({ length: 10 }, (_, i) => [[i * MINUTE + 10, 100 + i, 1]]));
    const series = new IntervalSeries('1m', 5000);
    series.keep(4);
    series.applyLatest({ epoch: 1, seq: 1, candles: serverCandles(ups, 1), more: false }, stream(ups, 1));
    for (const u of ups.slice(1)) series.applyUpdate(u, 1, 1000);
    expect(held(series)).toEqual(serverCandles(ups, 10).slice(-4));
    expect(series.more).toBe(true);
  });

  it('keeps what the reader paged back to while its views stay, and trims to the need once the widest lets go', () => {
    const ups = updates(Array.from({ length: 10 }, (_, i) => [[i * MINUTE + 10, 100 + i, 1]]));
    const server = serverCandles(ups, 10);
    const series = new IntervalSeries('1m', 5000);
    series.keep(3);
    series.applyLatest({ epoch: 1, seq: 6, candles: server.slice(3, 6), more: true }, stream(ups, 6));
    series.applyOlder({ epoch: 1, seq: 6, candles: server.slice(0, 3), more: false });
    for (const u of ups.slice(6)) series.applyUpdate(u, 1, 1000);
    expect(held(series)).toEqual(server);
    series.keep(2);
    expect(held(series)).toEqual(server.slice(-2));
    expect(series.more).toBe(true);
  });

  it('shows coarser candles built from the stream until history arrives', () => {
    const series = new IntervalSeries('1m', 100);
    const fives = new CandleSeries(5000, 100);
    for (const u of stream4) for (const t of u.trades ?? []) fives.addTrade(t[4], t[1], t[2]);
    series.showProvisional(fives.toArray(), 5000, stream(stream4, 4));
    expect(held(series)).toEqual(serverCandles(stream4, 4));
    expect(series.fromHistory).toBe(false);
  });

  it('whatever the page and the stream positions, ends up equal to the server', () => {
    const trade = fc.tuple(
      fc.integer({ min: 0, max: 600_000 }),
      fc.integer({ min: 1, max: 50 }),
      fc.integer({ min: 1, max: 9 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(trade, { maxLength: 3 }), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...(['1s', '5s', '1m', '5m'] as const)),
        (perSeq, a, b, interval) => {
          // Trade times only grow, as a venue's do (a late one folds into the newest candle, as on the server).
          let time = 0;
          const sorted = perSeq.map((list) =>
            list.map(([dt, p, q]): [number, number, number] => [(time += dt % 20_000), p, q]),
          );
          const ups = updates(sorted);
          const n = ups.length;
          const pageSeq = a % (n + 1);
          const clientSeq = b % (n + 1);
          const ms = INTERVAL_MS[interval];
          const series = new IntervalSeries(interval, 10_000);
          const page = { epoch: 1, seq: pageSeq, candles: serverCandles(ups, pageSeq, ms), more: false };
          const result = series.applyLatest(page, stream(ups, clientSeq, 1000));
          for (const u of ups) if (u.seq > clientSeq) series.applyUpdate(u, 1, 1000);
          // Conservative: it may ask again when it cannot prove the trades reach back, never the other way round.
          if (clientSeq <= pageSeq) expect(result).toBe('exact');
          expect(held(series)).toEqual(serverCandles(ups, n, ms));
        },
      ),
    );
  });
});
