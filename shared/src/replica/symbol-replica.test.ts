import { describe, expect, it } from 'vitest';
import { type Candle } from '../market/candles.ts';
import {} from '../market/checksum.ts';
import { type Lots, type Ticks } from '../market/instrument.ts';
import {
  ASK,
  BID,
  type BookLevels,
  type Level,
  type LevelUpdate,
  OrderBook,
  type SideCode,
} from '../market/order-book.ts';
import { EMPTY_TICKER, type Ticker } from '../market/ticker.ts';
import { BUY, type Trade } from '../market/trade.ts';
import type { MarketUpdate, SymbolSnapshot } from '../protocol/payloads.ts';
import { CHART_MARKS_KEPT, SymbolReplica } from './symbol-replica.ts';

const lv = (price: number, size: number): Level => [price as Ticks, size as Lots];
const up = (side: SideCode, price: number, size: number): LevelUpdate => [side, price as Ticks, size as Lots];
const tr = (id: number, price: number, size: number, time: number): Trade => [
  id,
  price as Ticks,
  size as Lots,
  BUY,
  time,
];
const cd = (time: number, price: number, volume: number): Candle => [
  time,
  price as Ticks,
  price as Ticks,
  price as Ticks,
  price as Ticks,
  volume as Lots,
];

const snapshot = (over: Partial<SymbolSnapshot> = {}): SymbolSnapshot => ({
  symbol: 'AAPL',
  epoch: 1,
  sid: 0,
  seq: 10,
  time: 1_000,
  depth: 5,
  book: { bids: [lv(100, 1), lv(99, 2)], asks: [lv(101, 3)] },
  checksum: 0,
  status: 'live',
  trades: [tr(1, 100, 1, 900)],
  candleIntervalMs: 60_000,
  candles: [cd(0, 100, 1)],
  ticker: { ...EMPTY_TICKER, last: 100 as Ticks, bid: 100 as Ticks, ask: 101 as Ticks },
  ...over,
});
const update = (seq: number, over: Partial<MarketUpdate> = {}): MarketUpdate => ({
  symbol: 'AAPL',
  seq,
  time: 1_000 + seq,
  ...over,
});
const all = (book: OrderBook): BookLevels => book.top(Number.POSITIVE_INFINITY);

const state = (r: SymbolReplica) => ({
  seq: r.seq,
  time: r.time,
  synced: r.synced,
  book: all(r.book),
  trades: r.trades.toArray(),
  candles: r.candles.toArray(),
  ticker: r.ticker,
});

