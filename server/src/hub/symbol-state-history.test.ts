import {
  type Candle,
  CandleHistory,
  decodeBatch,
  encodeUpdate,
  type Lots,
  makeInstrument,
  type MarketUpdate,
  SymbolReplica,
  type SymbolSpec,
  type Ticks,
} from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../feeds/feed.ts';
import { SymbolState, type SymbolStateOptions } from './symbol-state.ts';

const spec: SymbolSpec = {
  symbol: 'TEST',
  name: 'Test',
  assetClass: 'equity',
  base: 'TEST',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '1',
  pricePrecision: 2,
  sizePrecision: 0,
};
const options: SymbolStateOptions = {
  depth: 3,
  tradeHistory: 50,
  candleIntervalMs: 1000,
  candleHistory: 20,
  maxTradesPerUpdate: 2,
  staleAfterMs: 60_000,
};
const MIN = 60_000;
const trade = (time: number, price: number, size = 1): MarketEvent => ({
  type: 'trade',
  symbol: 'TEST',
  time,
  price: price as Ticks,
  size: size as Lots,
  aggressor: 0,
});
const mark = (time: number, label: string): MarketEvent => ({ type: 'mark', symbol: 'TEST', time, label });
const minute = (time: number, price: number): Candle => [
  time,
  price as Ticks,
  price as Ticks,
  price as Ticks,
  price as Ticks,
  1 as Lots,
];

describe('SymbolState history', () => {
  it('holds every trade of a flush, those the per-update cap left out too, as of the flush seq', () => {
    const state = new SymbolState(spec, 0, options, 0);
    const expected = new CandleHistory();
    for (let i = 0; i < 7; i++) {
      state.apply(trade(1000 + i * 700, 10 + i), 0);
      expected.addTrade(1000 + i * 700, (10 + i) as Ticks, 1 as Lots);
    }
    expect(state.candleHistory('1s', 100)).toEqual({ seq: 0, candles: [], more: false });
    const update = state.flush(6000)!;
    expect(update.trades).toHaveLength(2);
    for (const interval of ['1s', '5s', '1m'] as const) {
      expect(state.candleHistory(interval, 100)).toEqual({ seq: update.seq, ...expected.query(interval, 100) });
    }
    // Pending trades are not history until they are flushed: the history is the state as of `seq`.
    state.apply(trade(9000, 99), 0);
    expect(state.candleHistory('1s', 1).candles[0]![4]).toBe(16);
  });

  it('seeds backfill at the flush, in arrival order with the trades around it', () => {
    const state = new SymbolState(spec, 0, options, 0);
    state.apply(trade(10 * MIN + 5, 500), 0);
    state.apply(
      {
        type: 'history',
        symbol: 'TEST',
        time: 0,
        interval: '1m',
        candles: [5, 6, 7, 8, 9, 10].map((m) => minute(m * MIN, m)),
      },
      0,
    );
    state.flush(11 * MIN);
    // The trade came first, so its minute is live and the overlapping backfill candle is dropped.
    expect(state.candleHistory('1m', 10).candles).toEqual([
      ...[5, 6, 7, 8, 9].map((m) => minute(m * MIN, m)),
      minute(10 * MIN, 500),
    ]);
    expect(state.candleHistory('5m', 10).candles.map((c) => c[0])).toEqual([5 * MIN, 10 * MIN]);
  });

  it('rejects backfill of an interval it does not know', () => {
    const state = new SymbolState(spec, 0, options, 0);
    const bad = { type: 'history', symbol: 'TEST', time: 0, interval: '2m', candles: [] } as unknown as MarketEvent;
    expect(() => state.apply(bad, 0)).toThrow(/interval/);
  });

  it('sends a mark on the next update and keeps the newest twenty in the snapshot', () => {
    const state = new SymbolState(spec, 0, options, 0);
    expect(state.snapshot(0).marks).toBeUndefined();
    state.apply(mark(1234.5, 'replay restarted'), 0);
    const update = state.flush(2000)!;
    expect(update.marks).toEqual([{ time: 1234, label: 'replay restarted' }]);
    expect(state.flush(2100)).toBeUndefined();
    for (let i = 0; i < 25; i++) state.apply(mark(3000 + i, `m${i}`), 0);
    state.flush(4000);
    const marks = state.snapshot(4000).marks!;
    expect(marks).toHaveLength(20);
    expect(marks[0]).toEqual({ time: 3005, label: 'm5' });
    expect(marks.at(-1)).toEqual({ time: 3024, label: 'm24' });
  });

  it('a replica fed over the wire snapshots the same marks as the server, field for field', () => {
    const state = new SymbolState(spec, 0, options, 0);
    state.apply(
      {
        type: 'book:snapshot',
        symbol: 'TEST',
        time: 0,
        bids: [[99 as Ticks, 1 as Lots]],
        asks: [[101 as Ticks, 1 as Lots]],
      },
      0,
    );
    state.apply(mark(10, 'before'), 0);
    state.flush(100);
    const replica = new SymbolReplica('TEST', {
      tradeCapacity: options.tradeHistory,
      candleCapacity: options.candleHistory,
      instrument: makeInstrument(spec),
    });
    replica.applySnapshot({ ...state.snapshot(100), epoch: 1 });
    const apply = (update: MarketUpdate) => {
      const [decoded] = decodeBatch([update.time, encodeUpdate(update, state.sid)], () => 'TEST').updates;
      expect(replica.applyUpdate(decoded!)).toBe('applied');
    };
    for (let i = 0; i < 22; i++) {
      state.apply(mark(200 + i, `loop ${i}`), 0);
      if (i % 3 === 0) state.apply(trade(200 + i, 100), 0);
      apply(state.flush(300 + i)!);
    }
    expect(replica.toSnapshot(999)).toEqual({ ...state.snapshot(999), epoch: 1 });
  });
});
