// A cluster's feed node (`--role feed`): the feeds and the sequencer, publishing each flush to the shard's Redis
// stream for the edges; it owns the epoch, the stream ids, the sequence numbers and the checksums. It serves no
// market data to browsers itself, only /api/* for operators, and carries out the edges' commands.

import { createServer, type Server as HttpServer } from 'node:http';
import {
  type ClientToServerEvents,
  type InterServerEvents,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
  type SocketData,
} from '@tickline/shared';
import { Server } from 'socket.io';
import { busKeys, DEFAULT_SHARD } from '../bus/bus-keys.ts';
import { type BusPublisher, createBusPublisher } from '../bus/bus-publisher.ts';
import type { ShardMeta } from '../bus/bus-records.ts';
import { type CommandServer, serveCommands } from '../bus/command-path.ts';
import { createCrossNodeAdapter } from '../bus/cross-node.ts';
import { connectRedis } from '../bus/redis-connection.ts';
import type { CommandHandlers } from '../commands/feed-commands.ts';
import { scenarioOnFeeds } from '../feeds/scenario-target.ts';
import { replayOnFeeds } from '../feeds/replay-target.ts';
import type { PaperSettings } from '../paper/desk-on-feeds.ts';
import { createSequencerWithDesk } from './sequencer-with-desk.ts';
import { roomNotifier } from '../paper/paper-service.ts';
import { createGate } from '../gate/gate.ts';
import type { GateOptions } from '../gate/gate-options.ts';
import { createHttpApp } from '../http/http-app.ts';
import type { FlushLoop } from '../hub/flush-loop.ts';
import type { MarketHub } from '../hub/market-hub.ts';
import type { SequencingOptions } from '../hub/sequencer.ts';
import type { TicklineServer } from '../hub/socket-types.ts';
import { registerBusPublisherMetrics } from '../observability/bus-metrics.ts';
import { registerFeedMetrics } from '../observability/feed-metrics.ts';
import { createMetrics, flushObserver, type Metrics } from '../observability/metrics.ts';
import { sequencerReadiness } from '../observability/readiness.ts';
import { ThrottledLog } from '../observability/throttled-log.ts';

/** How the feed node uses the bus; the defaults suit a 50 ms flush (docs/SCALING.md explains them). */
export interface BusTuning {
  /** Entries kept in the stream (MAXLEN ~): at 20 flushes a second, 10,000 is over 8 minutes of catch-up. */
  maxLen: number;
  /** Every snapshot that moved stored again this often. */
  snapshotEveryMs: number;
  /** An entry at least this often, so edges can tell a quiet market from a dead feed node. */
  heartbeatMs: number;
  /** The feed node's hold on its shard; a restarted node waits out a killed one's lease at most this long. */
  leaseMs: number;
}

export const DEFAULT_BUS_TUNING: BusTuning = { maxLen: 10_000, snapshotEveryMs: 5000, heartbeatMs: 500, leaseMs: 3000 };

export interface FeedNodeOptions extends SequencingOptions {
  redisUrl: string;
  shard?: string;
  bus?: Partial<BusTuning>;
  /** Paper trading accounts (the desk lives here, beside the markets): starting cash and fee. */
  paper?: Partial<PaperSettings> | undefined;
  /** Another feed node took over the shard; by default the process exits (two sequencers must never publish). */
  onLeaseLost?: (holder: string | null) => void;
  /**
   * Hosts, origins and tokens of its /api/* (server/src/gate); its admin listing shows the clients of every edge.
   * It takes no sockets, so the connection caps do not apply.
   */
  gate?: Partial<GateOptions>;
}

export interface FeedNode {
  hub: MarketHub;
  flushLoop: FlushLoop;
  publisher: BusPublisher;
  commands: CommandServer;
  /** /api/* only. */
  httpServer: HttpServer;
  metrics: Metrics;
  /** Not serving clients: an emitter whose broadcasts reach the clients of every edge (Redis adapter). */
  io: TicklineServer;
  /** Waits for Redis and the shard's lease, starts the epoch on the bus, then the feeds. */
  start(): Promise<void>;
  /** Stops the feeds, publishes the last flush and final snapshots, and lets go of Redis. */
  close(): Promise<void>;
}

