import { OrderBook } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { bookView } from './book-view.ts';
import { book } from '../test-support/fixtures.ts';

function viewOf(bids: [number, number][], asks: [number, number][], rows = 10) {
  const b = new OrderBook();
  b.applySnapshot(book(bids, asks));
  return bookView(b, rows);
}

describe('bookView', () => {
  it('sums sizes from the best level outwards on each side', () => {
    const view = viewOf(
      [
        [99, 1],
        [98, 2],
        [97, 3],
      ],
      [
        [101, 5],
        [102, 1],
      ],
    );
    expect(view.bids.map((r) => [r.price, r.size, r.total])).toEqual([
      [99, 1, 1],
      [98, 2, 3],
      [97, 3, 6],
    ]);
    expect(view.asks.map((r) => [r.price, r.total])).toEqual([
      [101, 5],
      [102, 6],
    ]);
  });

  it('scales depth to the larger side total of the rows shown', () => {
    expect(viewOf([[99, 10]], [[101, 4]]).maxTotal).toBe(10);
    // Only the top two rows count: the third bid level is off screen.
    const view = viewOf(
      [
        [99, 1],
        [98, 1],
        [97, 100],
      ],
      [[101, 3]],
      2,
    );
    expect(view.maxTotal).toBe(3);
  });

  it('gives the spread in ticks and in basis points of the mid', () => {
    const view = viewOf([[9_990, 1]], [[10_010, 1]]);
    expect(view.spread).toBe(20);
    expect(view.spreadBps).toBeCloseTo(20, 10);
  });

  it('has no spread while a side is empty', () => {
    const view = viewOf([[99, 1]], []);
    expect(view.spread).toBeNull();
    expect(view.spreadBps).toBeNull();
    expect(view.asks).toEqual([]);
  });
});
