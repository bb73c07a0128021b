// The SVG of one candlestick and one volume bar, from the box their layer (CandleLayers.tsx) gives a bar.

import type { ReactNode } from 'react';
import type { ChartPoint } from './chart-points.ts';

/** Where a bar goes, in pixels: `y` is the end at the value, `height` may be negative. */
export interface BarBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Plain functions, not components: a layer calls them once per bar, and a component each would add a fiber each. */
export function candleShape(box: BarBox, point: ChartPoint, key?: number): ReactNode {
  const { x, y, width, height } = box;
  // The range bar spans low..high in pixels; open and close are placed inside it by proportion.
  const top = Math.min(y, y + height);
  const bottom = top + Math.abs(height);
  const range = point.high - point.low;
  const at = (value: number) => (range > 0 ? top + ((point.high - value) / range) * (bottom - top) : top);
  const bodyTop = Math.min(at(point.open), at(point.close));
  const bodyHeight = Math.max(1, Math.abs(at(point.open) - at(point.close)));
  const center = round(x + width / 2);
  const bodyWidth = Math.max(1, round(width));
  const left = round(center - bodyWidth / 2);
  // One path per candle: wick above, body (filled), wick below; the open wick segments take no fill.
  const d =
    `M${center},${round(top)}V${round(bodyTop)}` +
    `M${left},${round(bodyTop)}h${bodyWidth}v${round(bodyHeight)}h${-bodyWidth}Z` +
    `M${center},${round(bodyTop + bodyHeight)}V${round(bottom)}`;
  return <path key={key} className={point.up ? 'candle candle--up' : 'candle candle--down'} d={d} />;
}

const round = (n: number): number => Math.round(n * 10) / 10;

export function volumeShape(box: BarBox, up: boolean, key?: number): ReactNode {
  const { x, y, width, height } = box;
  if (!(Math.abs(height) > 0)) return null;
  return (
    <rect
      key={key}
      className={up ? 'volume-bar volume-bar--up' : 'volume-bar volume-bar--down'}
      x={x}
      y={Math.min(y, y + height)}
      width={Math.max(1, width)}
      height={Math.abs(height)}
    />
  );
}
