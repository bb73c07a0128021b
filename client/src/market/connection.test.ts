import { MAX_SYMBOLS_PER_REQUEST, type SymbolSpec } from '@tickline/shared';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { connectMarket, type MarketSocket, type MarketSocketPort } from './connection.ts';
import { FakeSocket } from '../test-support/fake-socket.ts';
import { BTC, snapshot, SPECS, testMarket, ticker, update } from '../test-support/fixtures.ts';

function setup(specs: readonly SymbolSpec[] = SPECS) {
  const market = testMarket(specs);
  const socket = new FakeSocket();
  const onError = vi.fn();
  const connection = connectMarket(market.store, socket, { onError });
  return { ...market, socket, connection, onError };
}

/** Answers the newest subscribe with a snapshot at `seq` for each symbol it named. */
function answerSubscribe(socket: FakeSocket, seq = 10): void {
  const request = socket.lastSubscribe();
  request.ack({ ok: true, snapshots: request.symbols.map((s) => snapshot(s, { seq, ticker: ticker(100) })) });
}

describe('connectMarket', () => {
  it('a real Socket.IO client socket fits the port the connection uses', () => {
    expectTypeOf<MarketSocket>().toExtend<MarketSocketPort>();
  });

  it('subscribes to every symbol on connect and goes live once the snapshots are applied', () => {
    const { store, socket } = setup();
    expect(socket.subscribes).toHaveLength(0);
    socket.acceptConnection();
    expect(socket.lastSubscribe().symbols).toEqual(['BTC-USD', 'EUR/USD', 'AAPL']);
    expect(store.getStatus()).toBe('connecting');

    answerSubscribe(socket, 10);
    expect(store.getStatus()).toBe('live');
    for (const symbol of store.symbols) expect(store.replica(symbol).seq).toBe(10);
  });

  it('applies market updates through the replicas', () => {
    const { store, socket } = setup();
    socket.acceptConnection();
    answerSubscribe(socket, 10);
    socket.send(update(BTC.symbol, 11, { ticker: ticker(105, 100) }));
    expect(store.replica(BTC.symbol).ticker.last).toBe(105);
    expect(store.getUpdateCount()).toBe(1);
  });

  it('a gap asks for a fresh snapshot of that one symbol, and the answer puts it back in sequence', () => {
    const { store, socket } = setup();
    socket.acceptConnection();
    answerSubscribe(socket, 10);

    socket.send(update(BTC.symbol, 13));
    expect(socket.subscribes).toHaveLength(2);
    expect(socket.lastSubscribe().symbols).toEqual([BTC.symbol]);
    expect(store.isResyncing(BTC.symbol)).toBe(true);

    socket.send(update(BTC.symbol, 14));
    expect(socket.subscribes).toHaveLength(2);

    answerSubscribe(socket, 14);
    expect(store.isResyncing(BTC.symbol)).toBe(false);
    socket.send(update(BTC.symbol, 15, { ticker: ticker(120) }));
    expect(store.replica(BTC.symbol).ticker.last).toBe(120);
  });

  it('shows reconnecting while the transport is down and subscribes afresh on every reconnect', () => {
    const { store, socket } = setup();
    socket.acceptConnection();
    answerSubscribe(socket, 10);

    socket.dropConnection();
    expect(store.getStatus()).toBe('reconnecting');
    socket.refuseConnection();
    expect(store.getStatus()).toBe('reconnecting');

    socket.acceptConnection();
    expect(socket.subscribes).toHaveLength(2);
    expect(socket.lastSubscribe().symbols).toEqual(store.symbols);
    // The server may have restarted: its new snapshots win, whatever sequence numbers we had.
    answerSubscribe(socket, 3);
    expect(store.getStatus()).toBe('live');
    expect(store.replica(BTC.symbol).seq).toBe(3);
  });

  it('stays connecting while the first connection attempts fail, and goes offline when the socket gives up', () => {
    const { store, socket } = setup();
    socket.refuseConnection();
    expect(store.getStatus()).toBe('connecting');
    socket.refuseConnection(true);
    expect(store.getStatus()).toBe('offline');
  });

  it('reports a refused subscription and does not claim to be live', () => {
    const { store, socket, onError } = setup();
    socket.acceptConnection();
    socket.lastSubscribe().ack({ ok: false, error: { code: 'unknown_symbol', message: 'no such symbol' } });
    expect(onError).toHaveBeenCalledWith(expect.stringContaining('unknown_symbol'));
    expect(store.getStatus()).toBe('connecting');
  });

  it('splits a long symbol list into requests the server accepts', () => {
    const specs = Array.from({ length: MAX_SYMBOLS_PER_REQUEST + 5 }, (_, i) => ({ ...BTC, symbol: `S${i}` }));
    const { store, socket } = setup(specs);
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

  it('after close it disconnects, shows offline and ignores late answers and updates', () => {
    const { store, socket, connection } = setup();
    socket.acceptConnection();
    const pending = socket.lastSubscribe();

    connection.close();
    expect(socket.connected).toBe(false);
    expect(store.getStatus()).toBe('offline');

    pending.ack({ ok: true, snapshots: [snapshot(BTC.symbol)] });
    socket.send(update(BTC.symbol, 11));
    expect(store.replica(BTC.symbol).seq).toBe(-1);
    expect(store.getUpdateCount()).toBe(0);
  });
});
