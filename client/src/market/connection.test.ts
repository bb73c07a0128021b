import { MAX_SYMBOLS_PER_REQUEST } from '@tickline/shared';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { connectMarket } from './connection.ts';
import type { MarketSocket, MarketSocketPort } from './market-socket.ts';
import { answer, connectedMarket, settle } from '../test-support/connected-market.ts';
import { FakeSocket } from '../test-support/fake-socket.ts';
import {
  AAPL,
  BTC,
  EURUSD,
  feedState,
  okAck,
  sidOf,
  snapshot,
  testMarket,
  ticker,
  update,
} from '../test-support/fixtures.ts';

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
    first?.ack(okAck([]));
    expect(store.getStatus()).toBe('connecting');
    second?.ack(okAck([]));
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

    pending.ack(okAck([snapshot(BTC.symbol)]));
    socket.send(update(BTC.symbol, 11));
    vi.advanceTimersByTime(60_000);
    expect(store.replica(BTC.symbol).seq).toBe(-1);
    expect(store.getUpdateCount()).toBe(0);
    expect(socket.pings).toHaveLength(pings);
    expect(socket.resyncs).toHaveLength(0);
  });
});

describe('feed:status', () => {
  /** Live as a real server makes it: connect, the feed's word (epoch 1), then the subscribe answered. */
  function liveAtEpoch1() {
    const market = connectedMarket();
    market.socket.acceptConnection();
    market.socket.sendFeed(feedState(1));
    answer(market.socket.lastSubscribe(), 10);
    return market;
  }

  it('the first word of the feed only records its epoch: the connect asked for everything already', async () => {
    const { store, socket } = liveAtEpoch1();
    await settle();
    expect(store.getFeed()).toEqual({ epoch: 1, stale: false });
    expect(socket.resyncs).toHaveLength(0);
    expect(store.isLive(BTC.symbol)).toBe(true);
  });

  it('a new epoch voids every replica and resyncs every symbol once, with reason epoch', async () => {
    const { store, socket } = liveAtEpoch1();
    socket.sendFeed(feedState(2));
    expect(store.getFeed().epoch).toBe(2);
    for (const symbol of store.symbols) expect(store.freshness(symbol)).toBe('resyncing');
    // The feed node restarted and numbers from 0 again: update 11 of the new epoch is not our seq 10's successor.
    socket.send(update(BTC.symbol, 11, { ticker: ticker(999) }));
    expect(store.replica(BTC.symbol).ticker.last).toBe(100);

    await settle();
    expect(socket.resyncs).toHaveLength(1);
    expect(socket.lastResync()).toMatchObject({ reason: 'epoch', symbols: store.symbols });
    expect(store.symbolDiagnostics(AAPL.symbol)).toMatchObject({ resyncs: { epoch: 1 }, resyncTotal: 1 });

    answer(socket.lastResync(), 3, { epoch: 2 });
    for (const symbol of store.symbols) expect(store.isLive(symbol)).toBe(true);
    expect(store.replica(BTC.symbol).seq).toBe(3);
  });

  it('the same epoch again changes nothing', async () => {
    const { store, socket, frames } = liveAtEpoch1();
    frames.flush();
    const version = store.getVersion();
    const feed = store.getFeed();
    socket.sendFeed(feedState(1));
    await settle();
    expect(socket.resyncs).toHaveLength(0);
    expect(store.getFeed()).toBe(feed);
    expect(store.getVersion()).toBe(version);
    expect(store.isLive(BTC.symbol)).toBe(true);
  });

  it('a reconnect into a new epoch asks for every symbol once: the reconnect resync, no second request', async () => {
    const { store, socket } = liveAtEpoch1();
    socket.dropConnection();
    socket.acceptConnection();
    socket.sendFeed(feedState(2));
    await settle();
    // Not now, and not after a backoff either (short of the ack timeout, which would retry as 'timeout').
    vi.advanceTimersByTime(4000);
    await settle();
    expect(socket.resyncs.map((r) => r.reason)).toEqual(['reconnect']);
    expect(store.symbolDiagnostics(BTC.symbol).resyncs).toMatchObject({ reconnect: 1, epoch: 0 });

    answer(socket.lastResync(), 3, { epoch: 2 });
    expect(store.getStatus()).toBe('live');
    expect(store.isLive(EURUSD.symbol)).toBe(true);
  });

  it('after a new epoch, an update is not decoded under the symbol its stream id named before', async () => {
    const { store, socket } = liveAtEpoch1();
    const oldBtcSid = sidOf(BTC.symbol);
    socket.sendFeed(feedState(2));
    await settle();
    // The new epoch numbers BTC 7, and gives BTC's old id to AAPL, whose snapshot has not come yet.
    socket.lastResync().ack(okAck([snapshot(BTC.symbol, { epoch: 2, sid: 7, seq: 10, ticker: ticker(100) })], 2));
    expect(store.isLive(BTC.symbol)).toBe(true);

    socket.send(update(AAPL.symbol, 11, { ticker: ticker(555) }), oldBtcSid);
    expect(store.replica(BTC.symbol)).toMatchObject({ seq: 10, ticker: { last: 100 } });
    expect(store.getUpdateCount()).toBe(0);
    socket.send(update(BTC.symbol, 11, { ticker: ticker(101) }), 7);
    expect(store.replica(BTC.symbol).ticker.last).toBe(101);
  });

  it('an answer in another epoch than the server announced is not applied, and is asked for again', async () => {
    const backoff = { baseMs: 1000, maxMs: 8000 };
    const { store, socket } = connectedMarket(undefined, { backoff });
    socket.acceptConnection();
    socket.sendFeed(feedState(2));
    // Snapshots of the feed's previous run: their sequence numbers mean nothing in epoch 2.
    answer(socket.lastSubscribe(), 50, { epoch: 1 });
    expect(store.replica(BTC.symbol).seq).toBe(-1);
    expect(store.getStatus()).toBe('connecting');

    vi.advanceTimersByTime(750);
    expect(socket.lastResync()).toMatchObject({ reason: 'epoch', symbols: store.symbols });
    answer(socket.lastResync(), 3, { epoch: 2 });
    expect(store.getStatus()).toBe('live');
    expect(store.replica(BTC.symbol).seq).toBe(3);
  });

  it('a stale feed makes every price stale, never live, until the feed is live again', () => {
    const { store, socket, frames } = liveAtEpoch1();
    frames.flush();
    socket.sendFeed(feedState(1, 'stale'));
    expect(frames.pending).toBe(1);
    expect(store.getFeed()).toEqual({ epoch: 1, stale: true });
    for (const symbol of store.symbols) {
      expect(store.freshness(symbol)).toBe('stale');
      expect(store.isLive(symbol)).toBe(false);
    }
    // Updates still apply: they are the last known numbers, shown as such.
    socket.send(update(BTC.symbol, 11, { ticker: ticker(105) }));
    expect(store.replica(BTC.symbol).ticker.last).toBe(105);
    expect(socket.resyncs).toHaveLength(0);

    socket.sendFeed(feedState(1, 'live'));
    for (const symbol of store.symbols) expect(store.isLive(symbol)).toBe(true);
  });

  it('is ignored after close', async () => {
    const { store, socket, connection } = liveAtEpoch1();
    connection.close();
    socket.sendFeed(feedState(2, 'stale'));
    await settle();
    expect(store.getFeed()).toEqual({ epoch: 1, stale: false });
    expect(store.replica(BTC.symbol).synced).toBe(true);
  });
});

