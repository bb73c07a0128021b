// An edge that loses the bus for a moment catches up without a gap (it reads on from the last entry it applied);
// one that starts after the stream was trimmed past its snapshots reloads them and carries on.

import type { AddressInfo } from 'node:net';
import type { MarketUpdate, SubscribeAck } from '@tickline/shared';
import { decodeBatch } from '@tickline/shared';
import { Redis } from 'ioredis';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimFeed } from '../src/feeds/sim/sim-feed.ts';
import { silentLogger } from '../src/logger.ts';
import { createEdgeNode, type EdgeNode } from '../src/roles/edge.ts';
import { createFeedNode, type FeedNode } from '../src/roles/feed.ts';
import type { BusTuning } from '../src/roles/feed.ts';
import { type RedisServer, startRedisServer } from './support/redis-server.ts';
import { until } from './support/test-server.ts';

const SYMBOLS = ['BTC-USD', 'ETH-USD'];
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup.length = 0;
});

async function start(bus: Partial<BusTuning>): Promise<{ redis: RedisServer; feed: FeedNode }> {
  const redis = await startRedisServer();
  cleanup.push(() => redis.stop());
  const feed = createFeedNode({
    feeds: [createSimFeed({ seed: 2, symbols: SYMBOLS, rate: 8, historyMs: 2000 })],
    flushIntervalMs: 10,
    bookDepth: 10,
    tradeHistory: 20,
    candleIntervalMs: 1000,
    candleHistory: 20,
    maxTradesPerUpdate: 200,
    staleAfterMs: 2000,
    redisUrl: redis.url,
    logger: silentLogger,
    bus,
  });
  await feed.start();
  cleanup.push(() => feed.close());
  return { redis, feed };
}

async function startEdge(redisUrl: string): Promise<{ edge: EdgeNode; url: string }> {
  const edge = createEdgeNode({ redisUrl, staleAfterMs: 2000, logger: silentLogger });
  await edge.start();
  await new Promise<void>((resolve) => edge.httpServer.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => edge.close());
  return { edge, url: `http://127.0.0.1:${(edge.httpServer.address() as AddressInfo).port}` };
}

/** A client that records every update's seq per symbol, from its snapshot on. */
async function follow(url: string): Promise<Map<string, number[]>> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  cleanup.push(() => void socket.disconnect());
  const seqs = new Map<string, number[]>();
  const names = new Map<number, string>();
  socket.on('md', (batch) => {
    for (const u of decodeBatch(batch, (sid) => names.get(sid)).updates as MarketUpdate[])
      seqs.get(u.symbol)?.push(u.seq);
  });
  await new Promise<void>((resolve, reject) => {
    socket.emit('subscribe', { symbols: SYMBOLS }, (ack: SubscribeAck) => {
      if (!ack.ok) return reject(new Error(ack.error.message));
      for (const s of ack.snapshots) {
        names.set(s.sid, s.symbol);
        seqs.set(s.symbol, [s.seq]);
      }
      resolve();
    });
  });
  return seqs;
}

const consecutive = (seqs: number[]) => seqs.every((s, i) => i === 0 || s === seqs[i - 1]! + 1);

describe('an edge behind', () => {
  it('catches up without a gap after losing Redis for a moment, while the feed node kept publishing', async () => {
    const { redis, feed } = await start({});
    const { edge, url } = await startEdge(redis.url);
    const seqs = await follow(url);
    await until(() => [...seqs.values()].every((s) => s.length > 20), 10_000, 'updates');
    // Cut the edge's own connections (and only those); ioredis brings them back within a few hundred ms.
    const admin = new Redis(redis.url);
    cleanup.push(() => void admin.disconnect());
    const list = (await admin.client('LIST')) as string;
    const ids = list
      .split('\n')
      .filter((l) => / name=tickline-edge-/.test(l))
      .map((l) => /id=(\d+)/.exec(l)![1]!);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const before = feed.hub.describe(SYMBOLS[0]!, Date.now())!.seq;
    for (const id of ids) await admin.client('KILL', 'ID', id);
    await until(
      () => feed.hub.describe(SYMBOLS[0]!, Date.now())!.seq > before + 30,
      10_000,
      'the feed node to move on',
    );
    const target = feed.hub.describe(SYMBOLS[0]!, Date.now())!.seq;
    await until(() => seqs.get(SYMBOLS[0]!)!.at(-1)! >= target, 10_000, 'the client to catch up');
    for (const [symbol, list] of seqs) expect(consecutive(list), `${symbol}: ${list.join(',')}`).toBe(true);
    expect(edge.consumer().stats.gaps).toBe(0);
  });

  it('reloads from snapshots when the stream was trimmed past them, and serves the feed node’s state', async () => {
    // A stream of ~100 entries (MAXLEN ~ trims whole nodes of 100) and no periodic snapshots: the epoch's first
    // snapshots point at entries long gone when the edge starts.
    const { redis, feed } = await start({ maxLen: 20, snapshotEveryMs: 3_600_000 });
    const admin = new Redis(redis.url);
    cleanup.push(() => void admin.disconnect());
    const stored = async () => ((await admin.hget('tickline:{main}:snapshots', SYMBOLS[0]!)) ?? '').split(' ')[0]!;
    const snapshotEntry = await stored();
    await until(() => feed.hub.describe(SYMBOLS[0]!, Date.now())!.seq > 400, 20_000, 'many flushes');
    const [[first]] = (await admin.xrange('tickline:{main}:md', '-', '+', 'COUNT', 1)) as [[string, string[]]];
    expect(first > snapshotEntry).toBe(true); // the snapshot's entry was trimmed away

    const { edge, url } = await startEdge(redis.url);
    await until(() => edge.replicas.ready(SYMBOLS), 10_000, 'the edge to load');
    expect(edge.commands().stats.sent).toBeGreaterThanOrEqual(1); // it asked the feed node for fresh snapshots
    const seqs = await follow(url);
    await until(() => [...seqs.values()].every((s) => s.length > 10), 10_000, 'updates');
    await feed.close();
    await until(
      () => SYMBOLS.every((s) => edge.replicas.describe(s, 0)!.seq === feed.hub.describe(s, 0)!.seq),
      10_000,
      'the last flush',
    );
    for (const symbol of SYMBOLS) expect(edge.replicas.snapshot(symbol, 0)).toEqual(feed.hub.snapshot(symbol, 0));
  });
});
