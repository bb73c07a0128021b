import { ASK, BID, BUY, SELL } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { ReferenceBook } from './reference-book.ts';

// The oracle is only worth trusting if its own rules are checked by hand, on cases small enough to read.
describe('ReferenceBook', () => {
  it('fills the best price first, then the oldest order within a price, at the maker price', () => {
    const book = new ReferenceBook();
    book.limit(1, ASK, 102, 5, false);
    book.limit(2, ASK, 101, 2, false);
    book.limit(3, ASK, 101, 3, false);
    const result = book.limit(4, BID, 103, 7, false);
    expect(result.fills).toEqual([
      { makerId: 2, takerId: 4, price: 101, size: 2, aggressor: BUY },
      { makerId: 3, takerId: 4, price: 101, size: 3, aggressor: BUY },
      { makerId: 1, takerId: 4, price: 102, size: 2, aggressor: BUY },
    ]);
    expect(result).toMatchObject({ filled: 7, resting: 0, cancelled: 0 });
    expect(book.levels(ASK)).toEqual([[102, 3]]);
  });

  it('stops at the limit and rests the remainder, or drops it when IOC', () => {
    const book = new ReferenceBook();
    book.limit(1, BID, 100, 2, false);
    book.limit(2, BID, 98, 2, false);
    expect(book.limit(3, ASK, 99, 5, true)).toMatchObject({ filled: 2, resting: 0, cancelled: 3 });
    const gtc = book.limit(4, ASK, 98, 5, false);
    expect(gtc.fills).toEqual([{ makerId: 2, takerId: 4, price: 98, size: 2, aggressor: SELL }]);
    expect(gtc).toMatchObject({ filled: 2, resting: 3, cancelled: 0 });
    expect(book.levels(BID)).toEqual([]);
    expect(book.levels(ASK)).toEqual([[98, 3]]);
  });

  it('a market order takes any price and never rests', () => {
    const book = new ReferenceBook();
    book.limit(1, BID, 100, 2, false);
    book.limit(2, BID, 90, 2, false);
    expect(book.market(3, ASK, 6)).toMatchObject({ filled: 4, resting: 0, cancelled: 2 });
    expect(book.orders(BID)).toEqual([]);
    expect(book.orders(ASK)).toEqual([]);
  });

  it('keeps a partly filled order at the front of its price and lists levels best first', () => {
    const book = new ReferenceBook();
    book.limit(1, BID, 100, 5, false);
    book.limit(2, BID, 100, 5, false);
    book.limit(3, BID, 101, 1, false);
    book.market(4, ASK, 3);
    expect(book.orders(BID).map((o) => [o.id, o.remaining])).toEqual([
      [1, 3],
      [2, 5],
    ]);
    expect(book.levels(BID)).toEqual([[100, 8]]);
  });

  it('cancel removes a resting order once; unknown and finished ids cancel nothing', () => {
    const book = new ReferenceBook();
    book.limit(1, BID, 100, 4, false);
    book.limit(2, BID, 100, 6, false);
    expect(book.cancel(1)).toBe(4);
    expect(book.cancel(1)).toBe(0);
    expect(book.cancel(99)).toBe(0);
    book.market(3, ASK, 6);
    expect(book.cancel(2)).toBe(0);
    expect(book.remaining(2)).toBe(0);
    expect(book.levels(BID)).toEqual([]);
  });
});
