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
import { ClientBudget, type ClientLimits, DEFAULT_CLIENT_LIMITS } from './hub/client-limits.ts';
import { createRequestGate, rateLimited } from './hub/request-gate.ts';
import { createRequestScheduler } from './hub/request-scheduler.ts';
import { createSlowConsumerGuard, type SlowConsumerGuard } from './hub/slow-consumers.ts';
import { SnapshotCache } from './hub/snapshot-cache.ts';
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
  /** What one connection may cost (client-limits.ts); defaults for what is not given. */
  limits?: Partial<ClientLimits> | undefined;
  /** Shorthand for `limits.maxQueuedBytes` (Infinity never cuts; benchmarks use it). */
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
  /** The limits in force, defaults filled in. */
  limits: ClientLimits;
  /** The snapshots requests are answered from. */
  snapshots: SnapshotCache;
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
  const limits: ClientLimits = {
    ...DEFAULT_CLIENT_LIMITS,
    ...options.limits,
    ...(options.maxQueuedBytesPerSocket === undefined ? {} : { maxQueuedBytes: options.maxQueuedBytesPerSocket }),
  };
  const stats = new StreamStats();
  const snapshots = new SnapshotCache(view);
  const scheduler = createRequestScheduler(undefined, undefined, undefined, (err) => log.error('request failed', err));
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
        refusals: stats.refusals(),
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
    // Clients only send small requests (200 symbol names fit in 14 KB); anything bigger is refused by Engine.IO
    // before it is parsed.
    maxHttpBufferSize: 16 * 1024,
    // A client that stops reading never answers a ping queued behind its backlog, wherever the backlog sits (our
    // queue or the kernel's buffers, which we cannot see): it is cut within stallMs.
    ...(Number.isFinite(limits.stallMs) ? { pingInterval: Math.ceil(limits.stallMs / 2), pingTimeout: Math.ceil(limits.stallMs / 2) } : {}),
    // Market data batches are encoded from updates serialized once per flush; the wire format is the standard one.
    parser: batchParser,
    // Host, Origin and the connection caps, before a WebSocket is upgraded (server/src/gate/socket-gate.ts).
    allowRequest: gate.socket.allowRequest,
    ...(options.adapter ? { adapter: options.adapter } : {}),
  });
  const server = io;
  gate.socket.attach(server);
  const onError = (err: unknown): void => log.error('request handler failed', err);
  const slowConsumers = createSlowConsumerGuard(
    server,
    { capBytes: limits.maxQueuedBytes, stallMs: limits.stallMs },
    clock,
    (id, queued, reason) => {
      stats.refused(reason === 'cap' ? 'slow_consumer_cap' : 'slow_consumer_stall');
      log.warn(`disconnected slow consumer ${id}: ${queued} bytes queued${reason === 'stall' ? `, not drained for ${limits.stallMs} ms` : ''}`);
    },
  );
  let internalsReported = false;

  server.on('connection', (socket) => {
    socket.data.connectedAt = clock();
    const problem = slowConsumers.inspect(socket);
    if (problem && !internalsReported) {
      internalsReported = true;
      log.error(`the slow-consumer guard cannot watch connections: ${problem}. An engine.io upgrade moved what it reads; clients that stop reading will not be cut until server/src/hub/slow-consumers.ts is updated`);
    }
    // First thing on every connection: which epoch the snapshots to come belong to, and whether the feed is heard.
    socket.emit('feed:status', feed);
    const budget = new ClientBudget(limits, clock());
    let cut = false;
    const gate = createRequestGate(socket, {
      budget,
      scheduler,
      stats,
      clock,
      cut: (reason) => {
        if (cut) return;
        cut = true;
        stats.refused('abuse');
        log.warn(`disconnected client ${socket.id}: ${reason}`);
        slowConsumers.cut(socket);
      },
    });
    registerSubscriptionHandlers(socket, {
      view,
      snapshots,
      stats,
      subscribers,
      clock,
      onError,
      readyTimeoutMs: options.readyTimeoutMs,
      gate,
      maxSymbolsPerSocket: limits.maxSymbolsPerSocket,
      // Checked before a snapshot answer is written: the queue cap first (a client not reading gets nothing more),
      // then the byte budget (a client reading everything still cannot have the server copy snapshots all day).
      checkAnswer: (bytes) => {
        const queued = slowConsumers.queuedBytes(socket);
        if (queued + bytes > limits.maxQueuedBytes) {
          stats.refused('backlog');
          return rateLimited(`${queued} bytes are still queued for this connection, unread; read them first`, 1000);
        }
        const wait = budget.takeSnapshotBytes(bytes, clock());
        if (wait === 0) return undefined;
        stats.refused('rate_limited');
        return rateLimited(`snapshot bandwidth used up for now; retry in ${wait} ms`, wait);
      },
    });
  });

  return {
    httpServer,
    limits,
    snapshots,
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
