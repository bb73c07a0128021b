// The cluster's parts in one process against a real redis-server: a feed node and edges built the way
// `--role feed` and `--role edge` build them, real Socket.IO clients on the edges.
// (e2e/cluster.spec.ts runs them as separate processes behind nginx and kills them.)

import type { AddressInfo } from 'node:net';
import type { ClientToServerEvents, ServerToClientEvents, SubscribeAck, SymbolSnapshot } from '@tickline/shared';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandName } from '../src/commands/feed-commands.ts';
import { createSimFeed } from '../src/feeds/sim/sim-feed.ts';
import { silentLogger } from '../src/logger.ts';
import { createEdgeNode, type EdgeNode } from '../src/roles/edge.ts';
import { createFeedNode, type FeedNode } from '../src/roles/feed.ts';
import { sampleValue, scrape } from './support/prometheus-text.ts';
import { type RedisServer, startRedisServer } from './support/redis-server.ts';
import { until } from './support/test-server.ts';

const SYMBOLS = ['BTC-USD', 'AAPL', 'EUR/USD'];
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let redis: RedisServer;
let feed: FeedNode;
const edges: EdgeNode[] = [];
const sockets: Socket[] = [];
const urls: string[] = [];

function startFeed(): FeedNode {
  return createFeedNode({
    feeds: [createSimFeed({ seed: 9, symbols: SYMBOLS, rate: 4, historyMs: 10_000 })],
    flushIntervalMs: 20,
    bookDepth: 10,
    tradeHistory: 30,
    candleIntervalMs: 1000,
    candleHistory: 50,
    maxTradesPerUpdate: 200,
    staleAfterMs: 2000,
    redisUrl: redis.url,
    logger: silentLogger,
    bus: { leaseMs: 1000 },
  });
}

beforeAll(async () => {
  redis = await startRedisServer();
  feed = startFeed();
  await feed.start();
  for (let i = 0; i < 2; i++) {
    const edge = createEdgeNode({
      redisUrl: redis.url,
      staleAfterMs: 2000,
      logger: silentLogger,
      commandTimeoutMs: 500,
    });
    await edge.start();
    await new Promise<void>((resolve) => edge.httpServer.listen(0, '127.0.0.1', resolve));
    edges.push(edge);
    urls.push(`http://127.0.0.1:${(edge.httpServer.address() as AddressInfo).port}`);
  }
}, 30_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const edge of edges) await edge.close();
  await feed?.close();
  await redis?.stop();
});

/** A connected client; `before` attaches listeners first (the server speaks first: feed:status on connect). */
async function connect(url: string, before: (socket: Client) => void = () => {}): Promise<Client> {
  const socket: Client = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    autoConnect: false,
  });
  sockets.push(socket);
  before(socket);
  socket.connect();
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

const subscribe = async (client: Client): Promise<SymbolSnapshot[]> => {
  const ack = (await client.timeout(5000).emitWithAck('subscribe', { symbols: SYMBOLS })) as SubscribeAck;
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.snapshots;
};

