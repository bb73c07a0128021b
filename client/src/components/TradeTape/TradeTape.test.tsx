import { BUY, SELL } from '@tickline/shared';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { AAPL, BTC, snapshot, testMarket, trade, update } from '../../test-support/fixtures.ts';
import { nextFrame, renderWithStore } from '../../test-support/render.tsx';
import { TradeTape } from './TradeTape.tsx';

const tradeRows = () => screen.queryAllByTestId('trade-row');
const cells = (row: HTMLElement | undefined) => Array.from(row?.querySelectorAll('.num') ?? [], (c) => c.textContent);
const at = (h: number, m: number, s: number, ms: number) => new Date(2025, 0, 2, h, m, s, ms).getTime();

function tapeMarket(count?: number) {
  const market = testMarket();
  market.store.applySnapshot(
    snapshot(BTC.symbol, {
      seq: 0,
      trades: [trade(1, 6_425_000, 1_000, BUY, at(9, 30, 0, 5)), trade(2, 6_424_950, 250, SELL, at(9, 30, 1, 120))],
    }),
  );
  renderWithStore(count === undefined ? <TradeTape /> : <TradeTape count={count} />, market.store);
  nextFrame(market.frames);
  return market;
}

describe('TradeTape', () => {
  it('lists trades newest first with price, size and time to the millisecond', () => {
    tapeMarket();
    expect(screen.getByTestId('trade-tape').dataset.symbol).toBe(BTC.symbol);
    expect(tradeRows().map(cells)).toEqual([
      ['64,249.50', '0.0250', '09:30:01.120'],
      ['64,250.00', '0.1000', '09:30:00.005'],
    ]);
  });

  it('marks each trade by the side that took liquidity, in words and arrows as well as colour', () => {
    tapeMarket();
    expect(tradeRows().map((r) => r.dataset.side)).toEqual(['sell', 'buy']);
    expect(tradeRows()[0]?.className).toContain('tape__row--sell');
    expect(tradeRows().map((r) => r.querySelector('.tape__side')?.textContent)).toEqual(['▼Sell', '▲Buy']);
  });

  it('greys out and badges the tape while its data is not live', () => {
    const { store, frames } = tapeMarket();
    const tape = screen.getByTestId('trade-tape');
    expect(tape.dataset.freshness).toBe('disconnected');
    expect(tape.className).toContain('trade-tape--not-live');
    expect(within(tape).getByTestId('freshness-badge').dataset.freshness).toBe('disconnected');

    store.setStatus('live');
    nextFrame(frames);
    expect(tape.dataset.freshness).toBe('live');
    expect(tape.className).not.toContain('trade-tape--not-live');
    expect(within(tape).queryByTestId('freshness-badge')).toBeNull();
  });

  it('highlights a new row and fades it out in three steps over 600 ms, leaving rows already shown alone', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const { store, frames } = tapeMarket();
      const fade = () => tradeRows().map((r) => r.getAttribute('data-fade'));
      act(() => vi.advanceTimersByTime(600));
      expect(fade()).toEqual([null, null]);

      store.applyUpdate(update(BTC.symbol, 1, { trades: [trade(3, 6_425_100, 1, BUY, at(9, 30, 2, 0))] }));
      nextFrame(frames);
      expect(fade()).toEqual(['new-3', null, null]);
      act(() => vi.advanceTimersByTime(200));
      expect(fade()).toEqual(['new-2', null, null]);
      act(() => vi.advanceTimersByTime(400));
      expect(fade()).toEqual([null, null, null]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('puts new trades on top and keeps only the newest ones', () => {
    const { store, frames } = tapeMarket(3);
    store.applyUpdate(
      update(BTC.symbol, 1, {
        trades: [trade(3, 6_425_100, 1, BUY, at(9, 30, 2, 0)), trade(4, 6_425_200, 2, BUY, at(9, 30, 3, 0))],
      }),
    );
    nextFrame(frames);
    expect(tradeRows().map((r) => r.dataset.tradeId)).toEqual(['4', '3', '2']);
    expect(cells(tradeRows()[0])[0]).toBe('64,252.00');
  });

  it('follows the selected symbol and says so when it has no trades yet', () => {
    const { store, frames } = tapeMarket();
    store.select(AAPL.symbol);
    nextFrame(frames);
    expect(screen.getByTestId('trade-tape').dataset.symbol).toBe(AAPL.symbol);
    expect(tradeRows()).toHaveLength(0);
    expect(screen.getByText('No trades yet')).toBeTruthy();
  });
});
