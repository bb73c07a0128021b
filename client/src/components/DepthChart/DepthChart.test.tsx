import { BID, BUY, makeInstrument, OrderBook as Book } from '@tickline/shared';
import { act, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { book, BTC, level, snapshot, testMarket, trade, update } from '../../test-support/fixtures.ts';
import { nextFrame, renderWithStore } from '../../test-support/render.tsx';
import { bookView } from '../../market/book-view.ts';
import { DEPTH_REFRESH_MS, OrderBook } from '../OrderBook/OrderBook.tsx';
import { DepthChart } from './DepthChart.tsx';

// Counts the depth chart's path computations: the drawing that an unchanged book must not redo.
const chartRenders = vi.hoisted(() => ({ count: 0 }));
vi.mock('./depth-paths.ts', async (importOriginal) => {
  const paths = await importOriginal<typeof import('./depth-paths.ts')>();
  const depthPaths: typeof paths.depthPaths = (...args) => {
    chartRenders.count++;
    return paths.depthPaths(...args);
  };
  return { ...paths, depthPaths };
});

function depthMarket() {
  const market = testMarket();
  market.store.applySnapshot(
    snapshot(BTC.symbol, {
      seq: 0,
      book: book(
        [
          [6_424_990, 15_000],
          [6_424_900, 20_000],
        ],
        [[6_425_010, 2_500]],
      ),
    }),
  );
  renderWithStore(<OrderBook rows={4} depthWidth={300} depthHeight={120} />, market.store);
  nextFrame(market.frames);
  return market;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('DepthChart', () => {
  it('redraws when the book changes, and not when only the rest of the symbol does', () => {
    vi.useFakeTimers();
    const { store, frames } = depthMarket();
    const first = chartRenders.count;
    expect(first).toBeGreaterThan(0);

    // A trade moves the seq the panel shows, so the panel renders; the book is the same, so the chart does not.
    store.applyUpdate(update(BTC.symbol, 1, { trades: [trade(1, 6_425_010, 100, BUY)] }));
    nextFrame(frames);
    expect(screen.getByTestId('order-book').dataset.seq).toBe('1');
    expect(chartRenders.count).toBe(first);

    // At its next sample (OrderBook.tsx).
    act(() => {
      vi.advanceTimersByTime(DEPTH_REFRESH_MS);
    });
    store.applyUpdate(update(BTC.symbol, 2, { book: [level(BID, 6_425_000, 1_000)] }));
    nextFrame(frames);
    expect(chartRenders.count).toBeGreaterThan(first);
    expect(screen.getByTestId('depth-chart').dataset.bidLevels).toBe('3');
  });

  it('draws a new book in one commit, with no second pass of its own', () => {
    const btc = makeInstrument(BTC);
    const viewOf = (bidSize: number, askSize: number) => {
      const b = new Book();
      b.applySnapshot(book([[6_424_990, bidSize]], [[6_425_010, askSize]]));
      return bookView(b, { group: 1, levels: Infinity });
    };
    let commits = 0;
    const chart = (view: ReturnType<typeof viewOf>) => (
      <Profiler id="depth" onRender={() => commits++}>
        <DepthChart view={view} instrument={btc} width={300} height={120} />
      </Profiler>
    );
    const { rerender } = render(chart(viewOf(15_000, 2_500)));
    // Not counted: the first update after mounting also renders the size that useElementSize measured at mount
    // (React reports it as a nested update), once.
    rerender(chart(viewOf(12_000, 4_000)));
    commits = 0;
    rerender(chart(viewOf(9_000, 6_000)));
    rerender(chart(viewOf(8_000, 7_000)));
    expect(commits).toBe(2);
  });

  it('says there is no depth while the book is empty', () => {
    const market = testMarket();
    renderWithStore(<OrderBook rows={4} depthWidth={300} depthHeight={120} />, market.store);
    nextFrame(market.frames);
    expect(screen.getByTestId('depth-chart').textContent).toContain('No depth yet');
    expect(screen.getByTestId('depth-mid').textContent).toBe('Mid —');
    expect(screen.getByTestId('book-imbalance').textContent).toContain('Bids —');
  });
});
