import { ASK, BID, BUY, SELL } from '@tickline/shared';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { book, BTC, level, snapshot, T0, testMarket, trade, update } from '../../test-support/fixtures.ts';
import { paperAccount, paperFill, paperOrder, paperPosition } from '../../test-support/paper-fixtures.ts';
import { renderWithPaper, testPaper } from '../../test-support/paper-render.tsx';
import { nextFrame } from '../../test-support/render.tsx';
import { TradeTape } from '../TradeTape/TradeTape.tsx';
import { TradePanel } from './TradePanel.tsx';
import { LIVE_PNL_MS } from './useLiveAccount.ts';

afterEach(() => {
  vi.useRealTimers();
  localStorage.clear();
});

// Holding 0.5 BTC bought at 64,000.00, marked by the server at 64,100.00; one order resting; two fills.
const ACCOUNT = paperAccount({
  cash: '68000.00',
  available: '61600.00',
  equity: '100050.00',
  unrealizedPnl: '50.00',
  realizedPnl: '-12.50',
  fees: '1.25',
  positions: [paperPosition()],
  openOrders: [paperOrder({ id: 'o-2', side: 'buy', size: '0.1000', price: '64000.00' })],
  fills: [
    paperFill({ orderId: 'o-1', size: '0.3000', time: T0 + 1_000 }),
    paperFill({ orderId: 'o-1', size: '0.2000', time: T0, liquidity: 'maker' }),
  ],
});

function panel(account = ACCOUNT, levels = book([], [])) {
  const market = testMarket();
  market.store.applySnapshot(snapshot(BTC.symbol, { seq: 0, book: levels }));
  const test = testPaper(account);
  renderWithPaper(<TradePanel />, market.store, test.paper);
  nextFrame(market.frames);
  return { ...market, ...test };
}

const cellsOf = (row: HTMLElement) => Array.from(row.querySelectorAll('th, td'), (c) => c.textContent);

