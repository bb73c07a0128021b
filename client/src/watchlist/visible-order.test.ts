import { describe, expect, it } from 'vitest';
import { AAPL, BTC, EURUSD, snapshot, testMarket, ticker } from '../test-support/fixtures.ts';
import { DEFAULT_PREFERENCES } from './preferences.ts';
import { visibleNow, visibleOrderSelector } from './visible-order.ts';

function market() {
  const { store } = testMarket();
  store.applySnapshot(snapshot(BTC.symbol, { seq: 0, ticker: ticker(6_425_050, 6_400_000) }));
  store.applySnapshot(snapshot(EURUSD.symbol, { seq: 0, ticker: ticker(108_215, 108_300) }));
  return store;
}

describe('the visible order', () => {
  it('lists the listed symbols that match the search, favourites first, then by the sort', () => {
    const store = market();
    const prefs = {
      favourites: [AAPL.symbol],
      hidden: [],
      sort: { column: 'change', direction: 'desc' },
    } as const;
    expect(visibleNow(store, prefs, '')).toEqual([AAPL.symbol, BTC.symbol, EURUSD.symbol]);
    expect(visibleNow(store, { ...prefs, hidden: [BTC.symbol] }, '')).toEqual([AAPL.symbol, EURUSD.symbol]);
    expect(visibleNow(store, prefs, 'usd')).toEqual([AAPL.symbol, BTC.symbol, EURUSD.symbol]);
    expect(visibleNow(store, prefs, 'euro')).toEqual([EURUSD.symbol]);
  });

  it('compares prices across symbols as decimals, not ticks', () => {
    const store = market();
    const sort = { column: 'last', direction: 'asc' } as const;
    // BTC is 6,425,050 ticks of 0.01; EUR/USD 108,215 ticks of 0.00001: as prices, 64250.50 > 1.08215.
    expect(visibleNow(store, { ...DEFAULT_PREFERENCES, sort }, '')).toEqual([EURUSD.symbol, BTC.symbol, AAPL.symbol]);
  });

  it('stays the same array until the order changes', () => {
    const store = market();
    const select = visibleOrderSelector({ ...DEFAULT_PREFERENCES, sort: { column: 'last', direction: 'desc' } }, '');
    const before = select(store);
    store.applySnapshot(snapshot(BTC.symbol, { seq: 1, ticker: ticker(6_425_100, 6_400_000) }));
    expect(select(store)).toBe(before);
    store.applySnapshot(snapshot(AAPL.symbol, { seq: 1, ticker: ticker(99_999_999) }));
    expect(select(store)[0]).toBe(AAPL.symbol);
  });
});
