// The client-facing half of a server: HTTP (the SPA and /api/*), Socket.IO, the requests, the fan-out of each flush
// and the slow-consumer guard. A single process feeds it from its hub; a cluster edge from its replicas of the bus.

import { createServer, type Server as HttpServer } from 'node:http';
import {
  type ClientToServerEvents,
  type FeedState,
  type InterServerEvents,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
  type SocketData,
} from '@tickline/shared';
import { Server, type ServerOptions } from 'socket.io';
import { createGate, type Gate } from './gate/gate.ts';
import type { GateOptions } from './gate/gate-options.ts';
import { SocketDataRegistry } from './gate/followed-symbols.ts';
import { createHttpApp } from './http/http-app.ts';
import { batchParser } from './hub/batch-encoder.ts';
import { createFanOut, type Deliver } from './hub/fan-out.ts';
import type { MarketView } from './hub/market-view.ts';
import { createSlowConsumerGuard, DEFAULT_MAX_QUEUED_BYTES, type SlowConsumerGuard } from './hub/slow-consumers.ts';
import type { TicklineServer, TicklineSocket } from './hub/socket-types.ts';
import { StreamStats } from './hub/stream-stats.ts';
import { SubscriberRegistry } from './hub/subscriber-registry.ts';
import { registerSubscriptionHandlers } from './hub/subscriptions.ts';
import type { Logger } from './logger.ts';

export interface StreamServerOptions {
  view: MarketView;
  /** Which role serves (shown in /api/health and /api/stats). */
  role: string;
  staticDir?: string | undefined;
  clock: () => number;
  logger: Logger;
  /** Role-specific counters for /api/health. */
  health: () => Record<string, unknown>;
  /** A connection with more than this many bytes queued is cut (see slow-consumers.ts). Default 4 MiB. */
  maxQueuedBytesPerSocket?: number | undefined;
  /** How long a request may wait for a symbol not loaded yet (an edge). */
  readyTimeoutMs?: number | undefined;
  /** Socket.IO's adapter: the Redis one in a cluster, so `io.emit` reaches the clients of every edge. */
  adapter?: ServerOptions['adapter'] | undefined;
  /** Origins, hosts, connection caps and tokens (server/src/gate); unset fields take the defaults of `npm start`. */
  gate?: Partial<GateOptions> | undefined;
}

export interface StreamServer {
  httpServer: HttpServer;
  io: TicklineServer;
  stats: StreamStats;
  subscribers: SubscriberRegistry<TicklineSocket>;
  slowConsumers: SlowConsumerGuard;
  gate: Gate;
  /** Sends one flush to every client that follows any of its symbols. */
  deliver: Deliver;
  /** The feed state clients see; a change is sent to this server's clients at once. */
  feedState(): FeedState;
  setFeedState(epoch: number, status: FeedState['status']): void;
  close(): Promise<void>;
}

export function createStreamServer(options: StreamServerOptions): StreamServer {
  const { view, clock, logger: log } = options;
  const stats = new StreamStats();
  // Mirrors each socket's symbols into its data, where the admin listing reads them on every node of a cluster.
  const subscribers: SubscriberRegistry<TicklineSocket> = new SocketDataRegistry();
  let feed: FeedState = { version: PROTOCOL_VERSION, epoch: view.epoch, status: 'live' };
  let io: TicklineServer | undefined;
  const gate = createGate(options.gate, { clock, staticDir: options.staticDir });

  const app = createHttpApp({
    gate: gate.http(() => io),
    view,
    staticDir: options.staticDir,
    health: () => ({
      role: options.role,
      version: PROTOCOL_VERSION,
      epoch: feed.epoch,
      feed: feed.status,
      clients: io?.engine.clientsCount ?? 0,
      ...options.health(),
    }),
    stats: () => {
      const now = clock();
      return {
        time: now,
        role: options.role,
        epoch: feed.epoch,
        feed: feed.status,
        totals: stats.totals(),
        symbols: Object.fromEntries(
          view.specs().map(({ symbol }) => [
            symbol,
            { ...view.describe(symbol, now), subscribers: subscribers.count(symbol), ...stats.get(symbol) },
          ]),
        ),
      };
    },
  });
  const httpServer = createServer(app);
  io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(httpServer, {
    serveClient: false,
    // Clients only send small requests; anything bigger is refused by Socket.IO before it reaches a handler.
    maxHttpBufferSize: 64 * 1024,
    // Market data batches are encoded from updates serialized once per flush; the wire format is the standard one.
    parser: batchParser,
    // Host, Origin and the connection caps, before a WebSocket is upgraded (server/src/gate/socket-gate.ts).
    allowRequest: gate.socket.allowRequest,
    ...(options.adapter ? { adapter: options.adapter } : {}),
  });
  const server = io;
  gate.socket.attach(server);
  const onError = (err: unknown): void => log.error('request handler failed', err);
  server.on('connection', (socket) => {
    socket.data.connectedAt = clock();
    // First thing on every connection: which epoch the snapshots to come belong to, and whether the feed is heard.
    socket.emit('feed:status', feed);
    registerSubscriptionHandlers(socket, {
      view,
      stats,
      subscribers,
      clock,
      onError,
      readyTimeoutMs: options.readyTimeoutMs,
    });
  });

  const slowConsumers = createSlowConsumerGuard(
    server,
    options.maxQueuedBytesPerSocket ?? DEFAULT_MAX_QUEUED_BYTES,
    (id, queued) => log.warn(`disconnected slow consumer ${id}: ${queued} bytes queued`),
  );

  return {
    httpServer,
    io: server,
    stats,
    subscribers,
    slowConsumers,
    gate,
    deliver: createFanOut(subscribers, stats, slowConsumers.check),
    feedState: () => feed,
    setFeedState(epoch, status) {
      if (epoch === feed.epoch && status === feed.status) return;
      feed = { version: PROTOCOL_VERSION, epoch, status };
      // This server's own clients only: another edge judges its own link to the feed (the Redis adapter would
      // otherwise carry a plain emit to every edge's clients).
      server.local.emit('feed:status', feed);
    },
    close: () => server.close(), // also closes the http server
  };
}
