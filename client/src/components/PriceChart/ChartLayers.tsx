// What the price pane draws besides the candles: the live end of a line or area chart, the last-price line with its
// label on the axis, the indicator overlays and the chart marks. Each is its own small layer so that only the ones
// that follow the live candle (LiveLine, LastPrice) re-render on a trade; the others change once per candle.

import type { ChartMark } from '@tickline/shared';
import { memo, type ReactNode } from 'react';
import { DefaultZIndexes, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';
import { useLiveChartCandle } from '../../hooks/useChartSeries.ts';
import type { ChartPoint } from './chart-points.ts';
import { useLiveSlot, type LiveProps } from './CandleLayers.tsx';
import { formatPrice } from '../format.ts';
import { usePresenterState } from '../../presenter/presenter-context.ts';
import { highlightFor } from '../../presenter/presenter-link.ts';

/** The closes of the closed candles as a line, or an area down to `baseline`: one path each, redrawn once per candle. */
export const ClosedLine = memo(function ClosedLine({
  points,
  area,
  baseline,
}: {
  points: readonly ChartPoint[];
  area: boolean;
  baseline: number;
}) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  let line = '';
  let first: number | undefined;
  let last: number | undefined;
  if (xScale && yScale) {
    for (const point of points) {
      const x = xScale(point.time, { position: 'middle' });
      const y = yScale(point.close);
      if (x === undefined || y === undefined) continue;
      line += `${line ? 'L' : 'M'}${round(x)},${round(y)}`;
      first ??= x;
      last = x;
    }
  }
  const base = yScale?.(baseline);
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.line}>
      <g className="closed-line">
        {area && line && base !== undefined && first !== undefined && last !== undefined ? (
          <path className="chart-area__fill" d={`${line}V${round(base)}H${round(first)}Z`} />
        ) : null}
        {line ? <path className="chart-line" d={line} /> : null}
      </g>
    </ZIndexLayer>
  );
});

/** The segment from the last closed close to the live close (and the area under it), for line and area charts. */
export function LiveLine({
  from,
  area,
  baseline,
  ...live
}: LiveProps & { from: ChartPoint | undefined; area: boolean; baseline: number }): ReactNode {
  const { candle, slot, yScale } = useLiveSlot(live.symbol, live.interval, live.layout);
  const xScale = useXAxisScale();
  let shape: ReactNode = null;
  if (candle && slot && yScale && xScale && from) {
    const x0 = xScale(from.time, { position: 'middle' });
    const y0 = yScale(from.close);
    const y1 = yScale(live.instrument.priceValue(candle[4]));
    const x1 = slot.x + slot.width / 2;
    const base = yScale(baseline);
    if (x0 !== undefined && y0 !== undefined && y1 !== undefined) {
      shape = (
        <>
          {area && base !== undefined ? (
            <path className="chart-area__fill" d={`M${x0},${y0}L${x1},${y1}V${base}H${x0}Z`} />
          ) : null}
          <path className="chart-line" d={`M${x0},${y0}L${x1},${y1}`} />
        </>
      );
    }
  }
  return <ZIndexLayer zIndex={DefaultZIndexes.line}>{shape}</ZIndexLayer>;
}

/**
 * A dashed line across the plot at the live close, labelled on the price axis: where the market is now, whatever part
 * of the history is on screen.
 */
export function LastPrice({
  symbol,
  interval,
  instrument,
  right,
  axisWidth,
  domain: [low, high],
}: Omit<LiveProps, 'layout'> & { right: number; axisWidth: number; domain: readonly [number, number] }): ReactNode {
  const candle = useLiveChartCandle(symbol, interval);
  const yScale = useYAxisScale();
  let shape: ReactNode = null;
  const price = candle ? instrument.priceValue(candle[4]) : NaN;
  // Off the axis (panned back to a different price level) the line would be drawn over the other pane.
  const y = candle && yScale && price >= low && price <= high ? yScale(price) : undefined;
  if (candle && y !== undefined) {
    const up = candle[4] >= candle[1];
    shape = (
      <g className={up ? 'last-price last-price--up' : 'last-price last-price--down'} data-testid="last-price-line">
        <line x1={0} x2={right} y1={y} y2={y} />
        <rect x={right} y={y - 9} width={axisWidth} height={18} rx={2} />
        <text x={right + 6} y={y} dominantBaseline="central">
          {formatPrice(instrument, candle[4])}
        </text>
      </g>
    );
  }
  return <ZIndexLayer zIndex={DefaultZIndexes.label}>{shape}</ZIndexLayer>;
}

