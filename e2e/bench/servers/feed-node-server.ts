// A cluster's feed node under test: the standard scenario's synthetic feed, sequenced and published to a real
// redis-server by the real feed role (server/src/roles/feed.ts), one XADD per flush. It serves no clients (the edge
// does); its http port answers /api/health, where the bench reads the bus counters.

import type { AddressInfo } from 'node:net';
import { createFeedNode } from '@tickline/server';
import { createSyntheticFeed } from '../synthetic-feed.ts';
import { benchLogger } from './bench-logger.ts';
import { readClusterNodeArgs } from './cluster-node-args.ts';
import { serveControl } from './server-control.ts';
import { benchServerClock, STANDARD_HUB_OPTIONS } from './standard-options.ts';

const args = readClusterNodeArgs();
const feed = createSyntheticFeed({ symbols: args.symbols, rate: args.rate });
const node = createFeedNode({
  feeds: [feed],
  flushIntervalMs: args.flushMs,
  ...STANDARD_HUB_OPTIONS,
  redisUrl: args.redisUrl,
  logger: benchLogger('feed node'),
  clock: benchServerClock,
});
await node.start();
await new Promise<void>((resolve) => node.httpServer.listen(0, '127.0.0.1', resolve));

serveControl({
  port: (node.httpServer.address() as AddressInfo).port,
  schedule: () => feed.schedule,
  clients: () => 0,
  dropped: () => 0,
  close: () => node.close(),
});
