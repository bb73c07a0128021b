// The benchmark's server process: Tickline's application on the synthetic feed, serving the built dashboard.
// Started by heavy-server.ts with its load in the environment; prints one JSON line with its URL once listening.

import { fileURLToPath } from 'node:url';
import { createApplication, DEFAULT_BACKFILL, silentLogger } from '@tickline/server';
import { STANDARD_HUB_OPTIONS } from '../servers/standard-options.ts';
import { createBusyMarketFeed } from './busy-market-feed.ts';

const symbols = Number(process.env.BENCH_SYMBOLS ?? 50);
const ratePerSecond = Number(process.env.BENCH_RATE ?? 20);

const app = createApplication({
  // The history `npm start` begins with (server/src/feeds/create-feeds.ts): ten minutes of trades, and before them the
  // sim's backfill, two days of 1m candles and the last hour of 1s. Every view starts with its window full (the 1m
  // chart's 120 candles, each sparkline's hour), so the benchmarks measure the dashboard users see, not one whose
  // views are still filling.
  feeds: [
    createBusyMarketFeed({ symbols, ratePerSecond, seed: 42, historyMs: 10 * 60_000, backfill: DEFAULT_BACKFILL }),
  ],
  // The same settings as `npm start`'s defaults (server/src/config.ts, roles/from-config.ts).
  flushIntervalMs: 50,
  ...STANDARD_HUB_OPTIONS,
  staticDir: fileURLToPath(new URL('../../../client/dist', import.meta.url)),
  logger: silentLogger,
});

await app.start();
app.httpServer.listen(0, '127.0.0.1', () => {
  const address = app.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}`, symbols, ratePerSecond }));
});

// The runner holds our stdin open; when it ends (the runner exited, was killed, or died on a closed output pipe),
// stop too, rather than stay behind competing for the cores with the next benchmark.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

process.on('SIGTERM', () => {
  const force = setTimeout(() => process.exit(0), 2000);
  force.unref();
  void app.close().then(() => process.exit(0));
});
