// Candles (integer ticks and lots) turned into the float points recharts plots.

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
  return candles.map((candle) => toChartPoint(candle, instrument));
}

export function toChartPoint([time, open, high, low, close, volume]: Candle, instrument: Instrument): ChartPoint {
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
}
