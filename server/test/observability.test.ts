// The observability surface of a real server on loopback: /metrics as Prometheus scrapes it, /healthz and /readyz,
// and the shutdown a client sees.

import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoinFlipFeed } from '../src/feeds/examples/coin-flip-feed.ts';
import type { FeedAdapter, FeedHealth } from '../src/feeds/feed.ts';
import { silentLogger } from '../src/logger.ts';
import { createApplication } from '../src/roles/all.ts';
import { sampleValue, scrape } from './support/prometheus-text.ts';
import { startTestServer, type TestServer, until } from './support/test-server.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('GET /metrics', () => {
  it('exports the stream, the feed, the flush loop and Node in the Prometheus text format', async () => {
    server = await startTestServer({ symbols: ['AAPL', 'BTC-USD'] });
    const client = await server.connect();
    await client.timeout(5000).emitWithAck('subscribe', { symbols: ['AAPL', 'BTC-USD'] });
    let batches = 0;
    client.on('md', () => batches++);
    await until(() => batches >= 3, 10_000, 'market data');
    await client.timeout(5000).emitWithAck('resync', { symbols: ['AAPL'], reason: 'gap' });

    const samples = await scrape(server.url);
    expect(sampleValue(samples, 'tickline_connections')).toBe(1);
    expect(sampleValue(samples, 'tickline_subscriptions', { symbol: 'AAPL' })).toBe(1);
    expect(sampleValue(samples, 'tickline_updates_sent_total', { symbol: 'AAPL' })).toBeGreaterThan(0);
    expect(sampleValue(samples, 'tickline_update_deliveries_total')).toBeGreaterThanOrEqual(batches);
    expect(sampleValue(samples, 'tickline_md_messages_sent_total')).toBeGreaterThanOrEqual(batches);
    // Two snapshots of the subscribe and one of the resync, each at least a book's worth of bytes.
    expect(sampleValue(samples, 'tickline_snapshots_sent_total', { symbol: 'AAPL' })).toBe(2);
    expect(sampleValue(samples, 'tickline_sent_bytes_total')).toBeGreaterThan(1000);
    expect(sampleValue(samples, 'tickline_resyncs_total', { reason: 'gap' })).toBe(1);
    expect(sampleValue(samples, 'tickline_resyncs_total', { reason: 'checksum' })).toBe(0);
    expect(sampleValue(samples, 'tickline_refusals_total', { reason: 'rate_limited' })).toBe(0);
    expect(sampleValue(samples, 'tickline_slow_consumers_cut_total')).toBe(0);
    expect(sampleValue(samples, 'tickline_flush_duration_seconds_count')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'tickline_flush_duration_seconds_bucket', { le: '+Inf' })).toBe(
      sampleValue(samples, 'tickline_flush_duration_seconds_count'),
    );
    expect(sampleValue(samples, 'tickline_flush_errors_total')).toBe(0);
    expect(sampleValue(samples, 'tickline_feed_status', { feed: 'sim', status: 'live' })).toBe(1);
    expect(sampleValue(samples, 'tickline_feed_status', { feed: 'sim', status: 'reconnecting' })).toBe(0);
    expect(sampleValue(samples, 'tickline_feed_messages_total', { feed: 'sim' })).toBeGreaterThan(0);
    expect(sampleValue(samples, 'tickline_feed_malformed_total', { feed: 'sim' })).toBe(0);
    expect(sampleValue(samples, 'tickline_feed_reconnects_total', { feed: 'sim' })).toBe(0);
    // Node's defaults, event-loop delay among them.
    expect(sampleValue(samples, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts a flush that throws and keeps flushing', async () => {
    server = await startTestServer({ symbols: ['AAPL'] });
    const { hub } = server.app;
    const flush = hub.flush.bind(hub);
    let thrown = 0;
    hub.flush = (time) => {
      if (thrown++ === 0) throw new Error('injected flush failure');
      return flush(time);
    };
    const client = await server.connect();
    await client.timeout(5000).emitWithAck('subscribe', { symbols: ['AAPL'] });
    let batches = 0;
    client.on('md', () => batches++);
    await until(() => batches >= 2, 10_000, 'flushes after the failure');
    expect(sampleValue(await scrape(server.url), 'tickline_flush_errors_total')).toBe(1);
  });

  it('serves a separate registry per server in one process', async () => {
    server = await startTestServer({ symbols: ['AAPL'] });
    const other = await startTestServer({ symbols: ['AAPL'] });
    try {
      await server.connect();
      await until(() => server!.app.io.engine.clientsCount === 1);
      expect(sampleValue(await scrape(server.url), 'tickline_connections')).toBe(1);
      expect(sampleValue(await scrape(other.url), 'tickline_connections')).toBe(0);
    } finally {
      await other.close();
    }
  });
});

