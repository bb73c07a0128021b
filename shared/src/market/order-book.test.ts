import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Lots, Ticks } from './instrument.ts';
import {
  ASK,
  BID,
  type BookLevels,
  diffLevels,
  type Level,
  type LevelUpdate,
  OrderBook,
  type SideCode,
} from './order-book.ts';

const lv = (price: number, size: number): Level => [price as Ticks, size as Lots];
const up = (side: SideCode, price: number, size: number): LevelUpdate => [side, price as Ticks, size as Lots];
const p = (n: number) => n as Ticks;

const bookOf = (levels: BookLevels): OrderBook => {
  const book = new OrderBook();
  book.applySnapshot(levels);
  return book;
};

/** Everything the book holds, best first. */
const all = (book: OrderBook): BookLevels => book.top(Number.POSITIVE_INFINITY);

// Few prices and many zero sizes, so updates collide, remove and re-insert levels often.
const levelUpdate: fc.Arbitrary<LevelUpdate> = fc
  .tuple(
    fc.constantFrom<SideCode>(BID, ASK),
    fc.integer({ min: 1, max: 30 }),
    fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9 })),
  )
  .map(([side, price, size]) => up(side, price, size));

/** A plain model of one book: price -> size per side, sorted only when read. */
class ModelBook {
  readonly sides = [new Map<number, number>(), new Map<number, number>()] as const;
  set([side, price, size]: LevelUpdate): void {
    if (size === 0) this.sides[side].delete(price);
    else this.sides[side].set(price, size);
  }
  levels(): BookLevels {
    const sorted = (m: Map<number, number>, dir: 1 | -1) =>
      [...m.entries()].sort(([a], [b]) => dir * (a - b)).map(([price, size]) => lv(price, size));
    return { bids: sorted(this.sides[BID], -1), asks: sorted(this.sides[ASK], 1) };
  }
}

