// A cluster's edge node (`--role edge`): no feeds. It keeps a verified replica of every symbol from the Redis bus,
// answers subscribe and resync from them, fans each flush out to its own clients exactly as a single process does,
// and serves the dashboard and /api/*. Any number of edges run side by side behind a plain load balancer.

import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { busKeys, DEFAULT_SHARD } from '../bus/bus-keys.ts';
import { type BusConsumer, startBusConsumer } from '../bus/bus-consumer.ts';
import { type CommandClient, createCommandClient } from '../bus/command-path.ts';
import { createCrossNodeAdapter } from '../bus/cross-node.ts';
import { EdgeReplicas } from '../bus/edge-replicas.ts';
import { connectRedis } from '../bus/redis-connection.ts';
import type { GateOptions } from '../gate/gate-options.ts';
import type { ClientLimits } from '../hub/client-limits.ts';
import type { Logger } from '../logger.ts';
import { registerBusConsumerMetrics } from '../observability/bus-metrics.ts';
import { edgeReadiness } from '../observability/readiness.ts';
import { createStreamServer, type StreamServer } from '../stream-server.ts';
import { historyFromFeedNode } from '../bus/history-from-feed.ts';
import { replayFromFeedNode, scenarioFromFeedNode } from '../bus/scenario-from-feed.ts';
import { paperFromFeedNode } from '../bus/paper-from-feed.ts';

export interface EdgeNodeOptions {
  redisUrl: string;
  shard?: string;
  staticDir?: string | undefined;
  /** The feed node silent this long: every symbol is served as stale. */
  staleAfterMs: number;
  clock?: () => number;
  logger: Logger;
  maxQueuedBytesPerSocket?: number;
  /** What one client connection may cost; defaults for what is not given. */
  limits?: Partial<ClientLimits> | undefined;
  /** How long a command waits for the feed node's reply before answering `feed_unavailable` (2 s). */
  commandTimeoutMs?: number;
  /** How long a client's request may wait for a symbol this edge is still loading (3 s). */
  readyTimeoutMs?: number;
  /** This edge's name on the bus (replies are addressed to it); unique per process by default. */
  nodeId?: string;
  /** Origins, hosts, connection caps, tokens (server/src/gate); unset fields take `npm start`'s defaults. */
  gate?: Partial<GateOptions>;
}

export interface EdgeNode extends StreamServer {
  replicas: EdgeReplicas;
  /** Present once started. */
  consumer(): BusConsumer;
  commands(): CommandClient;
  /** Connects to Redis and waits until the shard is loaded (a feed node has published it); then listen. */
  start(): Promise<void>;
}

export function createEdgeNode(options: EdgeNodeOptions): EdgeNode {
  const clock = options.clock ?? Date.now;
  const log = options.logger;
  const keys = busKeys(options.shard ?? DEFAULT_SHARD);
  const nodeId = options.nodeId ?? `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const startedAt = clock();
  const replicas = new EdgeReplicas();

  const readConnection = connectRedis(options.redisUrl, { name: 'edge-read', logger: log });
  const queryConnection = connectRedis(options.redisUrl, { name: 'edge-query', logger: log, announce: true });
  const replyConnection = connectRedis(options.redisUrl, { name: 'edge-replies', logger: log });
  const crossNode = createCrossNodeAdapter(options.redisUrl, 'edge', log);

  let consumer: BusConsumer | undefined;
  let closing: Promise<void> | undefined;
  let commands: CommandClient | undefined;
  let loaded = false;
  const stream: StreamServer = createStreamServer({
    view: replicas,
    history: historyFromFeedNode(replicas, () => commands),
    scenario: scenarioFromFeedNode(replicas, () => commands),
    replay: replayFromFeedNode(() => commands),
    paper: paperFromFeedNode(() => commands),
    role: 'edge',
    staticDir: options.staticDir,
    clock,
    logger: log,
    maxQueuedBytesPerSocket: options.maxQueuedBytesPerSocket,
    limits: options.limits,
    readyTimeoutMs: options.readyTimeoutMs,
    adapter: crossNode.adapter,
    readiness: () => edgeReadiness({ loaded, feedHeard: stream.feedState().status === 'live' }, replicas, clock()),
    gate: options.gate,
    health: () => ({
      node: nodeId,
      shard: keys.shard,
      redis: queryConnection.status,
      uptimeMs: clock() - startedAt,
      symbols: replicas.symbols().length,
      bus: consumer?.stats,
      commands: commands?.stats,
    }),
  });
  registerBusConsumerMetrics(stream.metrics.registry, () => consumer?.stats);

  const startReading = async (): Promise<void> => {
    commands = await createCommandClient({
      redis: queryConnection,
      subscriber: replyConnection,
      keys,
      nodeId,
      timeoutMs: options.commandTimeoutMs ?? 2000,
      clock,
    });
    // close() stops what has started when it runs; nothing may start after it.
    if (closing) throw new Error('closed before the bus consumer started');
    consumer = startBusConsumer({
      blocking: readConnection,
      redis: queryConnection,
      keys,
      replicas,
      deliver: stream.deliver,
      commands,
      clock,
      logger: log,
      staleAfterMs: options.staleAfterMs,
      onFeedState: (epoch, status) => stream.setFeedState(epoch, status),
    });
    await consumer.ready();
    loaded = true;
  };

  return {
    ...stream,
    replicas,
    consumer: () => {
      if (!consumer) throw new Error('the edge has not started');
      return consumer;
    },
    commands: () => {
      if (!commands) throw new Error('the edge has not started');
      return commands;
    },
    async start() {
      try {
        await startReading();
      } catch (err) {
        // Closed while starting (a shutdown, a test): what it was waiting for fails with whatever its connection
        // says ("Connection is closed."); say what happened instead.
        if (closing) throw new Error('the edge was closed while it was starting', { cause: err });
        throw err;
      }
    },
    close() {
      closing ??= (async () => {
        // Clients first: they are told, and reconnect to another edge while this one lets go of Redis.
        await stream.close();
        await consumer?.stop();
        await commands?.close();
        await crossNode.close();
        if (!consumer) readConnection.disconnect(); // the consumer's own, which its stop() closes
        queryConnection.disconnect();
        replyConnection.disconnect();
      })();
      return closing;
    },
  };
}
