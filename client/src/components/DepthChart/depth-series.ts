// The depth chart's data: cumulative size on each side, by price, in one price-ordered series centred on the mid.

import type { Lots } from '@tickline/shared';
import type { BookView } from '../../market/book-view.ts';

/** One step of the chart: a price (ticks) and the cumulative size there on one side (lots). */
export interface DepthPoint {
  readonly price: number;
  readonly bids?: number;
  readonly asks?: number;
}

export interface DepthSeries {
  /** Lowest price first: the bids from the deepest to the best, then the asks from the best to the deepest. */
  readonly points: readonly DepthPoint[];
  /** The price range drawn, in ticks: centred on the mid, wide enough for the deeper side. */
  readonly domain: readonly [number, number];
  /** The larger side's cumulative size: the top of the size axis. */
  readonly maxDepth: number;
  readonly bidDepth: Lots;
  readonly askDepth: Lots;
  /** Where the chart is centred, in ticks (may be a half tick); the mid when both sides have levels. */
  readonly centre: number;
}

/** The series for `view`; null when the book is empty. */
export function depthSeries(view: BookView): DepthSeries | null {
  const { bids, asks } = view;
  const bestBid = bids[0]?.price;
  const bestAsk = asks[0]?.price;
  const deepestBid = bids.at(-1);
  const deepestAsk = asks.at(-1);
  if (bestBid === undefined && bestAsk === undefined) return null;
  const centre = view.mid ?? ((bestBid ?? bestAsk) as number);
  const halfWidth = Math.max(1, deepestBid ? centre - deepestBid.price : 0, deepestAsk ? deepestAsk.price - centre : 0);
  const lo = centre - halfWidth;
  const hi = centre + halfWidth;
  const bidDepth = (deepestBid?.total ?? 0) as Lots;
  const askDepth = (deepestAsk?.total ?? 0) as Lots;

  const points: DepthPoint[] = [];
  // Each side runs flat to the edge of the range at its full depth, so the shallower side does not stop short.
  if (deepestBid && deepestBid.price > lo) points.push({ price: lo, bids: bidDepth });
  for (let i = bids.length - 1; i >= 0; i--) {
    const row = bids[i]!;
    points.push({ price: row.price, bids: row.total });
  }
  for (const row of asks) points.push({ price: row.price, asks: row.total });
  if (deepestAsk && deepestAsk.price < hi) points.push({ price: hi, asks: askDepth });

  return { points, domain: [lo, hi], maxDepth: Math.max(bidDepth, askDepth), bidDepth, askDepth, centre };
}
