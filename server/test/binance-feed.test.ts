// The Binance feed against a fake Binance on loopback: books, trades and tickers as the exchange has them, through
// stale snapshots, gaps, duplicates, garbage and dropped connections.

import { afterEach, describe, expect, it } from 'vitest';
import type { FeedAdapter } from '../src/feeds/feed.ts';
import { createBinanceFeed } from '../src/feeds/binance/binance-feed.ts';
import { createFeeds } from '../src/feeds/create-feeds.ts';
import { parseConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { closedPort } from './support/closed-port.ts';
import { until, watch } from './support/binance-watch.ts';
import { type FakeBinance, startFakeBinance } from './support/fake-binance.ts';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const done of cleanup.splice(0).reverse()) await done();
});

async function setup(prepare: (fake: FakeBinance) => void = () => {}) {
  const fake = await startFakeBinance({ seed: 42 });
  cleanup.push(() => fake.close());
  prepare(fake);
  const feed = await createBinanceFeed({
    symbols: SYMBOLS,
    wsUrl: fake.wsUrl,
    restUrl: fake.restUrl,
    backoff: { baseMs: 10, maxMs: 40 },
    idleTimeoutMs: 5000,
  });
  cleanup.push(() => feed.stop());
  const seen = watch();
  await feed.start(seen.sink);
  await until(() => fake.connections === 1, 'the stream connection');
  // The start's klines (binance-backfill.test.ts) land whenever REST answers; counts below must not see them arrive.
  await until(() => seen.events.filter((e) => e.type === 'history').length === 6, 'the backfill');
  return { fake, feed, seen, ...helpers(fake, feed, seen) };
}

function helpers(fake: FakeBinance, feed: FeedAdapter, seen: ReturnType<typeof watch>) {
  const live = (s: string) => seen.status(s).at(-1) === 'live';
  return {
    /** Keeps the market moving (a book syncs only once diffs flow) until every symbol is live. */
    allLive: () => until(() => (fake.emit(3), SYMBOLS.every(live)), 'every symbol live'),
    /** Waits until the feed's books are exactly the exchange's. */
    booksMatch: () =>
      until(
        () => SYMBOLS.every((s) => JSON.stringify(seen.book(s)) === JSON.stringify(fake.book(s))),
        'books equal to the exchange',
      ),
    health: () => feed.health(),
  };
}

