import { act, fireEvent, screen, within } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BTC, EURUSD, feedState, snapshot, T0, testMarket, update } from '../../test-support/fixtures.ts';
import { nextFrame, renderWithStore } from '../../test-support/render.tsx';
import { useNow } from '../../hooks/useNow.ts';
import { formatTimeMs } from '../format.ts';
import { StatusBar } from './StatusBar.tsx';

afterEach(() => {
  vi.useRealTimers();
});

/** Any view of the once-a-second clock. */
function Ticking() {
  useNow();
  return null;
}

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

  it('says the feed is stale while the server hears nothing from it, and only while connected', () => {
    const { store, frames } = testMarket();
    store.setStatus('live');
    store.setFeed(feedState(1));
    renderWithStore(<StatusBar />, store);
    expect(screen.queryByTestId('feed-status')).toBeNull();

    store.setFeed(feedState(1, 'stale'));
    nextFrame(frames);
    const feed = screen.getByTestId('feed-status');
    expect(feed.dataset.status).toBe('stale');
    expect(feed.textContent).toBe('Feed stale');
    // The connection to the server itself is still live, and says so.
    expect(screen.getByTestId('connection-status').dataset.status).toBe('live');

    store.setStatus('reconnecting');
    nextFrame(frames);
    expect(screen.queryByTestId('feed-status')).toBeNull();
    store.setStatus('live');
    store.setFeed(feedState(1, 'live'));
    nextFrame(frames);
    expect(screen.queryByTestId('feed-status')).toBeNull();
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

  it('moves the update rate and the data age in one commit a second, not one each', () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    const { store, frames } = testMarket();
    store.setStatus('live');
    store.applySnapshot(snapshot(BTC.symbol, { seq: 0, time: T0 }));
    // The page's one-second clock already runs when the status bar mounts (the header's badge reads it too).
    renderWithStore(<Ticking />, store);
    act(() => {
      vi.advanceTimersByTime(400);
    });
    let commits = 0;
    renderWithStore(
      <Profiler id="status" onRender={() => commits++}>
        <StatusBar />
      </Profiler>,
      store,
    );
    nextFrame(frames);
    for (let seq = 1; seq <= 10; seq++) store.applyUpdate(update(BTC.symbol, seq, { time: T0 }));
    nextFrame(frames);
    // A second in steps, each a task of its own as in a browser: every timer that sets state costs a commit.
    commits = 0;
    for (let ms = 0; ms < 1000; ms += 50) {
      act(() => {
        vi.advanceTimersByTime(50);
      });
    }
    expect(commits).toBe(1);
    expect(screen.getByTestId('update-rate').textContent).toBe('10');
    expect(screen.getByTestId('data-age').textContent).toBe('1.0s');
  });

  it('says stalled when the heartbeat goes unanswered on a live connection', () => {
    const { store, frames } = testMarket();
    store.setStatus('live');
    renderWithStore(<StatusBar />, store);
    store.connection.setStalled(true);
    nextFrame(frames);
    expect(screen.getByTestId('connection-status').dataset.status).toBe('stalled');
    expect(screen.getByTestId('connection-status').textContent).toBe('Stalled');
  });

  it('shows the round trip, and the age of the data in server time', () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    const { store, frames } = testMarket();
    store.setStatus('live');
    renderWithStore(<StatusBar />, store);
    expect(screen.getByTestId('rtt').textContent).toBe('—');
    expect(screen.getByTestId('data-age').textContent).toBe('—');

    // The server's clock is 2 s ahead of ours; its newest update is stamped 1.7 s after our now.
    store.connection.ping({ rtt: 42, offset: 2000 }, 'websocket');
    store.applySnapshot(snapshot(BTC.symbol, { seq: 0, time: T0 + 1700 }));
    nextFrame(frames);
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByTestId('rtt').textContent).toBe('42 ms');
    expect(screen.getByTestId('data-age').textContent).toBe('1.3s');

    act(() => {
      vi.advanceTimersByTime(14_000);
    });
    expect(screen.getByTestId('data-age').textContent).toBe('15s');

    store.setStatus('reconnecting');
    nextFrame(frames);
    expect(screen.getByTestId('rtt').textContent).toBe('—');
  });

  it('opens a diagnostics panel with the counters of every symbol and of the connection', () => {
    const { store, frames } = testMarket();
    renderWithStore(<StatusBar />, store);
    expect(screen.queryByTestId('diagnostics')).toBeNull();

    store.applySnapshot(snapshot(BTC.symbol, { seq: 1 }));
    store.applyUpdate(update(BTC.symbol, 4));
    store.applySnapshot(snapshot(EURUSD.symbol, { seq: 1, checksum: 7 }));
    store.recordResync([BTC.symbol], 'gap');
    store.recordResync([BTC.symbol, EURUSD.symbol], 'timeout');
    store.connection.ping({ rtt: 30, offset: -12 }, 'websocket');
    fireEvent.click(screen.getByTestId('diagnostics-toggle'));
    nextFrame(frames);

    const panel = screen.getByTestId('diagnostics');
    const row = (symbol: string) => {
      const found = within(panel)
        .getAllByTestId('diagnostics-row')
        .find((r) => r.dataset.symbol === symbol);
      if (!found) throw new Error(`no diagnostics row for ${symbol}`);
      return within(found);
    };
    expect(within(panel).getAllByTestId('diagnostics-row')).toHaveLength(3);
    expect(row(BTC.symbol).getByTestId('diag-gaps').textContent).toBe('1');
    expect(row(BTC.symbol).getByTestId('diag-resyncs').textContent).toBe('2');
    expect(row(BTC.symbol).getByTestId('diag-resyncs').title).toContain('gap 1');
    expect(row(EURUSD.symbol).getByTestId('diag-mismatches').textContent).toBe('1');
    expect(row(EURUSD.symbol).getByTestId('diag-resyncs').textContent).toBe('1');
    expect(within(panel).getByTestId('diagnostics-connection').textContent).toContain('websocket');
    expect(within(panel).getByTestId('diagnostics-connection').textContent).toContain('-12 ms');

    fireEvent.click(screen.getByTestId('diagnostics-toggle'));
    expect(screen.queryByTestId('diagnostics')).toBeNull();
  });

  it('shows the epoch and status of the feed in the diagnostics panel, nothing before the server said', () => {
    const { store, frames } = testMarket();
    renderWithStore(<StatusBar />, store);
    fireEvent.click(screen.getByTestId('diagnostics-toggle'));
    expect(screen.getByTestId('diag-epoch').textContent).toBe('—');
    expect(screen.getByTestId('diag-feed').textContent).toBe('—');

    store.setFeed(feedState(7));
    nextFrame(frames);
    expect(screen.getByTestId('diag-epoch').textContent).toBe('7');
    expect(screen.getByTestId('diag-feed').textContent).toBe('live');

    store.setFeed(feedState(8, 'stale'));
    nextFrame(frames);
    expect(screen.getByTestId('diag-epoch').textContent).toBe('8');
    expect(screen.getByTestId('diag-feed').textContent).toBe('stale');
  });

  it('asks for a manual resync of one symbol from the diagnostics panel', () => {
    const { store } = testMarket();
    const resync = vi.fn();
    store.onResync(resync);
    renderWithStore(<StatusBar />, store);
    fireEvent.click(screen.getByTestId('diagnostics-toggle'));
    const eur = screen.getAllByTestId('diagnostics-row').find((r) => r.dataset.symbol === EURUSD.symbol);
    fireEvent.click(within(eur as HTMLElement).getByRole('button', { name: 'Resync' }));
    expect(resync).toHaveBeenCalledExactlyOnceWith(EURUSD.symbol, 'manual');
  });

  it('closes the diagnostics panel on Esc, focus back on its toggle, and on a click outside it', () => {
    const { store } = testMarket();
    renderWithStore(<StatusBar />, store);
    const toggle = screen.getByTestId('diagnostics-toggle');
    fireEvent.click(toggle);
    fireEvent.pointerDown(screen.getByTestId('diagnostics'));
    expect(screen.queryByTestId('diagnostics')).not.toBeNull();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByTestId('diagnostics')).toBeNull();
    expect(document.activeElement).toBe(toggle);

    fireEvent.click(toggle);
    fireEvent.pointerDown(document.body);
    expect(screen.queryByTestId('diagnostics')).toBeNull();
  });
});
