import { OrderBook } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { bookView } from '../../market/book-view.ts';
import { book } from '../../test-support/fixtures.ts';
import { depthSeries } from './depth-series.ts';

function seriesOf(bids: [number, number][], asks: [number, number][]) {
  const b = new OrderBook();
  b.applySnapshot(book(bids, asks));
  return depthSeries(bookView(b, { group: 1, levels: Infinity }));
}

describe('depthSeries', () => {
  it('accumulates each side outwards from the mid, in price order', () => {
    const series = seriesOf(
      [
        [99, 1],
        [98, 2],
      ],
      [
        [101, 4],
        [102, 1],
        [104, 1],
      ],
    );
    expect(series?.points).toEqual([
      // The bids run flat to the left edge, as far from the mid (100) as the deepest ask.
      { price: 96, bids: 3 },
      { price: 98, bids: 3 },
      { price: 99, bids: 1 },
      { price: 101, asks: 4 },
      { price: 102, asks: 5 },
      { price: 104, asks: 6 },
    ]);
    expect(series?.domain).toEqual([96, 104]);
    expect(series?.centre).toBe(100);
    expect(series?.maxDepth).toBe(6);
    expect([series?.bidDepth, series?.askDepth]).toEqual([3, 6]);
  });

  it('centres a one-sided book on its best price', () => {
    const series = seriesOf([[99, 1]], []);
    expect(series?.centre).toBe(99);
    expect(series?.domain).toEqual([98, 100]);
    expect(series?.askDepth).toBe(0);
  });

  it('has nothing to draw for an empty book', () => {
    expect(seriesOf([], [])).toBeNull();
  });
});
