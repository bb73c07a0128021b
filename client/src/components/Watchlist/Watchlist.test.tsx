import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AAPL, BTC, EURUSD, snapshot, testMarket, ticker, update } from '../../test-support/fixtures.ts';
import { nextFrame, renderWithStore } from '../../test-support/render.tsx';
import { Watchlist } from './Watchlist.tsx';

function row(symbol: string): HTMLElement {
  const found = screen.getAllByTestId('watchlist-row').find((r) => r.dataset.symbol === symbol);
  if (!found) throw new Error(`no row for ${symbol}`);
  return found;
}

const lastPrice = (symbol: string) => within(row(symbol)).getByTestId('last-price');

function liveMarket() {
  const market = testMarket();
  market.store.applySnapshot(snapshot(BTC.symbol, { seq: 0, ticker: ticker(6_425_050, 6_400_000) }));
  market.store.applySnapshot(snapshot(EURUSD.symbol, { seq: 0, ticker: ticker(108_215, 108_300) }));
  renderWithStore(<Watchlist />, market.store);
  nextFrame(market.frames);
  return market;
}

describe('Watchlist', () => {
  it('lists every symbol with its last price at the symbol precision', () => {
    liveMarket();
    expect(screen.getAllByTestId('watchlist-row').map((r) => r.dataset.symbol)).toEqual([
      BTC.symbol,
      EURUSD.symbol,
      AAPL.symbol,
    ]);
    expect(lastPrice(BTC.symbol).textContent).toBe('64250.50');
    expect(lastPrice(EURUSD.symbol).textContent).toBe('1.08215');
    expect(lastPrice(AAPL.symbol).textContent).toBe('—');
    expect(within(row(BTC.symbol)).getByText('Bitcoin')).toBeTruthy();
  });

  it('colours the change since the open by its sign', () => {
    liveMarket();
    const btcChange = within(row(BTC.symbol)).getByText('+0.39%');
    const eurChange = within(row(EURUSD.symbol)).getByText('-0.08%');
    expect(btcChange.className).toContain('trend-up');
    expect(eurChange.className).toContain('trend-down');
  });

  it('flashes a changed price up or down with a fresh element each time, so the animation replays', () => {
    const { store, frames } = liveMarket();
    expect(lastPrice(BTC.symbol).querySelector('.flash')).toBeNull();

    store.applyUpdate(update(BTC.symbol, 1, { ticker: ticker(6_425_100, 6_400_000) }));
    nextFrame(frames);
    const first = lastPrice(BTC.symbol).querySelector('.flash-up');
    expect(first?.textContent).toBe('64251.00');

    store.applyUpdate(update(BTC.symbol, 2, { ticker: ticker(6_425_200, 6_400_000) }));
    nextFrame(frames);
    const second = lastPrice(BTC.symbol).querySelector('.flash-up');
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);

    store.applyUpdate(update(BTC.symbol, 3, { ticker: ticker(6_425_000, 6_400_000) }));
    nextFrame(frames);
    expect(lastPrice(BTC.symbol).querySelector('.flash-down')?.textContent).toBe('64250.00');
    expect(lastPrice(EURUSD.symbol).querySelector('.flash')).toBeNull();
  });

  it('selects a symbol by click or by Enter and highlights only that row', () => {
    const { store, frames } = liveMarket();
    expect(row(BTC.symbol).getAttribute('aria-selected')).toBe('true');

    fireEvent.click(row(EURUSD.symbol));
    nextFrame(frames);
    expect(store.getSelected()).toBe(EURUSD.symbol);
    expect(row(EURUSD.symbol).className).toContain('is-selected');
    expect(row(BTC.symbol).getAttribute('aria-selected')).toBe('false');

    fireEvent.keyDown(row(AAPL.symbol), { key: 'Enter' });
    nextFrame(frames);
    expect(store.getSelected()).toBe(AAPL.symbol);
    expect(row(AAPL.symbol).getAttribute('aria-selected')).toBe('true');
  });

  it('moves focus between rows with the arrow keys', () => {
    liveMarket();
    row(BTC.symbol).focus();
    fireEvent.keyDown(row(BTC.symbol), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(row(EURUSD.symbol));
    fireEvent.keyDown(row(EURUSD.symbol), { key: 'ArrowUp' });
    expect(document.activeElement).toBe(row(BTC.symbol));
  });
});
