// The bench's book traffic must stay a valid book for Tickline's hub whatever the hashes: never crossed, a few
// levels a side near the touch, every change a real change.

import fc from 'fast-check';
import { ASK, BID } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { hash } from './fixed-schedule.ts';
import { MAX_LEVELS, MAX_SPAN, MIN_LEVELS, seedBook, SyntheticBook } from './synthetic-book.ts';

function expectValid(b: SyntheticBook): void {
  const book = b.book;
  expect(book.isCrossed()).toBe(false);
  for (const side of [BID, ASK]) {
    const depth = book.depth(side);
    expect(depth).toBeGreaterThanOrEqual(MIN_LEVELS);
    // One level over the bounds at most: the next change on that side pulls it.
    expect(depth).toBeLessThanOrEqual(MAX_LEVELS + 1);
    expect(Math.abs(book.priceAt(side, depth - 1)! - book.priceAt(side, 0)!)).toBeLessThanOrEqual(MAX_SPAN + 1);
  }
}

describe('SyntheticBook', () => {
  it('starts from the seed book', () => {
    const b = new SyntheticBook();
    expect(b.book.top(25)).toEqual(seedBook());
    expect(b.book.spread()).toBe(2);
  });

  it('stays uncrossed, with a few levels a side near the touch, for any hashes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 3000 }), (hashes) => {
        const b = new SyntheticBook();
        for (const h of hashes) {
          const [side, price, size] = b.levelChange(h);
          expect(Number.isSafeInteger(price) && price > 0).toBe(true);
          expect(Number.isSafeInteger(size) && size >= 0).toBe(true);
          expect(b.book.size(side, price)).toBe(size);
          expectValid(b);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('makes every level change a real change: a new size, or the removal of a level that was there', () => {
    const b = new SyntheticBook();
    for (let h = 0; h < 10_000; h++) {
      const h32 = hash(h);
      const side = (h32 & 1) === 0 ? BID : ASK;
      const snapshot = new Map(b.book.top(25)[side === BID ? 'bids' : 'asks']);
      const [, price, size] = b.levelChange(h32);
      expect(snapshot.get(price) ?? 0).not.toBe(size);
    }
  });

  it('moves the touch both ways: levels are pulled and new best prices appear', () => {
    const b = new SyntheticBook();
    let removals = 0;
    let changes = 0;
    const spreads = new Set<number>();
    const mids = new Set<number>();
    for (let h = 0; h < 20_000; h++) {
      const [, , size] = b.levelChange(hash(h));
      changes++;
      if (size === 0) removals++;
      spreads.add(b.book.spread()!);
      mids.add(b.book.mid()!);
    }
    expect(removals / changes).toBeGreaterThan(0.05);
    expect(removals / changes).toBeLessThan(0.4);
    expect([...spreads].every((s) => s >= 1 && s <= 10)).toBe(true);
    expect(spreads.size).toBeGreaterThan(1);
    expect(mids.size).toBeGreaterThan(5);
  });

  it('prices a buy at the best ask and a sell at the best bid', () => {
    const b = new SyntheticBook();
    expect(b.tradePrice(0)).toBe(b.book.bestAsk()![0]);
    expect(b.tradePrice(1)).toBe(b.book.bestBid()![0]);
  });
});
