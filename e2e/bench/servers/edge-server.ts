// A cluster's edge under test: the real edge role (server/src/roles/edge.ts) reading the feed node's stream from
// Redis and serving the load generator's clients through the same fan-out as the single process. It has no feed of
// its own, so the offered rate is set on the feed node; `rate` here changes nothing.

import type { AddressInfo } from 'node:net';
import { createEdgeNode } from '@tickline/server';
import { benchLogger } from './bench-logger.ts';
import { readClusterNodeArgs } from './cluster-node-args.ts';
import { serveControl } from './server-control.ts';
import { BENCH_GATE, benchServerClock, STANDARD_HUB_OPTIONS } from './standard-options.ts';

const args = readClusterNodeArgs();
const edge = createEdgeNode({
  redisUrl: args.redisUrl,
  staleAfterMs: STANDARD_HUB_OPTIONS.staleAfterMs,
  logger: benchLogger('edge'),
  clock: benchServerClock,
  gate: BENCH_GATE,
  ...(args.maxQueuedBytes === undefined ? {} : { maxQueuedBytesPerSocket: args.maxQueuedBytes ?? Infinity }),
});
// Resolves once the feed node's epoch and snapshots are loaded: clients connecting after it are served at once.
await edge.start();
await new Promise<void>((resolve) => edge.httpServer.listen(0, '127.0.0.1', resolve));

serveControl({
  port: (edge.httpServer.address() as AddressInfo).port,
  schedule: () => undefined,
  clients: () => edge.io.engine.clientsCount,
  dropped: () => edge.slowConsumers.dropped,
  close: () => edge.close(),
});
