import { OrderBook, type BookLevels } from '@tickline/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { book } from '../test-support/fixtures.ts';
import { effectiveGroup, GROUP_STEPS, groupLevels, groupSteps } from './book-grouping.ts';

const pairs = (levels: BookLevels) => ({
  bids: levels.bids.map(([p, s]) => [p, s]),
  asks: levels.asks.map(([p, s]) => [p, s]),
});

describe('groupLevels', () => {
  it('floors bids and ceils asks to the group, summing sizes', () => {
    const levels = book(
      [
        [10_049, 3],
        [10_041, 2],
        [10_040, 1],
        [10_039, 7],
      ],
      [
        [10_051, 4],
        [10_060, 5],
        [10_061, 6],
      ],
    );
    expect(pairs(groupLevels(levels, 10))).toEqual({
      bids: [
        [10_040, 6],
        [10_030, 7],
      ],
      asks: [
        [10_060, 9],
        [10_070, 6],
      ],
    });
  });

  it('keeps a one-tick group as the book itself', () => {
    const levels = book([[99, 1]], [[101, 1]]);
    expect(groupLevels(levels, 1)).toBe(levels);
  });

  it('never lets a bid and an ask share a group', () => {
    // Best bid 99 and best ask 101 would both round to 100; flooring and ceiling keep them apart.
    expect(pairs(groupLevels(book([[99, 1]], [[101, 1]]), 100))).toEqual({ bids: [[0, 1]], asks: [[200, 1]] });
  });

  it('refuses a group that is not a whole positive number of ticks', () => {
    expect(() => groupLevels(book([], []), 0)).toThrow(RangeError);
    expect(() => groupLevels(book([], []), 2.5)).toThrow(RangeError);
  });

  /** An uncrossed book of distinct positive levels, sorted best first as the replica gives it. */
  const bookArb = fc
    .tuple(
      fc.integer({ min: 1_000, max: 1_000_000 }),
      fc.integer({ min: 1, max: 500 }),
      fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 1, max: 1e9 })), {
        selector: ([p]) => p,
        maxLength: 30,
      }),
      fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 1, max: 1e9 })), {
        selector: ([p]) => p,
        maxLength: 30,
      }),
    )
    .map(([bestBid, spread, bidOffsets, askOffsets]) => {
      const ob = new OrderBook();
      ob.applySnapshot(
        book(
          bidOffsets.map(([o, s]) => [bestBid - o, s]),
          askOffsets.map(([o, s]) => [bestBid + spread + o, s]),
        ),
      );
      return ob.top(Infinity);
    });
  const groupArb = fc.constantFrom(...GROUP_STEPS.slice(0, 8), 3, 7, 25);
  const total = (levels: BookLevels['bids']) => levels.reduce((sum, [, s]) => sum + s, 0);

  it('preserves each side total size exactly', () => {
    fc.assert(
      fc.property(bookArb, groupArb, (levels, group) => {
        const grouped = groupLevels(levels, group);
        expect(total(grouped.bids)).toBe(total(levels.bids));
        expect(total(grouped.asks)).toBe(total(levels.asks));
      }),
    );
  });

  it('keeps the best bid group below the best ask group', () => {
    fc.assert(
      fc.property(bookArb, groupArb, (levels, group) => {
        const { bids, asks } = groupLevels(levels, group);
        if (bids[0] && asks[0]) expect(bids[0][0]).toBeLessThan(asks[0][0]);
      }),
    );
  });

  it('gives strictly monotonic prices on multiples of the group, best first', () => {
    fc.assert(
      fc.property(bookArb, groupArb, (levels, group) => {
        const { bids, asks } = groupLevels(levels, group);
        for (const [p] of [...bids, ...asks]) expect(p % group).toBe(0);
        for (let i = 1; i < bids.length; i++) expect(bids[i]![0]).toBeLessThan(bids[i - 1]![0]);
        for (let i = 1; i < asks.length; i++) expect(asks[i]![0]).toBeGreaterThan(asks[i - 1]![0]);
      }),
    );
  });
});

describe('groupSteps', () => {
  it('offers steps up to about 10 bps of the price', () => {
    // BTC at 64,250.00 with a 0.01 tick: up to 50.00.
    expect(groupSteps(6_425_000)).toEqual([1, 2, 5, 10, 50, 100, 500, 1_000, 5_000]);
    // EUR/USD at 1.08210 with a 0.00001 tick: up to 0.00100.
    expect(groupSteps(108_210)).toEqual([1, 2, 5, 10, 50, 100]);
  });

  it('always offers up to ten ticks, and only that before the price is known', () => {
    expect(groupSteps(null)).toEqual([1, 2, 5, 10]);
    expect(groupSteps(150)).toEqual([1, 2, 5, 10]);
  });

  it('returns the same array while the price stays within a step', () => {
    expect(groupSteps(6_425_000)).toBe(groupSteps(6_300_000));
  });
});

describe('effectiveGroup', () => {
  it('uses the chosen group when offered, else the widest offered below it', () => {
    expect(effectiveGroup(50, [1, 2, 5, 10, 50])).toBe(50);
    expect(effectiveGroup(50, [1, 2, 5, 10])).toBe(10);
    expect(effectiveGroup(0, [1, 2])).toBe(1);
  });
});
