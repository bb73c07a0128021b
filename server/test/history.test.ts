// The `history` request end to end on a single process: a real server on loopback, the real client; a scripted
// feed for exact backfill and marks, the simulator for a live stream to reconcile with.

import type { AddressInfo } from 'node:net';
import {
  type Candle,
  CandleSeries,
  type HistoryAck,
  type Lots,
  type MarketUpdate,
  type SubscribeAck,
  SymbolReplica,
  type Ticks,
} from '@tickline/shared';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientLimits } from '../src/hub/client-limits.ts';
import { silentLogger } from '../src/logger.ts';
import { type Application, createApplication } from '../src/roles/all.ts';
import {
  type ClientSocket,
  onUpdates,
  startTestServer,
  subscribeApplying,
  type TestServer,
  until,
} from './support/test-server.ts';
import { scriptedFeed, tradeFlushed } from './support/scripted-feed.ts';

const MIN = 60_000;

const closed: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closed.splice(0)) await close();
});

async function scriptedServer(limits?: Partial<ClientLimits>) {
  const feed = scriptedFeed();
  const app: Application = createApplication({
    feeds: [feed],
    flushIntervalMs: 20,
    bookDepth: 10,
    tradeHistory: 20,
    candleIntervalMs: 1000,
    candleHistory: 10,
    maxTradesPerUpdate: 50,
    staleAfterMs: 60_000,
    logger: silentLogger,
    limits,
  });
  await app.start();
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const client: ClientSocket = io(`http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  closed.push(async () => {
    client.disconnect();
    await app.close();
  });
  await new Promise<void>((resolve) => client.once('connect', resolve));
  return { app, feed, client };
}

const minutes = (from: number, count: number): Candle[] =>
  Array.from({ length: count }, (_, i) => [
    from + i * MIN,
    (100 + (i % 7)) as Ticks,
    (110 + (i % 7)) as Ticks,
    (90 + (i % 7)) as Ticks,
    (105 + (i % 7)) as Ticks,
    (1 + i) as Lots,
  ]);

const history = (client: ClientSocket, request: unknown) =>
  client.timeout(5000).emitWithAck('history', request as never) as Promise<HistoryAck>;

describe('history on a single process', () => {
  it('answers pages of any interval from the backfill and trades, as of a seq, paging back with before', async () => {
    const { app, feed, client } = await scriptedServer();
    const now = Math.floor(Date.now() / MIN) * MIN;
    feed.push({ type: 'history', symbol: 'TEST', time: now, interval: '1m', candles: minutes(now - 1200 * MIN, 1200) });
    feed.push({ type: 'trade', symbol: 'TEST', time: now + 1, price: 120 as Ticks, size: 3 as Lots, aggressor: 0 });
    await until(() => tradeFlushed(app.hub), 5000, 'the trade flushed');

    const first = await history(client, { symbol: 'TEST', interval: '1m', limit: 1000 });
    if (!first.ok) throw new Error(first.error.message);
    expect(first).toMatchObject({
      symbol: 'TEST',
      interval: '1m',
      epoch: app.hub.epoch,
      seq: app.hub.describe('TEST', 0)!.seq,
      more: true,
    });
    expect(first.candles).toHaveLength(1000);
    expect(first.candles.at(-1)).toEqual([now, 120, 120, 120, 120, 3]);
    expect(first.candles.at(-2)).toEqual(minutes(now - 1200 * MIN, 1200).at(-1));

    const older = await history(client, { symbol: 'TEST', interval: '1m', limit: 1000, before: first.candles[0]![0] });
    if (!older.ok) throw new Error(older.error.message);
    expect(older.more).toBe(false);
    expect([...older.candles, ...first.candles]).toEqual([...minutes(now - 1200 * MIN, 1200), first.candles.at(-1)]);

    // The coarser intervals were built from the backfill: 20 hours of minutes.
    const hours = await history(client, { symbol: 'TEST', interval: '1h', limit: 100 });
    expect(hours.ok && hours.candles.length).toBeGreaterThanOrEqual(20);
  });

  it('refuses an unknown symbol and a malformed request, naming the field', async () => {
    const { client } = await scriptedServer();
    expect(await history(client, { symbol: 'NOPE', interval: '1m', limit: 10 })).toMatchObject({
      ok: false,
      error: { code: 'unknown_symbol' },
    });
    const badInterval = await history(client, { symbol: 'TEST', interval: '2m', limit: 10 });
    expect(badInterval).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(!badInterval.ok && badInterval.error.message).toMatch(/^interval/);
    const badLimit = await history(client, { symbol: 'TEST', interval: '1m', limit: 5000 });
    expect(!badLimit.ok && badLimit.error.message).toMatch(/^limit/);
    const badBefore = await history(client, { symbol: 'TEST', interval: '1m', limit: 5, before: 'yesterday' });
    expect(!badBefore.ok && badBefore.error.message).toMatch(/^before/);
  });

  it('takes its bytes from the snapshot budget: a client cannot pull history without end', async () => {
    const { feed, client, app } = await scriptedServer({ snapshotBytesPerSecond: 1000, snapshotBurstBytes: 50_000 });
    const now = Math.floor(Date.now() / MIN) * MIN;
    feed.push({ type: 'history', symbol: 'TEST', time: now, interval: '1m', candles: minutes(now - 1000 * MIN, 1000) });
    feed.push({ type: 'trade', symbol: 'TEST', time: now + 1, price: 120 as Ticks, size: 3 as Lots, aggressor: 0 });
    await until(() => tradeFlushed(app.hub), 5000, 'the trade flushed');
    const request = { symbol: 'TEST', interval: '1m', limit: 1000 };
    expect((await history(client, request)).ok).toBe(true);
    const refused = await history(client, request);
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(!refused.ok && refused.error.retryAfterMs).toBeGreaterThan(0);
    // Small pages still fit in what is left.
    expect((await history(client, { ...request, limit: 10 })).ok).toBe(true);
  });

  it('sends a mark on the next update and keeps it in later snapshots', async () => {
    const { app, feed, client } = await scriptedServer();
    const marks: MarketUpdate['marks'][] = [];
    onUpdates(app, client, (u) => u.marks && marks.push(u.marks));
    await subscribeApplying(client, ['TEST'], () => {});
    feed.push({ type: 'mark', symbol: 'TEST', time: 1234, label: 'replay restarted' });
    await until(() => marks.length > 0, 5000, 'an update with the mark');
    expect(marks).toEqual([[{ time: 1234, label: 'replay restarted' }]]);
    const ack = (await client
      .timeout(5000)
      .emitWithAck('resync', { symbols: ['TEST'], reason: 'manual' })) as SubscribeAck;
    expect(ack.ok && ack.snapshots[0]!.marks).toEqual([{ time: 1234, label: 'replay restarted' }]);
  });
});

describe('history next to a live stream', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('a client past seq folds the trades of its later updates into the history and gets its stream candles', async () => {
    server = await startTestServer({ symbols: ['AAPL'], rate: 20 });
    const client = await server.connect();
    const replica = new SymbolReplica('AAPL', { candleCapacity: 120 });
    const log = new Map<number, MarketUpdate>();
    onUpdates(server.app, client, (u) => {
      log.set(u.seq, u);
      replica.applyUpdate(u);
    });
    await subscribeApplying(client, ['AAPL'], (s) => replica.applySnapshot(s));
    await until(() => replica.trades.size >= 5, 10_000, 'some trades');
    const ack = await history(client, { symbol: 'AAPL', interval: '1s', limit: 1000 });
    if (!ack.ok) throw new Error(ack.error.message);
    await until(() => replica.seq >= ack.seq + 5, 10_000, 'updates past the history');

    // The rule of docs/PROTOCOL.md: fold the trades of updates after seq into the history's candles.
    const folded = new CandleSeries(1000, 5000);
    folded.reset(ack.candles);
    for (let seq = ack.seq + 1; seq <= replica.seq; seq++) {
      for (const t of log.get(seq)?.trades ?? []) folded.addTrade(t[4], t[1], t[2]);
    }
    const stream = replica.candles.toArray(60);
    expect(folded.toArray(stream.length)).toEqual(stream);
  }, 30_000);
});
