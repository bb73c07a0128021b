import { act, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AAPL, BTC, EURUSD, snapshot, T0, testMarket, ticker, update } from '../../test-support/fixtures.ts';
import { nextFrame, renderWithStore } from '../../test-support/render.tsx';
import { Watchlist } from './Watchlist.tsx';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0 + 4000);
});

afterEach(() => {
  vi.useRealTimers();
});

function row(symbol: string): HTMLElement {
  const found = screen.getAllByTestId('watchlist-row').find((r) => r.dataset.symbol === symbol);
  if (!found) throw new Error(`no row for ${symbol}`);
  return found;
}

const badge = (symbol: string) => within(row(symbol)).queryByTestId('freshness-badge');

/** Every symbol synced at server time T0, the connection live. */
function liveMarket() {
  const market = testMarket();
  for (const symbol of market.store.symbols) {
    market.store.applySnapshot(snapshot(symbol, { seq: 1, time: T0, ticker: ticker(100) }));
  }
  market.store.setStatus('live');
  renderWithStore(<Watchlist />, market.store);
  nextFrame(market.frames);
  return market;
}

describe('Watchlist freshness', () => {
  it('shows live prices undimmed and unbadged, with the server status on the row', () => {
    liveMarket();
    for (const symbol of [BTC.symbol, EURUSD.symbol, AAPL.symbol]) {
      expect(row(symbol).dataset.status).toBe('live');
      expect(row(symbol).dataset.stale).toBe('false');
      expect(within(row(symbol)).getByTestId('last-price').dataset.stale).toBe('false');
      expect(badge(symbol)).toBeNull();
    }
  });

  it('a disconnect marks every price stale at once, with the age of its last update ticking each second', () => {
    const { store, frames } = liveMarket();
    store.setStatus('reconnecting');
    nextFrame(frames);

    for (const symbol of store.symbols) {
      expect(row(symbol).dataset.stale).toBe('true');
      expect(row(symbol).className).toContain('is-stale');
      expect(within(row(symbol)).getByTestId('last-price').dataset.stale).toBe('true');
      expect(badge(symbol)?.textContent).toBe('Stale · 4s');
      // The badge has a column of its own: the name keeps all its room.
      expect(badge(symbol)?.closest('.watchlist__name')).toBeNull();
      expect(row(symbol).querySelector('.watchlist__name')?.textContent).toBe(store.instrument(symbol).spec.name);
    }
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(badge(BTC.symbol)?.textContent).toBe('Stale · 5s');

    store.setStatus('live');
    nextFrame(frames);
    expect(row(BTC.symbol).dataset.stale).toBe('false');
    expect(badge(BTC.symbol)).toBeNull();
  });

  it('badges a halted or stale symbol from the server and never shows it as live', () => {
    const { store, frames } = liveMarket();
    store.applyUpdate(update(EURUSD.symbol, 2, { status: 'halted' }));
    store.applyUpdate(update(AAPL.symbol, 2, { status: 'stale' }));
    nextFrame(frames);

    expect(row(EURUSD.symbol).dataset.status).toBe('halted');
    expect(row(EURUSD.symbol).dataset.stale).toBe('true');
    expect(badge(EURUSD.symbol)?.textContent).toBe('Halted');
    expect(row(AAPL.symbol).dataset.status).toBe('stale');
    expect(row(AAPL.symbol).dataset.stale).toBe('true');
    expect(badge(AAPL.symbol)?.textContent).toMatch(/^Stale · \d+s$/);
    expect(row(BTC.symbol).dataset.stale).toBe('false');

    store.applyUpdate(update(EURUSD.symbol, 3, { status: 'live' }));
    nextFrame(frames);
    expect(row(EURUSD.symbol).dataset.stale).toBe('false');
  });

  it('marks a symbol that is resyncing after a gap', () => {
    const { store, frames } = liveMarket();
    store.applyUpdate(update(BTC.symbol, 5));
    nextFrame(frames);
    expect(row(BTC.symbol).dataset.stale).toBe('true');
    expect(row(BTC.symbol).dataset.status).toBe('live');
    expect(badge(BTC.symbol)?.dataset.freshness).toBe('resyncing');
    expect(badge(BTC.symbol)?.textContent).toBe('Resync');
  });
});
