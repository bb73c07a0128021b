// Assembles a Tickline server from its parts; tests inject their own feeds, clock and options.

import { createServer, type Server as HttpServer } from 'node:http';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '@tickline/shared';
import { Server } from 'socket.io';
import type { FeedAdapter, MarketEvent } from './feeds/feed.ts';
import { createHttpApp } from './http/http-app.ts';
import { startFlushLoop, type FlushLoop } from './hub/flush-loop.ts';
import { MarketHub } from './hub/market-hub.ts';
import type { TicklineServer, TicklineSocket } from './hub/socket-types.ts';
import { batchParser } from './hub/batch-encoder.ts';
import { createSlowConsumerGuard, DEFAULT_MAX_QUEUED_BYTES, type SlowConsumerGuard } from './hub/slow-consumers.ts';
import { StreamStats } from './hub/stream-stats.ts';
import { SubscriberRegistry } from './hub/subscriber-registry.ts';
import { registerSubscriptionHandlers } from './hub/subscriptions.ts';
import type { Logger } from './logger.ts';

export interface ApplicationOptions {
  feeds: FeedAdapter[];
  flushIntervalMs: number;
  bookDepth: number;
  tradeHistory: number;
  candleIntervalMs: number;
  candleHistory: number;
  maxTradesPerUpdate: number;
  /** A symbol whose feed is silent this long is published as stale. */
  staleAfterMs: number;
  staticDir?: string | undefined;
  clock?: () => number;
  logger: Logger;
  /** Sees every feed event before the hub does (recording). */
  tap?: (event: MarketEvent) => void;
  /**
   * A connection with more than this many bytes queued that the kernel has not taken (a client that stopped
   * reading) is cut; its client reconnects and resyncs. Default 4 MiB; Infinity never cuts.
   */
  maxQueuedBytesPerSocket?: number;
}

export interface Application {
  httpServer: HttpServer;
  io: TicklineServer;
  hub: MarketHub;
  stats: StreamStats;
  flushLoop: FlushLoop;
  slowConsumers: SlowConsumerGuard;
  /** Starts the feeds; the http server is not listening until the caller calls listen. */
  start(): Promise<void>;
  /** Stops feeds, timers, sockets and the http server. */
  close(): Promise<void>;
}

export function createApplication(options: ApplicationOptions): Application {
  const clock = options.clock ?? Date.now;
  const log = options.logger;
  const hub = new MarketHub(
    {
      depth: options.bookDepth,
      tradeHistory: options.tradeHistory,
      candleIntervalMs: options.candleIntervalMs,
      candleHistory: options.candleHistory,
      maxTradesPerUpdate: options.maxTradesPerUpdate,
      staleAfterMs: options.staleAfterMs,
    },
    clock,
    (event, reason) => log.warn(`dropped ${event.type} event for ${event.symbol}: ${reason}`),
  );
  for (const feed of options.feeds) hub.addSymbols(feed.symbols);

  const startedAt = clock();
  const stats = new StreamStats();
  const subscribers = new SubscriberRegistry<TicklineSocket>();
  let io: TicklineServer | undefined;
  const app = createHttpApp({
    hub,
    staticDir: options.staticDir,
    health: () => ({
      uptimeMs: clock() - startedAt,
      symbols: hub.specs().length,
      clients: io?.engine.clientsCount ?? 0,
      ...hub.stats,
      feeds: Object.fromEntries(options.feeds.map((f) => [f.id, f.health()])),
    }),
    stats: () => {
      const now = clock();
      return {
        time: now,
        totals: stats.totals(),
        symbols: Object.fromEntries(
          hub.specs().map(({ symbol }) => [
            symbol,
            { ...hub.describe(symbol, now), subscribers: subscribers.count(symbol), ...stats.get(symbol) },
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
  });
  const server = io;
  const onError = (err: unknown): void => log.error('request handler failed', err);
  server.on('connection', (socket) => {
    socket.data.connectedAt = clock();
    registerSubscriptionHandlers(socket, { hub, stats, subscribers, clock, onError });
  });

  const slowConsumers = createSlowConsumerGuard(
    server,
    options.maxQueuedBytesPerSocket ?? DEFAULT_MAX_QUEUED_BYTES,
    (id, queued) => log.warn(`disconnected slow consumer ${id}: ${queued} bytes queued`),
  );
  const flushLoop = startFlushLoop(subscribers, hub, stats, options.flushIntervalMs, clock, slowConsumers.check);

  return {
    httpServer,
    io: server,
    hub,
    stats,
    flushLoop,
    slowConsumers,
    async start() {
      const tap = options.tap;
      const sink = tap
        ? (event: MarketEvent) => {
            tap(event);
            hub.ingest(event);
          }
        : hub.ingest;
      for (const feed of options.feeds) await feed.start(sink);
    },
    async close() {
      flushLoop.stop();
      await Promise.all(options.feeds.map((f) => f.stop()));
      await server.close(); // also closes the http server
    },
  };
}
