// History and chart marks through a cluster against a real redis-server: the edge asks the feed node for candles
// over the command path, and carries marks in its updates and snapshots exactly as the feed node made them.

import type { AddressInfo } from 'node:net';
import {
  type Candle,
  type ClientToServerEvents,
  decodeBatch,
  type HistoryAck,
  type Lots,
  type MarketUpdate,
  type ServerToClientEvents,
  type Ticks,
} from '@tickline/shared';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/logger.ts';
import { createEdgeNode, type EdgeNode } from '../src/roles/edge.ts';
import { createFeedNode, type FeedNode } from '../src/roles/feed.ts';
import { type RedisServer, startRedisServer } from './support/redis-server.ts';
import { type ScriptedFeed, scriptedFeed, tradeFlushed } from './support/scripted-feed.ts';
import { subscribeApplying, until } from './support/test-server.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const MIN = 60_000;

let redis: RedisServer;
let script: ScriptedFeed;
let feed: FeedNode;
let edge: EdgeNode;
let client: Client;

beforeAll(async () => {
  redis = await startRedisServer();
  script = scriptedFeed();
  feed = createFeedNode({
    feeds: [script],
    flushIntervalMs: 20,
    bookDepth: 10,
    tradeHistory: 30,
    candleIntervalMs: 1000,
    candleHistory: 50,
    maxTradesPerUpdate: 200,
    staleAfterMs: 60_000,
    redisUrl: redis.url,
    logger: silentLogger,
    bus: { leaseMs: 1000 },
  });
  await feed.start();
  edge = createEdgeNode({ redisUrl: redis.url, staleAfterMs: 60_000, logger: silentLogger, commandTimeoutMs: 500 });
  await edge.start();
  await new Promise<void>((resolve) => edge.httpServer.listen(0, '127.0.0.1', resolve));
  client = io(`http://127.0.0.1:${(edge.httpServer.address() as AddressInfo).port}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((resolve) => client.once('connect', resolve));
}, 30_000);

afterAll(async () => {
  client?.disconnect();
  await edge?.close();
  await feed?.close();
  await redis?.stop();
});

const history = (request: unknown) =>
  client.timeout(5000).emitWithAck('history', request as never) as Promise<HistoryAck>;

describe('history and marks on a cluster edge', () => {
  it('answers history from the feed node’s candles, as of the feed node’s seq', async () => {
    const now = Math.floor(Date.now() / MIN) * MIN;
    const backfill: Candle[] = Array.from({ length: 300 }, (_, i) => [
      now - (300 - i) * MIN,
      (100 + i) as Ticks,
      (101 + i) as Ticks,
      (99 + i) as Ticks,
      (100 + i) as Ticks,
      1 as Lots,
    ]);
    script.push({ type: 'history', symbol: 'TEST', time: now, interval: '1m', candles: backfill });
    script.push({ type: 'trade', symbol: 'TEST', time: now + 5, price: 500 as Ticks, size: 2 as Lots, aggressor: 0 });
    await until(() => tradeFlushed(feed.hub), 5000, 'the trade flushed');

    const ack = await history({ symbol: 'TEST', interval: '1m', limit: 200 });
    expect(ack).toEqual(feed.hub.history({ symbol: 'TEST', interval: '1m', limit: 200 }));
    if (!ack.ok) throw new Error(ack.error.message);
    expect(ack).toMatchObject({ epoch: feed.hub.epoch, more: true });
    expect(ack.candles.at(-1)).toEqual([now, 500, 500, 500, 500, 2]);
    const older = await history({ symbol: 'TEST', interval: '1m', limit: 200, before: ack.candles[0]![0] });
    expect(older.ok && [...older.candles, ...ack.candles]).toEqual([...backfill, ack.candles.at(-1)]);
    expect(await history({ symbol: 'NOPE', interval: '1m', limit: 5 })).toMatchObject({
      ok: false,
      error: { code: 'unknown_symbol' },
    });
  });

  it('carries marks in its updates and serves snapshots equal to the feed node’s, marks included', async () => {
    const marks: NonNullable<MarketUpdate['marks']>[] = [];
    // The edge serves the feed node's stream ids.
    const sid = feed.hub.sidOf('TEST')!;
    client.on('md', (batch) => {
      for (const u of decodeBatch(batch, (id) => (id === sid ? 'TEST' : undefined)).updates) {
        if (u.marks) marks.push(u.marks);
      }
    });
    await subscribeApplying(client, ['TEST'], () => {});
    script.push({ type: 'mark', symbol: 'TEST', time: 4321, label: 'replay restarted' });
    await until(() => marks.length > 0, 5000, 'the mark on the edge');
    expect(marks).toEqual([[{ time: 4321, label: 'replay restarted' }]]);
    const seq = feed.hub.describe('TEST', 0)!.seq;
    await until(() => edge.replicas.describe('TEST', 0)?.seq === seq, 5000, 'the edge caught up');
    expect(edge.replicas.snapshot('TEST', 1)).toEqual(feed.hub.snapshot('TEST', 1));
    expect(edge.replicas.snapshot('TEST', 1)!.marks).toEqual([{ time: 4321, label: 'replay restarted' }]);
  });

  it('answers unavailable when the feed node does not answer', async () => {
    await feed.close();
    const ack = await history({ symbol: 'TEST', interval: '1m', limit: 5 });
    expect(ack).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
