import { ASK, BID } from '@tickline/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answer, connectedMarket, settle } from '../test-support/connected-market.ts';
import {
  AAPL,
  book,
  BTC,
  checksumOf,
  EURUSD,
  level,
  okAck,
  snapshot,
  ticker,
  update,
} from '../test-support/fixtures.ts';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

const BOOK = book([[100, 5]], [[101, 7]]);
const BACKOFF = { baseMs: 1000, maxMs: 4000 };

/** Connected, subscribed, every symbol at seq 10 with BOOK. */
function liveMarket() {
  const market = connectedMarket(undefined, { ackTimeoutMs: 5000, backoff: BACKOFF });
  market.socket.acceptConnection();
  answer(market.socket.lastSubscribe(), 10, { book: BOOK });
  return market;
}

describe('resync requests', () => {
  it('a gap asks for a fresh snapshot of that one symbol with reason gap, and only once', async () => {
    const { store, socket } = liveMarket();
    socket.send(update(BTC.symbol, 13));
    socket.send(update(BTC.symbol, 14));
    await settle();

    expect(socket.resyncs).toHaveLength(1);
    expect(socket.lastResync()).toMatchObject({ symbols: [BTC.symbol], reason: 'gap' });
    expect(socket.subscribes).toHaveLength(1);
    expect(store.isResyncing(BTC.symbol)).toBe(true);
    expect(store.freshness(BTC.symbol)).toBe('resyncing');
    expect(store.symbolDiagnostics(BTC.symbol)).toMatchObject({ gaps: 1, resyncs: { gap: 1 }, resyncTotal: 1 });

    // The other symbols are not disturbed: still live, still in sequence.
    socket.send(update(EURUSD.symbol, 11, { ticker: ticker(110) }));
    expect(store.replica(EURUSD.symbol).ticker.last).toBe(110);
    expect(store.isLive(EURUSD.symbol)).toBe(true);
    expect(store.getStatus()).toBe('live');

    answer(socket.lastResync(), 14, { book: BOOK });
    expect(store.isLive(BTC.symbol)).toBe(true);
    socket.send(update(BTC.symbol, 15, { ticker: ticker(120) }));
    expect(store.replica(BTC.symbol).ticker.last).toBe(120);
  });

  it('a book update whose checksum differs from ours asks for a snapshot with reason checksum', async () => {
    const { store, socket } = liveMarket();
    const after = book([[100, 5]], [[101, 9]]);
    socket.send(update(BTC.symbol, 11, { book: [level(ASK, 101, 9)], checksum: checksumOf(BTC.symbol, after) }));
    expect(store.isLive(BTC.symbol)).toBe(true);

    // The server's book has a bid we never heard of: our checksum cannot match its.
    const serverBook = book(
      [
        [100, 5],
        [99, 1],
      ],
      [[101, 9]],
    );
    socket.send(update(BTC.symbol, 12, { book: [level(BID, 100, 5)], checksum: checksumOf(BTC.symbol, serverBook) }));
    await settle();

    expect(socket.lastResync()).toMatchObject({ symbols: [BTC.symbol], reason: 'checksum' });
    expect(store.symbolDiagnostics(BTC.symbol)).toMatchObject({ mismatches: 1, synced: false });
    expect(store.symbolDiagnostics(BTC.symbol).resyncs.checksum).toBe(1);
    answer(socket.lastResync(), 12, { book: serverBook });
    expect(store.isLive(BTC.symbol)).toBe(true);
    expect(store.replica(BTC.symbol).book.bestBid()).toEqual([100, 5]);
  });

  it('a snapshot that fails its own checksum is asked for again, with reason checksum, after a backoff', async () => {
    const { store, socket } = liveMarket();
    socket.send(update(BTC.symbol, 20));
    await settle();
    answer(socket.lastResync(), 20, { book: BOOK, checksum: 12345 });

    expect(store.symbolDiagnostics(BTC.symbol)).toMatchObject({ mismatches: 1, synced: false });
    expect(socket.resyncs).toHaveLength(1);
    vi.advanceTimersByTime(750);
    await settle();
    expect(socket.lastResync()).toMatchObject({ symbols: [BTC.symbol], reason: 'checksum' });
    answer(socket.lastResync(), 21, { book: BOOK });
    expect(store.isLive(BTC.symbol)).toBe(true);
  });

  it('gaps in several symbols in the same tick go out as one request', async () => {
    const { socket } = liveMarket();
    socket.send(update(BTC.symbol, 12));
    socket.send(update(AAPL.symbol, 15));
    await settle();
    expect(socket.resyncs).toHaveLength(1);
    expect(socket.lastResync()).toMatchObject({ symbols: [BTC.symbol, AAPL.symbol], reason: 'gap' });
  });

  it('an unanswered resync is retried with reason timeout, backing off exponentially up to the cap', async () => {
    const { store, socket } = liveMarket();
    socket.send(update(BTC.symbol, 12));
    await settle();

    // Each retry waits for its ack timeout, then 0.75 × min(4 s, 1 s × 2^n) with the jitter pinned to the middle.
    const sentAt: number[] = [];
    for (const wait of [5000 + 750, 5000 + 1500, 5000 + 3000, 5000 + 3000]) {
      const before = socket.resyncs.length;
      vi.advanceTimersByTime(wait - 1);
      expect(socket.resyncs).toHaveLength(before);
      vi.advanceTimersByTime(1);
      expect(socket.lastResync()).toMatchObject({ symbols: [BTC.symbol], reason: 'timeout' });
      sentAt.push(socket.resyncs.length);
    }
    expect(sentAt).toEqual([2, 3, 4, 5]);
    expect(store.symbolDiagnostics(BTC.symbol).resyncs).toMatchObject({ gap: 1, timeout: 4 });

    // An answer ends the retries.
    answer(socket.lastResync(), 12, { book: BOOK });
    vi.advanceTimersByTime(60_000);
    expect(socket.resyncs).toHaveLength(5);
    expect(store.isLive(BTC.symbol)).toBe(true);
  });

  it('an answer from before a reconnect is not applied over the newer state', async () => {
    const { store, socket } = liveMarket();
    socket.failAcksOnDisconnect = false;
    socket.send(update(BTC.symbol, 15));
    await settle();
    const stale = socket.lastResync();

    socket.dropConnection();
    socket.acceptConnection();
    answer(socket.lastResync(), 50, { book: BOOK });
    expect(store.replica(BTC.symbol).seq).toBe(50);

    answer(stale, 16, { book: book([[1, 1]], [[2, 1]]) });
    expect(store.replica(BTC.symbol).seq).toBe(50);
    expect(store.replica(BTC.symbol).book.bestBid()).toEqual([100, 5]);
    expect(store.isLive(BTC.symbol)).toBe(true);
  });

  it('a disconnect drops pending retries: the reconnect resync covers every symbol once', async () => {
    const { socket } = liveMarket();
    socket.send(update(BTC.symbol, 12));
    await settle();
    vi.advanceTimersByTime(5000);

    socket.dropConnection();
    socket.acceptConnection();
    vi.advanceTimersByTime(4999);
    expect(socket.resyncs.map((r) => r.reason)).toEqual(['gap', 'reconnect']);
  });

  it('a refusal because the server cannot answer yet is reported and asked again after a backoff', async () => {
    const { store, socket, onError } = liveMarket();
    socket.send(update(BTC.symbol, 12));
    await settle();
    socket.lastResync().ack({ ok: false, error: { code: 'unavailable', message: 'BTC-USD is loading' } });
    expect(onError).toHaveBeenCalledWith(expect.stringContaining('unavailable'));

    // 0.75 × 1 s with the jitter pinned to the middle, with the reason it had.
    vi.advanceTimersByTime(749);
    expect(socket.resyncs).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(socket.lastResync()).toMatchObject({ symbols: [BTC.symbol], reason: 'gap' });
    answer(socket.lastResync(), 12, { book: BOOK });
    expect(store.isLive(BTC.symbol)).toBe(true);
  });

  it('a rate_limited refusal is asked again no sooner than the server says', async () => {
    const { store, socket } = liveMarket();
    socket.send(update(BTC.symbol, 12));
    await settle();
    socket
      .lastResync()
      .ack({ ok: false, error: { code: 'rate_limited', message: 'too many requests', retryAfterMs: 3000 } });
    vi.advanceTimersByTime(2999); // the backoff alone would have asked after 750 ms
    expect(socket.resyncs).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(socket.lastResync()).toMatchObject({ symbols: [BTC.symbol], reason: 'gap' });
    answer(socket.lastResync(), 12, { book: BOOK });
    expect(store.isLive(BTC.symbol)).toBe(true);
  });

  it('a refusal that would be refused again is reported and not retried', async () => {
    const { socket, onError } = liveMarket();
    socket.send(update(BTC.symbol, 12));
    await settle();
    socket.lastResync().ack({ ok: false, error: { code: 'invalid_payload', message: 'bad' } });
    expect(onError).toHaveBeenCalledWith(expect.stringContaining('invalid_payload'));
    vi.advanceTimersByTime(60_000);
    expect(socket.resyncs).toHaveLength(1);
  });

  it('counts duplicates and ignores them', () => {
    const { store, socket } = liveMarket();
    socket.send(update(BTC.symbol, 9));
    socket.send(update(BTC.symbol, 10));
    expect(store.symbolDiagnostics(BTC.symbol)).toMatchObject({ duplicates: 2, updates: 0, seq: 10 });
    expect(socket.resyncs).toHaveLength(0);
  });

  it('a manual resync goes out with reason manual and leaves the symbol live meanwhile', async () => {
    const { store, socket, connection } = liveMarket();
    connection.resync(EURUSD.symbol);
    store.requestResync(EURUSD.symbol, 'manual');
    await settle();
    expect(socket.resyncs).toHaveLength(1);
    expect(socket.lastResync()).toMatchObject({ symbols: [EURUSD.symbol], reason: 'manual' });
    expect(store.isLive(EURUSD.symbol)).toBe(true);
    socket.lastResync().ack(okAck([snapshot(EURUSD.symbol, { seq: 11 })]));
    expect(store.replica(EURUSD.symbol).seq).toBe(11);
  });
});
