// Tickline under test: the real application (hub, flush loop, per-client batches) fed by the synthetic feed.

import type { AddressInfo } from 'node:net';
import { createApplication, silentLogger } from '@tickline/server';
import { benchNow } from '../bench-clock.ts';
import { createSyntheticFeed } from '../synthetic-feed.ts';
import { readServerArgs, serveControl } from './server-control.ts';

const args = readServerArgs();
const feed = createSyntheticFeed({ symbols: args.symbols, rate: args.rate });
const app = createApplication({
  feeds: [feed],
  flushIntervalMs: args.flushMs,
  // The defaults of `npm start` (server/src/config.ts, main.ts).
  bookDepth: 25,
  tradeHistory: 100,
  candleIntervalMs: 5000,
  candleHistory: 360,
  maxTradesPerUpdate: 200,
  staleAfterMs: 5000,
  logger: silentLogger,
  // The feed stamps trades with the shared bench clock (not epoch ms), so the server's clock must be the same one:
  // batch times and trade times then differ by the few ms trades wait for a flush, as they do in production.
  clock: () => Math.floor(benchNow()),
  maxQueuedBytesPerSocket: args.maxQueuedBytes === null ? Infinity : args.maxQueuedBytes,
});
await app.start();
await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));

serveControl({
  port: (app.httpServer.address() as AddressInfo).port,
  schedule: () => feed.schedule,
  clients: () => app.io.engine.clientsCount,
  dropped: () => app.slowConsumers.dropped,
  close: () => app.close(),
});
