import { BUY } from '@tickline/shared';
import { act, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TRAILING_GRACE_MS } from '../market/sample-clock.ts';
import type { MarketStore } from '../market/store.ts';
import { BTC, EURUSD, snapshot, testMarket, trade, update } from '../test-support/fixtures.ts';
import { nextFrame, renderWithStore } from '../test-support/render.tsx';
import { useSampled } from './useSampled.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const lastPrice = (symbol: string) => (store: MarketStore) => store.replica(symbol).trades.toArray(1)[0]?.[1] ?? null;
const btcLast = lastPrice(BTC.symbol);
const eurLast = lastPrice(EURUSD.symbol);

function Last({ symbol, select }: { symbol: string; select: (store: MarketStore) => number | null }) {
  return <span data-testid={`last-${symbol}`}>{useSampled(select, 250)}</span>;
}

const shown = (symbol: string) => screen.getByTestId(`last-${symbol}`).textContent;

function sampledMarket() {
  const market = testMarket();
  for (const symbol of [BTC.symbol, EURUSD.symbol]) market.store.applySnapshot(snapshot(symbol, { seq: 1 }));
  let commits = 0;
  renderWithStore(
    <Profiler id="sampled" onRender={() => commits++}>
      <Last symbol={BTC.symbol} select={btcLast} />
      <Last symbol={EURUSD.symbol} select={eurLast} />
    </Profiler>,
    market.store,
  );
  let seq = 2;
  return {
    ...market,
    /** Both symbols trade at `price`, `ms` after the previous step, and the store's frame runs: the commits it cost. */
    step(price: number, ms: number): number {
      act(() => {
        vi.advanceTimersByTime(ms);
      });
      for (const symbol of [BTC.symbol, EURUSD.symbol]) {
        market.store.applyUpdate(update(symbol, seq, { trades: [trade(seq, price, 1, BUY)] }));
      }
      seq++;
      commits = 0;
      nextFrame(market.frames);
      return commits;
    },
  };
}

describe('useSampled', () => {
  it('takes a sample in the render of the store notification, never in a commit of its own', () => {
    const { step } = sampledMarket();
    expect(step(100, 0)).toBe(1);
    expect([shown(BTC.symbol), shown(EURUSD.symbol)]).toEqual(['100', '100']);
    // Within the interval: the notification renders nothing here, and no timer renders later.
    expect(step(101, 100)).toBe(0);
    expect(step(102, 100)).toBe(0);
    expect(shown(BTC.symbol)).toBe('100');
    // Every view at one interval samples at the same notification.
    expect(step(103, 50)).toBe(1);
    expect([shown(BTC.symbol), shown(EURUSD.symbol)]).toEqual(['103', '103']);
  });

  it('shows the newest value once the store goes quiet, at most the interval and a grace late', () => {
    const { step } = sampledMarket();
    step(100, 0);
    step(101, 100);
    act(() => {
      vi.advanceTimersByTime(150 + TRAILING_GRACE_MS - 1);
    });
    expect(shown(BTC.symbol)).toBe('100');
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(shown(BTC.symbol)).toBe('101');
  });
});
