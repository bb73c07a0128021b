import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../market/candles.ts';
import type { Lots, Ticks } from '../market/instrument.ts';
import { ASK, BID, type LevelUpdate } from '../market/order-book.ts';
import { BUY, SELL, type Trade, tradeId } from '../market/trade.ts';
import type { MarketUpdate } from './payloads.ts';
import { decodeBatch, encodeBatch, encodeUpdate, forEachTradeTime, StreamDecoder, type WireBatch } from './wire.ts';

const T = 1_764_000_000_000;
const trade = (seq: number, i: number, price: number, size: number, side: 0 | 1, time: number): Trade => [
  tradeId(seq, i),
  price as Ticks,
  size as Lots,
  side,
  time,
];

const roundTrip = (u: MarketUpdate, sid = 7): MarketUpdate => {
  const json = JSON.stringify(encodeBatch(u.time, [encodeUpdate(u, sid)]));
  const { updates, skipped } = decodeBatch(JSON.parse(json), (id) => (id === sid ? u.symbol : undefined));
  expect(skipped).toBe(0);
  return updates[0]!;
};

describe('the wire format', () => {
  it('carries a one-trade update in a couple of dozen bytes', () => {
    const u: MarketUpdate = { symbol: 'SYM07', seq: 2345, time: T, trades: [trade(2345, 0, 100_012, 5, BUY, T - 12)] };
    expect(JSON.stringify(encodeUpdate(u, 7))).toBe('[7,2345,-12,100012,5]');
    expect(roundTrip(u)).toEqual(u);
  });

  it('writes later trades as deltas and a sell as a negative size', () => {
    const u: MarketUpdate = {
      symbol: 'A',
      seq: 3,
      time: T,
      trades: [trade(3, 0, 500, 2, BUY, T - 30), trade(3, 1, 499, 1, SELL, T - 30), trade(3, 2, 503, 4, SELL, T - 2)],
    };
    expect(encodeUpdate(u, 0)).toEqual([0, 3, -30, 500, 2, 0, -1, -1, 28, 4, -4]);
    expect(roundTrip(u)).toEqual(u);
  });

  it('puts the rest in one extras object, book prices delta-coded per side', () => {
    const book: LevelUpdate[] = [
      [BID, 100 as Ticks, 3 as Lots],
      [BID, 98 as Ticks, 0 as Lots],
      [ASK, 101 as Ticks, 1 as Lots],
    ];
    const candles: Candle[] = [[T, 1 as Ticks, 2 as Ticks, 1 as Ticks, 2 as Ticks, 9 as Lots]];
    const u: MarketUpdate = {
      symbol: 'A',
      seq: 9,
      time: T,
      book,
      checksum: 0,
      status: 'stale',
      ticker: { volume: 12 as Lots, high: null },
      candles,
    };
    expect(encodeUpdate(u, 1)).toEqual([
      1,
      9,
      { b: [100, 3, -2, 0], a: [101, 1], c: 0, s: 'stale', t: { volume: 12, high: null }, k: candles },
    ]);
    expect(roundTrip(u)).toEqual(u);
  });

  it('carries chart marks under m, and refuses malformed ones', () => {
    const u: MarketUpdate = { symbol: 'A', seq: 3, time: T, marks: [{ time: T - 5, label: 'replay restarted' }] };
    expect(encodeUpdate(u, 1)).toEqual([1, 3, { m: [{ time: T - 5, label: 'replay restarted' }] }]);
    expect(roundTrip(u)).toEqual(u);
    const bad = decodeBatch([T, [1, 4, { m: [{ time: 'x', label: 1 }] }]], () => 'A');
    expect(bad).toEqual({ updates: [], skipped: 1 });
  });

  it('decodes what it encodes, for any update', () => {
    const level = fc.tuple(
      fc.constantFrom(BID, ASK),
      fc.integer({ min: 1, max: 1e9 }),
      fc.integer({ min: 0, max: 1e6 }),
    );
    const tradeArb = fc.tuple(
      fc.integer({ min: 1, max: 1e9 }),
      fc.integer({ min: 1, max: 1e6 }),
      fc.constantFrom(BUY, SELL),
      fc.integer({ min: -60_000, max: 1000 }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.option(fc.array(level, { minLength: 1, maxLength: 10 }), { nil: undefined }),
        fc.option(fc.array(tradeArb, { minLength: 1, maxLength: 20 }), { nil: undefined }),
        fc.option(fc.constantFrom('live' as const, 'stale' as const, 'halted' as const), { nil: undefined }),
        fc.nat(),
        (seq, levels, trades, status, checksum) => {
          // The hub lists bid changes before ask changes (diffLevels); the decoder gives them back in that order.
          const book = levels?.map(([s, p, q]): LevelUpdate => [s, p as Ticks, q as Lots]).sort((a, b) => a[0] - b[0]);
          const u: MarketUpdate = { symbol: 'X', seq, time: T };
          if (book) {
            u.book = book;
            u.checksum = checksum;
          }
          if (trades) u.trades = trades.map(([p, q, side, dt], i) => trade(seq, i, p, q, side, T + dt));
          if (status) u.status = status;
          expect(roundTrip(u, seq % 50)).toEqual(u);
        },
      ),
    );
  });

  it('leaves out updates of unknown symbols and malformed ones, and counts them', () => {
    const batch: unknown = [
      T,
      [1, 5, 0, 10, 1],
      [2, 6],
      [1, 'x'],
      [1, 7, 0, 10],
      [1, 8, 0, 10, 0],
      'junk',
      [1, 9, { b: [1], c: 0 }],
    ];
    const { updates, skipped } = decodeBatch(batch, (sid) => (sid === 1 ? 'A' : undefined));
    expect(updates.map((u) => u.seq)).toEqual([5]);
    expect(skipped).toBe(6);
    expect(decodeBatch({ not: 'a batch' }, () => 'A')).toEqual({ updates: [], skipped: 1 });
  });

  it('learns stream ids from snapshots', () => {
    const decoder = new StreamDecoder();
    const batch: WireBatch = [T, [3, 1], [4, 1]];
    expect(decoder.decode(batch)).toEqual([]);
    decoder.learn({ sid: 4, symbol: 'B' });
    expect(decoder.decode(batch)).toEqual([{ symbol: 'B', seq: 1, time: T }]);
    expect(decoder.skipped).toBe(3);
  });

  it('decodes nothing under an id it was told to forget, until a snapshot teaches the id again', () => {
    const decoder = new StreamDecoder();
    decoder.learn({ sid: 0, symbol: 'A' });
    decoder.forget();
    // A new epoch gave id 0 to B: until B's snapshot says so, its updates must not land on A.
    expect(decoder.decode([T, [0, 1]])).toEqual([]);
    decoder.learn({ sid: 0, symbol: 'B' });
    expect(decoder.decode([T, [0, 1]])).toEqual([{ symbol: 'B', seq: 1, time: T }]);
  });

  it('walks trade times without decoding', () => {
    const times: number[] = [];
    forEachTradeTime(T, [0, 1, { c: 1, b: [1, 1] }, -5, 10, 1, 2, 0, -1], (t) => times.push(t));
    forEachTradeTime(T, [0, 2, -1, 10, 1], (t) => times.push(t));
    expect(times).toEqual([T - 5, T - 3, T - 1]);
  });
});