describe('edges of one feed node', () => {
  it('serve the feed node’s epoch, stream ids, sequence numbers, checksums and whole state', async () => {
    const seqOf = (s: string) => feed.hub.describe(s, Date.now())!.seq;
    await until(() => SYMBOLS.every((s) => seqOf(s) > 5), 10_000, 'a few flushes');
    for (const edge of edges) {
      await until(
        () => SYMBOLS.every((s) => edge.replicas.describe(s, Date.now())!.seq >= 5),
        10_000,
        'the edges to follow',
      );
    }
    for (const edge of edges)
      await until(() => edge.feedState().status === 'live', 5000, 'the edges to hear the feed node');
    const clients = await Promise.all(urls.map((url) => connect(url)));
    const answers = await Promise.all(clients.map(subscribe));
    for (const snapshots of answers) {
      for (const snap of snapshots) {
        expect(snap.epoch).toBe(feed.hub.epoch);
        expect(snap.sid).toBe(feed.hub.sidOf(snap.symbol));
        expect(snap.seq).toBeGreaterThan(0);
      }
    }
  });

  it('hold exactly the feed node’s state once the market stops', async () => {
    await feed.close(); // stops the feed, publishes the last flush and final snapshots
    for (const edge of edges) {
      await until(
        () =>
          SYMBOLS.every((s) => edge.replicas.describe(s, Date.now())!.seq === feed.hub.describe(s, Date.now())!.seq),
        10_000,
        'the edges to catch up with the last flush',
      );
      for (const symbol of SYMBOLS) {
        const mine = edge.replicas.snapshot(symbol, 0);
        expect(mine).toEqual(feed.hub.snapshot(symbol, 0));
      }
    }
  });

  it('mark every symbol stale when the feed node goes silent', async () => {
    // The feed node closed in the previous test: its last entry was the final snapshots.
    const closedAt = Date.now();
    for (const edge of edges) expect(edge.feedState().status).toBe('live');
    for (const edge of edges) {
      await until(() => edge.feedState().status === 'stale', 5000, 'a stale feed state');
      for (const symbol of SYMBOLS) expect(edge.replicas.describe(symbol, Date.now())!.status).toBe('stale');
    }
    expect(Date.now() - closedAt).toBeGreaterThan(1000); // stale after silence, not at once
    const states: unknown[] = [];
    await connect(urls[0]!, (client) => client.on('feed:status', (s) => states.push(s)));
    await until(() => states.length > 0, 5000, 'the feed status on connect');
    expect(states[0]).toMatchObject({ epoch: feed.hub.epoch, status: 'stale' });
  });

  it('answer a command with feed_unavailable after the timeout while no feed node runs', async () => {
    const started = Date.now();
    const reply = await edges[0]!.commands().request('snapshot:refresh', { symbols: ['AAPL'] });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'feed_unavailable', message: expect.stringMatching(/no reply from the feed node within 500 ms/) },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('follow a restarted feed node into its new epoch, telling their clients first', async () => {
    const events: string[] = [];
    const client = await connect(urls[1]!, (c) => {
      c.on('feed:status', (s) => events.push(`feed:status ${s.epoch} ${s.status}`));
      c.on('md', () => events.push('md'));
    });
    await subscribe(client);
    const old = feed.hub.epoch;
    feed = startFeed();
    await feed.start();
    expect(feed.hub.epoch).not.toBe(old);
    await until(
      () => edges.every((e) => e.replicas.epoch === feed.hub.epoch && e.feedState().status === 'live'),
      10_000,
      'the new epoch',
    );
    await until(() => events.includes('md'), 5000, 'updates of the new epoch');
    const announced = events.findIndex((e) => e.startsWith(`feed:status ${feed.hub.epoch}`));
    expect(announced).toBeGreaterThanOrEqual(0);
    // The client is subscribed from before: the new epoch's updates come only after it was told.
    expect(events.slice(0, announced)).not.toContain('md');
  });

  it('carry a command to the feed node and its reply back', async () => {
    const reply = await edges[0]!.commands().request('snapshot:refresh', { symbols: ['AAPL', 'AAPL'] });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.result.snapshots).toEqual([
      { symbol: 'AAPL', seq: expect.any(Number), entryId: expect.stringMatching(/^\d+-\d+$/) },
    ]);
    const stored = await withRedis((r) => r.hget('tickline:{main}:snapshots', 'AAPL'));
    expect(stored?.startsWith(`${reply.result.snapshots[0]!.entryId} `)).toBe(true);
  });

  it('get a clear refusal for a command the feed node does not know or cannot parse', async () => {
    const client = edges[0]!.commands() as unknown as {
      request(name: string, request: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }>;
    };
    expect(await client.request('order:teleport' as CommandName, {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_command' },
    });
    expect(await client.request('snapshot:refresh', { symbols: 'AAPL' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_command' },
    });
    expect(await client.request('snapshot:refresh', { symbols: ['NOPE'] })).toMatchObject({
      ok: false,
      error: { code: 'unknown_symbol' },
    });
  });

  it('deliver a broadcast made on any node to the clients of every edge', async () => {
    const [a, b] = await Promise.all(urls.map((url) => connect(url)));
    const heard: string[] = [];
    for (const [name, client] of [
      ['a', a!],
      ['b', b!],
    ] as const) {
      (client as unknown as Socket).on('notice', (text: string) => heard.push(`${name}:${text}`));
    }
    // Typed events only exist for what the product broadcasts today; the mechanism is what is under test.
    (edges[0]!.io as unknown as { emit(event: string, text: string): void }).emit('notice', 'from edge 0');
    (feed.io as unknown as { emit(event: string, text: string): void }).emit('notice', 'from the feed node');
    await until(() => heard.length >= 4, 5000, `four deliveries, have ${heard.join(', ')}`);
    expect(heard.sort()).toEqual(['a:from edge 0', 'a:from the feed node', 'b:from edge 0', 'b:from the feed node']);
  });
});

describe('a cluster seen by its operators', () => {
  it('an edge exports the bus figures on /metrics and is ready; so is the feed node', async () => {
    await subscribe(await connect(urls[0]!));
    await readyz(urls[0]!, 200);
    const samples = await scrape(urls[0]!);
    expect(sampleValue(samples, 'tickline_bus_entries_read_total')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'tickline_bus_updates_applied_total')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'tickline_bus_snapshots_loaded_total')).toBeGreaterThanOrEqual(SYMBOLS.length);
    expect(sampleValue(samples, 'tickline_bus_mismatches_total')).toBe(0);
    expect(sampleValue(samples, 'tickline_bus_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(samples, 'tickline_connections')).toBeGreaterThanOrEqual(1);

    if (!feed.httpServer.listening)
      await new Promise<void>((resolve) => feed.httpServer.listen(0, '127.0.0.1', resolve));
    const feedUrl = `http://127.0.0.1:${(feed.httpServer.address() as AddressInfo).port}`;
    await readyz(feedUrl, 200);
    const feedSamples = await scrape(feedUrl);
    expect(sampleValue(feedSamples, 'tickline_bus_entries_published_total')).toBeGreaterThan(0);
    expect(sampleValue(feedSamples, 'tickline_flush_duration_seconds_count')).toBeGreaterThan(0);
    expect(sampleValue(feedSamples, 'tickline_feed_status', { feed: 'sim', status: 'live' })).toBe(1);
  });

  it('an edge that has not loaded its shard is alive but not ready', async () => {
    const edge = createEdgeNode({
      redisUrl: redis.url,
      shard: 'nobody-publishes-this',
      staleAfterMs: 2000,
      logger: silentLogger,
    });
    // Waits for a feed node that never comes. Closed below, it may end with "closed while it was starting" (when the
    // close came before its command client subscribed): that is the next test's subject, not this one's.
    edge.start().catch(() => {});
    await new Promise<void>((resolve) => edge.httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(edge.httpServer.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const res = await fetch(`${url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ok: false, reasons: ['the market is not loaded from the bus yet'] });
    } finally {
      await edge.close();
    }
  });

  it('an edge closed while it is starting says so, and lets go of Redis', async () => {
    const before = await edgeConnections();
    const edge = createEdgeNode({
      redisUrl: redis.url,
      shard: 'closed-early',
      staleAfterMs: 2000,
      logger: silentLogger,
    });
    // Closed at once: its connections are still connecting, so the command client's SUBSCRIBE is still queued.
    const starting = edge.start();
    await edge.close();
    await expect(starting).rejects.toThrow('the edge was closed while it was starting');
    // Every connection it opened (the bus reader's too, though its consumer never started) is closed.
    const deadline = Date.now() + 5000;
    while ((await edgeConnections()) > before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await edgeConnections()).toBe(before);
  });
});

/** Waits until GET /readyz answers `status`. */
async function readyz(url: string, status: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await fetch(`${url}/readyz`);
    if (res.status === status) return;
    if (Date.now() > deadline) throw new Error(`/readyz still ${res.status}: ${await res.text()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** How many connections to Redis edges have open (they name themselves `tickline-edge-...`). */
async function edgeConnections(): Promise<number> {
  const list = await withRedis((r) => r.client('LIST') as Promise<string>);
  return list.split('\n').filter((line) => / name=tickline-edge-/.test(line)).length;
}

async function withRedis<T>(run: (r: Redis) => Promise<T>): Promise<T> {
  const r = new Redis(redis.url);
  try {
    return await run(r);
  } finally {
    r.disconnect();
  }
}
