// Tickline under test: the real application (hub, flush loop, per-client batches) fed by the synthetic feed, with
// the adaptive flush `npm start` uses unless told `flushMode: 'fixed'`.

import type { AddressInfo } from 'node:net';
import { createApplication, silentLogger } from '@tickline/server';
import { createSyntheticFeed } from '../synthetic-feed.ts';
import { readServerArgs, serveControl } from './server-control.ts';
import { BENCH_GATE, benchServerClock, STANDARD_HUB_OPTIONS } from './standard-options.ts';

const args = readServerArgs();
const feed = createSyntheticFeed({ symbols: args.symbols, rate: args.rate, traffic: args.traffic });
const app = createApplication({
  feeds: [feed],
  flushIntervalMs: args.flushMs,
  adaptiveFlush: args.flushMode !== 'fixed',
  ...STANDARD_HUB_OPTIONS,
  logger: silentLogger,
  clock: benchServerClock,
  maxQueuedBytesPerSocket: args.maxQueuedBytes === null ? Infinity : args.maxQueuedBytes,
  gate: BENCH_GATE,
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
