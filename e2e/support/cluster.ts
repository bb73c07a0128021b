// A real cluster for tests: its own redis-server, a feed node and edges as separate `npm run serve` processes (each
// killable on its own, -9 included), nginx in front with the README's block, and headless clients that run the
// dashboard's own MarketStore + connectMarket.

import { connectMarket, createMarketSocket, type MarketConnection, MarketStore } from '@tickline/client/market';
import type { SymbolSpec } from '@tickline/shared';
import { type LoadBalancer, startLoadBalancer } from './nginx.ts';
import { type RedisServer, startRedisServer } from '@tickline/server/testing/redis-server';
import { freePort, startTickline, type TicklineProcess } from './tickline-process.ts';
import { until } from './until.ts';

export { until };

export interface ClusterOptions {
  edges: number;
  /** Flags of the feed node besides its role and Redis (seed, rate, flush interval...). */
  feedArgs: string[];
  /** --stale-ms of every node. */
  staleMs: number;
}

export interface Cluster {
  redis: RedisServer;
  feed: TicklineProcess;
  edges: TicklineProcess[];
  lb: LoadBalancer;
  /** Starts a feed node (the first, or one after the last was stopped or killed): a new epoch. */
  startFeed(): Promise<TicklineProcess>;
  /** Starts edge `i` again on its port (after it was killed). */
  restartEdge(i: number): Promise<TicklineProcess>;
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const redis = await startRedisServer();
  const common = ['--redis-url', redis.url, '--stale-ms', String(options.staleMs)];
  const startFeed = () => startTickline({ script: 'serve', args: ['--role', 'feed', ...common, ...options.feedArgs] });
  // Behind nginx, as the README says: connections count per the address nginx appends to X-Forwarded-For.
  const startEdge = (port: number) =>
    startTickline({ script: 'serve', port, args: ['--role', 'edge', '--trust-proxy', ...common] });

  const cluster = {
    redis,
    feed: await startFeed(),
    edges: [] as TicklineProcess[],
    lb: undefined as unknown as LoadBalancer,
    async startFeed() {
      cluster.feed = await startFeed();
      return cluster.feed;
    },
    async restartEdge(i: number) {
      const edge = await startEdge(cluster.edges[i]!.port);
      cluster.edges[i] = edge;
      return edge;
    },
    async stop() {
      await cluster.lb?.stop();
      await Promise.all(cluster.edges.map((e) => e.stop()));
      await cluster.feed.stop();
      await redis.stop();
    },
  };
  for (let i = 0; i < options.edges; i++) cluster.edges.push(await startEdge(await freePort()));
  cluster.lb = await startLoadBalancer(cluster.edges.map((e) => e.port));
  return cluster;
}

export interface HeadlessClient {
  readonly store: MarketStore;
  readonly connection: MarketConnection;
}

/** A client running the dashboard's market code in Node, connected like the browser: WebSocket only. */
export function connectHeadless(url: string, specs: readonly SymbolSpec[]): HeadlessClient {
  const store = new MarketStore(specs);
  // Quick reconnects keep the runs short; everything else is the dashboard's own behaviour.
  const socket = createMarketSocket(url, { forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 500 });
  return { store, connection: connectMarket(store, socket) };
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as T;
}
