// The newest candle and its volume bar, drawn inside the recharts panes by components of their own: a trade
// re-renders these two small SVG elements, not the hundred-odd closed candles around them.

import type { Instrument } from '@tickline/shared';
import type { ReactNode } from 'react';
import { DefaultZIndexes, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';
import { useLiveCandle } from '../../hooks/useCandles.ts';
import { candleShape, volumeShape } from './candle-shapes.tsx';
import { toChartPoint } from './chart-points.ts';

interface LiveProps {
  symbol: string;
  instrument: Instrument;
  /** Bar spacing and width, as given to the panes' `<BarChart>` and `<Bar>`. */
  categoryGap: number;
  maxBarSize: number;
}

export function LiveCandle({ symbol, instrument, categoryGap, maxBarSize }: LiveProps): ReactNode {
  const candle = useLiveCandle(symbol);
  const slot = useBarSlot(candle?.[0], categoryGap, maxBarSize);
  const yScale = useYAxisScale();
  if (!candle || !slot || !yScale) return null;
  const point = toChartPoint(candle, instrument);
  const high = yScale(point.high);
  const low = yScale(point.low);
  if (high === undefined || low === undefined) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.bar}>
      {candleShape({ x: slot.x, width: slot.width, y: high, height: low - high }, point)}
    </ZIndexLayer>
  );
}

export function LiveVolume({ symbol, instrument, categoryGap, maxBarSize }: LiveProps): ReactNode {
  const candle = useLiveCandle(symbol);
  const slot = useBarSlot(candle?.[0], categoryGap, maxBarSize);
  const yScale = useYAxisScale();
  if (!candle || !slot || !yScale) return null;
  const [, open, , , close, volume] = candle;
  const top = yScale(instrument.sizeValue(volume));
  const base = yScale(0);
  if (top === undefined || base === undefined) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.bar}>
      {volumeShape({ x: slot.x, width: slot.width, y: top, height: base - top }, close >= open)}
    </ZIndexLayer>
  );
}

/** The horizontal place of the bar at category `time`, in pixels, or undefined while the axis does not have it. */
function useBarSlot(
  time: number | undefined,
  categoryGap: number,
  maxBarSize: number,
): { x: number; width: number } | undefined {
  const xScale = useXAxisScale();
  if (time === undefined || !xScale) return undefined;
  const start = xScale(time, { position: 'start' });
  const end = xScale(time, { position: 'end' });
  if (start === undefined || end === undefined) return undefined;
  return barSlot(start, end - start, categoryGap, maxBarSize);
}

/**
 * recharts' rule for a lone bar in a band (getBarPositions in combineAllBarPositions): a gap of `categoryGap` of
 * the band on each side, the rest rounded to whole pixels, capped at `maxBarSize` and centred. Restated here so the
 * live candle lines up with the closed ones recharts draws.
 */
export function barSlot(start: number, band: number, categoryGap: number, maxBarSize: number): { x: number; width: number } {
  const gap = band * categoryGap;
  let full = band - 2 * gap;
  if (full > 1) full = Math.round(full);
  const width = Math.min(full, maxBarSize);
  return { x: start + gap + (full - width) / 2, width };
}
