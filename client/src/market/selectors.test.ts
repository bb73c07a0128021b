import { BID, BUY, SELL } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { selectBook, selectTrades } from './selectors.ts';
import { BTC, book, EURUSD, level, snapshot, testMarket, trade, update } from '../test-support/fixtures.ts';

const TEN = { group: 1, levels: 10 };
const FIVE = { group: 1, levels: 5 };

describe('selectors', () => {
  it('return the same object until their part of that symbol changes', () => {
    const { store } = testMarket();
    store.applySnapshot(snapshot(BTC.symbol, { seq: 1, book: book([[99, 1]], [[101, 1]]) }));
    const bookBefore = selectBook(store, BTC.symbol, TEN);
    const tradesBefore = selectTrades(store, BTC.symbol, 10);
    expect(selectBook(store, BTC.symbol, TEN)).toBe(bookBefore);

    // A trade does not rebuild the book view, and another symbol's update rebuilds nothing here.
    store.applyUpdate(update(BTC.symbol, 2, { trades: [trade(1, 100, 1, BUY)] }));
    store.applySnapshot(snapshot(EURUSD.symbol, { book: book([[1, 1]], []) }));
    expect(selectBook(store, BTC.symbol, TEN)).toBe(bookBefore);
    expect(selectTrades(store, BTC.symbol, 10)).not.toBe(tradesBefore);

    store.applyUpdate(update(BTC.symbol, 3, { book: [level(BID, 99, 5)] }));
    const bookAfter = selectBook(store, BTC.symbol, TEN);
    expect(bookAfter).not.toBe(bookBefore);
    expect(bookAfter.bids[0]?.size).toBe(5);
  });

  it('keep one book entry per level count and group, whatever object carries them', () => {
    const { store } = testMarket();
    expect(selectBook(store, BTC.symbol, FIVE)).not.toBe(selectBook(store, BTC.symbol, TEN));
    expect(selectBook(store, BTC.symbol, FIVE)).toBe(selectBook(store, BTC.symbol, { group: 1, levels: 5 }));
    const grouped = selectBook(store, BTC.symbol, { group: 10, levels: 5 });
    expect(grouped).not.toBe(selectBook(store, BTC.symbol, FIVE));
    expect(grouped.group).toBe(10);
  });

  it('give the newest trades first, at most the count asked for', () => {
    const { store } = testMarket();
    store.applySnapshot(
      snapshot(BTC.symbol, { trades: [trade(1, 100, 1, BUY), trade(2, 101, 1, SELL), trade(3, 102, 1, BUY)] }),
    );
    expect(selectTrades(store, BTC.symbol, 2).map((t) => t[0])).toEqual([3, 2]);
  });
});
