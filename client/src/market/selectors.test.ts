import { BID, BUY, SELL } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { bookSelector, tradesSelector } from './selectors.ts';
import { BTC, book, EURUSD, level, snapshot, testMarket, trade, update } from '../test-support/fixtures.ts';

const TEN = { group: 1, levels: 10 };

describe('selectors', () => {
  it('return the same object until their part of that symbol changes', () => {
    const { store } = testMarket();
    store.applySnapshot(snapshot(BTC.symbol, { seq: 1, book: book([[99, 1]], [[101, 1]]) }));
    const selectBook = bookSelector(BTC.symbol, TEN);
    const selectTrades = tradesSelector(BTC.symbol, 10);
    const bookBefore = selectBook(store);
    const tradesBefore = selectTrades(store);
    expect(selectBook(store)).toBe(bookBefore);

    // A trade does not rebuild the book view, and another symbol's update rebuilds nothing here.
    store.applyUpdate(update(BTC.symbol, 2, { trades: [trade(1, 100, 1, BUY)] }));
    store.applySnapshot(snapshot(EURUSD.symbol, { book: book([[1, 1]], []) }));
    expect(selectBook(store)).toBe(bookBefore);
    expect(selectTrades(store)).not.toBe(tradesBefore);

    store.applyUpdate(update(BTC.symbol, 3, { book: [level(BID, 99, 5)] }));
    const bookAfter = selectBook(store);
    expect(bookAfter).not.toBe(bookBefore);
    expect(bookAfter.bids[0]?.size).toBe(5);
  });

  it('cut the book to the levels and group they were made for', () => {
    const { store } = testMarket();
    store.applySnapshot(
      snapshot(BTC.symbol, {
        seq: 1,
        book: book(
          [
            [99, 1],
            [98, 1],
            [97, 1],
          ],
          [[101, 1]],
        ),
      }),
    );
    expect(bookSelector(BTC.symbol, { group: 1, levels: 2 })(store).bids.map((l) => l.price)).toEqual([99, 98]);
    expect(bookSelector(BTC.symbol, { group: 10, levels: 5 })(store).group).toBe(10);
  });

  it('give the newest trades first, at most the count asked for', () => {
    const { store } = testMarket();
    store.applySnapshot(
      snapshot(BTC.symbol, { trades: [trade(1, 100, 1, BUY), trade(2, 101, 1, SELL), trade(3, 102, 1, BUY)] }),
    );
    expect(tradesSelector(BTC.symbol, 2)(store).map((t) => t[0])).toEqual([3, 2]);
  });
});
