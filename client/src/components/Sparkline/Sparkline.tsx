// A tiny line of recent closes plus the live value, as SVG: cheap enough for every watchlist row. The closed part
// is recomputed only when the closes or the range change; a tick moves the live segment alone.

import { memo, useMemo } from 'react';
import { closedPoints, rangeOf, slotX, sparklineTrend, valueY, type SparklineBox } from './sparkline-geometry.ts';
import './Sparkline.css';

interface SparklineProps {
  /** Closed values, oldest first; the newest `slots - 1` are drawn. */
  values: readonly number[];
  /** The still-changing newest value, drawn in the last slot; null when there is none. */
  live: number | null;
  /** What the line shows, for people who cannot see it ("BTC-USD, last hour"); the trend is added to it. */
  label: string;
  slots?: number;
}

const TREND_WORDS = { up: 'rising', down: 'falling', flat: 'flat' } as const;

// The viewBox is stretched to the CSS size; non-scaling strokes keep the line's width in screen pixels.
const WIDTH = 100;
const HEIGHT = 30;

export const Sparkline = memo(function Sparkline({ values, live, label, slots = 61 }: SparklineProps) {
  const box: SparklineBox = useMemo(() => ({ slots, width: WIDTH, height: HEIGHT, pad: 2 }), [slots]);
  const closedRange = useMemo(() => rangeOf(values), [values]);
  // The live value widens the range only when it leaves it, so most ticks leave the closed points as they are.
  const lo = Math.min(closedRange?.lo ?? Infinity, live ?? Infinity);
  const hi = Math.max(closedRange?.hi ?? -Infinity, live ?? -Infinity);
  const points = useMemo(() => (lo <= hi ? closedPoints(values, { lo, hi }, box) : ''), [values, lo, hi, box]);
  const trend = sparklineTrend(values, live);
  const drawn = Math.min(values.length, slots - 1) + (live === null ? 0 : 1);
  const previous = values[values.length - 1];

  return (
    <svg
      className={`sparkline sparkline--${trend}`}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={`${label}: ${drawn > 1 ? TREND_WORDS[trend] : 'no data yet'}`}
      data-testid="sparkline"
      data-points={drawn}
      data-trend={trend}
    >
      {points ? <polyline className="sparkline__line" points={points} vectorEffect="non-scaling-stroke" /> : null}
      {live === null || previous === undefined ? null : (
        <line
          className="sparkline__live"
          x1={slotX(slots - 2, box)}
          y1={valueY(previous, { lo, hi }, box)}
          x2={slotX(slots - 1, box)}
          y2={valueY(live, { lo, hi }, box)}
          vectorEffect="non-scaling-stroke"
        />
      )}
    </svg>
  );
});
