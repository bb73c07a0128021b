// Candles (integer ticks and lots) turned into the float points recharts plots, and the price axis range.

import type { Candle, Instrument } from '@tickline/shared';

export interface ChartPoint {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** [low, high]: a range bar spans the wick, and the candle shape draws the body inside it. */
  range: [number, number];
  up: boolean;
}

export function toChartPoints(candles: readonly Candle[], instrument: Instrument): ChartPoint[] {
  return candles.map(([time, open, high, low, close, volume]) => {
    const lowValue = instrument.priceValue(low);
    const highValue = instrument.priceValue(high);
    return {
      time,
      open: instrument.priceValue(open),
      high: highValue,
      low: lowValue,
      close: instrument.priceValue(close),
      volume: instrument.sizeValue(volume),
      range: [lowValue, highValue],
      up: close >= open,
    };
  });
}

export interface PriceAxis {
  domain: [number, number];
  /** Round values (1, 2 or 5 times a power of ten apart) so labels read cleanly at the symbol precision. */
  ticks: number[];
}

/** Lowest low to highest high with a little air, on round steps; a flat market still gets a visible range. */
export function priceAxis(points: readonly ChartPoint[], tick: number, count = 5): PriceAxis {
  let low = Infinity;
  let high = -Infinity;
  for (const p of points) {
    if (p.low < low) low = p.low;
    if (p.high > high) high = p.high;
  }
  if (points.length === 0) return { domain: [0, 1], ticks: [0, 1] };
  const air = Math.max((high - low) * 0.05, tick * 5);
  low -= air;
  high += air;
  const step = niceStep((high - low) / (count - 1), tick);
  const first = Math.floor(low / step);
  const last = Math.ceil(high / step);
  const ticks: number[] = [];
  // Multiplying integer step counts, rather than adding steps, keeps float error from piling up.
  for (let i = first; i <= last; i++) ticks.push(i * step);
  return { domain: [first * step, last * step], ticks };
}

function niceStep(raw: number, tick: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const mantissa = raw / power;
  const nice = mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10;
  return Math.max(nice * power, tick);
}
