// Presenter controls and paper trading through a cluster against a real redis-server: POST /api/admin/scenario on an
// edge is carried out by the simulator on the feed node (over the command path), an announcement or view sent to one
// edge reaches the clients of another (the Socket.IO Redis adapter), and paper orders sent to any edge trade in the
// feed node's matching engine, their private events reaching the account's connections on every edge.

import type { AddressInfo } from 'node:net';
import {
  type ClientToServerEvents,
  decodeBatch,
  type PaperAccount,
  type PaperFill,
  type ServerToClientEvents,
  type SymbolStatus,
} from '@tickline/shared';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimFeed } from '../src/feeds/sim/sim-feed.ts';
import { silentLogger } from '../src/logger.ts';
import { createEdgeNode, type EdgeNode } from '../src/roles/edge.ts';
import { createFeedNode, type FeedNode } from '../src/roles/feed.ts';
import { rawGet, rawPost } from './support/raw-http.ts';
import { type RedisServer, startRedisServer } from './support/redis-server.ts';
import { scriptedFeed } from './support/scripted-feed.ts';
import { subscribeApplying, until } from './support/test-server.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let redis: RedisServer;
let feed: FeedNode;
let edge: EdgeNode;
let otherEdge: EdgeNode;
let edgeUrl: string;
let otherUrl: string;
let client: Client;
let status: SymbolStatus | undefined;
/** The feed node's time on the update that first said halted (undefined until one did). */
let haltedAt: number | undefined;

