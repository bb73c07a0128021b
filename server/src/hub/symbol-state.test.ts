import {
  decodeBatch,
  encodeUpdate,
  type Level,
  type LevelUpdate,
  type Lots,
  makeInstrument,
  type MarketUpdate,
  SymbolReplica,
  type SymbolSpec,
  type Ticks,
} from '@tickline/shared';
import fc from 'fast-check';
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
  maxTradesPerUpdate: 5,
  staleAfterMs: 60_000,
};
const lv = (price: number, size: number): Level => [price as Ticks, size as Lots];
const snapshotEvent = (bids: Level[], asks: Level[]): MarketEvent => ({
  type: 'book:snapshot',
  symbol: 'TEST',
  time: 0,
  bids,
  asks,
});
const trade = (time: number, price: number, size: number): MarketEvent => ({
  type: 'trade',
  symbol: 'TEST',
  time,
  price: price as Ticks,
  size: size as Lots,
  aggressor: 0,
});

/** What a client holds of a symbol: compared with the server's snapshot after each update. */
const clientView = (s: { ticker: unknown; candles: unknown; trades: unknown; seq: number }) => ({
  seq: s.seq,
  ticker: s.ticker,
  candles: s.candles,
  trades: s.trades,
});

/** A client replica from the state's snapshot now; feed it updates (over the wire) and read its view. */
function follow(state: SymbolState): (update: MarketUpdate) => ReturnType<typeof clientView> {
  const replica = new SymbolReplica('TEST', {
    tradeCapacity: options.tradeHistory,
    candleCapacity: options.candleHistory,
  });
  replica.applySnapshot({ ...state.snapshot(0), epoch: 1 });
  return (update) => {
    const [decoded] = decodeBatch([update.time, encodeUpdate(update, state.sid)], () => 'TEST').updates;
    expect(replica.applyUpdate(decoded!)).toBe('applied');
    return clientView({
      seq: replica.seq,
      ticker: replica.ticker,
      candles: replica.candles.toArray(),
      trades: replica.trades.toArray(),
    });
  };
}