describe('Binance feed against a fake Binance', () => {
  it('serves symbols with specs from exchangeInfo', async () => {
    const { feed } = await setup();
    expect(feed.id).toBe('binance');
    expect(feed.symbols[0]).toEqual({
      symbol: 'binance:BTCUSDT',
      name: 'BTC/USDT',
      assetClass: 'crypto',
      base: 'BTC',
      quote: 'USDT',
      tickSize: '0.01',
      lotSize: '0.00001',
      pricePrecision: 2,
      sizePrecision: 5,
      statsWindow: '24h',
    });
    expect(feed.symbols[1]).toMatchObject({ symbol: 'binance:ETHUSDT', lotSize: '0.0001', sizePrecision: 4 });
  });

  it('builds books equal to the exchange after many updates, and maps trades and tickers', async () => {
    const { fake, seen, allLive, booksMatch, health } = await setup();
    await allLive();
    fake.emit(600);
    await booksMatch();
    const snapshots = seen.events.filter((e) => e.type === 'book:snapshot').map((e) => e.symbol);
    expect(snapshots).toEqual(expect.arrayContaining(['binance:BTCUSDT', 'binance:ETHUSDT']));
    expect(snapshots).toHaveLength(2);
    const trades = seen.events.flatMap((e) => (e.type === 'trade' ? [{ ...e, symbol: e.symbol.slice(8) }] : []));
    expect(trades).toEqual(fake.trades.map((t) => ({ type: 'trade', ...t })));
    expect(new Set(trades.map((t) => t.aggressor))).toEqual(new Set([0, 1]));
    const tickers = seen.events.flatMap((e) => (e.type === 'ticker' ? [{ ...e, symbol: e.symbol.slice(8) }] : []));
    expect(tickers).toEqual(fake.tickers.map((t) => ({ type: 'ticker', ...t })));
    expect(tickers.length).toBeGreaterThan(0);
    expect(health()).toMatchObject({ status: 'live', malformed: 0, resyncs: 0, reconnects: 0 });
  });

  it('fetches the snapshot again when it is older than the buffered diffs', async () => {
    const { fake, seen, allLive, booksMatch, health } = await setup((f) => f.lagSnapshots('BTCUSDT', 1));
    await allLive();
    expect(seen.status('BTCUSDT')).toEqual(['reconnecting', 'stale', 'live']);
    expect(seen.status('ETHUSDT')).toEqual(['reconnecting', 'live']);
    expect(health().resyncs).toBe(1);
    expect(fake.depthRequests).toBe(3);
    fake.emit(200);
    await booksMatch();
  });

  it('retries a refused snapshot request', async () => {
    const { fake, allLive, booksMatch, health } = await setup((f) => f.failSnapshots(2));
    await allLive();
    expect(fake.depthRequests).toBe(4);
    expect(health().lastError).toMatch(/HTTP 429 Too many requests/);
    fake.emit(100);
    await booksMatch();
  });

  it('resyncs on a sequence gap: stale, a fresh snapshot, live, and the book right again', async () => {
    const { fake, seen, allLive, booksMatch, health } = await setup();
    await allLive();
    fake.emit(100);
    await booksMatch();
    fake.lose('BTCUSDT', 3);
    await until(() => (fake.emit(2), seen.status('BTCUSDT').length === 4), 'a resync and back');
    expect(seen.status('BTCUSDT')).toEqual(['reconnecting', 'live', 'stale', 'live']);
    expect(health().resyncs).toBe(1);
    fake.emit(100);
    await booksMatch();
  });

  it('ignores duplicate and stale diffs', async () => {
    const { fake, seen, allLive, booksMatch, health } = await setup();
    await allLive();
    fake.emit(100);
    await booksMatch();
    const before = { events: seen.events.length, messages: health().messages };
    fake.repeat('BTCUSDT', 10);
    await until(() => health().messages === before.messages + 10, 'the repeats to arrive');
    expect(seen.events.length).toBe(before.events);
    expect(health().resyncs).toBe(0);
    fake.emit(100);
    await booksMatch();
  });

  it('counts and skips malformed messages, checks the filters once on a value off the grid, and keeps going', async () => {
    const { fake, seen, allLive, booksMatch, health } = await setup();
    await allLive();
    const offGrid = { e: 'trade', E: 1, s: 'BTCUSDT', t: 1, p: '64250.005', q: '1.00000000', T: 1, m: true };
    fake.sendRaw('{"stream": "btcusdt@trade", "data": {');
    fake.sendRaw(JSON.stringify({ stream: 'btcusdt@trade', data: { e: 'trade', s: 'BTCUSDT' } }));
    fake.sendRaw(JSON.stringify({ stream: 'btcusdt@trade', data: offGrid }));
    fake.sendRaw(JSON.stringify({ stream: 'dogeusdt@trade', data: { ...offGrid, s: 'DOGEUSDT', p: '0.1' } }));
    await until(() => health().malformed === 4, 'four malformed messages counted');
    // The price off the grid paused BTCUSDT for a filter check; they are unchanged, so it rebuilds and goes on.
    await allLive();
    fake.emit(100);
    await booksMatch();
    expect(fake.exchangeInfoRequests('BTCUSDT')).toBe(2); // the start, and the one check
    expect(seen.status('BTCUSDT')).toEqual(['reconnecting', 'live', 'stale', 'live']);
    expect(seen.status('ETHUSDT')).toEqual(['reconnecting', 'live']);
    expect(health()).toMatchObject({ status: 'live', resyncs: 1 });
    expect(seen.events.some((e) => e.type === 'trade' && e.time === 1)).toBe(false);
  });

  it('reconnects after a dropped connection, rebuilds every book from a fresh snapshot, and matches again', async () => {
    const { fake, seen, allLive, booksMatch, health } = await setup();
    await allLive();
    fake.emit(100);
    await booksMatch();
    fake.drop();
    await until(() => SYMBOLS.every((s) => seen.status(s).at(-1) === 'reconnecting'), 'the feed to notice');
    fake.emit(50); // missed while disconnected; the fresh snapshot has it
    await until(() => fake.connections === 1, 'a new connection');
    await allLive();
    fake.emit(100);
    await booksMatch();
    for (const s of SYMBOLS) expect(seen.status(s)).toEqual(['reconnecting', 'live', 'reconnecting', 'live']);
    expect(health()).toMatchObject({ status: 'live', reconnects: 1, resyncs: 0 });
    expect(fake.connectionsEver).toBe(2);
  });

  it('sends nothing after stop resolves', async () => {
    const { fake, seen, feed, allLive } = await setup();
    await allLive();
    await feed.stop();
    const count = seen.events.length;
    await until(() => fake.connections === 0, 'the connection to close');
    const frames = fake.framesSent;
    fake.emit(50);
    // Written to no one: with no connection left, nothing the exchange sends can reach the feed, so there is
    // nothing to wait for.
    expect(fake.framesSent).toBe(frames);
    expect(fake.connectionsEver).toBe(1);
    expect(seen.events.length).toBe(count);
    expect(feed.health().status).toBe('halted');
  });

  it('refuses an unknown symbol at start, naming it', async () => {
    const fake = await startFakeBinance();
    cleanup.push(() => fake.close());
    const start = createBinanceFeed({ symbols: ['btcusdt', 'NOPEUSDT'], wsUrl: fake.wsUrl, restUrl: fake.restUrl });
    await expect(start).rejects.toThrow(/unknown symbol NOPEUSDT \(.*Invalid symbol\. \(code -1121\)\)/);
  });
});

