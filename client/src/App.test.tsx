import { BUY } from '@tickline/shared';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './App.tsx';
import { CHART_SHORTCUTS, SHORTCUTS } from './workspace/shortcuts.ts';
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

  it('opens the shortcuts overlay on ?, lists every shortcut, and closes on Esc with focus back where it was', () => {
    const { store } = testMarket();
    renderWithStore(<App />, store);
    const button = screen.getByTestId('shortcuts-toggle');
    button.focus();
    fireEvent.keyDown(button, { key: '?' });
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getAllByRole('row').length).toBe(SHORTCUTS.length + CHART_SHORTCUTS.length);
    expect(dialog.contains(document.activeElement)).toBe(true);

    // While the overlay is open the market keys are its own.
    fireEvent.keyDown(document.activeElement as Element, { key: 'j' });
    expect(store.getSelected()).toBe(BTC.symbol);

    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('moves through the markets with the arrows and j/k, and picks intervals with 1 to 9', () => {
    const { store } = testMarket();
    renderWithStore(<App />, store);
    fireEvent.keyDown(document.body, { key: 'ArrowDown' });
    expect(store.getSelected()).toBe(store.symbols[1]);
    fireEvent.keyDown(document.body, { key: 'k' });
    fireEvent.keyDown(document.body, { key: 'k' });
    // Through the watchlist as shown, stopping at its ends.
    expect(store.getSelected()).toBe(store.symbols[0]);
    fireEvent.keyDown(document.body, { key: '7' });
    expect(store.getInterval()).toBe('1h');
    fireEvent.keyDown(document.body, { key: '1', ctrlKey: true });
    expect(store.getInterval()).toBe('1h');
  });

  it('focuses the market search on /, showing the markets tab first', () => {
    const { store } = testMarket();
    renderWithStore(<App />, store);
    const search = screen.getByRole('searchbox', { name: 'Search symbols' });
    const slash = new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true });
    act(() => {
      document.body.dispatchEvent(slash);
    });
    expect(document.activeElement).toBe(search);
    expect(slash.defaultPrevented).toBe(true);
    expect(document.querySelector('.app__grid')?.getAttribute('data-tab')).toBe('markets');
    // Typing in it is typing.
    fireEvent.keyDown(search, { key: 'j' });
    expect(store.getSelected()).toBe(BTC.symbol);
  });

  it('switches the panel a phone shows with its tabs', () => {
    const { store } = testMarket();
    renderWithStore(<App />, store);
    const tabs = within(screen.getByTestId('panel-tabs'));
    expect(tabs.getByRole('button', { name: 'Chart' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(tabs.getByRole('button', { name: 'Book' }));
    expect(tabs.getByRole('button', { name: 'Book' }).getAttribute('aria-pressed')).toBe('true');
    expect(document.querySelector('.app__grid')?.getAttribute('data-tab')).toBe('book');
  });

  it('opens the order ticket on b and s, showing the paper tab first, but not while typing or presenting', () => {
    const { store } = testMarket();
    renderWithStore(<App />, store);
    fireEvent.keyDown(document.body, { key: 's' });
    expect(document.querySelector('.app__grid')?.getAttribute('data-tab')).toBe('paper');
    const size = screen.getByTestId('ticket-size');
    expect(document.activeElement).toBe(size);
    expect(screen.getByTestId('ticket-side-sell').getAttribute('aria-pressed')).toBe('true');
    // Typed into the size field, `b` is a letter, not a side.
    fireEvent.keyDown(size, { key: 'b' });
    expect(screen.getByTestId('ticket-side-sell').getAttribute('aria-pressed')).toBe('true');
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: 'b' });
    expect(screen.getByTestId('ticket-side-buy').getAttribute('aria-pressed')).toBe('true');
    // Presenting, the ticket is hidden with the other controls.
    fireEvent.keyDown(document.body, { key: 'p' });
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: 's' });
    expect(screen.getByTestId('ticket-side-buy').getAttribute('aria-pressed')).toBe('true');
    fireEvent.keyDown(document.body, { key: 'Escape' });
  });
});
