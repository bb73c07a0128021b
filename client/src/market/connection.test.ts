import { MAX_SYMBOLS_PER_REQUEST } from '@tickline/shared';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { connectMarket } from './connection.ts';
import type { MarketSocket, MarketSocketPort } from './market-socket.ts';
import { answer, connectedMarket } from '../test-support/connected-market.ts';
import { FakeSocket } from '../test-support/fake-socket.ts';
import { AAPL, BTC, EURUSD, snapshot, testMarket, ticker, update } from '../test-support/fixtures.ts';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Connected, subscribed, and every symbol at seq 10. */
function liveMarket() {
  const market = connectedMarket();
  market.socket.acceptConnection();
  answer(market.socket.lastSubscribe(), 10);
  return market;
}

describe('connectMarket', () => {
  it('a real Socket.IO client socket fits the port the connection uses', () => {
    expectTypeOf<MarketSocket>().toExtend<MarketSocketPort>();
  });

  it('subscribes to every symbol on the first connect and goes live once the snapshots are applied', () => {
    const { store, socket } = connectedMarket();
    expect(socket.subscribes).toHaveLength(0);
    socket.acceptConnection();
    expect(socket.lastSubscribe().symbols).toEqual(['BTC-USD', 'EUR/USD', 'AAPL']);
    expect(socket.resyncs).toHaveLength(0);
    expect(store.getStatus()).toBe('connecting');

    answer(socket.lastSubscribe(), 10);
    expect(store.getStatus()).toBe('live');
    for (const symbol of store.symbols) {
      expect(store.replica(symbol).seq).toBe(10);
      expect(store.isLive(symbol)).toBe(true);
    }
  });

  it('applies market updates through the replicas', () => {
    const { store, socket } = liveMarket();
    socket.send(update(BTC.symbol, 11, { ticker: ticker(105, 100) }));
    expect(store.replica(BTC.symbol).ticker.last).toBe(105);
    expect(store.getUpdateCount()).toBe(1);
    expect(store.symbolDiagnostics(BTC.symbol).updates).toBe(1);
  });

  it('a disconnect says reconnecting at once and marks every price stale', () => {
    const { store, socket, frames } = liveMarket();
    frames.flush();

    socket.dropConnection();
    expect(store.getStatus()).toBe('reconnecting');
    expect(frames.pending).toBe(1);
    for (const symbol of store.symbols) {
      expect(store.freshness(symbol)).toBe('disconnected');
      expect(store.isLive(symbol)).toBe(false);
    }
    socket.refuseConnection();
    expect(store.getStatus()).toBe('reconnecting');
  });

  it('every later connect resyncs every symbol with reason reconnect, and the page is live again', () => {
    const { store, socket } = liveMarket();
    socket.dropConnection();
    socket.acceptConnection();

    expect(socket.subscribes).toHaveLength(1);
    const resync = socket.lastResync();
    expect(resync.reason).toBe('reconnect');
    expect(resync.symbols).toEqual(store.symbols);
    expect(store.getStatus()).toBe('reconnecting');

    // The server may have restarted: its new snapshots win, whatever sequence numbers we had.
    answer(resync, 3);
    expect(store.getStatus()).toBe('live');
    expect(store.replica(BTC.symbol).seq).toBe(3);
    expect(store.isLive(AAPL.symbol)).toBe(true);
    expect(store.diagnostics().connection).toMatchObject({ connects: 2, reconnects: 1, disconnects: 1 });
    expect(store.symbolDiagnostics(EURUSD.symbol).resyncs.reconnect).toBe(1);
  });

  it('after a reconnect, no update is applied on top of the old state before the new snapshot arrives', () => {
    const { store, socket } = liveMarket();
    socket.dropConnection();
    socket.acceptConnection();
    // A restarted server's update 11 would otherwise land on our seq 10 book from the previous server.
    socket.send(update(BTC.symbol, 11, { ticker: ticker(999, 100) }));
    expect(store.replica(BTC.symbol).ticker.last).not.toBe(999);
    answer(socket.lastResync(), 20);
    socket.send(update(BTC.symbol, 21, { ticker: ticker(105, 100) }));
    expect(store.replica(BTC.symbol).ticker.last).toBe(105);
  });

  it('stays connecting while the first connection attempts fail, and goes offline when the socket gives up', () => {
    const { store, socket } = connectedMarket();
    socket.refuseConnection();
    expect(store.getStatus()).toBe('connecting');
    socket.refuseConnection(true);
    expect(store.getStatus()).toBe('offline');
  });

  it('reports a refused subscription and does not claim to be live', () => {
    const { store, socket, onError } = connectedMarket();
    socket.acceptConnection();
    socket.lastSubscribe().ack({ ok: false, error: { code: 'unknown_symbol', message: 'no such symbol' } });
    expect(onError).toHaveBeenCalledWith(expect.stringContaining('unknown_symbol'));
    expect(store.getStatus()).toBe('connecting');
    vi.advanceTimersByTime(60_000);
    expect(socket.resyncs).toHaveLength(0);
  });

  it('retries an unanswered subscribe as a resync with reason timeout, after a backoff', () => {
    const backoff = { baseMs: 1000, maxMs: 8000 };
    const { store, socket } = connectedMarket(undefined, { ackTimeoutMs: 5000, backoff });
    socket.acceptConnection();
    vi.advanceTimersByTime(5000);
    expect(socket.resyncs).toHaveLength(0);

    // The first retry waits 0.75 × 1 s with the jitter pinned to the middle.
    vi.advanceTimersByTime(750);
    expect(socket.lastResync()).toMatchObject({ reason: 'timeout', symbols: store.symbols });
    answer(socket.lastResync());
    expect(store.getStatus()).toBe('live');
  });

  it('splits a long symbol list into requests the server accepts', () => {
    const specs = Array.from({ length: MAX_SYMBOLS_PER_REQUEST + 5 }, (_, i) => ({ ...BTC, symbol: `S${i}` }));
    const { store, socket } = connectedMarket(specs);
    socket.acceptConnection();
    expect(socket.subscribes.map((s) => s.symbols.length)).toEqual([MAX_SYMBOLS_PER_REQUEST, 5]);

    const [first, second] = socket.subscribes;
    first?.ack({ ok: true, snapshots: [] });
    expect(store.getStatus()).toBe('connecting');
    second?.ack({ ok: true, snapshots: [] });
    expect(store.getStatus()).toBe('live');
  });

  it('subscribes at once when handed a socket that is already connected', () => {
    const market = testMarket();
    const socket = new FakeSocket();
    socket.acceptConnection();
    connectMarket(market.store, socket);
    expect(socket.subscribes).toHaveLength(1);
  });

  it('after close it disconnects, shows offline and ignores late answers, updates and timers', () => {
    const { store, socket, connection } = connectedMarket();
    socket.failAcksOnDisconnect = false;
    socket.acceptConnection();
    const pending = socket.lastSubscribe();
    const pings = socket.pings.length;

    connection.close();
    expect(socket.connected).toBe(false);
    expect(store.getStatus()).toBe('offline');

    pending.ack({ ok: true, snapshots: [snapshot(BTC.symbol)] });
    socket.send(update(BTC.symbol, 11));
    vi.advanceTimersByTime(60_000);
    expect(store.replica(BTC.symbol).seq).toBe(-1);
    expect(store.getUpdateCount()).toBe(0);
    expect(socket.pings).toHaveLength(pings);
    expect(socket.resyncs).toHaveLength(0);
  });
});
