// The depth chart's geometry: the series turned into SVG path strings for a plot of a given size, with no chart
// library between (a library's extra commit per redraw was most of the chart's cost).

import type { DepthSeries } from './depth-series.ts';

/** Space above the deeper side's top, in pixels, so its edge line is not cut by the plot's border. */
export const DEPTH_TOP_MARGIN = 4;

/** One side's drawing: the filled area down to the axis, and its top edge alone (stroked, where the area is not). */
export interface SidePaths {
  readonly area: string;
  readonly edge: string;
}

export interface DepthPaths {
  /** Null when the side has no levels. */
  readonly bids: SidePaths | null;
  readonly asks: SidePaths | null;
  /** The x of the mid (the series' centre), in pixels. */
  readonly midX: number;
}

/**
 * The paths for `series` in a `width` x `height` plot: prices from `series.domain` across the width, sizes from 0 at
 * the bottom to the larger side's depth (at least 1) at `DEPTH_TOP_MARGIN` from the top.
 */
export function depthPaths(series: DepthSeries, width: number, height: number): DepthPaths {
  const [lo, hi] = series.domain;
  const top = Math.max(1, series.maxDepth);
  const x = (price: number) => round(((price - lo) / (hi - lo)) * width);
  const y = (size: number) => round(height - (size / top) * (height - DEPTH_TOP_MARGIN));
  const base = round(height);
  const bids: [number, number][] = [];
  const asks: [number, number][] = [];
  for (const point of series.points) {
    if (point.bids !== undefined) bids.push([x(point.price), y(point.bids)]);
    if (point.asks !== undefined) asks.push([x(point.price), y(point.asks)]);
  }
  return {
    // The size at a price is everything at that price or better: the bids' level holds until the next one towards
    // the mid (the step comes before the point), the asks' until the next one away from it (after the point).
    bids: side(bids, 'before', base),
    asks: side(asks, 'after', base),
    midX: x(series.centre),
  };
}

/** A side's edge as steps through `points` (left to right, in pixels), and the same closed down to `base`. */
function side(points: readonly [number, number][], step: 'before' | 'after', base: number): SidePaths | null {
  const first = points[0];
  if (!first) return null;
  let edge = `M${first[0]},${first[1]}`;
  let lastY = first[1];
  for (let i = 1; i < points.length; i++) {
    const [px, py] = points[i]!;
    const rise = py === lastY ? '' : `V${py}`;
    edge += step === 'before' ? `${rise}H${px}` : `H${px}${rise}`;
    lastY = py;
  }
  return { area: `${edge}V${base}H${first[0]}Z`, edge };
}

const round = (n: number): number => Math.round(n * 10) / 10;
