import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answer, connectedMarket } from '../test-support/connected-market.ts';
import { BTC, T0 } from '../test-support/fixtures.ts';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});

afterEach(() => {
  vi.useRealTimers();
});

/** Live, with pings left for the test to answer. */
function liveMarket() {
  const market = connectedMarket(undefined, { pingIntervalMs: 2000, pingTimeoutMs: 4000 });
  market.socket.autoAnswerPings = false;
  market.socket.acceptConnection();
  answer(market.socket.lastSubscribe());
  return market;
}

describe('the heartbeat', () => {
  it('pings on connect and then every interval, with the client clock', () => {
    const { socket } = liveMarket();
    expect(socket.pings.map((p) => p.clientTime)).toEqual([T0]);
    vi.advanceTimersByTime(2000);
    vi.advanceTimersByTime(2000);
    expect(socket.pings.map((p) => p.clientTime)).toEqual([T0, T0 + 2000, T0 + 4000]);
  });

  it('measures the round trip and the clock offset from the answers', () => {
    const { store, socket } = liveMarket();
    const ping = socket.lastPing();
    vi.advanceTimersByTime(80);
    // The server's clock runs 1 s ahead; it answered halfway through the 80 ms round trip.
    ping.ack({ ok: true, clientTime: ping.clientTime, serverTime: T0 + 40 + 1000 });
    expect(store.connection.rtt).toBe(80);
    expect(store.connection.clockOffset).toBe(1000);
    expect(store.diagnostics().connection).toMatchObject({ rtt: 80, clockOffset: 1000, transport: 'websocket' });
  });

  it('a ping unanswered in time shows the connection stalled and every price stale, until one is answered', () => {
    const { store, socket, frames } = liveMarket();
    socket.lastPing().ack({ ok: true, clientTime: T0, serverTime: T0 });
    frames.flush();

    vi.advanceTimersByTime(2000 + 4000);
    expect(store.getStatus()).toBe('stalled');
    expect(store.isLive(BTC.symbol)).toBe(false);
    expect(store.freshness(BTC.symbol)).toBe('disconnected');
    expect(store.diagnostics().connection.stalls).toBe(1);
    expect(frames.pending).toBe(1);

    const ping = socket.lastPing();
    ping.ack({ ok: true, clientTime: ping.clientTime, serverTime: ping.clientTime });
    expect(store.getStatus()).toBe('live');
    expect(store.isLive(BTC.symbol)).toBe(true);
  });

  it('an old ping timing out after a newer one was answered does not count as a stall', () => {
    const { store, socket } = liveMarket();
    vi.advanceTimersByTime(2000);
    const newer = socket.lastPing();
    newer.ack({ ok: true, clientTime: newer.clientTime, serverTime: newer.clientTime });
    vi.advanceTimersByTime(2000);
    expect(socket.pings[0]?.answered).toBe(true); // timed out
    expect(store.getStatus()).toBe('live');
  });

  it('stops with the connection: a disconnect neither stalls nor pings', () => {
    const { store, socket } = liveMarket();
    const pings = socket.pings.length;
    socket.dropConnection();
    vi.advanceTimersByTime(10_000);
    expect(socket.pings).toHaveLength(pings);
    expect(store.getStatus()).toBe('reconnecting');
    expect(store.diagnostics().connection.stalls).toBe(0);
  });
});
