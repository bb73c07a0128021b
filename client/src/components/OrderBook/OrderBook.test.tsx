import { ASK, BID } from '@tickline/shared';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { book, BTC, checksumOf, EURUSD, level, snapshot, testMarket, update } from '../../test-support/fixtures.ts';
import { nextFrame, renderWithStore } from '../../test-support/render.tsx';
import { OrderBook } from './OrderBook.tsx';

const rows = (side: 'ask' | 'bid') => screen.queryAllByTestId(`book-${side}-row`);
const prices = (side: 'ask' | 'bid') => rows(side).map((r) => Number(r.dataset.price));
const cells = (row: HTMLElement | undefined) => Array.from(row?.querySelectorAll('.num') ?? [], (c) => c.textContent);

const LEVELS = book(
  [
    [6_424_990, 15_000],
    [6_424_980, 5_000],
    [6_424_900, 20_000],
  ],
  [
    [6_425_010, 2_500],
    [6_425_020, 10_000],
  ],
);

function bookMarket(rowCount = 12) {
  const market = testMarket();
  market.store.applySnapshot(snapshot(BTC.symbol, { seq: 0, book: LEVELS }));
  renderWithStore(<OrderBook rows={rowCount} />, market.store);
  nextFrame(market.frames);
  return market;
}

describe('OrderBook', () => {
  it('draws asks above bids with the best of each next to the spread', () => {
    bookMarket();
    expect(screen.getByTestId('order-book').dataset.symbol).toBe(BTC.symbol);
    expect(prices('ask')).toEqual([6_425_020, 6_425_010]);
    expect(prices('bid')).toEqual([6_424_990, 6_424_980, 6_424_900]);
    const spread = screen.getByTestId('book-spread');
    expect(spread.previousElementSibling?.lastElementChild).toBe(rows('ask').at(-1));
    expect(spread.nextElementSibling?.firstElementChild).toBe(rows('bid')[0]);
  });

  it('prints price, size and running total at the symbol precision and carries the raw integers', () => {
    bookMarket();
    const bids = rows('bid');
    expect(cells(bids[0])).toEqual(['64249.90', '1.5000', '1.5000']);
    expect(cells(bids[1])).toEqual(['64249.80', '0.5000', '2.0000']);
    expect(cells(bids[2])).toEqual(['64249.00', '2.0000', '4.0000']);
    expect(bids[2]?.dataset.size).toBe('20000');
    expect(cells(rows('ask')[0])).toEqual(['64250.20', '1.0000', '1.2500']);
  });

  it('sizes depth bars against the larger side total', () => {
    bookMarket();
    const bar = (row: HTMLElement | undefined) => (row?.querySelector('.book__depth') as HTMLElement).style.transform;
    expect(bar(rows('bid')[2])).toBe('scaleX(1)');
    expect(bar(rows('bid')[0])).toBe('scaleX(0.375)');
    expect(bar(rows('ask')[0])).toBe('scaleX(0.3125)');
  });

  it('shows the spread in price and in basis points', () => {
    bookMarket();
    expect(screen.getByTestId('spread-price').textContent).toBe('0.20');
    expect(screen.getByTestId('spread-bps').textContent).toBe('0.031 bps');
  });

  it('follows level changes: a new size, a removed level, a new best bid', () => {
    const { store, frames } = bookMarket();
    store.applyUpdate(
      update(BTC.symbol, 1, {
        book: [level(ASK, 6_425_010, 0), level(BID, 6_424_980, 7_000), level(BID, 6_425_000, 1_000)],
      }),
    );
    nextFrame(frames);
    expect(prices('ask')).toEqual([6_425_020]);
    expect(prices('bid')).toEqual([6_425_000, 6_424_990, 6_424_980, 6_424_900]);
    expect(rows('bid')[2]?.dataset.size).toBe('7000');
    expect(screen.getByTestId('spread-price').textContent).toBe('0.20');
  });

  it('shows at most the configured rows per side', () => {
    bookMarket(2);
    expect(prices('bid')).toEqual([6_424_990, 6_424_980]);
    expect(document.querySelectorAll('.book__row--empty')).toHaveLength(0);
  });

  it('pads a thin book so the spread row stays put', () => {
    bookMarket(4);
    expect(document.querySelectorAll('.book__side--asks .book__row--empty')).toHaveLength(2);
    expect(document.querySelectorAll('.book__side--bids .book__row--empty')).toHaveLength(1);
  });

  it('follows the selected symbol', () => {
    const { store, frames } = bookMarket();
    store.applySnapshot(snapshot(EURUSD.symbol, { book: book([[108_210, 3]], [[108_220, 1]]) }));
    store.select(EURUSD.symbol);
    nextFrame(frames);
    expect(screen.getByTestId('order-book').dataset.symbol).toBe(EURUSD.symbol);
    expect(cells(rows('bid')[0])).toEqual(['1.08210', '3000', '3000']);
    expect(screen.getByTestId('spread-price').textContent).toBe('0.00010');
  });

  it('carries the replica seq and its own checksum of the levels it draws, in the same render', () => {
    const { store, frames } = bookMarket();
    const ladder = screen.getByTestId('order-book');
    expect(ladder.dataset.seq).toBe('0');
    expect(Number(ladder.dataset.checksum)).toBe(checksumOf(BTC.symbol, LEVELS));

    store.applyUpdate(update(BTC.symbol, 1, { book: [level(BID, 6_425_000, 1_000)] }));
    nextFrame(frames);
    expect(ladder.dataset.seq).toBe('1');
    expect(prices('bid')[0]).toBe(6_425_000);
    const shown = book(
      rows('bid').map((r) => [Number(r.dataset.price), Number(r.dataset.size)]),
      rows('ask').map((r) => [Number(r.dataset.price), Number(r.dataset.size)]),
    );
    expect(Number(ladder.dataset.checksum)).toBe(checksumOf(BTC.symbol, shown));
  });

  it('fades and badges the ladder while its symbol is not live', () => {
    const { store, frames } = bookMarket();
    const ladder = screen.getByTestId('order-book');
    expect(ladder.dataset.stale).toBe('true'); // the connection is not live yet
    store.setStatus('live');
    nextFrame(frames);
    expect(ladder.dataset.stale).toBe('false');
    expect(screen.queryByTestId('freshness-badge')).toBeNull();

    store.applyUpdate(update(BTC.symbol, 1, { status: 'halted' }));
    nextFrame(frames);
    expect(ladder.dataset.stale).toBe('true');
    expect(ladder.className).toContain('is-stale');
    expect(screen.getByTestId('freshness-badge').textContent).toBe('Halted');
  });
});