describe('OrderBook', () => {
  it('is empty before anything is applied', () => {
    const book = new OrderBook();
    expect(all(book)).toEqual({ bids: [], asks: [] });
    expect(book.bestBid()).toBeUndefined();
    expect(book.bestAsk()).toBeUndefined();
    expect(book.depth(BID)).toBe(0);
    expect(book.size(ASK, p(100))).toBe(0);
  });

  it('sorts a snapshot best first: bids high to low, asks low to high', () => {
    const book = bookOf({ bids: [lv(98, 3), lv(100, 1), lv(99, 2)], asks: [lv(103, 3), lv(101, 1), lv(102, 2)] });
    expect(all(book)).toEqual({ bids: [lv(100, 1), lv(99, 2), lv(98, 3)], asks: [lv(101, 1), lv(102, 2), lv(103, 3)] });
    expect(book.bestBid()).toEqual(lv(100, 1));
    expect(book.bestAsk()).toEqual(lv(101, 1));
    expect(book.depth(BID)).toBe(3);
    expect(book.size(BID, p(99))).toBe(2);
  });

  it('replaces the whole book with a snapshot, forgetting the old levels', () => {
    const book = bookOf({ bids: [lv(100, 1), lv(99, 2)], asks: [lv(101, 1)] });
    book.applySnapshot({ bids: [lv(90, 5)], asks: [] });
    expect(all(book)).toEqual({ bids: [lv(90, 5)], asks: [] });
    expect(book.size(BID, p(100))).toBe(0);
  });

  it('skips zero-size levels in a snapshot', () => {
    const book = bookOf({ bids: [lv(100, 0), lv(99, 2)], asks: [lv(101, 0)] });
    expect(all(book)).toEqual({ bids: [lv(99, 2)], asks: [] });
  });

  it('sets a level to its new absolute size with a delta', () => {
    const book = bookOf({ bids: [lv(100, 1)], asks: [lv(101, 1)] });
    book.applyDelta([up(BID, 100, 7), up(ASK, 102, 4), up(BID, 99, 2)]);
    expect(all(book)).toEqual({ bids: [lv(100, 7), lv(99, 2)], asks: [lv(101, 1), lv(102, 4)] });
  });

  it('removes a level when its size becomes zero, and ignores removing a level it does not have', () => {
    const book = bookOf({ bids: [lv(100, 1), lv(99, 2)], asks: [lv(101, 1)] });
    book.applyDelta([up(BID, 100, 0), up(ASK, 105, 0), up(BID, 50, 0)]);
    expect(all(book)).toEqual({ bids: [lv(99, 2)], asks: [lv(101, 1)] });
    expect(book.depth(BID)).toBe(1);
  });

  it('keeps the two sides apart even at the same price', () => {
    const book = new OrderBook();
    book.set(BID, p(100), 2 as Lots);
    book.set(ASK, p(100), 3 as Lots);
    book.set(BID, p(100), 0 as Lots);
    expect(all(book)).toEqual({ bids: [], asks: [lv(100, 3)] });
  });

  it('returns the best n levels of each side', () => {
    const book = bookOf({
      bids: [lv(100, 1), lv(99, 2), lv(98, 3), lv(97, 4)],
      asks: [lv(101, 1), lv(102, 2)],
    });
    expect(book.top(2)).toEqual({ bids: [lv(100, 1), lv(99, 2)], asks: [lv(101, 1), lv(102, 2)] });
    expect(book.top(3).asks).toHaveLength(2);
    expect(book.top(0)).toEqual({ bids: [], asks: [] });
  });

  it('returns a view that later updates do not change', () => {
    const book = bookOf({ bids: [lv(100, 1)], asks: [] });
    const view = book.top(5);
    book.applyDelta([up(BID, 100, 9), up(BID, 101, 1)]);
    expect(view).toEqual({ bids: [lv(100, 1)], asks: [] });
  });

  it('measures spread and mid in ticks, undefined while a side is empty', () => {
    const book = bookOf({ bids: [lv(100, 1)], asks: [] });
    expect(book.spread()).toBeUndefined();
    expect(book.mid()).toBeUndefined();
    expect(book.isCrossed()).toBe(false);
    book.applyDelta([up(ASK, 103, 1)]);
    expect(book.spread()).toBe(3);
    expect(book.mid()).toBe(101.5);
    expect(book.isCrossed()).toBe(false);
  });

  it('reports a crossed book, and counts a locked one (bid equals ask) as crossed', () => {
    const crossed = bookOf({ bids: [lv(102, 1)], asks: [lv(101, 1)] });
    expect(crossed.spread()).toBe(-1);
    expect(crossed.isCrossed()).toBe(true);
    const locked = bookOf({ bids: [lv(101, 1)], asks: [lv(101, 1)] });
    expect(locked.spread()).toBe(0);
    expect(locked.isCrossed()).toBe(true);
  });

  it.each([
    ['a negative size', up(BID, 100, -1)],
    ['a fractional size', up(ASK, 100, 1.5)],
    ['a NaN size', up(BID, 100, Number.NaN)],
    ['an infinite size', up(BID, 100, Number.POSITIVE_INFINITY)],
    ['a fractional price', up(BID, 100.5, 1)],
    ['a NaN price', up(ASK, Number.NaN, 1)],
  ])('rejects %s', (_, update) => {
    const book = bookOf({ bids: [lv(99, 1)], asks: [lv(101, 1)] });
    expect(() => book.applyDelta([update])).toThrow(RangeError);
    expect(all(book)).toEqual({ bids: [lv(99, 1)], asks: [lv(101, 1)] });
  });

  it('rejects a snapshot with a negative size', () => {
    expect(() => bookOf({ bids: [lv(100, -5)], asks: [] })).toThrow(RangeError);
  });

  it('holds exactly what a price -> size map would hold after any updates', () => {
    fc.assert(
      fc.property(fc.array(levelUpdate, { maxLength: 200 }), fc.integer({ min: 0, max: 40 }), (updates, n) => {
        const book = new OrderBook();
        const model = new ModelBook();
        for (const u of updates) {
          book.set(...u);
          model.set(u);
        }
        const expected = model.levels();
        expect(all(book)).toEqual(expected);
        expect(book.top(n)).toEqual({ bids: expected.bids.slice(0, n), asks: expected.asks.slice(0, n) });
        expect(book.depth(BID)).toBe(expected.bids.length);
        expect(book.depth(ASK)).toBe(expected.asks.length);
        expect(book.bestBid()).toEqual(expected.bids[0]);
        expect(book.bestAsk()).toEqual(expected.asks[0]);
        for (let price = 0; price <= 31; price++) {
          expect(book.size(BID, p(price))).toBe(model.sides[BID].get(price) ?? 0);
          expect(book.size(ASK, p(price))).toBe(model.sides[ASK].get(price) ?? 0);
        }
        const bid = expected.bids[0]?.[0];
        const ask = expected.asks[0]?.[0];
        if (bid === undefined || ask === undefined) {
          expect(book.spread()).toBeUndefined();
          expect(book.isCrossed()).toBe(false);
        } else {
          expect(book.spread()).toBe(ask - bid);
          expect(book.mid()).toBe((ask + bid) / 2);
          expect(book.isCrossed()).toBe(ask <= bid);
        }
      }),
    );
  });

  it('keeps every side strictly sorted best first', () => {
    fc.assert(
      fc.property(fc.array(levelUpdate, { maxLength: 200 }), (updates) => {
        const book = new OrderBook();
        book.applyDelta(updates);
        const { bids, asks } = all(book);
        for (let i = 1; i < bids.length; i++) expect(bids[i]![0]).toBeLessThan(bids[i - 1]![0]);
        for (let i = 1; i < asks.length; i++) expect(asks[i]![0]).toBeGreaterThan(asks[i - 1]![0]);
        for (const [, size] of [...bids, ...asks]) expect(size).toBeGreaterThan(0);
      }),
    );
  });
});

