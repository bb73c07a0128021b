// The single process (`--role all`, the default): the sequencer's flushes go straight to the fan-out. The same two
// halves a cluster runs on separate nodes, wired here without a bus in between.

import type { Server as HttpServer } from 'node:http';
import type { ClientLimits } from '../hub/client-limits.ts';
import type { FlushLoop } from '../hub/flush-loop.ts';
import type { MarketHub } from '../hub/market-hub.ts';
import type { GateOptions } from '../gate/gate-options.ts';
import type { SequencingOptions } from '../hub/sequencer.ts';
import type { SnapshotCache } from '../hub/snapshot-cache.ts';
import type { SlowConsumerGuard } from '../hub/slow-consumers.ts';
import type { TicklineServer } from '../hub/socket-types.ts';
import type { StreamStats } from '../hub/stream-stats.ts';
import { registerFeedMetrics } from '../observability/feed-metrics.ts';
import { createMetrics, flushObserver, type Metrics } from '../observability/metrics.ts';
import { sequencerReadiness } from '../observability/readiness.ts';
import { ThrottledLog } from '../observability/throttled-log.ts';
import { scenarioOnFeeds } from '../feeds/scenario-target.ts';
import { replayOnFeeds } from '../feeds/replay-target.ts';
import { createStreamServer } from '../stream-server.ts';
import type { PaperSettings } from '../paper/desk-on-feeds.ts';
import { createSequencerWithDesk } from './sequencer-with-desk.ts';
import { deskService, roomNotifier } from '../paper/paper-service.ts';

export interface ApplicationOptions extends SequencingOptions {
  staticDir?: string | undefined;
  /**
   * A connection with more than this many bytes queued that the kernel has not taken (a client that stopped
   * reading) is cut; its client reconnects and resyncs. Default 4 MiB; Infinity never cuts.
   */
  maxQueuedBytesPerSocket?: number;
  /** Origins, hosts, connection caps, tokens (server/src/gate); unset fields take `npm start`'s defaults. */
  gate?: Partial<GateOptions>;
  /** What one client connection may cost; defaults for what is not given. */
  limits?: Partial<ClientLimits> | undefined;
  /** Paper trading accounts: starting cash and fee (100,000 USD, no fee by default). */
  paper?: Partial<PaperSettings> | undefined;
}

export interface Application {
  httpServer: HttpServer;
  io: TicklineServer;
  hub: MarketHub;
  stats: StreamStats;
  flushLoop: FlushLoop;
  slowConsumers: SlowConsumerGuard;
  /** What GET /metrics exports. */
  metrics: Metrics;
  snapshots: SnapshotCache;
  /** Starts the feeds; the http server is not listening until the caller calls listen. */
  start(): Promise<void>;
  /** Stops feeds, timers, sockets and the http server. */
  close(): Promise<void>;
}

/** Assembles a single-process Tickline server from its parts; tests inject their own feeds, clock and options. */
export function createApplication(options: ApplicationOptions): Application {
  const clock = options.clock ?? Date.now;
  const startedAt = clock();
  // The fan-out exists once the stream server does; the first flush cannot come before this function returns.
  let deliver: ReturnType<typeof createStreamServer>['deliver'] = () => {};
  const metrics = createMetrics();
  registerFeedMetrics(metrics.registry, options.feeds);
  // The flush loop and the fan-out after it share one observer: one count of failed flushes, one throttle.
  const flushes = flushObserver(metrics, new ThrottledLog(options.logger, clock));
  let io: TicklineServer | undefined;
  const { sequencer, paper } = createSequencerWithDesk(
    { ...options, clock, flushObserver: flushes },
    roomNotifier(() => io),
    (time, updates) => deliver(time, updates),
  );
  const { hub } = sequencer;
  const stream = createStreamServer({
    view: hub,
    history: (request) => hub.history(request),
    scenario: scenarioOnFeeds(options.feeds),
    replay: replayOnFeeds(options.feeds),
    paper: deskService(paper.desk),
    role: 'all',
    staticDir: options.staticDir,
    clock,
    logger: options.logger,
    maxQueuedBytesPerSocket: options.maxQueuedBytesPerSocket,
    metrics,
    flushObserver: flushes,
    readiness: () => sequencerReadiness(options.feeds, hub, clock()),
    gate: options.gate,
    limits: options.limits,
    health: () => ({
      uptimeMs: clock() - startedAt,
      symbols: hub.specs().length,
      ...hub.stats,
      feeds: Object.fromEntries(options.feeds.map((f) => [f.id, f.health()])),
    }),
  });
  deliver = stream.deliver;
  io = stream.io;

  return {
    httpServer: stream.httpServer,
    io: stream.io,
    hub,
    stats: stream.stats,
    flushLoop: sequencer.flushLoop,
    slowConsumers: stream.slowConsumers,
    metrics,
    snapshots: stream.snapshots,
    start: () => sequencer.startFeeds(),
    async close() {
      // Clients first (they are told and reconnect elsewhere), then the feeds.
      paper.stop();
      await Promise.all([stream.close(), sequencer.stop()]);
    },
  };
}
