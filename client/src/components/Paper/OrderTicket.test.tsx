import { ASK } from '@tickline/shared';
import { act, fireEvent, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pickPrice } from '../../market/price-picks.ts';
import { requestTicket } from '../../paper/ticket-requests.ts';
import { book, BTC, level, snapshot, testMarket, update } from '../../test-support/fixtures.ts';
import { paperAccount, paperOrder, paperPosition } from '../../test-support/paper-fixtures.ts';
import { renderWithPaper, testPaper } from '../../test-support/paper-render.tsx';
import { nextFrame } from '../../test-support/render.tsx';
import { OrderBook } from '../OrderBook/OrderBook.tsx';
import { TradePanel } from './TradePanel.tsx';

afterEach(() => localStorage.clear());

// Best bid 64,249.90, best ask 64,250.10.
const LEVELS = book([[6_424_990, 15_000]], [[6_425_010, 2_500]]);

function ticket(account = paperAccount(), extra: React.ReactNode = null) {
  const market = testMarket();
  market.store.applySnapshot(snapshot(BTC.symbol, { seq: 0, book: LEVELS }));
  const test = testPaper(account);
  renderWithPaper(
    <>
      {extra}
      <TradePanel />
    </>,
    market.store,
    test.paper,
  );
  nextFrame(market.frames);
  return { ...market, ...test };
}

const size = () => screen.getByTestId('ticket-size') as HTMLInputElement;
const price = () => screen.getByTestId('ticket-price') as HTMLInputElement;
const type = (input: HTMLInputElement, value: string) => fireEvent.change(input, { target: { value } });
const pressed = (testId: string) => screen.getByTestId(testId).getAttribute('aria-pressed');

/** Submits the ticket and lets the answer (if any) land. */
async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByTestId('ticket-submit'));
    await Promise.resolve();
  });
}