describe('SymbolState', () => {
  it('sends nothing when nothing changed', () => {
    expect(new SymbolState(spec, 0, options, 0).flush(1)).toBeUndefined();
  });

  it('publishes only the top N levels and brings a deeper level into view when a better one goes', () => {
    const state = new SymbolState(spec, 0, options, 0);
    state.apply(snapshotEvent([lv(100, 1), lv(99, 2), lv(98, 3), lv(97, 4)], [lv(101, 1)]), 0);
    const first = state.flush(1);
    expect(first?.seq).toBe(1);
    expect(first?.book).toHaveLength(4);
    expect(first?.book).not.toContainEqual([0, 97, 4]);
    // The best bid and ask are implied by the book, so the update carries no ticker.
    expect(first?.ticker).toBeUndefined();
    expect(state.snapshot(1).ticker).toMatchObject({ bid: 100, ask: 101 });

    state.apply({ type: 'book:delta', symbol: 'TEST', time: 2, updates: [[0, 100 as Ticks, 0 as Lots]] }, 0);
    const second = state.flush(2);
    expect(second?.seq).toBe(2);
    expect(second?.book).toEqual(
      expect.arrayContaining([
        [0, 100, 0],
        [0, 97, 4],
      ]),
    );
    expect(state.snapshot(2).ticker.bid).toBe(99);
  });

  it('a change below the published depth sends no update', () => {
    const state = new SymbolState(spec, 0, options, 0);
    state.apply(snapshotEvent([lv(100, 1), lv(99, 2), lv(98, 3), lv(97, 4)], []), 0);
    state.flush(1);
    state.apply({ type: 'book:delta', symbol: 'TEST', time: 2, updates: [[0, 96 as Ticks, 5 as Lots]] }, 0);
    expect(state.flush(2)).toBeUndefined();
  });

  it('numbers trades by seq and leaves the ticker and candles to the clients, which derive the same', () => {
    const state = new SymbolState(spec, 0, options, 0);
    const client = follow(state);
    state.apply(trade(1000, 100, 2), 0);
    state.apply(trade(1500, 103, 1), 0);
    state.apply(trade(2100, 99, 4), 0);
    const update = state.flush(2200)!;
    expect(update.trades?.map((t) => t[0])).toEqual([1000, 1001, 1002]);
    expect(update.ticker).toBeUndefined();
    expect(update.candles).toBeUndefined();
    const server = state.snapshot(2200);
    expect(server.ticker).toMatchObject({ last: 99, open: 100, high: 103, low: 99, volume: 7, trades: 3 });
    expect(server.candles).toEqual([
      [1000, 100, 103, 100, 103, 3],
      [2000, 99, 99, 99, 99, 4],
    ]);
    expect(client(update)).toEqual(clientView(server));
  });

  it('a burst larger than the per-update cap sends the newest trades, with the candles and ticker they miss', () => {
    const state = new SymbolState(spec, 0, options, 0);
    const client = follow(state);
    for (let i = 0; i < 8; i++) state.apply(trade(1000 + i * 300, 100 + i, 1), 0);
    const update = state.flush(4000)!;
    expect(update.trades?.map((t) => t[1])).toEqual([103, 104, 105, 106, 107]);
    expect(update.ticker).toMatchObject({ volume: 8, trades: 8, open: 100, low: 100 });
    expect(update.candles?.map((c) => c[0])).toEqual([1000, 2000, 3000]);
    expect(state.snapshot(4000).trades).toEqual(update.trades);
    expect(client(update)).toEqual(clientView(state.snapshot(4000)));
  });

  it('rejects a trade without a positive size (the wire signs sizes by side)', () => {
    const state = new SymbolState(spec, 0, options, 0);
    expect(() => state.apply(trade(1, 100, 0), 0)).toThrow(/positive/);
    expect(state.flush(2)).toBeUndefined();
  });

  it('a snapshot taken between flushes describes the last flush, not pending events', () => {
    const state = new SymbolState(spec, 0, options, 0);
    state.apply(snapshotEvent([lv(100, 1)], [lv(101, 1)]), 0);
    state.flush(1);
    state.apply(trade(5, 100, 1), 0);
    state.apply({ type: 'book:delta', symbol: 'TEST', time: 5, updates: [[1, 101 as Ticks, 9 as Lots]] }, 0);
    const snap = state.snapshot(6);
    expect(snap.seq).toBe(1);
    expect(snap.trades).toEqual([]);
    expect(snap.book.asks).toEqual([[101, 1]]);
    expect(snap.ticker.last).toBeNull();
  });

  it('venue statistics replace the derived ones, and travel as a patch', () => {
    const state = new SymbolState(spec, 0, options, 0);
    const client = follow(state);
    state.apply(
      {
        type: 'ticker',
        symbol: 'TEST',
        time: 1,
        open: 90 as Ticks,
        high: 120 as Ticks,
        low: 80 as Ticks,
        volume: 1000 as Lots,
      },
      0,
    );
    state.apply(trade(2, 100, 5), 0);
    const update = state.flush(3)!;
    expect(state.snapshot(3).ticker).toMatchObject({ last: 100, open: 90, high: 120, low: 80, volume: 1000 });
    expect(update.ticker).toEqual({ open: 90, high: 120, low: 80, volume: 1000 });
    expect(client(update)).toEqual(clientView(state.snapshot(3)));
  });
});

