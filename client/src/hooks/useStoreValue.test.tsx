import { act, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BTC, snapshot, testMarket, ticker, update } from '../test-support/fixtures.ts';
import { nextFrame } from '../test-support/render.tsx';
import { MarketProvider } from './MarketProvider.tsx';
import { OUT_OF_SIGHT_REFRESH_MS, OutOfSight } from './out-of-sight.ts';
import { useTicker } from './useTicker.ts';

let renders = 0;
const countRender = () => {
  renders += 1;
};

function LastPrice() {
  return <output>{useTicker(BTC.symbol).last}</output>;
}

function mount(outOfSight: boolean) {
  const market = testMarket();
  market.store.applySnapshot(snapshot(BTC.symbol, { seq: 0, ticker: ticker(6_425_000) }));
  const tree = (hidden: boolean) => (
    <MarketProvider store={market.store}>
      <OutOfSight value={hidden}>
        <Profiler id="last-price" onRender={countRender}>
          <LastPrice />
        </Profiler>
      </OutOfSight>
    </MarketProvider>
  );
  renders = 0;
  const view = render(tree(outOfSight));
  const trade = (seq: number, price: number) => {
    market.store.applyUpdate(update(BTC.symbol, seq, { ticker: ticker(price) }));
    nextFrame(market.frames);
  };
  return { trade, setOutOfSight: (hidden: boolean) => view.rerender(tree(hidden)) };
}

const shown = () => screen.getByRole('status').textContent;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('views out of sight', () => {
  it('read the store once per refresh period, not on every change', () => {
    const { trade } = mount(true);
    expect(shown()).toBe('6425000');
    const before = renders;
    trade(1, 6_425_100);
    trade(2, 6_425_200);
    expect(renders).toBe(before);
    expect(shown()).toBe('6425000');

    act(() => {
      // A refresh period, then an idle moment.
      vi.advanceTimersByTime(OUT_OF_SIGHT_REFRESH_MS + 50);
    });
    expect(shown()).toBe('6425200');
    expect(renders).toBe(before + 1);
  });

  it('catch up at once when they come back into sight, then follow every change', () => {
    const { trade, setOutOfSight } = mount(true);
    trade(1, 6_425_100);
    expect(shown()).toBe('6425000');
    setOutOfSight(false);
    expect(shown()).toBe('6425100');
    trade(2, 6_425_300);
    expect(shown()).toBe('6425300');
  });

  it('follow every change when in sight', () => {
    const { trade } = mount(false);
    trade(1, 6_425_100);
    expect(shown()).toBe('6425100');
  });
});
