import { BUY } from '@tickline/shared';
import { act, render, screen, within } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BTC, candle, snapshot, T0, testMarket, trade, update } from '../../test-support/fixtures.ts';
import { OutOfSight, OUT_OF_SIGHT_REFRESH_MS } from '../../hooks/out-of-sight.ts';
import { MarketProvider } from '../../hooks/MarketProvider.tsx';
import { nextFrame, renderWithStore } from '../../test-support/render.tsx';
import { WatchlistSparkline } from './WatchlistSparkline.tsx';

const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Every symbol with two closed minutes (closes 100 and 200) and one open (150), a sparkline each, its renders
 * counted. */
function sparklineMarket() {
  const market = testMarket();
  const { store, frames } = market;
  for (const symbol of store.symbols) {
    store.applySnapshot(
      snapshot(symbol, {
        seq: 1,
        candles: [
          candle(T0 - 2 * MINUTE, 100, 100, 100, 100, 1),
          candle(T0 - MINUTE, 200, 200, 200, 200, 1),
          candle(T0, 150, 150, 150, 150, 1),
        ],
      }),
    );
  }
  const renders = { commits: 0, rows: 0 };
  renderWithStore(
    <Profiler id="watchlist" onRender={() => renders.commits++}>
      {store.symbols.map((symbol) => (
        <Profiler key={symbol} id={symbol} onRender={() => renders.rows++}>
          <div data-testid="row" data-symbol={symbol}>
            <WatchlistSparkline symbol={symbol} />
          </div>
        </Profiler>
      ))}
    </Profiler>,
    store,
  );
  nextFrame(frames);
  let seq = 2;
  return {
    ...market,
    renders,
    /** `ms` later every symbol trades at `price` and the store's frame runs. */
    tradeAll(price: number, ms: number) {
      act(() => {
        vi.advanceTimersByTime(ms);
      });
      for (const symbol of store.symbols) {
        store.applyUpdate(update(symbol, seq, { time: Date.now(), trades: [trade(seq, price, 1, BUY, Date.now())] }));
      }
      seq++;
      renders.commits = 0;
      renders.rows = 0;
      nextFrame(frames);
    },
  };
}

/** Where each row's live end is drawn (the line's y), by symbol. */
function liveEnds(symbols: readonly string[]): (string | null | undefined)[] {
  return symbols.map((symbol) => {
    const row = screen.getAllByTestId('row').find((r) => r.dataset.symbol === symbol) as HTMLElement;
    return within(row).getByTestId('sparkline').querySelector('.sparkline__live')?.getAttribute('y2');
  });
}

describe('WatchlistSparkline', () => {
  it('follows the price once a second, every row in one deferred render: no row renders between samples', () => {
    const { store, renders, tradeAll } = sparklineMarket();
    const atFirst = liveEnds(store.symbols);
    expect(atFirst.every((y) => y !== undefined && y !== null)).toBe(true);

    tradeAll(110, 300);
    expect(renders).toEqual({ commits: 0, rows: 0 });
    tradeAll(120, 300);
    expect(renders).toEqual({ commits: 0, rows: 0 });
    // Nothing happens between notifications either.
    act(() => {
      vi.advanceTimersByTime(399);
    });
    expect(renders).toEqual({ commits: 0, rows: 0 });
    expect(liveEnds(store.symbols)).toEqual(atFirst);

    // Every row takes its sample at the same notification and redraws in one deferred (interruptible) render after
    // it; a timer or effect per row made a commit per row per second, some fifty a second at the busy market.
    tradeAll(190, 1);
    expect(renders.commits).toBe(2);
    // Each row renders twice: at the notification (its line unchanged), then with the new live end.
    expect(renders.rows).toBe(2 * store.symbols.length);
    expect(liveEnds(store.symbols).every((y, i) => y !== atFirst[i])).toBe(true);
  });

  it('coming back into sight, shows what it showed out of sight, not the older sample it took before', () => {
    const { store, frames } = testMarket();
    store.applySnapshot(
      snapshot(BTC.symbol, {
        seq: 1,
        candles: [
          candle(T0 - 2 * MINUTE, 100, 100, 100, 100, 1),
          candle(T0 - MINUTE, 200, 200, 200, 200, 1),
          candle(T0, 150, 150, 150, 150, 1),
        ],
      }),
    );
    const row = (outOfSight: boolean) => (
      <MarketProvider store={store}>
        <OutOfSight value={outOfSight}>
          <WatchlistSparkline symbol={BTC.symbol} />
        </OutOfSight>
      </MarketProvider>
    );
    const view = render(row(false));
    nextFrame(frames);
    const liveEnd = () => screen.getByTestId('sparkline').querySelector('.sparkline__live')?.getAttribute('y2');
    const inSight = liveEnd();

    view.rerender(row(true));
    act(() => {
      vi.advanceTimersByTime(100);
    });
    store.applyUpdate(update(BTC.symbol, 2, { time: Date.now(), trades: [trade(2, 120, 1, BUY, Date.now())] }));
    nextFrame(frames);
    // The out-of-sight round reads the store afresh (its slices run when idle: a timer in jsdom).
    act(() => {
      vi.advanceTimersByTime(OUT_OF_SIGHT_REFRESH_MS + 10);
    });
    const outOfSight = liveEnd();
    expect(outOfSight).not.toBe(inSight);

    view.rerender(row(false));
    expect(liveEnd()).toBe(outOfSight);
  });
});