beforeAll(async () => {
  redis = await startRedisServer();
  feed = createFeedNode({
    feeds: [createSimFeed({ seed: 3, symbols: ['NVDA'], rate: 2 }), scriptedFeed()],
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
  [edge, edgeUrl] = await startEdge(redis.url);
  [otherEdge, otherUrl] = await startEdge(redis.url);
  client = io(edgeUrl, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve) => client.once('connect', resolve));
  const names = new Map<number, string>();
  await subscribeApplying(client, ['NVDA'], (s) => {
    names.set(s.sid, s.symbol);
    status = s.status;
  });
  client.on('md', (batch) => {
    for (const u of decodeBatch(batch, (sid) => names.get(sid)).updates) {
      if (u.status) status = u.status;
      if (u.status === 'halted') haltedAt ??= u.time;
    }
  });
}, 30_000);

/** An edge with the admin token set, listening on a free port; and its URL. */
async function startEdge(redisUrl: string): Promise<[EdgeNode, string]> {
  const node = createEdgeNode({
    redisUrl,
    staleAfterMs: 60_000,
    logger: silentLogger,
    commandTimeoutMs: 1000,
    gate: { adminToken: 'admin-secret' },
  });
  await node.start();
  await new Promise<void>((resolve) => node.httpServer.listen(0, '127.0.0.1', resolve));
  return [node, `http://127.0.0.1:${(node.httpServer.address() as AddressInfo).port}`];
}

afterAll(async () => {
  client?.disconnect();
  await otherEdge?.close();
  await edge?.close();
  await feed?.close();
  await redis?.stop();
});

const post = (body: unknown) =>
  rawPost(`${edgeUrl}/api/admin/scenario`, body, { authorization: 'Bearer admin-secret' });

describe('scenario controls on a cluster edge', () => {
  it('halts the feed node’s simulated symbol for the edge’s clients, and resumes it', async () => {
    const requested = Date.now();
    const halted = await post({ symbol: 'NVDA', kind: 'halt' });
    expect(halted.status).toBe(200);
    await until(() => status === 'halted', 5000, 'the edge client to see the halt');
    // The feed node stamped the update that carried it within a second of the request to the edge.
    expect(haltedAt! - requested).toBeLessThan(1000);
    expect((await post({ symbol: 'NVDA', kind: 'resume' })).status).toBe(200);
    await until(() => status === 'live', 5000, 'the edge client to see the reopening');
  });

  it('refuses a symbol the simulator does not make, and one nobody serves', async () => {
    const real = await post({ symbol: 'TEST', kind: 'crash' });
    expect(real.status).toBe(409);
    expect(JSON.parse(real.body).error).toEqual({
      code: 'not_simulated',
      message: "TEST comes from script: scenarios move only the simulator's markets (--feed sim)",
    });
    const unknown = await post({ symbol: 'NOPE', kind: 'crash' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('unknown_symbol');
  });

  it('asks the feed node about replay controls (this one plays no recording)', async () => {
    const res = await rawGet(`${edgeUrl}/api/admin/replay`, { authorization: 'Bearer admin-secret' });
    expect(res.status).toBe(409);
    expect(JSON.parse(res.body).error.code).toBe('not_replaying');
  });

  it('passes an announcement and the presenter’s view sent to one edge to the clients of another', async () => {
    const viewer: Client = io(otherUrl, { transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      await new Promise<void>((resolve) => viewer.once('connect', resolve));
      const heard: string[] = [];
      viewer.on('announcement', (a) => heard.push(`announcement ${a.message}`));
      let receivedAt = 0;
      viewer.on('presenter:view', (v) => {
        receivedAt = Date.now();
        heard.push(`view ${v.symbol} ${v.interval} ${v.highlight}`);
      });
      const sent = Date.now();
      expect(
        await client.emitWithAck('presenter:view', {
          token: 'admin-secret',
          symbol: 'NVDA',
          interval: '1m',
          highlight: null,
        }),
      ).toMatchObject({ ok: true });
      await until(() => heard.length === 1, 5000, 'the other edge’s client to get the view');
      expect(receivedAt - sent).toBeLessThan(500);
      expect(await client.emitWithAck('presenter:announce', { token: 'admin-secret', message: 'break' })).toMatchObject(
        { ok: true },
      );
      await until(() => heard.length === 2, 5000, 'the announcement');
      expect(heard).toEqual(['view NVDA 1m null', 'announcement break']);
      // A viewer joining the other edge afterwards is shown that view at once: every edge kept it.
      const late: Client = io(otherUrl, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        autoConnect: false,
      });
      const lateViews: string[] = [];
      late.on('presenter:view', (v) => lateViews.push(`${v.symbol} ${v.interval}`));
      late.connect();
      try {
        await until(() => lateViews.length > 0, 5000, 'the late viewer on the other edge to get the last view');
        expect(lateViews).toEqual(['NVDA 1m']);
      } finally {
        late.disconnect();
      }
    } finally {
      viewer.disconnect();
    }
  });
});

describe('paper trading through a cluster', () => {
  /** A connection to `url` with its account events; resolves once the first is in. */
  async function trader(url: string, account?: string) {
    const accounts: PaperAccount[] = [];
    const fills: PaperFill[] = [];
    const socket: Client = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      autoConnect: false,
      ...(account ? { auth: { account } } : {}),
    });
    socket.on('account', (a) => accounts.push(a));
    socket.on('fill', (f) => fills.push(f));
    socket.connect();
    await until(() => accounts.length > 0, 5000, 'the account event');
    return { socket, accounts, fills };
  }

  it('opens an account through the edge, trades on the feed node, and tells the account’s tabs on every edge', async () => {
    const here = await trader(edgeUrl);
    const token = here.accounts[0]!.token!;
    expect(token).toMatch(/^[\w-]{24}$/);
    const there = await trader(otherUrl, token);
    try {
      expect(there.accounts[0]).toMatchObject({ id: here.accounts[0]!.id });
      expect(there.accounts[0]!.token).toBeUndefined();
      const ack = await here.socket.timeout(5000).emitWithAck('order:place', {
        symbol: 'NVDA',
        side: 'buy',
        type: 'market',
        size: '3',
      });
      expect(ack).toMatchObject({ ok: true, order: { status: 'filled', filled: '3' } });
      // The fill is a private event from the feed node, through the Redis adapter to the other edge's connection.
      await until(() => there.fills.length > 0, 5000, 'the fill on the other edge');
      expect(there.fills.every((f) => ack.ok && f.orderId === ack.order.id && f.printed)).toBe(true);
      await until(() => there.accounts.at(-1)!.positions.length === 1, 5000, 'the position on the other edge');
      expect(there.accounts.at(-1)!.positions[0]).toMatchObject({ symbol: 'NVDA', size: '3' });
      // Refusals come back through the command path with their codes.
      expect(
        await there.socket.timeout(5000).emitWithAck('order:place', {
          symbol: 'NVDA',
          side: 'sell',
          type: 'market',
          size: '4',
        }),
      ).toMatchObject({ ok: false, error: { code: 'insufficient_funds' } });
    } finally {
      here.socket.disconnect();
      there.socket.disconnect();
    }
  });
});
