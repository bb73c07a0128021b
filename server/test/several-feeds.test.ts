// Several feeds in one server, built from flags the way main.ts builds them: namespaced symbols side by side.

import type { AddressInfo } from 'node:net';
import { makeInstrument, SymbolReplica, type SymbolSpec } from '@tickline/shared';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { type Application, createApplication } from '../src/roles/all.ts';
import { createFeeds } from '../src/feeds/create-feeds.ts';
import { silentLogger } from '../src/logger.ts';
import { startFakeBinance } from './support/fake-binance.ts';
import { startFakeCoinbase } from './support/fake-coinbase.ts';
import { type ClientSocket, onUpdates, subscribeApplying, until } from './support/test-server.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('several feeds at once', () => {
  it('serves the simulator, Binance and Coinbase side by side under namespaced symbols', async () => {
    const binance = await startFakeBinance({ seed: 3 });
    cleanups.push(() => binance.close());
    const coinbase = await startFakeCoinbase({ seed: 4, heartbeatMs: 100 });
    cleanups.push(() => coinbase.close());

    const config = parseConfig(
      ['--feed', 'sim,binance,coinbase', '--symbols', 'AAPL,binance:BTCUSDT,coinbase:BTC-USD', '--history-ms', '0'],
      {
        BINANCE_WS_URL: binance.wsUrl,
        BINANCE_REST_URL: binance.restUrl,
        COINBASE_WS_URL: coinbase.wsUrl,
        COINBASE_REST_URL: coinbase.restUrl,
      },
    );
    const feeds = await createFeeds(config, silentLogger);
    const app: Application = createApplication({
      feeds,
      flushIntervalMs: 20,
      bookDepth: 20,
      tradeHistory: 50,
      candleIntervalMs: 1000,
      candleHistory: 60,
      maxTradesPerUpdate: 200,
      staleAfterMs: 60_000,
      logger: silentLogger,
    });
    cleanups.push(() => app.close());
    await app.start();
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;

    const specs = (await (await fetch(`${url}/api/symbols`)).json()) as SymbolSpec[];
    expect(specs.map((s) => s.symbol)).toEqual(['AAPL', 'binance:BTCUSDT', 'coinbase:BTC-USD']);
    expect(specs.find((s) => s.symbol === 'binance:BTCUSDT')).toMatchObject({ tickSize: '0.01', lotSize: '0.00001' });

    const client = io(url, { transports: ['websocket'], reconnection: false }) as ClientSocket;
    cleanups.push(() => {
      client.disconnect();
    });
    const replicas = new Map(
      specs.map((s) => [s.symbol, new SymbolReplica(s.symbol, { instrument: makeInstrument(s) })]),
    );
    const results: string[] = [];
    onUpdates(app, client, (u) => results.push(replicas.get(u.symbol)!.applyUpdate(u)));
    await subscribeApplying(client, [...replicas.keys()], (snap) => replicas.get(snap.symbol)!.applySnapshot(snap));

    const venues = setInterval(() => {
      binance.emit(5);
      coinbase.updates(5);
    }, 20);
    cleanups.push(() => clearInterval(venues));
    await until(
      () => [...replicas.values()].every((r) => r.trades.size > 0 && r.book.depth(0) > 0 && r.status === 'live'),
      10_000,
      'trades and a live book on every feed',
    );
    expect(results.every((r) => r === 'applied')).toBe(true);

    const health = (await (await fetch(`${url}/api/health`)).json()) as { feeds: Record<string, { status: string }> };
    expect(Object.keys(health.feeds)).toEqual(['sim', 'binance', 'coinbase']);
    expect(health.feeds['binance']?.status).toBe('live');
  });

  it('an unknown venue symbol stops the start with a message naming it', async () => {
    const binance = await startFakeBinance({ seed: 5 });
    cleanups.push(() => binance.close());
    const config = parseConfig(['--feed', 'binance', '--symbols', 'BTCUSDT,NOPEUSDT'], {
      BINANCE_WS_URL: binance.wsUrl,
      BINANCE_REST_URL: binance.restUrl,
    });
    await expect(createFeeds(config, silentLogger)).rejects.toThrow(/NOPEUSDT/);
  });
});
