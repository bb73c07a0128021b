// Coinbase Exchange candles -> history events. `GET /products/{id}/candles?granularity=60` answers at most 300 rows
// `[time (s), low, high, open, close, volume]`, NEWEST FIRST, numbers rather than strings, the still-open candle
// among them. Pure: rows and the instrument in, closed candles oldest first and the rows that could not be read out.

import { type Candle, type CandleInterval, INTERVAL_MS, type Instrument } from '@tickline/shared';
import { z } from 'zod';
import { candleFromVenue, closedInOrder } from '../kit/venue-candles.ts';

/** What the feed asks for at start: 300 minutes, hours and days (Coinbase's granularities are in seconds). */
export const CANDLE_PAGES: readonly { interval: CandleInterval; granularity: number }[] = [
  { interval: '1m', granularity: 60 },
  { interval: '1h', granularity: 3600 },
  { interval: '1d', granularity: 86_400 },
];

const value = z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?$/)]);
const rowSchema = z.tuple([z.number().int().nonnegative(), value, value, value, value, value]).rest(z.unknown());

/**
 * A JSON number as the decimal it was written as. Coinbase writes prices at the product's increment, and a double's
 * shortest form gives those digits back; only very small or large values come out in exponent form, fixed here.
 */
export function decimalOf(v: number | string, digits: number): string {
  if (typeof v === 'string') return v;
  const text = String(v);
  return /e/i.test(text) ? v.toFixed(Math.min(20, digits)) : text;
}

export interface CoinbaseCandles {
  candles: Candle[];
  malformed: string[];
}

export function candlesFromRows(
  instrument: Instrument,
  interval: CandleInterval,
  rows: readonly unknown[],
  now: number,
): CoinbaseCandles {
  const { pricePrecision, sizePrecision } = instrument.spec;
  const candles: Candle[] = [];
  const malformed: string[] = [];
  rows.forEach((raw, i) => {
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      malformed.push(`candle row ${i}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
      return;
    }
    const [seconds, low, high, open, close, volume] = parsed.data;
    const price = (v: number | string) => decimalOf(v, pricePrecision);
    try {
      candles.push(
        candleFromVenue(instrument, {
          time: seconds * 1000,
          open: price(open),
          high: price(high),
          low: price(low),
          close: price(close),
          volume: decimalOf(volume, sizePrecision + 4),
        }),
      );
    } catch (err) {
      malformed.push(`candle row ${i}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  return { candles: closedInOrder(candles, INTERVAL_MS[interval], now), malformed };
}
