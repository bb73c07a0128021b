// The indicator lines the reader switched on, computed over every loaded candle and cut to the ones on screen.

import { INTERVAL_MS, type Candle, type CandleInterval, type Instrument } from '@tickline/shared';
import { useMemo } from 'react';
import { ema, sma, utcDay, vwap, wholeRange, type IndicatorCandle } from '../../chart/indicators.ts';
import type { OverlayLine } from './ChartLayers.tsx';
import { EMA_PERIOD, OVERLAY_LABELS, SMA_PERIOD, type OverlayName } from './ChartToolbar.tsx';

const NONE: readonly OverlayLine[] = [];

/**
 * Over the whole loaded series, not just the screen, so a moving average starts at the left edge rather than
 * `period` candles in; recomputed when a candle closes (O(candles loaded)), cut to [from, to) for free (subarray).
 */
export function useOverlays(
  closed: readonly Candle[],
  instrument: Instrument,
  interval: CandleInterval,
  enabled: Readonly<Record<OverlayName, boolean>>,
  from: number,
  to: number,
): readonly OverlayLine[] {
  const { sma: withSma, ema: withEma, vwap: withVwap } = enabled;
  const full = useMemo(() => {
    if (!withSma && !withEma && !withVwap) return NONE;
    const candles: IndicatorCandle[] = closed.map(([time, , high, low, close, volume]) => ({
      time,
      high: instrument.priceValue(high),
      low: instrument.priceValue(low),
      close: instrument.priceValue(close),
      volume: instrument.sizeValue(volume),
    }));
    const lines: OverlayLine[] = [];
    if (withSma) lines.push({ name: 'sma', label: OVERLAY_LABELS.sma, values: sma(candles, SMA_PERIOD) });
    if (withEma) lines.push({ name: 'ema', label: OVERLAY_LABELS.ema, values: ema(candles, EMA_PERIOD) });
    if (withVwap) {
      // Daily candles would each be a session of their own; their VWAP runs over the loaded range instead.
      const session = INTERVAL_MS[interval] < 86_400_000 ? utcDay : wholeRange;
      lines.push({ name: 'vwap', label: OVERLAY_LABELS.vwap, values: vwap(candles, session) });
    }
    return lines;
  }, [closed, instrument, interval, withSma, withEma, withVwap]);
  return useMemo(
    () => (full === NONE ? NONE : full.map((line) => ({ ...line, values: line.values.subarray(from, to) }))),
    [full, from, to],
  );
}
