// What the fake Binance writes, in Binance's documented formats: decimals with eight places, exchangeInfo entries,
// 24 h ticker messages.

import type { Instrument, Lots, Ticks } from '@tickline/shared';
import type { Listing } from './fake-binance-listings.ts';

/** Binance writes every decimal with eight places. */
export const eight = (d: string) => {
  const [i, f = ''] = d.split('.');
  return `${i}.${f.padEnd(8, '0')}`;
};

/** One exchangeInfo entry, filters as Binance writes them. */
export function symbolInfo(listing: Listing) {
  const { symbol, base: baseAsset, quote: quoteAsset, tickSize, stepSize } = listing;
  return {
    symbol,
    status: 'TRADING',
    baseAsset,
    quoteAsset,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: tickSize, maxPrice: '1000000.00000000', tickSize },
      { filterType: 'LOT_SIZE', minQty: stepSize, maxQty: '9000.00000000', stepSize },
      { filterType: 'ICEBERG_PARTS', limit: 10 },
      { filterType: 'NOTIONAL', minNotional: '5.00000000', applyMinToMarket: true },
    ],
  };
}

export interface TickerState {
  symbol: string;
  time: number;
  stats: { open: Ticks; high: Ticks; low: Ticks; volume: Lots };
  last: Ticks;
  tradeId: number;
}

/** A `24hrTicker` stream message's data. */
export function tickerMessage(instrument: Instrument, t: TickerState) {
  const px = (p: Ticks) => eight(instrument.formatPrice(p));
  const { symbol, time, stats: s } = t;
  return {
    e: '24hrTicker',
    E: time,
    s: symbol,
    p: '0.00000000',
    P: '0.000',
    w: px(s.open),
    c: px(t.last),
    Q: '0.00100000',
    o: px(s.open),
    h: px(s.high),
    l: px(s.low),
    v: eight(instrument.formatSize(s.volume)),
    q: '0.00000000',
    O: time - 86_400_000,
    C: time,
    F: 1,
    L: t.tradeId,
    n: t.tradeId,
  };
}