describe('the order ticket', () => {
  it('refuses a size off the lot grid without sending, naming the field', async () => {
    const { socket } = ticket();
    type(size(), '0.00005');
    await submit();
    expect(socket.sent).toEqual([]);
    const error = screen.getByTestId('ticket-error');
    expect(error.dataset.field).toBe('size');
    expect(error.textContent).toBe("Size 0.00005 is not a multiple of BTC-USD's lot size 0.0001.");
    expect(size().getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(size());
    // Fixing the field clears its complaint.
    type(size(), '0.5');
    expect(screen.queryByTestId('ticket-error')).toBeNull();
    // A price off the tick grid is the price's fault, until the order is a market order again.
    fireEvent.click(screen.getByTestId('ticket-type-limit'));
    type(price(), '64000.001');
    await submit();
    expect(screen.getByTestId('ticket-error').dataset.field).toBe('price');
    expect(document.activeElement).toBe(price());
    fireEvent.click(screen.getByTestId('ticket-type-market'));
    expect(screen.queryByTestId('ticket-error')).toBeNull();
    expect(socket.sent).toEqual([]);
  });

  it('sends a market order and says what the server did with it', async () => {
    const { socket } = ticket();
    fireEvent.click(screen.getByTestId('ticket-side-sell'));
    type(size(), '0.5');
    await submit();
    expect(socket.last()).toMatchObject({
      event: 'order:place',
      request: { symbol: 'BTC-USD', side: 'sell', type: 'market', size: '0.5' },
    });
    await act(async () => {
      socket.last().answer({
        ok: true,
        order: paperOrder({
          side: 'sell',
          type: 'market',
          tif: 'ioc',
          price: null,
          status: 'filled',
          filled: '0.5000',
          averagePrice: '64249.90',
        }),
      });
      await Promise.resolve();
    });
    expect(screen.getByTestId('ticket-result').textContent).toBe('Sold 0.5000 BTC at 64,249.90.');
  });

  it('shows the server’s refusal in words, with its detail', async () => {
    const { socket } = ticket();
    type(size(), '5');
    await submit();
    await act(async () => {
      socket.last().answer({
        ok: false,
        error: { code: 'insufficient_funds', message: 'needs 321,250.50 USD, 100,000.00 available' },
      });
      await Promise.resolve();
    });
    const result = screen.getByTestId('ticket-result');
    expect(result.dataset.state).toBe('refused');
    expect(result.textContent).toBe(
      'Not enough funds: a buy needs the cash, a sell needs the holding. needs 321,250.50 USD, 100,000.00 available',
    );
  });

  it('takes a price clicked in the book as a limit price', () => {
    ticket(paperAccount(), <OrderBook rows={5} depthWidth={300} depthHeight={120} />);
    expect(pressed('ticket-type-market')).toBe('true');
    fireEvent.click(screen.getAllByTestId('book-bid-row')[0] as HTMLElement);
    expect(pressed('ticket-type-limit')).toBe('true');
    expect(price().value).toBe('64249.90');
  });

  it('ignores a price picked for another market', () => {
    ticket();
    act(() => pickPrice({ symbol: 'AAPL', priceTicks: 23_000 }));
    expect(screen.queryByTestId('ticket-price')).toBeNull();
  });

  it('sends a limit order with its price and time in force', async () => {
    const { socket } = ticket();
    fireEvent.click(screen.getByTestId('ticket-type-limit'));
    fireEvent.click(screen.getByTestId('ticket-tif-post_only'));
    type(size(), '0.25');
    type(price(), '64,000');
    expect(screen.getByTestId('ticket-estimate').textContent).toBe('16,000.00 USD');
    await submit();
    expect(socket.last().request).toEqual({
      symbol: 'BTC-USD',
      side: 'buy',
      type: 'limit',
      size: '0.25',
      price: '64000',
      tif: 'post_only',
    });
  });

  it('estimates a market order at the best price on the other side, and shows the cash to pay it', () => {
    ticket(paperAccount({ available: '90000.5' }));
    type(size(), '0.5');
    expect(screen.getByTestId('ticket-estimate').textContent).toBe('≈ 32,125.05 USD');
    fireEvent.click(screen.getByTestId('ticket-side-sell'));
    expect(screen.getByTestId('ticket-estimate').textContent).toBe('≈ 32,124.95 USD');
    expect(screen.getByTestId('ticket-available').textContent).toBe('90,000.50 USD');
  });

  it('moves a market order’s estimate with the book in the commit of the book’s change, at most four a second', () => {
    vi.useFakeTimers();
    try {
      const market = testMarket();
      market.store.applySnapshot(snapshot(BTC.symbol, { seq: 0, book: LEVELS }));
      let commits = 0;
      renderWithPaper(
        <Profiler id="ticket" onRender={() => commits++}>
          <TradePanel />
        </Profiler>,
        market.store,
        testPaper(paperAccount()).paper,
      );
      nextFrame(market.frames);
      type(size(), '0.5');
      const estimate = () => screen.getByTestId('ticket-estimate').textContent;
      expect(estimate()).toBe('≈ 32,125.05 USD');
      /** `ms` later the best ask moves from `from` to `to`; the commits the store's frame then costs. */
      const askMoves = (seq: number, from: number, to: number, ms: number): number => {
        act(() => {
          vi.advanceTimersByTime(ms);
        });
        market.store.applyUpdate(update(BTC.symbol, seq, { book: [level(ASK, from, 0), level(ASK, to, 2_500)] }));
        commits = 0;
        nextFrame(market.frames);
        return commits;
      };
      expect(askMoves(1, 6_425_010, 6_425_030, 250)).toBe(1);
      expect(estimate()).toBe('≈ 32,125.15 USD');
      // Within the quarter second: nothing renders, now or later, until the next notification takes a sample.
      expect(askMoves(2, 6_425_030, 6_425_050, 100)).toBe(0);
      act(() => {
        vi.advanceTimersByTime(149);
      });
      expect(commits).toBe(0);
      expect(estimate()).toBe('≈ 32,125.15 USD');
      expect(askMoves(3, 6_425_050, 6_425_070, 1)).toBe(1);
      expect(estimate()).toBe('≈ 32,125.35 USD');
    } finally {
      vi.useRealTimers();
    }
  });

  it('opens on a side with its size focused when the keyboard asks', () => {
    ticket(paperAccount({ positions: [paperPosition()] }));
    act(() => {
      requestTicket('sell');
    });
    expect(pressed('ticket-side-sell')).toBe('true');
    expect(document.activeElement).toBe(size());
    expect(screen.getByTestId('ticket-submit').textContent).toBe('Sell BTC');
  });

  it('waits for the account before it can send', () => {
    const market = testMarket();
    const { paper } = testPaper();
    renderWithPaper(<TradePanel />, market.store, paper);
    expect((screen.getByTestId('ticket-submit') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('ticket-offline').textContent).toBe('Waiting for your paper account…');
  });
});