describe('diffLevels', () => {
  it('is empty when nothing changed', () => {
    const view = { bids: [lv(100, 1)], asks: [lv(101, 2)] };
    expect(diffLevels(view, { bids: [lv(100, 1)], asks: [lv(101, 2)] })).toEqual([]);
  });

  it('sends a changed size, a new level, and a zero for a level that left', () => {
    const before = { bids: [lv(100, 1), lv(99, 2)], asks: [lv(101, 1)] };
    const after = { bids: [lv(100, 5), lv(98, 3)], asks: [lv(101, 1)] };
    expect(diffLevels(before, after)).toEqual([up(BID, 100, 5), up(BID, 98, 3), up(BID, 99, 0)]);
  });

  it('brings a deeper level into a top-N view when a better one goes', () => {
    const server = bookOf({ bids: [lv(100, 1), lv(99, 2), lv(98, 3)], asks: [] });
    const before = server.top(2);
    server.set(BID, p(100), 0 as Lots);
    const after = server.top(2);
    expect(diffLevels(before, after)).toEqual([up(BID, 98, 3), up(BID, 100, 0)]);
  });

  it('turns any top-N view into any later one when applied to a book holding the first', () => {
    fc.assert(
      fc.property(
        fc.array(levelUpdate, { maxLength: 80 }),
        fc.array(levelUpdate, { maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        (initial, changes, n) => {
          const server = new OrderBook();
          server.applyDelta(initial);
          const before = server.top(n);
          server.applyDelta(changes);
          const after = server.top(n);
          const replica = bookOf(before);
          const diff = diffLevels(before, after);
          replica.applyDelta(diff);
          expect(all(replica)).toEqual(after);
          assertMinimal(before, diff);
        },
      ),
    );
  });

  it('turns any set of levels into any other, whatever their relation', () => {
    const side = fc
      .uniqueArray(fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 5 })), {
        selector: ([price]) => price,
        maxLength: 10,
      })
      .map((levels) => levels.map(([price, size]) => lv(price, size)));
    const view = fc.record({ bids: side, asks: side }).map((levels) => bookOf(levels).top(Number.POSITIVE_INFINITY));
    fc.assert(
      fc.property(view, view, (before, after) => {
        const replica = bookOf(before);
        const diff = diffLevels(before, after);
        replica.applyDelta(diff);
        expect(all(replica)).toEqual(after);
        assertMinimal(before, diff);
      }),
    );
  });
});

/** Each changed level is named once per side, and only if its size really changed. */
function assertMinimal(before: BookLevels, diff: readonly LevelUpdate[]): void {
  const old = [new Map(before.bids), new Map(before.asks)] as const;
  const seen = [new Set<number>(), new Set<number>()] as const;
  for (const [side, price, size] of diff) {
    expect(seen[side].has(price)).toBe(false);
    seen[side].add(price);
    expect(old[side].get(price) ?? 0).not.toBe(size);
  }
}
