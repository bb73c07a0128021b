// A single-process Tickline in this process on a fast simulated market: a sim step and a flush every 10 ms, so
// nearly every flush updates every symbol. For tests that need thousands of updates in a few seconds and the
// server's own state to compare with at the end.

import type { AddressInfo } from 'node:net';
import { type Application, createApplication, createSimFeed, type FeedAdapter, silentLogger } from '@tickline/server';

export interface FastMarketServer {
  app: Application;
  feed: FeedAdapter;
  port: number;
  url: string;
}

export async function startFastMarketServer(options: {
  seed: number;
  symbols: string[];
  port?: number;
  historyMs?: number;
}): Promise<FastMarketServer> {
  const feed = createSimFeed({
    seed: options.seed,
    symbols: options.symbols,
    rate: 8,
    stepMs: 10,
    historyMs: options.historyMs ?? 2_000,
  });
  const app = createApplication({
    feeds: [feed],
    flushIntervalMs: 10,
    bookDepth: 20,
    tradeHistory: 50,
    candleIntervalMs: 1_000,
    candleHistory: 60,
    maxTradesPerUpdate: 200,
    staleAfterMs: 60_000, // no status change may move the sequence while clients settle
    logger: silentLogger,
  });
  await app.start();
  await new Promise<void>((resolve) => app.httpServer.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (app.httpServer.address() as AddressInfo).port;
  return { app, feed, port, url: `http://127.0.0.1:${port}` };
}
