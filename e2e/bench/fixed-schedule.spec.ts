// What the schedule offers, update by update: the trade-only traffic, and the book traffic's mix (per symbol three
// level changes then a trade), the same for every server and a valid book for Tickline's hub.

import { OrderBook, type Lots, type Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import {
  BOOK_CYCLE,
  createUpdateSource,
  isTradeAt,
  scatterStride,
  type ScheduledUpdate,
  type Traffic,
  updatesPerTrade,
} from './fixed-schedule.ts';
import { seedBook } from './synthetic-book.ts';

const SYMBOLS = 50;

function updates(traffic: Traffic, n: number, symbols = SYMBOLS): ScheduledUpdate[] {
  const source = createUpdateSource(symbols, traffic);
  return Array.from({ length: n }, (_, k) => source.update(k, k / 10));
}

describe('trade traffic', () => {
  it('is every update a trade, every symbol once a round, each a tick from the last', () => {
    const all = updates('trades', 5000);
    expect(all.every((u) => u.type === 'trade')).toBe(true);
    for (let round = 0; round < 100; round++) {
      const symbols = all.slice(round * 50, (round + 1) * 50).map((u) => u.symbol);
      expect(symbols.toSorted((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      expect(symbols).toEqual(all.slice(0, 50).map((u) => u.symbol));
    }
    const last = new Map<number, number>();
    for (const u of all) {
      expect(Math.abs(u.price - (last.get(u.symbol) ?? 100_000))).toBe(1);
      expect(u.size).toBeGreaterThanOrEqual(1);
      expect(u.size).toBeLessThanOrEqual(10);
      last.set(u.symbol, u.price);
    }
    expect(updatesPerTrade('trades')).toBe(1);
  });
});

describe('the order of the symbols in a round', () => {
  // The load generator gives client i the symbols i*k .. i*k+k-1: a watchlist of neighbours.
  const places = (symbols: number): number[] => {
    const order = updates('trades', symbols, symbols).map((u) => u.symbol);
    return Array.from({ length: symbols }, (_, s) => order.indexOf(s));
  };

  it("spreads any client's five neighbouring symbols across the round, as independent markets would tick", () => {
    const at = places(50);
    for (let first = 0; first < 50; first++) {
      const mine = Array.from({ length: 5 }, (_, j) => at[(first + j) % 50]!).toSorted((a, b) => a - b);
      // Never two of them within a few places of each other (plain order put all five in five places).
      const gaps = mine.map((p, j) => (j === 0 ? p + 50 - mine[4]! : p - mine[j - 1]!));
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5);
    }
  });

  it('visits every symbol once a round for any number of symbols', () => {
    for (const symbols of [1, 2, 3, 10, 12, 50, 64, 100, 360]) {
      expect(places(symbols).toSorted((a, b) => a - b)).toEqual(Array.from({ length: symbols }, (_, i) => i));
      if (symbols > 3) expect(scatterStride(symbols)).toBeGreaterThan(1);
    }
  });
});

describe('book traffic', () => {
  const all = updates('book', 200_000);

  it('gives each symbol three level changes, then a trade, over and over', () => {
    const kinds = new Map<number, string>();
    for (const u of all) kinds.set(u.symbol, (kinds.get(u.symbol) ?? '') + (u.type === 'trade' ? 'T' : 'L'));
    expect(kinds.size).toBe(SYMBOLS);
    for (const seq of kinds.values()) {
      // Staggered per symbol, so each starts somewhere in the cycle; from its first trade on it is LLLT repeated.
      const fromFirstTrade = seq.slice(seq.indexOf('T') + 1);
      expect(fromFirstTrade.length).toBeGreaterThan(3000);
      expect(fromFirstTrade).toMatch(/^(LLLT)*L{0,3}$/);
    }
    expect(updatesPerTrade('book')).toBe(BOOK_CYCLE);
  });

  it('spreads the trades evenly: any stretch of the schedule holds a quarter of them, give or take one', () => {
    const trades = all.map((u) => (u.type === 'trade' ? 1 : 0));
    for (const length of [37, 200, 1000, 3000]) {
      for (let from = 0; from + length <= 20_000; from += 97) {
        let n = 0;
        for (let k = from; k < from + length; k++) n += trades[k]!;
        expect(Math.abs(n - length / 4)).toBeLessThanOrEqual(1.5);
      }
    }
    expect(all.every((u, k) => (u.type === 'trade') === isTradeAt(k, SYMBOLS))).toBe(true);
  });

  it('is the same every time: every server gets the same updates', () => {
    expect(updates('book', 20_000)).toEqual(all.slice(0, 20_000));
  });

  it('keeps every book valid from the seed a feed starts with: never crossed, trades at the touch', () => {
    const books = Array.from({ length: SYMBOLS }, () => {
      const b = new OrderBook();
      b.applySnapshot(seedBook());
      return b;
    });
    let removals = 0;
    // Counted rather than asserted one by one: 200,000 updates.
    const faults = { offTouch: 0, removedNothing: 0, crossed: 0, emptySide: 0, far: 0 };
    for (const u of all) {
      const book = books[u.symbol]!;
      if (u.type === 'trade') {
        const touch = u.side === 0 ? book.bestAsk()! : book.bestBid()!;
        if (u.price !== touch[0]) faults.offTouch++;
        continue;
      }
      if (u.size === 0) {
        if (book.size(u.side, u.price as Ticks) === 0) faults.removedNothing++;
        removals++;
      }
      book.set(u.side, u.price as Ticks, u.size as Lots);
      if (book.isCrossed()) faults.crossed++;
      if (book.depth(0) === 0 || book.depth(1) === 0) faults.emptySide++;
      // Within a few ticks of the mid.
      if (Math.abs(u.price - book.mid()!) >= 12) faults.far++;
    }
    expect(faults).toEqual({ offTouch: 0, removedNothing: 0, crossed: 0, emptySide: 0, far: 0 });
    expect(removals).toBeGreaterThan(0.05 * all.length);
  });
});
