import { ASK, BID } from '@tickline/shared';
import { act, fireEvent, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onPricePick, type PricePick } from '../../market/price-picks.ts';
import { book, BTC, checksumOf, EURUSD, level, snapshot, testMarket, update } from '../../test-support/fixtures.ts';
import { nextFrame, renderWithStore } from '../../test-support/render.tsx';
import { DEPTH_REFRESH_MS, OrderBook } from './OrderBook.tsx';

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

afterEach(() => {
  localStorage.clear();
  vi.unstubAllGlobals();
});

function bookMarket(rowCount = 12) {
  const market = testMarket();
  market.store.applySnapshot(snapshot(BTC.symbol, { seq: 0, book: LEVELS }));
  renderWithStore(<OrderBook rows={rowCount} depthWidth={300} depthHeight={120} />, market.store);
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
    expect(spread.nextElementSibling?.querySelector('.book__row')).toBe(rows('bid')[0]);
  });

  it('prints price, size and running total at the symbol precision and carries the raw integers', () => {
    bookMarket();
    const bids = rows('bid');
    expect(cells(bids[0])).toEqual(['64,249.90', '1.5000', '1.5000']);
    expect(cells(bids[1])).toEqual(['64,249.80', '0.5000', '2.0000']);
    expect(cells(bids[2])).toEqual(['64,249.00', '2.0000', '4.0000']);
    expect(bids[2]?.dataset.size).toBe('20000');
    expect(cells(rows('ask')[0])).toEqual(['64,250.20', '1.0000', '1.2500']);
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
    expect(cells(rows('bid')[0])).toEqual(['1.08210', '3,000', '3,000']);
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

  it('groups the ladder by the size chosen, as prices on the group, and remembers it per symbol', () => {
    const { store, frames } = bookMarket();
    const select = screen.getByTestId('book-group') as HTMLSelectElement;
    // Offered as prices: BTC at 64,250 ticks of 0.01 goes up to 10 bps of the price.
    expect(Array.from(select.options, (o) => o.textContent)).toEqual([
      '0.01',
      '0.02',
      '0.05',
      '0.1',
      '0.5',
      '1',
      '5',
      '10',
      '50',
    ]);
    fireEvent.change(select, { target: { value: '100' } });
    expect(screen.getByTestId('order-book').dataset.group).toBe('100');
    // Bids 64,249.90 and 64,249.80 gather in 64,249.00 with 64,249.00 itself; asks go up to 64,251.00.
    expect(prices('bid')).toEqual([6_424_900]);
    expect(rows('bid')[0]?.dataset.size).toBe('40000');
    expect(prices('ask')).toEqual([6_425_100]);
    expect(rows('ask')[0]?.dataset.size).toBe('12500');

    store.applySnapshot(snapshot(EURUSD.symbol, { book: book([[108_210, 3]], [[108_220, 1]]) }));
    store.select(EURUSD.symbol);
    nextFrame(frames);
    expect(screen.getByTestId('order-book').dataset.group).toBe('1');
    store.select(BTC.symbol);
    nextFrame(frames);
    expect(screen.getByTestId('order-book').dataset.group).toBe('100');
    expect(localStorage.getItem('tickline.book.group.BTC-USD')).toBe('100');
  });

  it('limits ladder and depth chart to the level count chosen, padding the ladder', () => {
    const { store, frames } = testMarket();
    const deep = (from: number, step: number) =>
      Array.from({ length: 15 }, (_, i): [number, number] => [from + i * step, 1_000]);
    store.applySnapshot(snapshot(BTC.symbol, { book: book(deep(6_424_990, -10), deep(6_425_010, 10)) }));
    renderWithStore(<OrderBook rows={20} depthWidth={300} depthHeight={120} />, store);
    nextFrame(frames);
    expect(prices('bid')).toHaveLength(15);
    expect(screen.getByTestId('depth-chart').dataset.bidLevels).toBe('15');

    fireEvent.change(screen.getByTestId('book-levels'), { target: { value: '10' } });
    expect(prices('bid')).toEqual(
      deep(6_424_990, -10)
        .slice(0, 10)
        .map(([p]) => p),
    );
    expect(prices('ask')).toHaveLength(10);
    expect(screen.getByTestId('depth-chart').dataset.askLevels).toBe('10');
    // The ladder keeps its 20 rows a side, blank beyond the levels chosen, so the spread does not move.
    expect(document.querySelectorAll('.book__side--bids .book__row--empty')).toHaveLength(10);
    expect(localStorage.getItem('tickline.book.levels')).toBe('10');
  });

  it('fits as many rows as the measured ladder height holds', () => {
    // jsdom has no layout: give every element a height, as a 1rem = 16px browser would lay out 8 rows a side.
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(30 + 2 * 20 * 8);
    try {
      const market = testMarket();
      const deep = Array.from({ length: 20 }, (_, i): [number, number] => [6_424_990 - i, 1_000]);
      market.store.applySnapshot(snapshot(BTC.symbol, { book: book(deep, [[6_425_010, 1]]) }));
      renderWithStore(<OrderBook depthWidth={300} depthHeight={120} />, market.store);
      nextFrame(market.frames);
      expect(screen.getByTestId('book-ladder').dataset.rows).toBe('8');
      expect(prices('bid')).toHaveLength(8);
    } finally {
      height.mockRestore();
    }
  });

  it('counts imbalance over the levels shown and says it in words', () => {
    bookMarket();
    // Bids 4.0000 against asks 1.2500 over every level.
    const imbalance = screen.getByTestId('book-imbalance');
    expect(imbalance.dataset.bidPercent).toBe('76');
    expect(imbalance.textContent).toContain('Bids 76%');
    expect(imbalance.textContent).toContain('24% Asks');
  });

  it('draws the depth chart with both sides and the mid', () => {
    bookMarket();
    const chart = screen.getByTestId('depth-chart');
    expect(chart.querySelectorAll('.depth-chart__bids path.depth-chart__area')).toHaveLength(1);
    expect(chart.querySelectorAll('.depth-chart__asks path.depth-chart__area')).toHaveLength(1);
    expect(chart.querySelector('.depth-chart__mid-line')).not.toBeNull();
    expect(screen.getByTestId('depth-mid').textContent).toBe('Mid 64,250.00');
    expect(chart.textContent).toContain('Bids');
    expect(chart.textContent).toContain('Asks');
  });

  it('redraws the depth chart four times a second, sampled at a book change, never from a timer of its own', () => {
    vi.useFakeTimers();
    try {
      const { store, frames } = testMarket();
      store.applySnapshot(snapshot(BTC.symbol, { seq: 0, book: LEVELS }));
      let commits = 0;
      renderWithStore(
        <Profiler id="book" onRender={() => commits++}>
          <OrderBook rows={12} depthWidth={300} depthHeight={120} />
        </Profiler>,
        store,
      );
      nextFrame(frames);
      const depthBids = () => screen.getByTestId('depth-chart').dataset.bidLevels;
      /** `ms` later a bid level joins at `price`; the commits the store's frame then costs. */
      const bidAt = (seq: number, price: number, ms: number): number => {
        act(() => {
          vi.advanceTimersByTime(ms);
        });
        store.applyUpdate(update(BTC.symbol, seq, { book: [level(BID, price, 1_000)] }));
        commits = 0;
        nextFrame(frames);
        return commits;
      };
      expect(depthBids()).toBe('3');
      // The ladder follows every change; the depth chart takes its sample at the same notification and redraws in a
      // deferred render of its own (interruptible, so a redraw never makes the frame's task long), and no more. The
      // first change after mount takes one commit more, once, in which the depth chart renders nothing (a Profiler
      // around it shows no work); the recharts version took the third commit on every redraw (bidAt 3 below).
      expect(bidAt(1, 6_424_800, DEPTH_REFRESH_MS)).toBe(3);
      expect(prices('bid')).toHaveLength(4);
      expect(depthBids()).toBe('4');
      expect(bidAt(2, 6_424_700, 100)).toBe(1);
      expect(prices('bid')).toHaveLength(5);
      expect(depthBids()).toBe('4');
      // No timer of the depth chart's commits anything between notifications.
      act(() => {
        vi.advanceTimersByTime(DEPTH_REFRESH_MS - 101);
      });
      expect(commits).toBe(1);
      expect(bidAt(3, 6_424_600, 1)).toBe(2);
      expect(depthBids()).toBe('6');
    } finally {
      vi.useRealTimers();
    }
  });

  it('publishes a clicked price, copies it and says so', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const picks: PricePick[] = [];
    const off = onPricePick((pick) => picks.push(pick));
    bookMarket();
    await act(async () => {
      fireEvent.click(rows('bid')[1] as HTMLElement);
      await Promise.resolve();
    });
    off();
    expect(picks).toEqual([{ symbol: BTC.symbol, priceTicks: 6_424_980, side: 'bid' }]);
    expect(writeText).toHaveBeenCalledWith('64249.80');
    expect(screen.getByTestId('book-pick-note').textContent).toBe('Bid 64249.80 picked and copied');
  });

  it('still publishes the price where the clipboard is refused', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: () => Promise.reject(new Error('denied')) } });
    const picks: PricePick[] = [];
    const off = onPricePick((pick) => picks.push(pick));
    bookMarket();
    const ask = rows('ask').at(-1) as HTMLElement;
    expect(ask.tagName).toBe('BUTTON');
    expect(ask.textContent).toMatch(/^Ask 64,250.10/);
    await act(async () => {
      fireEvent.click(ask);
      await Promise.resolve();
    });
    off();
    expect(picks).toEqual([{ symbol: BTC.symbol, priceTicks: 6_425_010, side: 'ask' }]);
    expect(screen.getByTestId('book-pick-note').textContent).toBe('Ask 64250.10 picked');
  });
});
