import { describe, expect, it } from 'vitest';
import { matchesQuery } from './filtering.ts';

const EURUSD = { symbol: 'EUR/USD', name: 'Euro / US Dollar', base: 'EUR', quote: 'USD' };
const BTC = { symbol: 'binance:BTCUSDT', name: 'Bitcoin / Tether', base: 'BTC', quote: 'USDT' };

describe('searching the watchlist', () => {
  it('matches everything when the query is blank', () => {
    expect(matchesQuery(EURUSD, '')).toBe(true);
    expect(matchesQuery(EURUSD, '   ')).toBe(true);
  });

  it('matches the symbol, the name, the base or the quote, ignoring case', () => {
    expect(matchesQuery(EURUSD, 'eur/usd')).toBe(true);
    expect(matchesQuery(EURUSD, 'DOLLAR')).toBe(true);
    expect(matchesQuery(BTC, 'tether')).toBe(true);
    expect(matchesQuery(BTC, 'usdt')).toBe(true);
    expect(matchesQuery(BTC, 'doge')).toBe(false);
  });

  it('ignores the punctuation between a pair’s halves', () => {
    expect(matchesQuery(EURUSD, 'eurusd')).toBe(true);
    expect(matchesQuery(BTC, 'btc-usdt')).toBe(true);
    expect(matchesQuery(BTC, 'btc usdt')).toBe(true);
  });

  it('needs every word to match somewhere', () => {
    expect(matchesQuery(EURUSD, 'euro dollar')).toBe(true);
    expect(matchesQuery(EURUSD, 'euro yen')).toBe(false);
  });
});
