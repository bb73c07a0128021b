// The hub settings of every Tickline process under test, single or cluster: the defaults of `npm start`
// (server/src/config.ts, roles/from-config.ts), kept in one place so both kinds sequence exactly the same way.

import { benchNow } from '../bench-clock.ts';

export const STANDARD_HUB_OPTIONS = {
  bookDepth: 25,
  tradeHistory: 100,
  candleIntervalMs: 5000,
  candleHistory: 360,
  maxTradesPerUpdate: 200,
  staleAfterMs: 5000,
} as const;

/**
 * The load generator opens its 1,000+ clients from 127.0.0.1, where `npm start` allows 64 per address: the servers
 * under test lift the connection caps so every client is admitted.
 */
export const BENCH_GATE = { maxConnections: 1_000_000, maxConnectionsPerAddress: 1_000_000 } as const;

/**
 * The feed stamps trades with the shared bench clock (not epoch ms), so every server's clock must be the same one:
 * batch times and trade times then differ by the few ms trades wait for a flush, as they do in production. In a
 * cluster the feed node and the edge both use it (CLOCK_MONOTONIC is one clock for all processes on the machine).
 */
export const benchServerClock = (): number => Math.floor(benchNow());