describe('Binance that cannot be reached', () => {
  it('fails the start with one sentence naming what to check when the REST endpoint refuses connections', async () => {
    const port = await closedPort();
    const argv = ['--feed', 'binance', '--binance-rest-url', `http://127.0.0.1:${port}`];
    const started = createFeeds(parseConfig(argv, {}), silentLogger);
    const sentence =
      `binance: cannot reach the REST API at http://127.0.0.1:${port}: the connection was refused (nothing listens ` +
      "there); check the network, the proxy (Node's fetch does not use HTTPS_PROXY: this server connects directly), " +
      'and --binance-rest-url (or BINANCE_REST_URL).';
    await expect(started).rejects.toThrow(sentence);
  });

  it('says what to check on every failed attempt to reach the stream, and keeps trying', async () => {
    const fake = await startFakeBinance();
    cleanup.push(() => fake.close());
    const port = await closedPort();
    const warnings: string[] = [];
    const feed = await createBinanceFeed({
      symbols: SYMBOLS,
      wsUrl: `ws://127.0.0.1:${port}`,
      restUrl: fake.restUrl,
      backoff: { baseMs: 10, maxMs: 20 },
      logger: { ...silentLogger, warn: (line) => warnings.push(line) },
    });
    cleanup.push(() => feed.stop());
    await feed.start(() => {});
    const explained = () => warnings.filter((w) => w.startsWith('binance: cannot reach the stream'));
    await until(() => explained().length >= 2, 'two explained attempts');
    expect(explained()[0]).toContain(`cannot reach the stream at ws://127.0.0.1:${port}: the connection was refused`);
    expect(explained()[0]).toMatch(/--binance-ws-url \(or BINANCE_WS_URL\)\.$/);
    expect(feed.health().status).toBe('reconnecting');
  });
});
