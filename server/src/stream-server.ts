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
import { createHttpApp } from './http/http-app.ts';
import { batchParser } from './hub/batch-encoder.ts';
import { sendClientsAway } from './hub/client-shutdown.ts';
import { createFanOut, type Deliver, type DeliveryCounts } from './hub/fan-out.ts';
import type { FlushObserver } from './hub/flush-loop.ts';
import type { MarketView } from './hub/market-view.ts';
import { createSlowConsumerGuard, DEFAULT_MAX_QUEUED_BYTES, type SlowConsumerGuard } from './hub/slow-consumers.ts';
import type { TicklineServer, TicklineSocket } from './hub/socket-types.ts';
import { StreamStats } from './hub/stream-stats.ts';
import { SubscriberRegistry } from './hub/subscriber-registry.ts';
import { registerSubscriptionHandlers } from './hub/subscriptions.ts';
import type { Logger } from './logger.ts';
import { createMetrics, flushObserver, type Metrics } from './observability/metrics.ts';
import { registerStreamMetrics } from './observability/stream-metrics.ts';
import { ThrottledLog } from './observability/throttled-log.ts';

/** How long a shutdown waits for clients to take their last messages before closing what is left by force. */
const GOODBYE_WAIT_MS = 1000;

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
  /** Where /metrics reads from; a fresh registry by default (the role adds its feed or bus metrics to it). */
  metrics?: Metrics | undefined;
  /** Told of fan-outs that threw (the role shares one with its flush loop); one on `metrics` by default. */
  flushObserver?: FlushObserver | undefined;
  /** Why this server should not get traffic yet (GET /readyz); none, so always ready, by default. */
  readiness?: (() => string[]) | undefined;
}

export interface StreamServer {
  httpServer: HttpServer;
  io: TicklineServer;
  stats: StreamStats;
  subscribers: SubscriberRegistry<TicklineSocket>;
  slowConsumers: SlowConsumerGuard;
  metrics: Metrics;
  /** Sends one flush to every client that follows any of its symbols. */
  deliver: Deliver;
  /** The feed state clients see; a change is sent to this server's clients at once. */
  feedState(): FeedState;
  setFeedState(epoch: number, status: FeedState['status']): void;
  /**
   * Stops accepting connections, sends every client `server:shutdown` and disconnects it, then closes Socket.IO and
   * the http server. Bounded: a client that does not read is cut after a second.
   */
  close(): Promise<void>;
}

export function createStreamServer(options: StreamServerOptions): StreamServer {
  const { view, clock, logger: log } = options;
  const stats = new StreamStats();
  const subscribers = new SubscriberRegistry<TicklineSocket>();
  const metrics = options.metrics ?? createMetrics();
  // Everything a client can make this server log goes through one throttle.
  const throttled = new ThrottledLog(log, clock);
  const flushes = options.flushObserver ?? flushObserver(metrics, throttled);
  const delivered: DeliveryCounts = { messages: 0, updates: 0 };
  let shuttingDown = false;
  let feed: FeedState = { version: PROTOCOL_VERSION, epoch: view.epoch, status: 'live' };
  let io: TicklineServer | undefined;

  const app = createHttpApp({
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
    metrics: () => metrics.scrape(),
    readiness: () => (shuttingDown ? ['shutting down'] : (options.readiness?.() ?? [])),
  });
  const httpServer = createServer(app);
  io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(httpServer, {
    serveClient: false,
    // Clients only send small requests; anything bigger is refused by Socket.IO before it reaches a handler.
    maxHttpBufferSize: 64 * 1024,
    // Market data batches are encoded from updates serialized once per flush; the wire format is the standard one.
    parser: batchParser,
    ...(options.adapter ? { adapter: options.adapter } : {}),
  });
  const server = io;
  const onError = (err: unknown): void => throttled.error('request', 'request handler failed', err);
  server.on('connection', (socket) => {
    socket.data.connectedAt = clock();
    if (shuttingDown) {
      // Came in on a connection accepted before the listener closed: sent away like the others.
      socket.emit('server:shutdown', { reason: 'server shutting down' });
      socket.disconnect(true);
      return;
    }
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
    (id, queued) => throttled.warn('slow-consumer', `disconnected slow consumer ${id}: ${queued} bytes queued`),
  );

  const traffic = registerStreamMetrics(metrics.registry, {
    symbols: () => view.specs().map((s) => s.symbol),
    connections: () => server.engine.clientsCount,
    subscribers: (symbol) => subscribers.count(symbol),
    stats,
    delivered,
    slowConsumersCut: () => slowConsumers.dropped,
  });
  // Every packet written to a client, whatever it carries, counted where Engine.IO creates it: one listener per
  // connection and one call per packet (a flush's batch is one packet).
  server.engine.on('connection', (conn: { on(event: 'packetCreate', listener: (packet: { data?: unknown }) => void): void }) => {
    conn.on('packetCreate', (packet) => traffic.sent(payloadBytes(packet.data)));
  });
  let closing: Promise<void> | undefined;

  return {
    httpServer,
    io: server,
    stats,
    subscribers,
    slowConsumers,
    metrics,
    deliver: createFanOut(subscribers, stats, { afterDelivery: slowConsumers.check, counts: delivered, onError: flushes.failed }),
    feedState: () => feed,
    setFeedState(epoch, status) {
      if (epoch === feed.epoch && status === feed.status) return;
      feed = { version: PROTOCOL_VERSION, epoch, status };
      // This server's own clients only: another edge judges its own link to the feed (the Redis adapter would
      // otherwise carry a plain emit to every edge's clients).
      server.local.emit('feed:status', feed);
    },
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        httpServer.close(); // no new connections; the open ones are closed below
        await sendClientsAway(server, GOODBYE_WAIT_MS);
        await server.close(); // also closes the http server, and by force whatever is left
      })();
      return closing;
    },
  };
}

/** A packet's payload size: our JSON is ASCII, so a string's length is its size on the wire. */
function payloadBytes(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (ArrayBuffer.isView(data) || data instanceof ArrayBuffer) return data.byteLength;
  return 0;
}