describe('SymbolReplica', () => {
  it('ignores updates until it has a snapshot', () => {
    const replica = new SymbolReplica('AAPL');
    expect(replica.synced).toBe(false);
    expect(replica.seq).toBe(-1);
    expect(replica.applyUpdate(update(1, { book: [up(BID, 100, 1)] }))).toBe('unsynced');
    expect(all(replica.book)).toEqual({ bids: [], asks: [] });
  });

  it('gives back, as a snapshot, exactly the state the server had at its seq', () => {
    const replica = new SymbolReplica('AAPL', { tradeCapacity: 5, candleCapacity: 5 });
    replica.applySnapshot(snapshot({ epoch: 7, sid: 3, depth: 5, checksum: 11 }));
    replica.applyUpdate(update(11, { book: [up(BID, 100, 0), up(ASK, 102, 4)], checksum: 12 }));
    expect(replica.toSnapshot(5_000)).toEqual({
      ...snapshot({ epoch: 7, sid: 3, depth: 5 }),
      seq: 11,
      time: 5_000,
      book: { bids: [lv(99, 2)], asks: [lv(101, 3), lv(102, 4)] },
      checksum: 12,
      ticker: { ...EMPTY_TICKER, last: 100 as Ticks, bid: 99 as Ticks, ask: 101 as Ticks },
    });
  });

  it('keeps the newest chart marks of its snapshot and updates, and gives them back in its own snapshot', () => {
    const replica = new SymbolReplica('AAPL', { tradeCapacity: 5, candleCapacity: 5 });
    replica.applySnapshot({ ...snapshot(), marks: [{ time: 1, label: 'old' }] });
    expect(replica.toSnapshot(0).marks).toEqual([{ time: 1, label: 'old' }]);
    for (let i = 0; i < CHART_MARKS_KEPT; i++) {
      expect(replica.applyUpdate(update(11 + i, { marks: [{ time: 2 + i, label: `m${i}` }] }))).toBe('applied');
    }
    const marks = replica.toSnapshot(0).marks!;
    expect(marks).toHaveLength(CHART_MARKS_KEPT);
    expect(marks[0]).toEqual({ time: 2, label: 'm0' });
    replica.applySnapshot(snapshot());
    expect(replica.toSnapshot(0)).not.toHaveProperty('marks');
  });

  it('refuses to snapshot a state it cannot vouch for', () => {
    const replica = new SymbolReplica('AAPL');
    expect(() => replica.toSnapshot(0)).toThrow(/no verified state/);
    replica.applySnapshot(snapshot());
    replica.applyUpdate(update(13));
    expect(() => replica.toSnapshot(0)).toThrow(/no verified state/);
  });

  it('takes its whole state from a snapshot', () => {
    const replica = new SymbolReplica('AAPL');
    const snap = snapshot();
    replica.applySnapshot(snap);
    expect(state(replica)).toEqual({
      seq: 10,
      time: 1_000,
      synced: true,
      book: snap.book,
      trades: snap.trades,
      candles: snap.candles,
      ticker: snap.ticker,
    });
    expect(replica.candles.intervalMs).toBe(60_000);
  });

  it('applies consecutive updates after the snapshot', () => {
    const replica = new SymbolReplica('AAPL');
    replica.applySnapshot(snapshot());
    const ticker: Ticker = { ...EMPTY_TICKER, last: 102 as Ticks, trades: 2 };
    expect(replica.applyUpdate(update(11, { book: [up(BID, 100, 0), up(ASK, 102, 4)] }))).toBe('applied');
    expect(
      replica.applyUpdate(update(12, { trades: [tr(2, 102, 5, 61_000)], candles: [cd(60_000, 102, 5)], ticker })),
    ).toBe('applied');
    expect(state(replica)).toEqual({
      seq: 12,
      time: 1_012,
      synced: true,
      book: { bids: [lv(99, 2)], asks: [lv(101, 3), lv(102, 4)] },
      trades: [tr(1, 100, 1, 900), tr(2, 102, 5, 61_000)],
      candles: [cd(0, 100, 1), cd(60_000, 102, 5)],
      ticker,
    });
  });

  it('leaves out what an update does not mention', () => {
    const replica = new SymbolReplica('AAPL');
    const snap = snapshot();
    replica.applySnapshot(snap);
    expect(replica.applyUpdate(update(11))).toBe('applied');
    expect(state(replica)).toMatchObject({
      seq: 11,
      book: snap.book,
      trades: snap.trades,
      candles: snap.candles,
      ticker: snap.ticker,
    });
  });

  it('ignores a duplicate or an update already folded into the snapshot', () => {
    const replica = new SymbolReplica('AAPL');
    replica.applySnapshot(snapshot());
    replica.applyUpdate(update(11, { book: [up(BID, 98, 1)] }));
    const before = state(replica);
    expect(replica.applyUpdate(update(11, { book: [up(BID, 98, 7)] }))).toBe('duplicate');
    expect(replica.applyUpdate(update(10, { book: [up(BID, 97, 7)] }))).toBe('duplicate');
    expect(replica.applyUpdate(update(3))).toBe('duplicate');
    expect(state(replica)).toEqual(before);
  });

  it('stops at a gap, ignores everything after it, and resumes from a new snapshot', () => {
    const replica = new SymbolReplica('AAPL');
    replica.applySnapshot(snapshot());
    const frozen = { ...state(replica), synced: false };
    expect(replica.applyUpdate(update(12, { book: [up(BID, 98, 1)] }))).toBe('gap');
    expect(replica.synced).toBe(false);
    // Even the update that was missing, or the next one, cannot repair it: only a snapshot can.
    expect(replica.applyUpdate(update(11, { book: [up(BID, 97, 1)] }))).toBe('unsynced');
    expect(replica.applyUpdate(update(13))).toBe('unsynced');
    expect(state(replica)).toEqual(frozen);

    replica.applySnapshot(snapshot({ seq: 13, book: { bids: [lv(95, 1)], asks: [] } }));
    expect(replica.synced).toBe(true);
    expect(replica.applyUpdate(update(13))).toBe('duplicate');
    expect(replica.applyUpdate(update(14, { book: [up(ASK, 96, 2)] }))).toBe('applied');
    expect(all(replica.book)).toEqual({ bids: [lv(95, 1)], asks: [lv(96, 2)] });
  });

  it('replaces trades and candles on a new snapshot instead of appending', () => {
    const replica = new SymbolReplica('AAPL');
    replica.applySnapshot(snapshot());
    replica.applySnapshot(snapshot({ seq: 20, trades: [tr(9, 90, 1, 5_000)], candles: [cd(120_000, 90, 1)] }));
    expect(replica.trades.toArray()).toEqual([tr(9, 90, 1, 5_000)]);
    expect(replica.candles.toArray()).toEqual([cd(120_000, 90, 1)]);
  });

  it("adopts the snapshot's candle interval", () => {
    const replica = new SymbolReplica('AAPL');
    replica.applySnapshot(snapshot({ candleIntervalMs: 5_000, candles: [cd(5_000, 1, 1)] }));
    expect(replica.candles.intervalMs).toBe(5_000);
    expect(replica.candles.toArray()).toEqual([cd(5_000, 1, 1)]);
  });

  it('keeps only its capacity of trades and candles', () => {
    const replica = new SymbolReplica('AAPL', { tradeCapacity: 2, candleCapacity: 2 });
    replica.applySnapshot(snapshot({ trades: [tr(1, 1, 1, 0), tr(2, 1, 1, 0), tr(3, 1, 1, 0)] }));
    expect(replica.trades.toArray().map((t) => t[0])).toEqual([2, 3]);
    replica.applyUpdate(update(11, { trades: [tr(4, 1, 1, 0)], candles: [cd(60_000, 1, 1), cd(120_000, 1, 1)] }));
    expect(replica.trades.toArray().map((t) => t[0])).toEqual([3, 4]);
    expect(replica.candles.toArray().map((c) => c[0])).toEqual([60_000, 120_000]);
  });
});
