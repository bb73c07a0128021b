// The candles and the volume bars, drawn inside the recharts panes by components of their own. recharts' <Bar>
// costs several components per bar on every redraw (six in recharts 3); these are one component for all the closed
// candles and one for all the closed volume bars, drawing one element per bar, and a trade re-renders only the live
// candle and its volume bar, not the hundred-odd closed ones around them.

import type { CandleInterval, Instrument } from '@tickline/shared';
import { memo, type ReactNode } from 'react';
import { DefaultZIndexes, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';
import { useLiveChartCandle } from '../../hooks/useChartSeries.ts';
import { type BarBox, candleShape, volumeShape } from './candle-shapes.tsx';
import { toChartPoint, type ChartPoint } from './chart-points.ts';

/** Bar spacing and width, as given to the panes' `<BarChart>` and `<Bar>`. */
export interface BarLayout {
  categoryGap: number;
  maxBarSize: number;
}

/** The closed candles: re-rendered when they or the axes change, about once per candle. */
export const ClosedCandles = memo(function ClosedCandles({
  points,
  layout,
}: {
  points: readonly ChartPoint[];
  layout: BarLayout;
}) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const candles: ReactNode[] = [];
  if (xScale && yScale) {
    for (const point of points) {
      const box = candleBox(barSlotAt(xScale, point.time, layout), yScale, point);
      if (box) candles.push(candleShape(box, point, point.time));
    }
  }
  // The group is there from the first render, so the closed candles stay before the live one in the bar layer.
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.bar}>
      <g className="candles candles--closed">{candles}</g>
    </ZIndexLayer>
  );
});

/** The closed candles' volume bars: re-rendered when they or the axes change, about once per candle. */
export const ClosedVolumes = memo(function ClosedVolumes({
  points,
  layout,
}: {
  points: readonly ChartPoint[];
  layout: BarLayout;
}) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const bars: ReactNode[] = [];
  const base = yScale?.(0);
  if (xScale && yScale && base !== undefined) {
    for (const point of points) {
      const box = volumeBox(barSlotAt(xScale, point.time, layout), yScale, base, point.volume);
      if (box) bars.push(volumeShape(box, point.up, point.time));
    }
  }
  // As with the candles, the group keeps the closed bars before the live one in the bar layer.
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.bar}>
      <g className="volume-bars volume-bars--closed">{bars}</g>
    </ZIndexLayer>
  );
});

export interface LiveProps {
  symbol: string;
  interval: CandleInterval;
  instrument: Instrument;
  layout: BarLayout;
}

export function LiveCandle({ symbol, interval, instrument, layout }: LiveProps): ReactNode {
  const { candle, slot, yScale } = useLiveSlot(symbol, interval, layout);
  let shape: ReactNode = null;
  if (candle && yScale) {
    const point = toChartPoint(candle, instrument);
    const box = candleBox(slot, yScale, point);
    if (box) shape = candleShape(box, point);
  }
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.bar}>
      <g className="candles candles--live">{shape}</g>
    </ZIndexLayer>
  );
}

export function LiveVolume({ symbol, interval, instrument, layout }: LiveProps): ReactNode {
  const { candle, slot, yScale } = useLiveSlot(symbol, interval, layout);
  let shape: ReactNode = null;
  const base = yScale?.(0);
  if (candle && yScale && base !== undefined) {
    const [, open, , , close, volume] = candle;
    const box = volumeBox(slot, yScale, base, instrument.sizeValue(volume));
    if (box) shape = volumeShape(box, close >= open);
  }
  return <ZIndexLayer zIndex={DefaultZIndexes.bar}>{shape}</ZIndexLayer>;
}

/** The live candle, where its bar goes, and the pane's value scale: what both live layers start from. */
export function useLiveSlot(symbol: string, interval: CandleInterval, layout: BarLayout) {
  const candle = useLiveChartCandle(symbol, interval);
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const slot = candle && xScale ? barSlotAt(xScale, candle[0], layout) : undefined;
  return { candle, slot, yScale };
}

export type XScale = NonNullable<ReturnType<typeof useXAxisScale>>;
export type YScale = NonNullable<ReturnType<typeof useYAxisScale>>;

/** A candle's box in pixels (its slot, low..high), or undefined while either axis does not place it. */
function candleBox(
  slot: { x: number; width: number } | undefined,
  yScale: YScale,
  point: ChartPoint,
): BarBox | undefined {
  const high = yScale(point.high);
  const low = yScale(point.low);
  if (!slot || high === undefined || low === undefined) return undefined;
  return { x: slot.x, width: slot.width, y: high, height: low - high };
}

/** A volume bar's box in pixels (its slot, `base`..volume), or undefined while either axis does not place it. */
function volumeBox(
  slot: { x: number; width: number } | undefined,
  yScale: YScale,
  base: number,
  volume: number,
): BarBox | undefined {
  const top = yScale(volume);
  if (!slot || top === undefined) return undefined;
  return { x: slot.x, width: slot.width, y: top, height: base - top };
}

/** The horizontal place of the bar at category `time`, in pixels, or undefined while the axis does not have it. */
function barSlotAt(
  xScale: XScale,
  time: number,
  { categoryGap, maxBarSize }: BarLayout,
): { x: number; width: number } | undefined {
  const start = xScale(time, { position: 'start' });
  const end = xScale(time, { position: 'end' });
  if (start === undefined || end === undefined) return undefined;
  return barSlot(start, end - start, categoryGap, maxBarSize);
}

/**
 * recharts' rule for a lone bar in a band (getBarPositions in combineAllBarPositions): a gap of `categoryGap` of
 * the band on each side, the rest rounded to whole pixels, capped at `maxBarSize` and centred. The candles and the
 * volume bars keep the places recharts' <Bar> gave the volume bars when it drew them.
 */
export function barSlot(
  start: number,
  band: number,
  categoryGap: number,
  maxBarSize: number,
): { x: number; width: number } {
  const gap = band * categoryGap;
  let full = band - 2 * gap;
  if (full > 1) full = Math.round(full);
  const width = Math.min(full, maxBarSize);
  return { x: start + gap + (full - width) / 2, width };
}
