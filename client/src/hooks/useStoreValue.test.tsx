import { render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { describe, expect, it } from 'vitest';
import { BTC, snapshot, testMarket, ticker, update } from '../test-support/fixtures.ts';
import { nextFrame } from '../test-support/render.tsx';
import { MarketProvider } from './MarketProvider.tsx';
import { StoreUpdatesPaused } from './updates-paused.ts';
import { useTicker } from './useTicker.ts';

let renders = 0;
const countRender = () => {
  renders += 1;
};

function LastPrice() {
  return <output>{useTicker(BTC.symbol).last}</output>;
}

function mount(paused: boolean) {
  const market = testMarket();
  market.store.applySnapshot(snapshot(BTC.symbol, { seq: 0, ticker: ticker(6_425_000) }));
  const tree = (isPaused: boolean) => (
    <MarketProvider store={market.store}>
      <StoreUpdatesPaused value={isPaused}>
        <Profiler id="last-price" onRender={countRender}>
          <LastPrice />
        </Profiler>
      </StoreUpdatesPaused>
    </MarketProvider>
  );
  renders = 0;
  const view = render(tree(paused));
  const trade = (seq: number, price: number) => {
    market.store.applyUpdate(update(BTC.symbol, seq, { ticker: ticker(price) }));
    nextFrame(market.frames);
  };
  return { trade, setPaused: (isPaused: boolean) => view.rerender(tree(isPaused)) };
}

describe('pausing store updates below a StoreUpdatesPaused', () => {
  it('keeps what was drawn while paused, without rendering, and catches up at once on resuming', () => {
    const { trade, setPaused } = mount(true);
    expect(screen.getByRole('status').textContent).toBe('6425000');
    const before = renders;
    trade(1, 6_425_100);
    trade(2, 6_425_200);
    expect(renders).toBe(before);
    expect(screen.getByRole('status').textContent).toBe('6425000');

    setPaused(false);
    expect(screen.getByRole('status').textContent).toBe('6425200');
    trade(3, 6_425_300);
    expect(screen.getByRole('status').textContent).toBe('6425300');
  });

  it('follows every change when not paused', () => {
    const { trade } = mount(false);
    trade(1, 6_425_100);
    expect(screen.getByRole('status').textContent).toBe('6425100');
  });
});
