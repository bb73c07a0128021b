// Starts a real Tickline server on an ephemeral loopback port, and real socket.io-client connections to it.

import type { AddressInfo } from 'node:net';
import {
  type ClientToServerEvents,
  decodeBatch,
  type MarketUpdate,
  type ServerToClientEvents,
  type SubscribeAck,
  type SymbolSnapshot,
} from '@tickline/shared';
import { io, type Socket } from 'socket.io-client';
import type { GateOptions } from '../../src/gate/gate-options.ts';
import { type Application, createApplication } from '../../src/roles/all.ts';
import type { FeedAdapter } from '../../src/feeds/feed.ts';
import type { ClientLimits } from '../../src/hub/client-limits.ts';
import { createSimFeed } from '../../src/feeds/sim/sim-feed.ts';
import { type Logger, silentLogger } from '../../src/logger.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  app: Application;
  feed: FeedAdapter;
  url: string;
  /**
   * A typed client; `auth` goes in its handshake, and `before` runs before it connects (listeners for events sent
   * at once on connection, such as `account`, must be on before the connect packet arrives).
   */
  connect(auth?: Record<string, unknown>, before?: (socket: ClientSocket) => void): Promise<ClientSocket>;
  /** A socket with no event typing, to send what a typed client cannot. */
  connectUntyped(): Promise<Socket>;
  close(): Promise<void>;
}

export async function startTestServer(
  options: {
    symbols?: string[];
    flushIntervalMs?: number;
    seed?: number;
    rate?: number;
    staleAfterMs?: number;
    gate?: Partial<GateOptions>;
    staticDir?: string;
    clock?: () => number;
    limits?: Partial<ClientLimits>;
    /** Where the server's log lines go; nowhere by default. */
    logger?: Logger;
  } = {},
): Promise<TestServer> {
  const feed = createSimFeed({
    seed: options.seed ?? 7,
    symbols: options.symbols,
    rate: options.rate ?? 4,
    historyMs: 30_000,
  });
  const app = createApplication({
    feeds: [feed],
    flushIntervalMs: options.flushIntervalMs ?? 20,
    bookDepth: 20,
    tradeHistory: 50,
    candleIntervalMs: 1000,
    candleHistory: 120,
    maxTradesPerUpdate: 200,
    staleAfterMs: options.staleAfterMs ?? 5000,
    limits: options.limits,
    logger: options.logger ?? silentLogger,
    gate: options.gate,
    staticDir: options.staticDir,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await app.start();
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const sockets: Socket[] = [];

  const open = async (auth?: Record<string, unknown>, before?: (socket: Socket) => void): Promise<Socket> => {
    const socket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      autoConnect: false,
      ...(auth ? { auth } : {}),
    });
    sockets.push(socket);
    before?.(socket);
    socket.connect();
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  };

  return {
    app,
    feed,
    url,
    connect: (auth, before) => open(auth, before as ((socket: Socket) => void) | undefined) as Promise<ClientSocket>,
    connectUntyped: () => open(),
    async close() {
      for (const s of sockets) s.disconnect();
      await app.close();
    },
  };
}

/** Resolves when `check` returns true, polling; rejects after `ms`. */
export async function until(check: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Subscribes and applies the snapshots inside the ack callback. Awaiting the ack and applying afterwards is a race
 * in Node: `ws` can deliver the ack and the next updates from one TCP read, and the awaiting code only runs after
 * all of them, so the first updates would meet a replica without its snapshot.
 */
export function subscribeApplying(
  client: ClientSocket,
  symbols: string[],
  apply: (snapshot: SymbolSnapshot) => void,
): Promise<SubscribeAck> {
  return new Promise((resolve, reject) => {
    client.timeout(5000).emit('subscribe', { symbols }, (err: Error | null, ack: SubscribeAck) => {
      if (err) return reject(err);
      if (ack.ok) ack.snapshots.forEach(apply);
      resolve(ack);
    });
  });
}

/**
 * Calls `listener` with every market update `client` receives, decoded from its `md` batches with the server's
 * stream ids (a real client learns them from its snapshots; the dashboard's store does, and stream.test checks
 * that snapshots carry them).
 */
export function onUpdates(app: Application, client: ClientSocket, listener: (update: MarketUpdate) => void): void {
  const names = new Map(app.hub.specs().map(({ symbol }) => [app.hub.sidOf(symbol)!, symbol]));
  client.on('md', (batch) => {
    const { updates, skipped } = decodeBatch(batch, (sid) => names.get(sid));
    if (skipped > 0) throw new Error(`${skipped} undecodable update(s) in ${JSON.stringify(batch)}`);
    updates.forEach(listener);
  });
}
