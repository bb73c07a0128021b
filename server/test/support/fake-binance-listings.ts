// The fake Binance's listings and their grids: each symbol's instrument, and a book re-expressed when the venue changes a symbol's tick or step size, keeping only the levels that fit the new grid
// (as an unannounced venue change would).

import { ASK, BID, type BookLevels, type Instrument, type Level, makeInstrument, OrderBook } from '@tickline/shared';
import { specFromIncrements, trimDecimal } from '../../src/feeds/kit/venue-numbers.ts';

export interface Listing {
  symbol: string;
  base: string;
  quote: string;
  tickSize: string;
  stepSize: string;
  mid: string;
}
export const FAKE_LISTINGS: readonly Listing[] = [
  { symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', tickSize: '0.01000000', stepSize: '0.00001000', mid: '64250.00' },
  { symbol: 'ETHUSDT', base: 'ETH', quote: 'USDT', tickSize: '0.01000000', stepSize: '0.00010000', mid: '3150.00' },
];

export function listingInstrument(listing: Listing): Instrument {
  return makeInstrument(
    specFromIncrements({ ...listing, name: listing.symbol, assetClass: 'crypto', lotSize: listing.stepSize }),
  );
}

/** `book` on `next`'s grid: each level read as decimals on `old`'s grid, dropped when it does not fit. */
export function regrid(book: OrderBook, old: Instrument, next: Instrument): OrderBook {
  const fit = <T extends number>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch {
      return undefined;
    }
  };
  const out = new OrderBook();
  const levels = book.top(10_000);
  for (const [side, rows] of [
    [BID, levels.bids],
    [ASK, levels.asks],
  ] as const) {
    for (const [p, q] of rows) {
      const price = fit(() => next.parsePrice(old.formatPrice(p)));
      const size = fit(() => next.parseSize(old.formatSize(q)));
      if (price !== undefined && size !== undefined && size > 0) out.set(side, price, size);
    }
  }
  return out;
}

/** A book as trimmed decimal rows: equal for two books that hold the same prices and sizes on different grids. */
export function decimalLevels(instrument: Instrument, levels: BookLevels): { bids: string[][]; asks: string[][] } {
  const rows = (side: readonly Level[]) =>
    side.map(([p, q]) => [trimDecimal(instrument.formatPrice(p)), trimDecimal(instrument.formatSize(q))]);
  return { bids: rows(levels.bids), asks: rows(levels.asks) };
}
