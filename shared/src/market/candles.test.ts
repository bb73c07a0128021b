import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateCandles, bucketStart, type Candle, CandleSeries } from './candles.ts';
import type { Lots, Ticks } from './instrument.ts';

const MIN = 60_000;
const candle = (time: number, o: number, h: number, l: number, c: number, v: number): Candle => [
  time,
  o as Ticks,
  h as Ticks,
  l as Ticks,
  c as Ticks,
  v as Lots,
];
const trade = (series: CandleSeries, time: number, price: number, size: number): Candle[] =>
  series.addTrade(time, price as Ticks, size as Lots);

describe('bucketStart', () => {
  it('returns the start of the interval holding the time', () => {
    expect(bucketStart(125_000, MIN)).toBe(120_000);
    expect(bucketStart(120_000, MIN)).toBe(120_000);
    expect(bucketStart(179_999, MIN)).toBe(120_000);
    expect(bucketStart(0, MIN)).toBe(0);
  });

  it('floors times before the epoch into the earlier interval', () => {
    expect(bucketStart(-1, MIN)).toBe(-60_000);
  });
});

describe('CandleSeries', () => {
  it.each([0, -1, 1.5, Number.NaN])('refuses an interval of %s', (interval) => {
    expect(() => new CandleSeries(interval, 10)).toThrow(RangeError);
  });

  it('refuses a capacity of zero', () => {
    expect(() => new CandleSeries(MIN, 0)).toThrow(RangeError);
  });

  it('opens the first candle at the start of its interval', () => {
    const series = new CandleSeries(MIN, 10);
    expect(trade(series, 125_000, 100, 3)).toEqual([candle(120_000, 100, 100, 100, 100, 3)]);
    expect(series.size).toBe(1);
    expect(series.last()).toEqual(candle(120_000, 100, 100, 100, 100, 3));
  });

  it('keeps the open and tracks high, low, close and volume within an interval', () => {
    const series = new CandleSeries(MIN, 10);
    trade(series, 120_000, 100, 1);
    trade(series, 130_000, 105, 2);
    trade(series, 140_000, 97, 3);
    const changed = trade(series, 179_999, 101, 4);
    expect(changed).toEqual([candle(120_000, 100, 105, 97, 101, 10)]);
    expect(series.toArray()).toEqual([candle(120_000, 100, 105, 97, 101, 10)]);
  });

  it('opens a new candle at the next interval, leaving the previous one closed', () => {
    const series = new CandleSeries(MIN, 10);
    trade(series, 120_000, 100, 1);
    expect(trade(series, 180_000, 102, 2)).toEqual([candle(180_000, 102, 102, 102, 102, 2)]);
    expect(series.toArray()).toEqual([candle(120_000, 100, 100, 100, 100, 1), candle(180_000, 102, 102, 102, 102, 2)]);
  });

  it('fills a gap with flat zero-volume candles at the previous close', () => {
    const series = new CandleSeries(MIN, 10);
    trade(series, 0, 100, 1);
    trade(series, 30_000, 104, 1);
    const changed = trade(series, 3 * MIN + 5, 90, 2);
    const expected = [
      candle(MIN, 104, 104, 104, 104, 0),
      candle(2 * MIN, 104, 104, 104, 104, 0),
      candle(3 * MIN, 90, 90, 90, 90, 2),
    ];
    expect(changed).toEqual(expected);
    expect(series.toArray()).toEqual([candle(0, 100, 104, 100, 104, 2), ...expected]);
  });

  it('never holds more than its capacity, however long the gap', () => {
    const series = new CandleSeries(MIN, 4);
    trade(series, 0, 100, 1);
    const changed = trade(series, 1_000 * MIN, 110, 1);
    expect(series.size).toBe(4);
    expect(series.toArray()).toEqual([
      candle(997 * MIN, 100, 100, 100, 100, 0),
      candle(998 * MIN, 100, 100, 100, 100, 0),
      candle(999 * MIN, 100, 100, 100, 100, 0),
      candle(1_000 * MIN, 110, 110, 110, 110, 1),
    ]);
    // What it reports is exactly what it now holds, so a replica upserting the changes ends up the same.
    expect(changed).toEqual(series.toArray());
  });

  it('returns the newest n candles oldest first', () => {
    const series = new CandleSeries(MIN, 10);
    for (let i = 0; i < 5; i++) trade(series, i * MIN, 100 + i, 1);
    expect(series.toArray(2).map((c) => c[0])).toEqual([3 * MIN, 4 * MIN]);
  });

  it('folds a late trade into the current candle instead of reopening an old one', () => {
    const series = new CandleSeries(MIN, 10);
    trade(series, 0, 100, 1);
    trade(series, MIN, 102, 1);
    const changed = trade(series, 10_000, 95, 3);
    expect(changed).toEqual([candle(MIN, 102, 102, 95, 95, 4)]);
    expect(series.toArray()).toEqual([candle(0, 100, 100, 100, 100, 1), candle(MIN, 102, 102, 95, 95, 4)]);
  });

  describe('upsert from the stream', () => {
    const seeded = () => {
      const series = new CandleSeries(MIN, 3);
      series.reset([candle(0, 1, 1, 1, 1, 1), candle(MIN, 2, 2, 2, 2, 2)]);
      return series;
    };

    it('replaces the newest candle when the time is the same', () => {
      const series = seeded();
      series.upsert(candle(MIN, 2, 5, 1, 3, 9));
      expect(series.toArray()).toEqual([candle(0, 1, 1, 1, 1, 1), candle(MIN, 2, 5, 1, 3, 9)]);
    });

    it('appends a newer candle, dropping the oldest past capacity', () => {
      const series = seeded();
      series.upsert(candle(2 * MIN, 3, 3, 3, 3, 3));
      series.upsert(candle(5 * MIN, 4, 4, 4, 4, 4));
      expect(series.toArray().map((c) => c[0])).toEqual([MIN, 2 * MIN, 5 * MIN]);
    });

    it('ignores a candle older than the newest', () => {
      const series = seeded();
      series.upsert(candle(0, 9, 9, 9, 9, 9));
      series.upsert(candle(-MIN, 9, 9, 9, 9, 9));
      expect(series.toArray()).toEqual([candle(0, 1, 1, 1, 1, 1), candle(MIN, 2, 2, 2, 2, 2)]);
    });

    it('appends to an empty series', () => {
      const series = new CandleSeries(MIN, 3);
      series.upsert(candle(MIN, 1, 1, 1, 1, 1));
      expect(series.toArray()).toEqual([candle(MIN, 1, 1, 1, 1, 1)]);
    });

    it('reset replaces everything with the given candles', () => {
      const series = seeded();
      series.reset([candle(10 * MIN, 7, 7, 7, 7, 7)]);
      expect(series.toArray()).toEqual([candle(10 * MIN, 7, 7, 7, 7, 7)]);
      series.reset([]);
      expect(series.size).toBe(0);
    });
  });

  describe('invariants over random trades', () => {
    const INTERVAL = 1_000;
    type T = { dt: number; price: number; size: number };
    // Mostly forward in time, sometimes many intervals at once, sometimes a little back (a late trade).
    const tradeStep: fc.Arbitrary<T> = fc.record({
      dt: fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 0, max: 1_500 }) },
        { weight: 2, arbitrary: fc.integer({ min: 1_500, max: 12_000 }) },
        { weight: 1, arbitrary: fc.integer({ min: -2_500, max: 0 }) },
      ),
      price: fc.integer({ min: 1, max: 1_000 }),
      size: fc.integer({ min: 1, max: 50 }),
    });

    const run = (capacity: number, steps: readonly T[]) => {
      const series = new CandleSeries(INTERVAL, capacity);
      const replica = new CandleSeries(INTERVAL, capacity);
      let time = 5_000;
      const changes: Candle[][] = [];
      for (const s of steps) {
        time += s.dt;
        const changed = trade(series, time, s.price, s.size);
        for (const c of changed) replica.upsert(c);
        changes.push(changed);
      }
      return { series, replica, changes };
    };

    it('keeps the total volume equal to the traded size while nothing is evicted', () => {
      fc.assert(
        fc.property(fc.array(tradeStep, { minLength: 1, maxLength: 60 }), (steps) => {
          // 60 trades at most 12 intervals apart never fill 1000 candles.
          const { series } = run(1_000, steps);
          const volume = series.toArray().reduce((sum, c) => sum + c[5], 0);
          expect(volume).toBe(steps.reduce((sum, s) => sum + s.size, 0));
        }),
      );
    });

    it('keeps high above and low below both open and close', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 8 }), fc.array(tradeStep, { maxLength: 60 }), (capacity, steps) => {
          for (const [, open, high, low, close, volume] of run(capacity, steps).series.toArray()) {
            expect(high).toBeGreaterThanOrEqual(Math.max(open, close));
            expect(low).toBeLessThanOrEqual(Math.min(open, close));
            expect(volume).toBeGreaterThanOrEqual(0);
          }
        }),
      );
    });

    it('has no holes: candles are one interval apart, within capacity', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 8 }), fc.array(tradeStep, { maxLength: 60 }), (capacity, steps) => {
          const candles = run(capacity, steps).series.toArray();
          expect(candles.length).toBeLessThanOrEqual(capacity);
          for (let i = 1; i < candles.length; i++) expect(candles[i]![0] - candles[i - 1]![0]).toBe(INTERVAL);
          for (const [time] of candles) expect(time % INTERVAL).toBe(0);
        }),
      );
    });

    it('reports exactly its newest candles as changed, so a replica upserting them stays equal', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 8 }), fc.array(tradeStep, { maxLength: 60 }), (capacity, steps) => {
          const { series, replica, changes } = run(capacity, steps);
          expect(replica.toArray()).toEqual(series.toArray());
          const last = changes.at(-1);
          if (last) expect(last).toEqual(series.toArray(last.length));
        }),
      );
    });

    it('fold builds the same candles as addTrade', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 8 }), fc.array(tradeStep, { maxLength: 60 }), (capacity, steps) => {
          const folded = new CandleSeries(INTERVAL, capacity);
          let time = 5_000;
          for (const s of steps) folded.fold((time += s.dt), s.price as Ticks, s.size as Lots);
          expect(folded.toArray()).toEqual(run(capacity, steps).series.toArray());
        }),
      );
    });

    it('foldAll over any split of the trades builds the same candles as fold one by one', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 8 }),
          fc.array(tradeStep, { maxLength: 60 }),
          fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 20 }),
          (capacity, steps, chunks) => {
            let time = 5_000;
            const points = steps.map((s) => ({ time: (time += s.dt), price: s.price as Ticks, size: s.size as Lots }));
            const one = new CandleSeries(INTERVAL, capacity);
            for (const p of points) one.fold(p.time, p.price, p.size);
            const all = new CandleSeries(INTERVAL, capacity);
            // Flushes of varying size; each chunk is a slice of the same array, as the hub passes its pending trades.
            for (let from = 0, c = 0; from < points.length; c++) {
              const to = Math.min(points.length, from + chunks[c % chunks.length]!);
              all.foldAll(points, from, to);
              from = to;
            }
            expect(all.toArray()).toEqual(one.toArray());
          },
        ),
      );
    });

    it('changedSince a candle names exactly what addTrade reported changed after it', () => {
      fc.assert(
        fc.property(
          fc.array(tradeStep, { maxLength: 20 }),
          fc.array(tradeStep, { minLength: 1, maxLength: 20 }),
          (earlier, burst) => {
            // Capacity enough that nothing changed is evicted during the burst (20 trades, 12 intervals apart).
            const { series } = run(1_000, earlier);
            const before = series.last();
            let time = 5_000 + earlier.reduce((sum, s) => sum + s.dt, 0);
            const reported = new Map<number, Candle>();
            for (const s of burst) {
              for (const c of trade(series, (time += s.dt), s.price, s.size)) reported.set(c[0], c);
            }
            expect(series.changedSince(before)).toEqual([...reported.values()]);
          },
        ),
      );
    });

    it('matches a per-interval OHLCV model when trades arrive in time order', () => {
      const inOrder = fc.array(
        fc.record({
          dt: fc.integer({ min: 0, max: 4_000 }),
          price: fc.integer({ min: 1, max: 1_000 }),
          size: fc.integer({ min: 1, max: 50 }),
        }),
        { minLength: 1, maxLength: 60 },
      );
      fc.assert(
        fc.property(inOrder, (steps) => {
          const { series } = run(1_000, steps);
          // Model: group by interval, then fill every empty interval between first and last with the previous close.
          const byBucket = new Map<number, Candle>();
          let time = 5_000;
          for (const s of steps) {
            time += s.dt;
            const b = bucketStart(time, INTERVAL);
            const c = byBucket.get(b);
            byBucket.set(
              b,
              c
                ? candle(b, c[1], Math.max(c[2], s.price), Math.min(c[3], s.price), s.price, c[5] + s.size)
                : candle(b, s.price, s.price, s.price, s.price, s.size),
            );
          }
          const buckets = [...byBucket.keys()];
          const expected: Candle[] = [];
          for (let b = buckets[0]!; b <= buckets.at(-1)!; b += INTERVAL) {
            const prevClose = expected.at(-1)?.[4] ?? 0;
            expected.push(byBucket.get(b) ?? candle(b, prevClose, prevClose, prevClose, prevClose, 0));
          }
          expect(series.toArray()).toEqual(expected);
        }),
      );
    });
  });
});

describe('aggregateCandles', () => {
  it('equals candles built from the same trades at the coarser interval directly', () => {
    const trade = fc.tuple(
      fc.integer({ min: 0, max: 30_000 }),
      fc.integer({ min: 1, max: 99 }),
      fc.integer({ min: 1, max: 9 }),
    );
    fc.assert(
      fc.property(
        fc.array(trade, { minLength: 1, maxLength: 80 }),
        fc.constantFrom(5000, 60_000, 300_000),
        (trades, coarseMs) => {
          const fine = new CandleSeries(1000, 100_000);
          const coarse = new CandleSeries(coarseMs, 100_000);
          let time = 1_700_000_000_000;
          for (const [dt, price, size] of trades) {
            time += dt;
            fine.addTrade(time, price as Ticks, size as Lots);
            coarse.addTrade(time, price as Ticks, size as Lots);
          }
          expect(aggregateCandles(fine.toArray(), coarseMs)).toEqual(coarse.toArray());
        },
      ),
    );
  });
});
