import { ASK, BID, BUY, encodeUpdate, SELL } from '@tickline/shared';
import { describe, expect, it, vi } from 'vitest';
import { MarketStore } from './store.ts';
import {
  AAPL,
  BTC,
  book,
  candle,
  checksumOf,
  EURUSD,
  feedState,
  level,
  snapshot,
  T0,
  testMarket,
  ticker,
  trade,
  update,
} from '../test-support/fixtures.ts';

describe('MarketStore', () => {
  it('starts connecting, with the first symbol selected', () => {
    const { store } = testMarket();
    expect(store.getStatus()).toBe('connecting');
    expect(store.getSelected()).toBe(BTC.symbol);
    expect(store.symbols).toEqual(['BTC-USD', 'EUR/USD', 'AAPL']);
  });

  it('refuses to be built without symbols', () => {
    expect(() => new MarketStore([])).toThrow(RangeError);
  });

  it('a snapshot replaces the book, trades, candles and ticker, then updates in sequence apply on top', () => {
    const { store } = testMarket();
    store.applySnapshot(
      snapshot(BTC.symbol, {
        seq: 5,
        book: book([[100, 3]], [[101, 4]]),
        trades: [trade(1, 100, 2, BUY)],
        candles: [candle(T0, 100, 100, 100, 100, 2)],
        ticker: ticker(100),
      }),
    );
    const replica = store.replica(BTC.symbol);
    expect(replica.book.bestBid()).toEqual([100, 3]);
    expect(replica.trades.size).toBe(1);

    expect(
      store.applyUpdate(update(BTC.symbol, 6, { book: [level(ASK, 101, 0)], trades: [trade(2, 99, 1, SELL)] })),
    ).toBe('applied');
    expect(store.applyUpdate(update(BTC.symbol, 7, { ticker: ticker(99, 100) }))).toBe('applied');
    expect(replica.book.bestAsk()).toBeUndefined();
    expect(replica.trades.last()?.[0]).toBe(2);
    expect(replica.ticker.last).toBe(99);
    expect(store.getUpdateCount()).toBe(2);
    expect(store.getLastUpdateTime()).toBe(T0 + 7);
  });

  it('a burst of 100 updates between frames notifies listeners once, in the next frame', () => {
    const { store, frames } = testMarket();
    store.applySnapshot(snapshot(BTC.symbol, { seq: 0, ticker: ticker(100) }));
    frames.flush();
    const listener = vi.fn();
    store.subscribe(listener);

    for (let seq = 1; seq <= 100; seq++) store.applyUpdate(update(BTC.symbol, seq, { ticker: ticker(100 + seq) }));
    expect(listener).not.toHaveBeenCalled();
    expect(frames.pending).toBe(1);

    frames.flush();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.replica(BTC.symbol).ticker.last).toBe(200);

    store.applyUpdate(update(BTC.symbol, 101, { ticker: ticker(300) }));
    frames.flush();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('a duplicate update changes nothing and schedules no frame', () => {
    const { store, frames } = testMarket();
    store.applySnapshot(snapshot(BTC.symbol, { seq: 5 }));
    frames.flush();
    const version = store.getVersion();
    expect(store.applyUpdate(update(BTC.symbol, 5))).toBe('duplicate');
    expect(store.getVersion()).toBe(version);
    expect(frames.pending).toBe(0);
  });

  it('a gap marks the symbol for resync and calls the resync handler once until a snapshot repairs it', () => {
    const { store } = testMarket();
    const resync = vi.fn();
    store.onResync(resync);
    store.applySnapshot(snapshot(BTC.symbol, { seq: 5 }));

    expect(store.applyUpdate(update(BTC.symbol, 7))).toBe('gap');
    expect(store.isResyncing(BTC.symbol)).toBe(true);
    expect(resync).toHaveBeenCalledExactlyOnceWith(BTC.symbol, 'gap');

    // Until the snapshot arrives the replica ignores the stream, so no second request goes out.
    expect(store.applyUpdate(update(BTC.symbol, 8))).toBe('unsynced');
    expect(resync).toHaveBeenCalledTimes(1);

    store.applySnapshot(snapshot(BTC.symbol, { seq: 8 }));
    expect(store.isResyncing(BTC.symbol)).toBe(false);
    expect(store.applyUpdate(update(BTC.symbol, 9))).toBe('applied');
    expect(store.isResyncing(EURUSD.symbol)).toBe(false);
  });

  it('an unregistered resync handler is not called', () => {
    const { store } = testMarket();
    const resync = vi.fn();
    store.onResync(resync)();
    store.applySnapshot(snapshot(BTC.symbol, { seq: 1 }));
    store.applyUpdate(update(BTC.symbol, 3));
    expect(resync).not.toHaveBeenCalled();
  });

  it('each change of the last price records its direction under a new sequence number', () => {
    const { store } = testMarket();
    store.applySnapshot(snapshot(BTC.symbol, { seq: 0, ticker: ticker(100) }));
    expect(store.priceMove(BTC.symbol)).toEqual({ direction: null, seq: 0 });

    store.applyUpdate(update(BTC.symbol, 1, { ticker: ticker(101) }));
    expect(store.priceMove(BTC.symbol)).toEqual({ direction: 'up', seq: 1 });
    store.applyUpdate(update(BTC.symbol, 2, { ticker: ticker(102) }));
    expect(store.priceMove(BTC.symbol)).toEqual({ direction: 'up', seq: 2 });
    store.applyUpdate(update(BTC.symbol, 3, { ticker: ticker(99) }));
    expect(store.priceMove(BTC.symbol)).toEqual({ direction: 'down', seq: 3 });

    const unchanged = store.priceMove(BTC.symbol);
    store.applyUpdate(update(BTC.symbol, 4, { ticker: { ...ticker(99), trades: 11 } }));
    expect(store.priceMove(BTC.symbol)).toBe(unchanged);
  });

  it('updates and snapshots for symbols it does not know are ignored', () => {
    const { store, frames } = testMarket();
    store.applySnapshot(snapshot('NOPE'));
    expect(store.applyUpdate(update('NOPE', 11))).toBe('unsynced');
    expect(frames.pending).toBe(0);
  });

  it('selecting a symbol notifies; selecting the same one again or an unknown one does not', () => {
    const { store, frames } = testMarket();
    const listener = vi.fn();
    store.subscribe(listener);
    store.select(EURUSD.symbol);
    frames.flush();
    expect(store.getSelected()).toBe(EURUSD.symbol);
    expect(listener).toHaveBeenCalledTimes(1);

    store.select(EURUSD.symbol);
    expect(() => store.select('NOPE')).toThrow(RangeError);
    expect(frames.pending).toBe(0);
  });

  it('a status change notifies once; repeating the status does not', () => {
    const { store, frames } = testMarket();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.setStatus('live');
    store.setStatus('live');
    frames.flush();
    expect(listener).toHaveBeenCalledTimes(1);

    unsubscribe();
    store.setStatus('offline');
    frames.flush();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getStatus()).toBe('offline');
  });

  it('checks book updates against the server checksum: a mismatch is applied, counted and resynced', () => {
    const { store } = testMarket();
    const resync = vi.fn();
    store.onResync(resync);
    store.applySnapshot(snapshot(BTC.symbol, { seq: 5, book: book([[100, 3]], [[101, 4]]) }));

    const good = checksumOf(BTC.symbol, book([[100, 3]], [[101, 6]]));
    expect(store.applyUpdate(update(BTC.symbol, 6, { book: [level(ASK, 101, 6)], checksum: good }))).toBe('applied');
    expect(store.applyUpdate(update(BTC.symbol, 7, { book: [level(BID, 99, 1)], checksum: good }))).toBe('mismatch');
    expect(resync).toHaveBeenCalledExactlyOnceWith(BTC.symbol, 'checksum');
    expect(store.isResyncing(BTC.symbol)).toBe(true);
    expect(store.symbolDiagnostics(BTC.symbol)).toMatchObject({ updates: 2, mismatches: 1, seq: 7, synced: false });
  });

  it('a snapshot whose book fails its checksum stays unsynced and asks for another', () => {
    const { store } = testMarket();
    const resync = vi.fn();
    store.onResync(resync);
    expect(store.applySnapshot(snapshot(BTC.symbol, { book: book([[100, 3]], []), checksum: 1 }))).toBe('mismatch');
    expect(resync).toHaveBeenCalledExactlyOnceWith(BTC.symbol, 'checksum');
    expect(store.isResyncing(BTC.symbol)).toBe(true);
    expect(store.applySnapshot(snapshot(BTC.symbol, { book: book([[100, 3]], []) }))).toBe('applied');
    expect(store.isResyncing(BTC.symbol)).toBe(false);
  });

  it('a price is live only while the connection is live, the symbol is live and its replica is synced', () => {
    const { store } = testMarket();
    for (const symbol of store.symbols) store.applySnapshot(snapshot(symbol, { seq: 1 }));
    expect(store.freshness(BTC.symbol)).toBe('disconnected');

    store.setStatus('live');
    expect(store.isLive(BTC.symbol)).toBe(true);
    store.applyUpdate(update(EURUSD.symbol, 2, { status: 'halted' }));
    store.applyUpdate(update(AAPL.symbol, 2, { status: 'stale' }));
    store.applyUpdate(update(BTC.symbol, 5));
    expect(store.symbols.map((s) => store.freshness(s))).toEqual(['resyncing', 'halted', 'stale']);
    expect(store.symbolDiagnostics(EURUSD.symbol).status).toBe('halted');

    store.connection.setStalled(true);
    expect(store.symbols.map((s) => store.isLive(s))).toEqual([false, false, false]);
    expect(store.freshness(EURUSD.symbol)).toBe('disconnected');
  });

  it('keeps what the server said of its feed, as the same object until it changes', () => {
    const { store, frames } = testMarket();
    expect(store.getFeed()).toEqual({ epoch: null, stale: false });
    store.setFeed(feedState(4, 'stale'));
    const feed = store.getFeed();
    expect(feed).toEqual({ epoch: 4, stale: true });
    expect(frames.pending).toBe(1);
    frames.flush();

    store.setFeed(feedState(4, 'stale'));
    expect(store.getFeed()).toBe(feed);
    expect(frames.pending).toBe(0);
    store.setFeed(feedState(5, 'stale'));
    expect(store.getFeed()).toEqual({ epoch: 5, stale: true });
    expect(store.diagnostics().feed).toEqual({ epoch: 5, stale: true });
  });

  it('a stale feed makes every symbol stale once connected, whatever its own state; a live feed gives it back', () => {
    const { store } = testMarket();
    store.applySnapshot(snapshot(BTC.symbol, { seq: 1 }));
    store.applySnapshot(snapshot(EURUSD.symbol, { seq: 1, status: 'halted' }));
    store.setFeed(feedState(1, 'stale'));
    expect(store.freshness(BTC.symbol)).toBe('disconnected');

    store.setStatus('live');
    expect(store.symbols.map((s) => store.freshness(s))).toEqual(['stale', 'stale', 'stale']);
    expect(store.symbols.some((s) => store.isLive(s))).toBe(false);

    store.setFeed(feedState(1, 'live'));
    expect(store.symbols.map((s) => store.freshness(s))).toEqual(['live', 'halted', 'resyncing']);
  });

  it('after invalidateAll, a stream id decodes nothing until a snapshot names it again', () => {
    const { store, frames } = testMarket();
    store.applySnapshot(snapshot(BTC.symbol, { sid: 0, seq: 1 }));
    store.invalidateAll();
    expect(store.isResyncing(BTC.symbol)).toBe(true);
    expect(frames.pending).toBe(1);
    // BTC comes back under id 3; id 0 now belongs to a symbol whose snapshot is still on its way.
    store.applySnapshot(snapshot(BTC.symbol, { sid: 3, seq: 1 }));
    store.applyBatch([T0, encodeUpdate(update(BTC.symbol, 2, { ticker: ticker(50) }), 0)]);
    expect(store.replica(BTC.symbol).seq).toBe(1);
    expect(store.getUpdateCount()).toBe(0);
    store.applyBatch([T0, encodeUpdate(update(BTC.symbol, 2, { ticker: ticker(50) }), 3)]);
    expect(store.replica(BTC.symbol).seq).toBe(2);
  });

  it('counts per symbol: updates, gaps, duplicates, snapshots and resyncs by reason', () => {
    const { store } = testMarket();
    store.applySnapshot(snapshot(BTC.symbol, { seq: 1 }));
    store.applyUpdate(update(BTC.symbol, 2));
    store.applyUpdate(update(BTC.symbol, 2));
    store.applyUpdate(update(BTC.symbol, 4));
    store.recordResync([BTC.symbol, EURUSD.symbol], 'gap');
    store.recordResync([BTC.symbol], 'timeout');
    store.recordResync([BTC.symbol], 'epoch');

    const { symbols, connection, feed } = store.diagnostics();
    expect(symbols[0]).toMatchObject({
      symbol: BTC.symbol,
      updates: 1,
      duplicates: 1,
      gaps: 1,
      snapshots: 1,
      resyncs: { gap: 1, timeout: 1, checksum: 0, epoch: 1 },
      resyncTotal: 3,
    });
    expect(symbols[1]).toMatchObject({ symbol: EURUSD.symbol, resyncTotal: 1, seq: -1, synced: false });
    expect(connection).toMatchObject({ connects: 0, rtt: null, clockOffset: null, transport: null });
    expect(feed).toEqual({ epoch: null, stale: false });
  });
});
