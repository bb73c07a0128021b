// Binance klines -> history events: `GET /api/v3/klines` rows are
// `[openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, ...]`, decimals as strings. Pure:
// the rows and the instrument in, candles and the rows that could not be read out.

import { type Candle, type CandleInterval, INTERVAL_MS, type Instrument } from '@tickline/shared';
import { z } from 'zod';
import { candleFromVenue, closedInOrder } from '../kit/venue-candles.ts';

/** What the feed asks for at start, finest first: the last 1000 minutes, hours and days. */
export const KLINE_PAGES: readonly { interval: CandleInterval; limit: number }[] = [
  { interval: '1m', limit: 1000 },
  { interval: '1h', limit: 1000 },
  { interval: '1d', limit: 1000 },
];

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal string');
const millis = z.number().int().nonnegative();
/** A row's first seven fields; Binance appends more (quote volume, trade count, taker volumes) that we do not read. */
const klineRowSchema = z.tuple([millis, decimal, decimal, decimal, decimal, decimal, millis]).rest(z.unknown());

export interface KlineCandles {
  /** Closed candles, oldest first. */
  candles: Candle[];
  /** Why each unreadable row was skipped. */
  malformed: string[];
}

/** Reads kline rows; the kline still open at `now` is dropped (it is the live candle's, built from trades). */
export function candlesFromKlines(
  instrument: Instrument,
  interval: CandleInterval,
  rows: readonly unknown[],
  now: number,
): KlineCandles {
  const candles: Candle[] = [];
  const malformed: string[] = [];
  rows.forEach((raw, i) => {
    const parsed = klineRowSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      malformed.push(`kline row ${i}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
      return;
    }
    const [time, open, high, low, close, volume, closeTime] = parsed.data;
    if (closeTime >= now) return;
    try {
      candles.push(candleFromVenue(instrument, { time, open, high, low, close, volume }));
    } catch (err) {
      malformed.push(`kline row ${i}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  return { candles: closedInOrder(candles, INTERVAL_MS[interval], now), malformed };
}