export function createFeedNode(options: FeedNodeOptions): FeedNode {
  const clock = options.clock ?? Date.now;
  const log = options.logger;
  const tuning: BusTuning = { ...DEFAULT_BUS_TUNING, ...options.bus };
  // A heartbeat well inside the stale time, or edges would call a quiet market dead.
  const heartbeatMs = Math.min(tuning.heartbeatMs, Math.floor(options.staleAfterMs / 4));
  const startedAt = clock();
  const keys = busKeys(options.shard ?? DEFAULT_SHARD);

  let publisher: BusPublisher | undefined;
  const metrics = createMetrics();
  registerFeedMetrics(metrics.registry, options.feeds);
  const flushes = flushObserver(metrics, new ThrottledLog(log, clock));
  let emitter: TicklineServer | undefined;
  // The desk's private events go to the account's room through the Redis adapter: every edge delivers them.
  const { sequencer, paper } = createSequencerWithDesk(
    { ...options, clock, flushObserver: flushes },
    roomNotifier(() => emitter),
    (time, updates) => publisher?.publish(time, updates),
  );
  const { hub } = sequencer;
  const meta: ShardMeta = {
    version: PROTOCOL_VERSION,
    epoch: hub.epoch,
    startedAt,
    flushMs: options.flushIntervalMs,
    heartbeatMs,
    tradeHistory: options.tradeHistory,
    candleHistory: options.candleHistory,
    specs: hub.specs(),
  };

  const publishConnection = connectRedis(options.redisUrl, {
    name: 'feed-publish',
    logger: log,
    queueWhileDisconnected: false,
    announce: true,
  });
  const replyConnection = connectRedis(options.redisUrl, { name: 'feed-replies', logger: log });
  const commandConnection = connectRedis(options.redisUrl, { name: 'feed-commands', logger: log });
  const pub = createBusPublisher({
    redis: publishConnection,
    keys,
    meta,
    snapshot: (symbol, time) => hub.snapshot(symbol, time),
    sequence: (symbol) => hub.describe(symbol, 0)?.seq,
    clock,
    logger: log,
    maxLen: tuning.maxLen,
    snapshotEveryMs: tuning.snapshotEveryMs,
    leaseMs: tuning.leaseMs,
    onLeaseLost:
      options.onLeaseLost ??
      ((holder) => {
        log.error(`the feed node of epoch ${holder ?? '?'} took shard ${keys.shard} over; stopping this one`);
        process.exit(1);
      }),
  });
  publisher = pub;
  registerBusPublisherMetrics(metrics.registry, pub.stats);

  const scenarios = scenarioOnFeeds(options.feeds);
  const replays = replayOnFeeds(options.feeds);
  const handlers: CommandHandlers = {
    async 'snapshot:refresh'({ symbols }) {
      const unknown = symbols.filter((s) => !hub.has(s));
      if (unknown.length > 0)
        return { ok: false, error: { code: 'unknown_symbol', message: `unknown symbol(s): ${unknown.join(', ')}` } };
      return { ok: true, result: { snapshots: await pub.refresh([...new Set(symbols)]) } };
    },
    history(request) {
      const ack = hub.history(request);
      if (!ack.ok) return { ok: false, error: { code: 'unknown_symbol', message: ack.error.message } };
      const { ok: _, ...result } = ack;
      return { ok: true, result };
    },
    async scenario(request) {
      return { ok: true, result: await scenarios(request) };
    },
    async replay({ request }) {
      return { ok: true, result: await replays(request) };
    },
    'paper:open': ({ token, address }) => ({ ok: true, result: paper.desk.open(token, address) }),
    'paper:place': ({ token, order }) => ({ ok: true, result: paper.desk.place(token, order) }),
    'paper:cancel': ({ token, orderId }) => ({ ok: true, result: paper.desk.cancel(token, orderId) }),
    'paper:reset': ({ token }) => ({ ok: true, result: paper.desk.reset(token) }),
  };
  const commands = serveCommands({
    blocking: commandConnection,
    redis: replyConnection,
    keys,
    handlers,
    clock,
    logger: log,
  });

  const crossNode = createCrossNodeAdapter(options.redisUrl, 'feed', log);
  const io: TicklineServer = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>({
    adapter: crossNode.adapter,
  });
  emitter = io;

  const gate = createGate(options.gate, { clock });
  const app = createHttpApp({
    gate: gate.http(() => io, { scenario: scenarios, replay: replays }),
    view: hub,
    staticDir: undefined,
    rootText: 'This is a Tickline feed node: it publishes to Redis for the edges. Open an edge for the dashboard.\n',
    health: () => ({
      role: 'feed',
      version: PROTOCOL_VERSION,
      epoch: hub.epoch,
      shard: keys.shard,
      redis: publishConnection.status,
      uptimeMs: clock() - startedAt,
      symbols: hub.specs().length,
      ...hub.stats,
      bus: pub.stats,
      commands: commands.stats,
      feeds: Object.fromEntries(options.feeds.map((f) => [f.id, f.health()])),
    }),
    stats: () => {
      const now = clock();
      return {
        time: now,
        role: 'feed',
        epoch: hub.epoch,
        symbols: Object.fromEntries(hub.specs().map(({ symbol }) => [symbol, hub.describe(symbol, now)])),
      };
    },
    metrics: () => metrics.scrape(),
    readiness: () => {
      const reasons = sequencerReadiness(options.feeds, hub, clock());
      // Edges hear of nothing this node does unless it can write to Redis.
      if (publishConnection.status !== 'ready') reasons.unshift(`redis is ${publishConnection.status}`);
      return reasons;
    },
  });
  const httpServer = createServer(app);
  let closing: Promise<void> | undefined;

  return {
    hub,
    flushLoop: sequencer.flushLoop,
    publisher: pub,
    commands,
    metrics,
    httpServer,
    io,
    async start() {
      await pub.start();
      await sequencer.startFeeds();
    },
    close() {
      closing ??= shutDown();
      return closing;
    },
  };

  async function shutDown(): Promise<void> {
    paper.stop();
    await sequencer.stop();
    // The last changes, then every snapshot as it stands: edges keep the freshest state (shown stale).
    sequencer.flushLoop.flushNow();
    await pub.stop();
    await commands.stop();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    await io.close().catch(() => {});
    await crossNode.close();
    await publishConnection.quit().catch(() => {});
    replyConnection.disconnect();
  }
}
