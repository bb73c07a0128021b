import { OrderBook } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { bookView, ladderRows, type BookViewOptions } from './book-view.ts';
import { book } from '../test-support/fixtures.ts';

function viewOf(bids: [number, number][], asks: [number, number][], options: Partial<BookViewOptions> = {}) {
  const b = new OrderBook();
  b.applySnapshot(book(bids, asks));
  return bookView(b, { group: 1, levels: Infinity, ...options });
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

  it('groups levels before counting them, so a group gathers levels beyond the count', () => {
    const view = viewOf(
      [
        [99, 1],
        [95, 2],
        [91, 4],
        [85, 8],
      ],
      [[101, 1]],
      { group: 10, levels: 1 },
    );
    expect(view.group).toBe(10);
    expect(view.bids.map((r) => [r.price, r.size])).toEqual([[90, 7]]);
    expect(view.asks.map((r) => [r.price, r.size])).toEqual([[110, 1]]);
  });

  it('gives the spread and mid of the book itself, not of its groups', () => {
    const view = viewOf([[9_990, 1]], [[10_010, 1]], { group: 100 });
    expect(view.spread).toBe(20);
    expect(view.spreadBps).toBeCloseTo(20, 10);
    expect(view.mid).toBe(10_000);
  });

  it('measures imbalance over the levels in the view only', () => {
    const bids: [number, number][] = [
      [99, 3],
      [98, 100],
    ];
    expect(viewOf(bids, [[101, 1]], { levels: 1 }).imbalance).toBe(0.75);
    expect(viewOf(bids, [[101, 1]]).imbalance).toBeCloseTo(103 / 104, 12);
    expect(viewOf([], []).imbalance).toBeNull();
    expect(viewOf([], [[101, 1]]).imbalance).toBe(0);
  });

  it('has no spread or mid while a side is empty', () => {
    const view = viewOf([[99, 1]], []);
    expect(view.spread).toBeNull();
    expect(view.spreadBps).toBeNull();
    expect(view.mid).toBeNull();
    expect(view.asks).toEqual([]);
  });
});

describe('ladderRows', () => {
  it('scales depth to the larger side total of the rows shown', () => {
    expect(ladderRows(viewOf([[99, 10]], [[101, 4]]), 10).maxTotal).toBe(10);
    // Only the top two rows count: the third bid level is off screen.
    const rows = ladderRows(
      viewOf(
        [
          [99, 1],
          [98, 1],
          [97, 100],
        ],
        [[101, 3]],
      ),
      2,
    );
    expect(rows.bids.map((r) => r.price)).toEqual([99, 98]);
    expect(rows.maxTotal).toBe(3);
  });
});
