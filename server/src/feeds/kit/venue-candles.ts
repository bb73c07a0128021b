// Venue candles -> Tickline candles. Both venues send OHLCV rows of decimal strings; each row becomes a Candle in
// the symbol's ticks and lots, or a reason it could not, which the adapter counts as a malformed message.

import type { Candle, Instrument, Lots } from '@tickline/shared';

/** One venue row, its fields named, before any number is read. */
export interface VenueCandle {
  /** Interval start, ms since epoch. */
  time: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
}

/** A row as a Candle; throws a RangeError naming the problem when a price is off the grid or the row is absurd. */
export function candleFromVenue(instrument: Instrument, row: VenueCandle): Candle {
  const open = instrument.parsePrice(row.open);
  const high = instrument.parsePrice(row.high);
  const low = instrument.parsePrice(row.low);
  const close = instrument.parsePrice(row.close);
  if (high < Math.max(open, close, low) || low > Math.min(open, close) || low <= 0) {
    throw new RangeError(`candle at ${row.time}: high ${row.high} / low ${row.low} do not bound the candle`);
  }
  return [row.time, open, high, low, close, volumeLots(instrument, row.volume)];
}

/**
 * A candle's volume sums trades made under earlier, finer size increments when a venue has coarsened a product's
 * increment, so it may sit off today's lot grid; it is a statistic, and the nearest lot is the honest reading.
 */
export function volumeLots(instrument: Instrument, decimal: string): Lots {
  try {
    return instrument.parseSize(decimal);
  } catch {
    const value = Number(decimal);
    if (!(value >= 0)) throw new RangeError(`volume "${decimal}" is not a size`);
    return instrument.toLots(value);
  }
}

/** Oldest first, one candle per time (the later row wins), and only candles closed by `now`. */
export function closedInOrder(candles: readonly Candle[], intervalMs: number, now: number): Candle[] {
  const byTime = new Map<number, Candle>();
  for (const c of candles) if (c[0] + intervalMs <= now) byTime.set(c[0], c);
  return [...byTime.values()].sort((a, b) => a[0] - b[0]);
}
