import { OrderBook } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { bookView } from '../../market/book-view.ts';
import { book } from '../../test-support/fixtures.ts';
import { depthPaths } from './depth-paths.ts';
import { depthSeries } from './depth-series.ts';

function pathsOf(bids: [number, number][], asks: [number, number][], width: number, height: number) {
  const b = new OrderBook();
  b.applySnapshot(book(bids, asks));
  const series = depthSeries(bookView(b, { group: 1, levels: Infinity }));
  if (!series) throw new Error('an empty book has no series');
  return depthPaths(series, width, height);
}

describe('depthPaths', () => {
  it('steps the bids down towards the mid and the asks up away from it', () => {
    // Mid 100, prices 98..102 across 80 px (20 a tick); sizes 0..4 over 44 - 4 px (10 a lot) from the bottom.
    const paths = pathsOf(
      [
        [99, 1],
        [98, 2],
      ],
      [
        [101, 3],
        [102, 1],
      ],
      80,
      44,
    );
    // Bids: 3 lots from 98 up to 99, then the best bid's 1 lot from 99 to the best bid.
    expect(paths.bids).toEqual({ edge: 'M0,14V34H20', area: 'M0,14V34H20V44H0Z' });
    // Asks: the best ask's 3 lots from 101 to 102, then 4 lots at 102.
    expect(paths.asks).toEqual({ edge: 'M60,14H80V4', area: 'M60,14H80V4V44H60Z' });
    expect(paths.midX).toBe(40);
  });

  it('runs the shallower side flat to the edge of the range', () => {
    const paths = pathsOf(
      [
        [99, 1],
        [98, 2],
      ],
      [
        [101, 4],
        [102, 1],
        [104, 1],
      ],
      80,
      64,
    );
    // Prices 96..104 at 10 px a tick, sizes 0..6 at 10 px a lot: the bids start at the left edge (96) with all 3 lots.
    expect(paths.bids?.edge).toBe('M0,34H20V54H30');
    expect(paths.asks?.edge).toBe('M50,24H60V14H80V4');
    expect(paths.midX).toBe(40);
  });

  it('draws one side alone, centred on its best price', () => {
    const paths = pathsOf([[99, 2]], [], 100, 24);
    // Prices 98..100, one lot a side of at least 1: the bid's 2 lots fill the height up to the margin.
    expect(paths.asks).toBeNull();
    expect(paths.bids).toEqual({ edge: 'M0,4H50', area: 'M0,4H50V24H0Z' });
    expect(paths.midX).toBe(50);
  });

  it('rounds to a tenth of a pixel', () => {
    const paths = pathsOf([[99, 1]], [[100, 3]], 100, 33);
    // Mid 99.5, prices 98.5..100.5: the best bid at a quarter of the width; sizes 0..3 over 29 px, a lot 9.67 px.
    expect(paths.bids?.edge).toBe('M0,23.3H25');
    expect(paths.asks?.edge).toBe('M75,4H100');
    expect(paths.midX).toBe(50);
  });
});
