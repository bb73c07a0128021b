import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandleHistory, HISTORY_CAPACITY } from './candle-history.ts';
import { type Candle, combineCandles } from './candles.ts';
import type { Lots, Ticks } from './instrument.ts';
import { CANDLE_INTERVALS, type CandleInterval, INTERVAL_MS } from './intervals.ts';

// Every interval is built from the same trades (and the same backfill), so wherever a finer series still holds the
// whole span of a coarser candle, that candle must be exactly the aggregation of the finer ones.

/** Small capacities so the random runs also evict. */
const SMALL = Object.fromEntries(CANDLE_INTERVALS.map((i) => [i, 40])) as Record<CandleInterval, number>;

interface TradeOp {
  /** ms after the previous trade; negative sometimes (feeds deliver slightly out of order). */
  dt: number;
  price: number;
  size: number;
}

const trade: fc.Arbitrary<TradeOp> = fc.record({
  dt: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 3000 }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 400_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: -2000, max: 0 }) },
  ),
  price: fc.integer({ min: 1, max: 50 }),
  size: fc.integer({ min: 1, max: 5 }),
});

function assertCoarseIsAggregateOfFine(history: CandleHistory): void {
  for (let f = 0; f < CANDLE_INTERVALS.length - 1; f++) {
    const fine = history.query(CANDLE_INTERVALS[f]!, 100_000).candles;
    const oldestFine = fine[0];
    if (!oldestFine) continue;
    for (let c = f + 1; c < CANDLE_INTERVALS.length; c++) {
      const ms = INTERVAL_MS[CANDLE_INTERVALS[c]!];
      for (const coarse of history.query(CANDLE_INTERVALS[c]!, 100_000).candles) {
        if (coarse[0] < oldestFine[0]) continue; // the finer series no longer holds all of it
        const covered = fine.filter((x) => x[0] >= coarse[0] && x[0] < coarse[0] + ms);
        // A coarse flat between trades has no finer candles when the finer series capped its own flats.
        if (covered.length === 0) {
          expect(coarse[5]).toBe(0);
          continue;
        }
        expect(coarse).toEqual(combineCandles(coarse[0], covered));
      }
    }
  }
}

function run(history: CandleHistory, start: number, ops: readonly TradeOp[]): number {
  let time = start;
  for (const op of ops) {
    time = Math.max(0, time + op.dt);
    history.addTrade(time, op.price as Ticks, op.size as Lots);
  }
  return time;
}

describe('CandleHistory (properties)', () => {
  it('every coarse candle is the aggregation of the finer candles it covers', () => {
    fc.assert(
      fc.property(fc.array(trade, { minLength: 1, maxLength: 300 }), (ops) => {
        const history = new CandleHistory(SMALL);
        run(history, 1_700_000_000_000, ops);
        assertCoarseIsAggregateOfFine(history);
      }),
    );
  });

  it('stays so with backfill seeded before or after the trades started', () => {
    const minute = fc.record({
      gap: fc.integer({ min: 1, max: 3 }),
      open: fc.integer({ min: 1, max: 50 }),
      spread: fc.integer({ min: 0, max: 5 }),
      volume: fc.integer({ min: 0, max: 9 }),
    });
    fc.assert(
      fc.property(
        fc.array(minute, { minLength: 1, maxLength: 200 }),
        fc.array(trade, { minLength: 1, maxLength: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.boolean(),
        (seedSpec, ops, tradesBefore, alsoHourly) => {
          const history = new CandleHistory({ ...HISTORY_CAPACITY, '1s': 40, '5s': 40 });
          const seed: Candle[] = [];
          let time = 1_700_000_000_000 - (1_700_000_000_000 % 86_400_000);
          for (const m of seedSpec) {
            time += m.gap * 60_000;
            const close = m.volume === 0 ? m.open : m.open + m.spread;
            seed.push([
              time,
              m.open as Ticks,
              (m.open + m.spread) as Ticks,
              m.open as Ticks,
              close as Ticks,
              m.volume as Lots,
            ]);
          }
          // Trades that came before the seed start within its last minutes (a REST answer that raced the
          // websocket); trades that come after it start after its last closed candle.
          const split = Math.min(tradesBefore, ops.length);
          const firstTrade = split > 0 ? time - 5 * 60_000 + 30_000 : time + 60_000;
          const at = run(history, firstTrade, ops.slice(0, split));
          history.seed('1m', seed);
          if (alsoHourly)
            history.seed('1h', [
              [seed[0]![0] - 3_600_000 * 3, 1 as Ticks, 1 as Ticks, 1 as Ticks, 1 as Ticks, 1 as Lots],
            ]);
          run(history, at, ops.slice(split));
          assertCoarseIsAggregateOfFine(history);
        },
      ),
    );
  });

  it('addTrades over any split, seeds between, builds the same candles as addTrade one by one', () => {
    const op = fc.oneof(
      { weight: 8, arbitrary: trade.map((t) => ({ kind: 'trade' as const, ...t })) },
      // A zero or negative size only from a broken feed; addTrades must still agree with addTrade.
      {
        weight: 1,
        arbitrary: fc.integer({ min: -2, max: 0 }).map((size) => ({ kind: 'trade' as const, dt: 10, price: 7, size })),
      },
      { weight: 1, arbitrary: fc.integer({ min: -5, max: 5 }).map((at) => ({ kind: 'seed' as const, at })) },
      { weight: 2, arbitrary: fc.constant({ kind: 'flush' as const }) },
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 200 }), (ops) => {
        const one = new CandleHistory(SMALL);
        const batched = new CandleHistory(SMALL);
        let time = 1_700_000_000_000;
        let pending: { time: number; price: Ticks; size: Lots }[] = [];
        for (const o of ops) {
          if (o.kind === 'trade') {
            time = Math.max(0, time + o.dt);
            const p = { time, price: o.price as Ticks, size: o.size as Lots };
            one.addTrade(p.time, p.price, p.size);
            pending.push(p);
            continue;
          }
          batched.addTrades(pending);
          pending = [];
          if (o.kind === 'seed') {
            // An empty minute (zero volume) or a traded one, around the current time.
            const start = Math.floor(time / 60_000) * 60_000 + o.at * 60_000;
            const seed: Candle[] = [
              [start, 5 as Ticks, 6 as Ticks, 4 as Ticks, 5 as Ticks, (Math.abs(o.at) % 2) as Lots],
            ];
            one.seed('1m', seed);
            batched.seed('1m', seed);
          }
        }
        batched.addTrades(pending);
        for (const interval of CANDLE_INTERVALS) {
          expect(batched.query(interval, 100_000)).toEqual(one.query(interval, 100_000));
        }
      }),
    );
  });

  it('pages backwards without gaps or overlaps', () => {
    fc.assert(
      fc.property(
        fc.array(trade, { minLength: 1, maxLength: 300 }),
        fc.constantFrom(...CANDLE_INTERVALS),
        fc.integer({ min: 1, max: 30 }),
        (ops, interval, limit) => {
          const history = new CandleHistory(SMALL);
          run(history, 1_700_000_000_000, ops);
          const all = history.query(interval, 100_000).candles;
          const pages: Candle[][] = [];
          let page = history.query(interval, limit);
          pages.unshift(page.candles);
          while (page.more) {
            page = history.query(interval, limit, page.candles[0]![0]);
            expect(page.candles.length).toBeGreaterThan(0);
            expect(page.candles.length).toBeLessThanOrEqual(limit);
            pages.unshift(page.candles);
          }
          expect(pages.flat()).toEqual(all);
        },
      ),
    );
  });
});
