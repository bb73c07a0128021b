import { EMPTY_TICKER, type Lots, type SymbolSnapshot, type Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import type { ShardMeta } from './bus-records.ts';
import { EdgeReplicas } from './edge-replicas.ts';

const spec = {
  symbol: 'AAPL',
  name: 'Apple',
  assetClass: 'equity' as const,
  base: 'AAPL',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '1',
  pricePrecision: 2,
  sizePrecision: 0,
};
const meta = (epoch: number): ShardMeta => ({
  version: 3,
  epoch,
  startedAt: 0,
  flushMs: 50,
  heartbeatMs: 500,
  tradeHistory: 10,
  candleHistory: 10,
  specs: [spec],
});
const snapshot = (over: Partial<SymbolSnapshot> = {}): SymbolSnapshot => ({
  symbol: 'AAPL',
  epoch: 1,
  sid: 4,
  seq: 10,
  time: 0,
  depth: 5,
  book: { bids: [], asks: [] },
  checksum: 0,
  status: 'live',
  trades: [],
  candleIntervalMs: 1000,
  candles: [],
  ticker: EMPTY_TICKER,
  ...over,
});

describe('EdgeReplicas', () => {
  it('serves a snapshot only once a verified one was loaded, and learns the stream id from it', () => {
    const replicas = new EdgeReplicas();
    replicas.reset(meta(1));
    expect(replicas.ready(['AAPL'])).toBe(false);
    expect(replicas.snapshot('AAPL', 5)).toBeUndefined();
    expect(replicas.offer(snapshot())).toBe('applied');
    expect(replicas.symbolOf(4)).toBe('AAPL');
    expect(replicas.snapshot('AAPL', 5)).toEqual(snapshot({ time: 5 }));
  });

  it('refuses a snapshot of another epoch or failing its checksum, and keeps a replica that is already ahead', () => {
    const replicas = new EdgeReplicas();
    replicas.reset(meta(1));
    expect(replicas.offer(snapshot({ epoch: 2 }))).toBe('mismatch');
    expect(replicas.offer(snapshot({ book: { bids: [[100 as Ticks, 1 as Lots]], asks: [] }, checksum: 1 }))).toBe(
      'mismatch',
    );
    expect(replicas.offer(snapshot({ seq: 12 }))).toBe('applied');
    expect(replicas.offer(snapshot({ seq: 11 }))).toBe('kept');
    expect(replicas.describe('AAPL', 0)?.seq).toBe(12);
  });

  it('forgets everything on a new epoch', () => {
    const replicas = new EdgeReplicas();
    replicas.reset(meta(1));
    replicas.offer(snapshot());
    replicas.reset(meta(2));
    expect(replicas.epoch).toBe(2);
    expect(replicas.ready(['AAPL'])).toBe(false);
    expect(replicas.symbolOf(4)).toBeUndefined();
  });

  it('lets a waiting request go on once its symbols are ready, or says no after its timeout', async () => {
    const replicas = new EdgeReplicas();
    replicas.reset(meta(1));
    const waiting = replicas.whenReady(['AAPL'], 10_000);
    const giveUp = replicas.whenReady(['AAPL'], 1);
    expect(await giveUp).toBe(false);
    replicas.offer(snapshot());
    replicas.wakeWaiters();
    expect(await waiting).toBe(true);
  });

  it('describes every symbol as stale while the feed node is silent', () => {
    const replicas = new EdgeReplicas();
    replicas.reset(meta(1));
    replicas.offer(snapshot());
    replicas.heard(100);
    expect(replicas.describe('AAPL', 150)).toMatchObject({ status: 'stale', lastEventAgeMs: 50 });
    replicas.setFeedStale(false);
    expect(replicas.describe('AAPL', 150)?.status).toBe('live');
  });
});