describe('server:shutdown', () => {
  it('a server shutting down: the client reconnects after a random 0-500 ms instead of a backoff, and resyncs', () => {
    const { store, socket } = liveMarket(); // jitter pinned to 0.5: 250 ms
    socket.sendAway();
    expect(store.getStatus()).toBe('reconnecting');
    expect(store.isLive(BTC.symbol)).toBe(false);
    vi.advanceTimersByTime(249);
    expect(socket.connectCalls).toBe(0);
    vi.advanceTimersByTime(1);
    expect(socket.connectCalls).toBe(1);

    socket.acceptConnection();
    expect(socket.lastResync()).toMatchObject({ reason: 'reconnect', symbols: store.symbols });
    answer(socket.lastResync(), 3);
    expect(store.getStatus()).toBe('live');
  });

  it('the jitter never exceeds 500 ms', () => {
    const { socket } = connectedMarket(undefined, { random: () => 0.9999 });
    socket.acceptConnection();
    socket.sendAway();
    vi.advanceTimersByTime(450);
    expect(socket.connectCalls).toBe(0);
    vi.advanceTimersByTime(50);
    expect(socket.connectCalls).toBe(1);
  });

  it('a server-side disconnect without the notice is treated the same way', () => {
    const { store, socket } = liveMarket();
    socket.sendAway({ notice: false });
    expect(store.getStatus()).toBe('reconnecting');
    vi.advanceTimersByTime(500);
    expect(socket.connectCalls).toBe(1);
  });

  it("the notice then a lost transport: the socket's own backoff is cut short by a fresh connection", () => {
    const { socket } = liveMarket();
    socket.sendShutdownNotice();
    socket.dropConnection(); // the transport closed before the server's disconnect arrived; the socket is retrying
    expect(socket.active).toBe(true);
    vi.advanceTimersByTime(500);
    expect(socket.connectCalls).toBe(1);
    socket.acceptConnection();
    expect(socket.lastResync().reason).toBe('reconnect');
  });

  it("an ordinary lost connection is left to Socket.IO's own reconnection", () => {
    const { socket } = liveMarket();
    socket.dropConnection();
    vi.advanceTimersByTime(5000);
    expect(socket.connectCalls).toBe(0);
  });

  it('does not reconnect once closed', () => {
    const { socket, connection, store } = liveMarket();
    socket.sendAway();
    connection.close();
    vi.advanceTimersByTime(1000);
    expect(socket.connectCalls).toBe(0);
    expect(store.getStatus()).toBe('offline');
  });
});
