// Config -> the process's role, assembled: the one place that turns flags into feeds, a recorder and the options
// of `createApplication`, `createFeedNode` or `createEdgeNode`. main.ts only listens and handles signals.

import type { Server as HttpServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { redactedUrl } from '../bus/redis-connection.ts';
import type { Config } from '../config.ts';
import { createFeeds } from '../feeds/create-feeds.ts';
import { createRecorder, type Recorder } from '../feeds/record/recorder.ts';
import type { GateOptions } from '../gate/gate-options.ts';
import type { Logger } from '../logger.ts';
import { MONEY_SCALE } from '@tickline/shared';
import { createApplication } from './all.ts';
import { createEdgeNode } from './edge.ts';
import { createFeedNode } from './feed.ts';

export interface RunningRole {
  httpServer: HttpServer;
  /** Lines printed once the server listens, after its URL. */
  describe(): string[];
  start(): Promise<void>;
  close(): Promise<void>;
}

const STATIC_DIR = fileURLToPath(new URL('../../../client/dist', import.meta.url));

/** The rings every role keeps per symbol (an edge learns them from the feed node's meta). */
const HISTORY = { tradeHistory: 100, candleHistory: 360, maxTradesPerUpdate: 200 };

/** The gate's settings, as every role takes them. */
export function gateOptions(config: Config): GateOptions {
  return {
    allowedOrigins: config.allowedOrigins,
    allowedHosts: config.allowedHosts,
    maxConnections: config.maxConnections,
    maxConnectionsPerAddress: config.maxConnectionsPerAddress,
    trustProxy: config.trustProxy,
    viewerToken: config.viewerToken,
    adminToken: config.adminToken,
  };
}

export async function buildRole(config: Config, log: Logger): Promise<RunningRole> {
  const gate = gateOptions(config);
  if (config.role === 'edge') {
    const edge = createEdgeNode({
      redisUrl: config.redisUrl,
      staticDir: STATIC_DIR,
      staleAfterMs: config.staleMs,
      limits: config.limits,
      logger: log,
      gate,
    });
    return {
      httpServer: edge.httpServer,
      describe: () => [
        `  edge of the cluster at ${redactedUrl(config.redisUrl)}, epoch ${edge.replicas.epoch}, ${edge.replicas.symbols().length} symbols`,
      ],
      start: () => {
        log.info(`edge: loading the market from ${redactedUrl(config.redisUrl)}`);
        return edge.start();
      },
      close: () => edge.close(),
    };
  }

  const feeds = await createFeeds(config, log);
  let recorder: Recorder | undefined;
  if (config.record) {
    recorder = createRecorder(
      config.record,
      feeds.flatMap((f) => f.symbols),
      (err) => {
        log.error(`recording to ${config.record} stopped: ${err.message}`);
      },
    );
  }
  const sequencing = {
    feeds,
    flushIntervalMs: config.flushMs,
    adaptiveFlush: config.flushMode === 'adaptive',
    bookDepth: config.bookDepth,
    candleIntervalMs: config.candleMs,
    staleAfterMs: config.staleMs,
    logger: log,
    tap: recorder ? (event: Parameters<Recorder['record']>[0]) => recorder.record(event) : undefined,
    paper: { startingCash: BigInt(config.paperCash) * 10n ** BigInt(MONEY_SCALE), feeBps: config.paperFeeBps },
    ...HISTORY,
  };
  const seed = config.feeds.includes('sim')
    ? `, seed ${config.seed}${config.seedIsRandom ? ' (random; pass --seed to replay)' : ''}`
    : '';
  const feedLine = (symbols: number) =>
    `  feed ${config.feeds.join(', ')}${seed}, ${symbols} symbols, ${config.flushMode === 'adaptive' ? `flush on change, batching up to ${config.flushMs} ms under load` : `flush every ${config.flushMs} ms`}`;
  const recordLine = config.record ? [`  recording every event to ${config.record}`] : [];

  if (config.role === 'feed') {
    const node = createFeedNode({ ...sequencing, redisUrl: config.redisUrl, gate });
    return {
      httpServer: node.httpServer,
      describe: () => [
        `  feed node of the cluster at ${redactedUrl(config.redisUrl)}, epoch ${node.hub.epoch} (this URL serves /api/* only)`,
        feedLine(node.hub.specs().length),
        ...recordLine,
      ],
      start: () => node.start(),
      async close() {
        await node.close();
        await recorder?.close();
      },
    };
  }

  const app = createApplication({ ...sequencing, staticDir: STATIC_DIR, limits: config.limits, gate });
  return {
    httpServer: app.httpServer,
    describe: () => [feedLine(app.hub.specs().length), ...recordLine],
    start: () => app.start(),
    async close() {
      await app.close();
      await recorder?.close();
    },
  };
}
