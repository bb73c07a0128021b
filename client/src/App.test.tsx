import { BUY } from '@tickline/shared';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './App.tsx';
import { book, BTC, EURUSD, snapshot, testMarket, ticker, trade, update } from './test-support/fixtures.ts';
import { nextFrame, renderWithStore } from './test-support/render.tsx';

const panelSymbols = () =>
  ['price-chart', 'order-book', 'trade-tape'].map((id) => screen.getByTestId(id).dataset.symbol);

describe('App', () => {
  it('points the heading, chart, book and tape at the symbol chosen in the watchlist', () => {
    const { store, frames } = testMarket();
    store.applySnapshot(snapshot(BTC.symbol, { book: book([[100, 1]], [[101, 1]]), ticker: ticker(100) }));
    store.applySnapshot(
      snapshot(EURUSD.symbol, {
        book: book([[108_210, 1]], [[108_220, 2]]),
        trades: [trade(7, 108_215, 3, BUY)],
        ticker: ticker(108_215),
      }),
    );
    renderWithStore(<App />, store);
    nextFrame(frames);
    expect(screen.getByTestId('selected-symbol').textContent).toBe(BTC.symbol);
    expect(panelSymbols()).toEqual([BTC.symbol, BTC.symbol, BTC.symbol]);

    const eurRow = screen.getAllByTestId('watchlist-row').find((r) => r.dataset.symbol === EURUSD.symbol);
    fireEvent.click(eurRow as HTMLElement);
    nextFrame(frames);

    expect(screen.getByTestId('selected-symbol').textContent).toBe(EURUSD.symbol);
    expect(panelSymbols()).toEqual([EURUSD.symbol, EURUSD.symbol, EURUSD.symbol]);
    expect(screen.getAllByTestId('book-ask-row').map((r) => r.dataset.price)).toEqual(['108220']);
    expect(screen.getAllByTestId('trade-row')).toHaveLength(1);
  });

  it('marks the selected symbol stale in the header too, wherever the watchlist marks it', () => {
    const { store, frames } = testMarket();
    for (const symbol of store.symbols) store.applySnapshot(snapshot(symbol, { ticker: ticker(100) }));
    store.setStatus('live');
    store.applyUpdate(update(BTC.symbol, 11, { status: 'stale' }));
    renderWithStore(<App />, store);
    nextFrame(frames);

    const header = within(document.querySelector('.app__header') as HTMLElement);
    expect(header.getByTestId('freshness-badge').dataset.freshness).toBe('stale');
    const stale = screen.getAllByTestId('watchlist-row').filter((r) => r.dataset.stale === 'true');
    expect(stale.map((r) => r.dataset.symbol)).toEqual([BTC.symbol]);
  });
});