describe('the paper trading panel', () => {
  it('sums up the account: equity, cash, what is free, P&L and fees', () => {
    panel();
    const text = (id: string) => screen.getByTestId(id).textContent;
    expect(['equity', 'cash', 'available', 'unrealized', 'realized', 'fees'].map((k) => text(`account-${k}`))).toEqual([
      '100,050.00',
      '68,000.00',
      '61,600.00',
      '+50.00',
      '-12.50',
      '1.25',
    ]);
    expect(screen.getByTestId('account-realized').className).toContain('trend-down');
  });

  it('lists positions with size, average price, mark and P&L', () => {
    panel();
    const rows = screen.getAllByTestId('position-row');
    expect(rows.map(cellsOf)).toEqual([['BTC-USD', '0.5000', '64,000.00', '64,100.00', '32,050.00', '+50.00', '0.00']]);
  });

  it('re-marks positions live from the page’s own book, equity and unrealized P&L with them', () => {
    // The book's mid is 64,200.00: 0.5 × 64,200 − 32,000 = +100.00.
    panel(ACCOUNT, book([[6_419_990, 10_000]], [[6_420_010, 10_000]]));
    expect(cellsOf(screen.getByTestId('position-row'))).toEqual([
      'BTC-USD',
      '0.5000',
      '64,000.00',
      '64,200.00',
      '32,100.00',
      '+100.00',
      '0.00',
    ]);
    expect(screen.getByTestId('account-unrealized').textContent).toBe('+100.00');
    expect(screen.getByTestId('account-equity').textContent).toBe('100,100.00');
  });

  it('re-marks in the commit of the book’s change, at most four times a second, never in a commit of its own', () => {
    vi.useFakeTimers();
    const market = testMarket();
    market.store.applySnapshot(
      snapshot(BTC.symbol, { seq: 0, book: book([[6_419_990, 10_000]], [[6_420_010, 10_000]]) }),
    );
    let commits = 0;
    renderWithPaper(
      <Profiler id="panel" onRender={() => commits++}>
        <TradePanel />
      </Profiler>,
      market.store,
      testPaper(ACCOUNT).paper,
    );
    nextFrame(market.frames);
    const unrealized = () => screen.getByTestId('account-unrealized').textContent;
    expect(unrealized()).toBe('+100.00');
    /** `ms` later the book moves up by `by` ticks from `mid` ticks; the commits the store's frame then costs. */
    const bookMoves = (seq: number, mid: number, by: number, ms: number): number => {
      act(() => {
        vi.advanceTimersByTime(ms);
      });
      const move = [
        level(BID, mid - 10, 0),
        level(ASK, mid + 10, 0),
        level(BID, mid + by - 10, 10_000),
        level(ASK, mid + by + 10, 10_000),
      ];
      market.store.applyUpdate(update(BTC.symbol, seq, { book: move }));
      commits = 0;
      nextFrame(market.frames);
      return commits;
    };
    // Mid 64,300.00, then 64,500.00: 0.5 × mid − 32,000.
    expect(bookMoves(1, 6_420_000, 10_000, LIVE_PNL_MS)).toBe(1);
    expect(unrealized()).toBe('+150.00');
    expect(bookMoves(2, 6_430_000, 10_000, 100)).toBe(0);
    act(() => {
      vi.advanceTimersByTime(LIVE_PNL_MS - 101);
    });
    expect(commits).toBe(0);
    expect(unrealized()).toBe('+150.00');
    expect(bookMoves(3, 6_440_000, 10_000, 1)).toBe(1);
    expect(unrealized()).toBe('+250.00');
  });

  it('lists open orders, and Cancel sends order:cancel for that order', async () => {
    const { socket } = panel();
    fireEvent.click(screen.getByTestId('paper-tab-orders'));
    const row = screen.getByTestId('order-row');
    expect(cellsOf(row)).toEqual(['BTC-USD', 'Buy GTC', '64,000.00', '0.1000', '0.0000', 'Cancel']);
    fireEvent.click(within(row).getByTestId('order-cancel'));
    expect(socket.last()).toMatchObject({ event: 'order:cancel', request: { orderId: 'o-2' } });
    expect(within(row).getByTestId('order-cancel').textContent).toBe('Cancelling…');
    // Refused, it can be tried again; the refusal says why.
    await act(async () => {
      socket.last().answer({ ok: false, error: { code: 'unknown_order', message: 'o-2 is filled' } });
      await Promise.resolve();
    });
    expect(screen.getByTestId('orders-error').textContent).toBe(
      'Cancel refused: That order is no longer open. o-2 is filled',
    );
    expect(within(row).getByTestId('order-cancel').textContent).toBe('Cancel');
    // Done, the row stays "Cancelling…" until the account's next state takes it away.
    fireEvent.click(within(row).getByTestId('order-cancel'));
    await act(async () => {
      socket.last().answer({ ok: true, order: paperOrder({ id: 'o-2', status: 'cancelled' }) });
      await Promise.resolve();
    });
    expect(within(row).getByTestId('order-cancel').textContent).toBe('Cancelling…');
    act(() => socket.sendAccount({ ...ACCOUNT, openOrders: [] }));
    expect(screen.queryByTestId('order-row')).toBeNull();
  });

  it('lists fills newest first, saying which rested and which took', () => {
    panel();
    fireEvent.click(screen.getByTestId('paper-tab-fills'));
    const rows = screen.getAllByTestId('fill-row').map(cellsOf);
    expect(rows.map((cells) => cells.slice(1))).toEqual([
      ['BTC-USD', 'Buy T', '64,000.00', '0.3000', '0.00'],
      ['BTC-USD', 'Buy M', '64,000.00', '0.2000', '0.00'],
    ]);
  });

  it('resets the account only after a second step, and shows the fresh one', async () => {
    const { socket } = panel();
    fireEvent.click(screen.getByTestId('account-reset'));
    expect(socket.sent).toEqual([]);
    expect(screen.getByRole('group', { name: 'Confirm the reset' }).textContent).toContain('100,000.00 USD');
    fireEvent.click(screen.getByTestId('account-reset-keep'));
    expect(screen.queryByTestId('account-reset-confirm')).toBeNull();
    fireEvent.click(screen.getByTestId('account-reset'));
    fireEvent.click(screen.getByTestId('account-reset-confirm'));
    expect(socket.last()).toMatchObject({ event: 'account:reset' });
    await act(async () => {
      socket.last().answer({ ok: true, account: paperAccount() });
      await Promise.resolve();
      await Promise.resolve();
    });
    expect(screen.getByTestId('account-equity').textContent).toBe('100,000.00');
    expect(screen.queryByTestId('position-row')).toBeNull();
  });

  it('says in its header what a fill traded, for a few seconds, and nothing of fills heard before it showed', () => {
    vi.useFakeTimers();
    const { socket, paper } = testPaper(ACCOUNT);
    socket.sendFill(paperFill({ size: '0.1000' }));
    const market = testMarket();
    renderWithPaper(<TradePanel />, market.store, paper);
    const status = screen.getByTestId('paper-status');
    expect(status.textContent).toBe('Play money');
    act(() => socket.sendFill(paperFill({ side: 'sell', size: '0.2500', price: '64100.00', liquidity: 'maker' })));
    expect(status.textContent).toBe('Filled: sold 0.2500 BTC-USD at 64,100.00');
    expect(status.getAttribute('role')).toBe('status');
    act(() => vi.advanceTimersByTime(6_000));
    expect(status.textContent).toBe('Play money');
  });

  it('says so while the account is not there yet', () => {
    const market = testMarket();
    renderWithPaper(<TradePanel />, market.store, testPaper().paper);
    expect(screen.getByTestId('paper-waiting').textContent).toBe('Opening your paper account…');
    expect(screen.getByTestId('paper-status').textContent).toBe('Connecting…');
  });
});

describe('the viewer’s own trades in the tape', () => {
  it('are marked, with “your trade” for a screen reader, and no other trade is', () => {
    const market = testMarket();
    market.store.applySnapshot(
      snapshot(BTC.symbol, {
        seq: 0,
        trades: [trade(1, 6_400_000, 3_000, BUY, T0 + 1_000), trade(2, 6_400_000, 3_000, SELL, T0 + 1_001)],
      }),
    );
    const { paper } = testPaper(ACCOUNT);
    renderWithPaper(<TradeTape />, market.store, paper);
    nextFrame(market.frames);
    const rows = screen.getAllByTestId('trade-row');
    expect(rows.map((r) => r.dataset.own === 'true')).toEqual([false, true]);
    expect(rows[1]?.textContent).toContain('your trade');
    expect(within(rows[1] as HTMLElement).getByTestId('own-trade').title).toBe('Your trade');
  });
});