/**
 * The price the presenter points at (presentation's follow mode), a solid line labelled "Presenter" on the price
 * axis; nothing when no one points or the price is off the axis.
 */
export function PresenterHighlight({
  symbol,
  right,
  domain: [low, high],
}: {
  symbol: string;
  right: number;
  domain: readonly [number, number];
}): ReactNode {
  const highlight = highlightFor(usePresenterState(), symbol);
  const yScale = useYAxisScale();
  const price = highlight === null ? NaN : Number(highlight);
  const y = yScale && price >= low && price <= high ? yScale(price) : undefined;
  const shape =
    y === undefined ? null : (
      <g className="presenter-highlight" data-testid="presenter-highlight" data-price={highlight}>
        <line x1={0} x2={right} y1={y} y2={y} />
        <text x={right - 6} y={y - 6} textAnchor="end">
          Presenter · {highlight}
        </text>
      </g>
    );
  return <ZIndexLayer zIndex={DefaultZIndexes.label}>{shape}</ZIndexLayer>;
}

/** A plotted indicator: one value per visible closed candle (NaN where it has none). */
export interface OverlayLine {
  name: 'sma' | 'ema' | 'vwap';
  label: string;
  values: Float64Array;
}

/** The indicator lines, one path each; re-rendered when a candle closes or the view moves. */
export const OverlayLines = memo(function OverlayLines({
  points,
  overlays,
}: {
  points: readonly ChartPoint[];
  overlays: readonly OverlayLine[];
}) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const paths: ReactNode[] = [];
  if (xScale && yScale) {
    for (const overlay of overlays) {
      let d = '';
      let pen = 'M';
      points.forEach((point, i) => {
        const value = overlay.values[i];
        const x = xScale(point.time, { position: 'middle' });
        const y = value === undefined || Number.isNaN(value) ? undefined : yScale(value);
        if (x === undefined || y === undefined) {
          pen = 'M';
          return;
        }
        d += `${pen}${round(x)},${round(y)}`;
        pen = 'L';
      });
      if (d) paths.push(<path key={overlay.name} className={`overlay overlay--${overlay.name}`} d={d} />);
    }
  }
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.line}>
      <g className="overlays">{paths}</g>
    </ZIndexLayer>
  );
});

/** Vertical lines at chart marks (a replay that looped, say), labelled at the top; marks off screen draw nothing. */
export const MarkLines = memo(function MarkLines({
  marks,
  slots,
  intervalMs,
  height,
}: {
  marks: readonly ChartMark[];
  /** The slots on screen, oldest first. */
  slots: readonly { time: number }[];
  intervalMs: number;
  height: number;
}) {
  const xScale = useXAxisScale();
  const lines: ReactNode[] = [];
  if (xScale) {
    for (const mark of marks) {
      // A mark falls inside a candle: the line goes through the candle that holds it.
      const slot = slotHolding(slots, mark.time, intervalMs);
      const x = slot === undefined ? undefined : xScale(slot.time, { position: 'middle' });
      if (x === undefined) continue;
      lines.push(
        <g key={`${mark.time}:${mark.label}`} className="chart-mark" data-testid="chart-mark">
          <line x1={x} x2={x} y1={0} y2={height} />
          <text x={x + 4} y={12}>
            {mark.label}
          </text>
        </g>,
      );
    }
  }
  return <ZIndexLayer zIndex={DefaultZIndexes.label}>{lines}</ZIndexLayer>;
});

const round = (n: number): number => Math.round(n * 10) / 10;

/** The slot whose candle covers `time` (a binary search over start times), or undefined when none on screen does. */
function slotHolding<T extends { time: number }>(slots: readonly T[], time: number, intervalMs: number): T | undefined {
  let lo = 0;
  let hi = slots.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const slot = slots[mid];
    if (slot && slot.time <= time) {
      found = slot;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && time < found.time + intervalMs ? found : undefined;
}