/** A feed that says it is still connecting until told otherwise, with the coin-flip's symbol and events. */
function holdableFeed(): FeedAdapter & { release(): void } {
  const inner = createCoinFlipFeed();
  let released = false;
  let pendingSink: Parameters<FeedAdapter['start']>[0] | undefined;
  return {
    id: inner.id,
    symbols: inner.symbols,
    start: (sink) => (released ? inner.start(sink) : Promise.resolve(void (pendingSink = sink))),
    stop: () => inner.stop(),
    health: (): FeedHealth => (released ? inner.health() : { ...inner.health(), status: 'reconnecting' }),
    release() {
      released = true;
      if (pendingSink) void inner.start(pendingSink);
    },
  };
}
describe('GET /healthz and /readyz', () => {
  it('is alive at once, and ready only once the feed is connected and every symbol has a live book', async () => {
    const feed = holdableFeed();
    const app = createApplication({
      feeds: [feed],
      flushIntervalMs: 20,
      bookDepth: 10,
      tradeHistory: 10,
      candleIntervalMs: 1000,
      candleHistory: 10,
      maxTradesPerUpdate: 10,
      staleAfterMs: 5000,
      logger: silentLogger,
    });
    await app.start();
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const notReady = await fetch(`${url}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({
        ok: false,
        reasons: ['feed demo is reconnecting', 'demo:COIN has no data yet'],
      });

      feed.release();
      let status = 0;
      // until() checks synchronously and fetch is not: poll in the background while waiting.
      const poller = setInterval(() => void fetch(`${url}/readyz`).then((res) => (status = res.status)), 20);
      try {
        await until(() => status === 200, 5000, 'ready');
      } finally {
        clearInterval(poller);
      }
      expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ ok: true, reasons: [] });
      // /api/health stays as it was.
      expect(await (await fetch(`${url}/api/health`)).json()).toMatchObject({ ok: true, role: 'all' });
    } finally {
      await app.close();
    }
  });
});

describe('shutdown', () => {
  it('tells every client server:shutdown, then closes its connection (so any client reconnects), and stops accepting', async () => {
    server = await startTestServer({ symbols: ['AAPL'] });
    const clients = [await server.connect(), await server.connect()];
    const notices: unknown[] = [];
    const reasons: string[] = [];
    for (const c of clients) {
      c.on('server:shutdown', (notice) => notices.push(notice));
      c.on('disconnect', (reason) => reasons.push(reason));
    }
    await server.app.close();
    await until(() => reasons.length === 2, 5000, 'both disconnected');
    expect(notices).toEqual([{ reason: 'server shutting down' }, { reason: 'server shutting down' }]);
    // Not `io server disconnect`, after which a Socket.IO client would not reconnect by itself.
    expect(reasons).toEqual(['transport close', 'transport close']);
    const late: Socket = io(server.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 2000,
    });
    const refused = await new Promise<boolean>((resolve) => {
      late.once('connect', () => resolve(false));
      late.once('connect_error', () => resolve(true));
    });
    late.close();
    expect(refused).toBe(true);
  });
});
