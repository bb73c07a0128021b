// Moving averages and the volume-weighted average price of a candle series: values in, values out, one per candle.

/** What an indicator reads from a candle (prices and volume as plotted, not ticks). */
export interface IndicatorCandle {
  time: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** One value per input candle; NaN where the indicator has too few candles yet (the line starts later). */
export type IndicatorValues = Float64Array;

/** Simple moving average of the closes over `period` candles: a running sum, so O(n) whatever the period. */
export function sma(candles: readonly IndicatorCandle[], period: number): IndicatorValues {
  const out = new Float64Array(candles.length).fill(NaN);
  let sum = 0;
  candles.forEach((c, i) => {
    sum += c.close;
    const leaving = candles[i - period];
    if (leaving) sum -= leaving.close;
    if (i >= period - 1) out[i] = sum / period;
  });
  return out;
}

/**
 * Exponential moving average of the closes, smoothing 2 / (period + 1), seeded with the SMA of the first `period`
 * closes (the usual convention, so it agrees with the SMA where it starts).
 */
export function ema(candles: readonly IndicatorCandle[], period: number): IndicatorValues {
  const out = new Float64Array(candles.length).fill(NaN);
  const k = 2 / (period + 1);
  let value = 0;
  candles.forEach((c, i) => {
    if (i < period - 1) value += c.close;
    else if (i === period - 1) value = (value + c.close) / period;
    else value = c.close * k + value * (1 - k);
    if (i >= period - 1) out[i] = value;
  });
  return out;
}

/**
 * Volume-weighted average of the typical price (high + low + close) / 3, accumulated from the start of each session:
 * `session(time)` names the session a candle belongs to, and the sum restarts when it changes. Before any volume in a
 * session the value is NaN.
 */
export function vwap(candles: readonly IndicatorCandle[], session: (time: number) => number): IndicatorValues {
  const out = new Float64Array(candles.length).fill(NaN);
  let current = NaN;
  let priceVolume = 0;
  let volume = 0;
  candles.forEach((c, i) => {
    const s = session(c.time);
    if (s !== current) {
      current = s;
      priceVolume = 0;
      volume = 0;
    }
    priceVolume += ((c.high + c.low + c.close) / 3) * c.volume;
    volume += c.volume;
    if (volume > 0) out[i] = priceVolume / volume;
  });
  return out;
}

const DAY = 86_400_000;

/** Sessions are UTC days: the usual VWAP anchor for markets that trade around the clock. */
export const utcDay = (time: number): number => Math.floor(time / DAY);

/** One session over everything loaded: for daily candles, where a day's VWAP would be each candle's own price. */
export const wholeRange = (): number => 0;