describe('SymbolState status and checksum', () => {
  it('carries the checksum of the published top levels with every book change', () => {
    const state = new SymbolState(spec, 0, options, 0);
    state.apply(snapshotEvent([lv(100, 1), lv(99, 2)], [lv(101, 3)]), 0);
    const update = state.flush(1);
    const replica = new SymbolReplica('TEST', { instrument: makeInstrument(spec) });
    replica.applySnapshot({ ...state.snapshot(0), epoch: 1, seq: 0, book: { bids: [], asks: [] }, checksum: 0 });
    expect(update?.checksum).toBeTypeOf('number');
    expect(replica.applyUpdate(update!)).toBe('applied');
    expect(state.snapshot(2).checksum).toBe(update?.checksum);
  });

  it('a feed silent for longer than staleAfterMs goes stale, and live again when events resume', () => {
    const state = new SymbolState(spec, 0, options, 0);
    state.apply(trade(0, 100, 1), 0);
    expect(state.flush(10)?.status).toBeUndefined();
    expect(state.statusWouldChange(60_000)).toBe(false);
    expect(state.statusWouldChange(60_001)).toBe(true);
    expect(state.flush(60_001)).toMatchObject({ seq: 2, status: 'stale' });
    expect(state.snapshot(60_002).status).toBe('stale');
    state.apply(trade(60_100, 101, 1), 60_100);
    expect(state.flush(60_150)).toMatchObject({ seq: 3, status: 'live' });
  });

  it('follows the feed: reconnecting shows as stale, halted as halted', () => {
    const state = new SymbolState(spec, 0, options, 0);
    const status = (s: 'live' | 'reconnecting' | 'halted') =>
      state.apply({ type: 'status', symbol: 'TEST', time: 0, status: s }, 0);
    status('reconnecting');
    expect(state.flush(1)?.status).toBe('stale');
    status('halted');
    expect(state.flush(2)?.status).toBe('halted');
    status('live');
    expect(state.flush(3)?.status).toBe('live');
    expect(state.flush(4)).toBeUndefined();
  });
});

// Any mix of events and flushes: a replica that starts from a snapshot taken at any point and applies the
// following updates ends exactly equal to the server's final snapshot.
describe('SymbolState with a replica', () => {
  const levelUpdate = fc.tuple(
    fc.constantFrom<0 | 1>(0, 1),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 0, max: 5 }),
  );
  const step = fc.oneof(
    fc.record({ kind: fc.constant('delta' as const), updates: fc.array(levelUpdate, { maxLength: 6 }) }),
    fc.record({
      kind: fc.constant('trade' as const),
      price: fc.integer({ min: 1, max: 12 }),
      size: fc.integer({ min: 1, max: 9 }),
    }),
    fc.record({ kind: fc.constant('flush' as const) }),
    fc.record({ kind: fc.constant('join' as const) }),
  );

  it('replica from any snapshot + later updates equals the server', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const state = new SymbolState(spec, 0, options, 0);
        let time = 0;
        let replica: SymbolReplica | undefined;
        for (const s of steps) {
          time += 137;
          if (s.kind === 'delta') {
            const updates = s.updates.map(
              ([side, price, size]) => [side, (side === 0 ? price : price + 12) as Ticks, size as Lots] as LevelUpdate,
            );
            state.apply({ type: 'book:delta', symbol: 'TEST', time, updates }, 0);
          } else if (s.kind === 'trade') {
            state.apply(trade(time, s.price, s.size), 0);
          } else if (s.kind === 'flush') {
            const update = state.flush(time);
            if (update && replica) expect(replica.applyUpdate(update)).toBe('applied');
          } else if (!replica) {
            replica = new SymbolReplica('TEST', {
              tradeCapacity: 50,
              candleCapacity: 20,
              instrument: makeInstrument(spec),
            });
            replica.applySnapshot({ ...state.snapshot(time), epoch: 1 });
          }
        }
        const final = state.snapshot(time);
        if (!replica) return;
        expect(replica.seq).toBe(final.seq);
        expect(replica.book.top(options.depth)).toEqual(final.book);
        expect(replica.trades.toArray()).toEqual(final.trades);
        expect(replica.candles.toArray()).toEqual(final.candles);
        expect(replica.ticker).toEqual(final.ticker);
      }),
      { numRuns: 300 },
    );
  });
});
