import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BTC, snapshot, testMarket, update } from '../../test-support/fixtures.ts';
import { nextFrame, renderWithStore } from '../../test-support/render.tsx';
import { formatTimeMs } from '../format.ts';
import { StatusBar } from './StatusBar.tsx';

afterEach(() => {
  vi.useRealTimers();
});

describe('StatusBar', () => {
  it('shows the connection status as text and as data-status', () => {
    const { store, frames } = testMarket();
    renderWithStore(<StatusBar />, store);
    const status = screen.getByTestId('connection-status');
    expect(status.dataset.status).toBe('connecting');

    store.setStatus('live');
    nextFrame(frames);
    expect(status.dataset.status).toBe('live');
    expect(status.textContent).toBe('Live');
    expect(status.querySelector('.status-dot--live')).not.toBeNull();
  });

  it('counts updates per second and shows the server time of the newest one', () => {
    vi.useFakeTimers();
    const { store, frames } = testMarket();
    store.applySnapshot(snapshot(BTC.symbol, { seq: 0 }));
    renderWithStore(<StatusBar />, store);
    expect(screen.getByTestId('symbol-count').textContent).toBe('3');

    for (let seq = 1; seq <= 25; seq++) store.applyUpdate(update(BTC.symbol, seq));
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    nextFrame(frames);
    expect(screen.getByTestId('update-rate').textContent).toBe('25');
    expect(screen.getByTestId('last-update').textContent).toBe(formatTimeMs(update(BTC.symbol, 25).time));
  });
});
