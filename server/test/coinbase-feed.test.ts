import { BUY, OrderBook, SELL, type BookLevels, makeInstrument } from '@tickline/shared';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCoinbaseFeed, type CoinbaseFeedOptions } from '../src/feeds/coinbase/coinbase-feed.ts';
import type { FeedAdapter, FeedStatus, MarketEvent } from '../src/feeds/feed.ts';
import { silentLogger } from '../src/logger.ts';
import { closedPort } from './support/closed-port.ts';
import { type FakeCoinbase, type FakeCoinbaseOptions, startFakeCoinbase } from './support/fake-coinbase.ts';

const BTC = 'coinbase:BTC-USD';
const DOGE = 'coinbase:DOGE-USD';

const fakes: FakeCoinbase[] = [];
const feeds: FeedAdapter[] = [];
afterEach(async () => {
  await Promise.all(feeds.splice(0).map((f) => f.stop()));
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** What the hub would hold: each symbol's full book from the events, and every event as it came. */
class Observed {
  readonly events: MarketEvent[] = [];
  private readonly books = new Map<string, OrderBook>();

  readonly apply = (e: MarketEvent): void => {
    this.events.push(e);
    if (e.type === 'book:snapshot') this.books.set(e.symbol, new OrderBook()).get(e.symbol)?.applySnapshot(e);
    if (e.type === 'book:delta') {
      const book = this.books.get(e.symbol);
      if (!book) throw new Error(`a delta for ${e.symbol} before its snapshot`);
      book.applyDelta(e.updates);
    }
  };

  book(symbol: string): BookLevels | undefined {
    return this.books.get(symbol)?.top(Number.MAX_SAFE_INTEGER);
  }

  statuses(symbol: string): FeedStatus[] {
    return this.events.flatMap((e) => (e.type === 'status' && e.symbol === symbol ? [e.status] : []));
  }

  status(symbol: string): FeedStatus | undefined {
    return this.statuses(symbol).at(-1);
  }

  of<T extends MarketEvent['type']>(type: T, symbol: string): Extract<MarketEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<MarketEvent, { type: T }> => e.type === type && e.symbol === symbol);
  }
}

/** Whether the feed's books are the exchange's, for waits where message counts cannot tell. */
const sameBooks = (seen: Observed, fake: FakeCoinbase) =>
  isDeepStrictEqual(seen.book(BTC), fake.book('BTC-USD')) && isDeepStrictEqual(seen.book(DOGE), fake.book('DOGE-USD'));

async function setup(fakeOptions: FakeCoinbaseOptions = {}, feedOptions: Partial<CoinbaseFeedOptions> = {}) {
  // Heartbeats only when a test sends them, so that what the fake sent and what the feed read can be compared.
  const fake = await startFakeCoinbase({ heartbeatMs: 0, ...fakeOptions });
  fakes.push(fake);
  const feed = await createCoinbaseFeed({
    symbols: ['BTC-USD', 'DOGE-USD'],
    wsUrl: fake.wsUrl,
    restUrl: fake.restUrl,
    logger: silentLogger,
    idleTimeoutMs: 3000,
    backoff: { baseMs: 10, maxMs: 50 },
    ...feedOptions,
  });
  feeds.push(feed);
  const seen = new Observed();
  await feed.start(seen.apply);
  const live = (...symbols: string[]) =>
    until(() => symbols.every((s) => seen.status(s) === 'live'), `${symbols} live`);
  // Loopback delivers everything in order: once the counts agree the feed has read all the fake wrote.
  const settled = () => until(() => feed.health().messages === fake.sent(), 'the feed to read all that was sent');
  const booksEqual = () => {
    expect(seen.book(BTC)).toEqual(fake.book('BTC-USD'));
    expect(seen.book(DOGE)).toEqual(fake.book('DOGE-USD'));
  };
  await live(BTC, DOGE);
  // The start's candles land whenever REST answers; the event windows below must not see them arrive.
  await until(() => seen.events.filter((e) => e.type === 'history').length === 6, 'the backfill');
  return { fake, feed, seen, live, settled, booksEqual };
}

describe('the Coinbase feed against a fake exchange', () => {
  it('serves each product as namespace:id, with the venue increments as tick and lot', async () => {
    const { feed } = await setup();
    expect(feed.id).toBe('coinbase');
    expect(feed.symbols).toMatchObject([
      { symbol: BTC, base: 'BTC', quote: 'USD', tickSize: '0.01', lotSize: '0.00000001', sizePrecision: 8 },
      { symbol: DOGE, tickSize: '0.00001', lotSize: '0.1', pricePrecision: 5, sizePrecision: 1 },
    ]);
  });

  it('subscribes to every product on the four channels as soon as the socket opens', async () => {
    // The fake drops a connection that has not subscribed within 1 s, as Coinbase does after 5 s. A subscribe
    // cancels that deadline, so once the first connection's subscribe is logged it cannot be dropped for it: no
    // need to wait the deadline out. A feed that subscribed late would be live only on a later connection.
    const { fake, feed } = await setup({ subscribeTimeoutMs: 1000 });
    expect(fake.requests[0]).toEqual({
      connection: 1,
      type: 'subscribe',
      product_ids: ['BTC-USD', 'DOGE-USD'],
      channels: ['ticker', 'level2_batch', 'matches', 'heartbeat'],
    });
    expect(fake.connections()).toBe(1);
    expect(feed.health()).toMatchObject({ status: 'live', reconnects: 0 });
  });

  it('keeps books equal to the exchange through many updates, each symbol live after its snapshot', async () => {
    const { fake, feed, seen, settled, booksEqual } = await setup();
    fake.updates(3000);
    fake.heartbeat();
    await settled();
    booksEqual();
    expect(seen.statuses(BTC)).toEqual(['reconnecting', 'live']);
    expect(feed.health()).toMatchObject({ status: 'live', malformed: 0, resyncs: 0, reconnects: 0 });
  });

  it('passes every trade on once, the taker as aggressor, including the last_match sent on subscribe', async () => {
    const { fake, seen, settled } = await setup();
    const firstTradeId = fake.market('BTC-USD').tradeId; // already sent as last_match
    fake.updates(500, 'BTC-USD');
    await settled();
    const market = fake.market('BTC-USD');
    const trades = seen.of('trade', BTC);
    expect(trades.length).toBe(market.tradeId - firstTradeId + 1);
    const last = market.last.match as { price: string; size: string; side: string; time: string };
    expect(trades.at(-1)).toMatchObject({
      price: market.instrument.parsePrice(last.price),
      size: market.instrument.parseSize(last.size),
      aggressor: last.side === 'sell' ? BUY : SELL,
      time: Date.parse(last.time),
    });
    expect(new Set(trades.map((t) => t.aggressor))).toEqual(new Set([BUY, SELL]));
  });

  it('passes on the venue 24h stats from the ticker channel', async () => {
    const { fake, seen, settled } = await setup();
    fake.updates(300, 'DOGE-USD');
    await settled();
    const doge = makeInstrument(fake.market('DOGE-USD').instrument.spec);
    const venue = JSON.parse(fake.market('DOGE-USD').last.ticker as string) as Record<string, string>;
    expect(seen.of('ticker', DOGE).at(-1)).toMatchObject({
      open: doge.parsePrice(venue.open_24h as string),
      high: doge.parsePrice(venue.high_24h as string),
      low: doge.parsePrice(venue.low_24h as string),
      volume: doge.parseSize(venue.volume_24h as string),
    });
  });

  it('rebuilds a book when a heartbeat shows missed trades: stale, resubscribed, live on the new snapshot', async () => {
    const { fake, feed, seen, live, settled, booksEqual } = await setup();
    fake.updates(300);
    await settled();
    fake.gap('BTC-USD');
    fake.heartbeat();
    await until(() => seen.statuses(BTC).includes('stale'), 'BTC stale');
    await live(BTC);
    fake.updates(300);
    await settled();
    booksEqual();
    expect(seen.statuses(BTC)).toEqual(['reconnecting', 'live', 'stale', 'live']);
    expect(seen.statuses(DOGE)).toEqual(['reconnecting', 'live']);
    expect(fake.requests.slice(1).map((r) => [r.connection, r.type, r.product_ids])).toEqual([
      [1, 'unsubscribe', ['BTC-USD']],
      [1, 'subscribe', ['BTC-USD']],
    ]);
    expect(feed.health()).toMatchObject({ resyncs: 1, reconnects: 0, status: 'live' });
  });

  it('rebuilds a book when a match skips trade ids', async () => {
    const { fake, feed, seen, live, settled, booksEqual } = await setup();
    fake.gap('DOGE-USD');
    const tradeId = fake.market('DOGE-USD').tradeId;
    while (fake.market('DOGE-USD').tradeId === tradeId) fake.updates(1, 'DOGE-USD');
    await until(() => seen.statuses(DOGE).includes('stale'), 'DOGE stale');
    await live(DOGE);
    await settled();
    booksEqual();
    expect(feed.health().resyncs).toBe(1);
  });

  it('ignores replayed and duplicated matches, tickers and heartbeats', async () => {
    const { fake, feed, seen, settled, booksEqual } = await setup();
    fake.updates(100, 'BTC-USD');
    fake.heartbeat();
    const old = { ...fake.market('BTC-USD').last };
    fake.updates(300, 'BTC-USD');
    fake.heartbeat();
    await settled();
    const before = seen.events.length;
    fake.replay('BTC-USD', old);
    fake.replay('BTC-USD');
    await settled();
    expect(seen.events.slice(before)).toEqual([]);
    booksEqual();
    expect(feed.health()).toMatchObject({ resyncs: 0, malformed: 0, status: 'live' });
  });

  it('counts malformed messages, skips them whole and carries on', async () => {
    const { fake, feed, settled, booksEqual } = await setup();
    fake.updates(100);
    fake.sendRaw('{"type": "l2update", "product_id": "BTC-USD", "chan');
    fake.sendRaw(JSON.stringify({ type: 'l2update', product_id: 'BTC-USD', changes: [['buy', '1', '1']] }));
    fake.sendRaw(JSON.stringify({ type: 'match', trade_id: 'seven' }));
    // Half a cent is off BTC-USD's grid: neither change of this batch may reach the book.
    const offGrid = [
      ['buy', '64249.00', '1'],
      ['sell', '64250.005', '1'],
    ];
    fake.sendRaw(
      JSON.stringify({ type: 'l2update', product_id: 'BTC-USD', time: '2024-01-01T00:00Z', changes: offGrid }),
    );
    fake.updates(100);
    await settled();
    booksEqual();
    expect(feed.health()).toMatchObject({ malformed: 4, status: 'live' });
    expect(feed.health().lastError).toMatch(/64250\.005/);
  });

  it('reconnects after a connection dropped mid-stream and rebuilds every book from new snapshots', async () => {
    const { fake, feed, seen, live } = await setup();
    fake.updates(300);
    fake.drop(); // whatever of those updates was still in flight is lost
    await until(() => seen.statuses(BTC).lastIndexOf('reconnecting') > 0, 'the drop to be noticed');
    await live(BTC, DOGE);
    fake.updates(300);
    await until(() => sameBooks(seen, fake), 'books equal again');
    for (const s of [BTC, DOGE]) expect(seen.statuses(s)).toEqual(['reconnecting', 'live', 'reconnecting', 'live']);
    expect(fake.connections()).toBe(2);
    expect(fake.requests.at(-1)).toMatchObject({
      connection: 2,
      type: 'subscribe',
      product_ids: ['BTC-USD', 'DOGE-USD'],
    });
    expect(feed.health()).toMatchObject({ reconnects: 1, status: 'live' });
  });

  it('replaces a connection that falls silent', async () => {
    const { fake, feed, seen, live } = await setup({ heartbeatMs: 20 }, { idleTimeoutMs: 200 });
    fake.mute();
    await until(() => feed.health().reconnects === 1, 'a reconnect');
    await live(BTC, DOGE);
    expect(seen.statuses(BTC)).toEqual(['reconnecting', 'live', 'reconnecting', 'live']);
  });

  it('halts a product the venue refuses on the socket and serves the others', async () => {
    const fake = await startFakeCoinbase({ refuse: ['DOGE-USD'] });
    fakes.push(fake);
    const feed = await createCoinbaseFeed({
      symbols: ['BTC-USD', 'DOGE-USD'],
      wsUrl: fake.wsUrl,
      restUrl: fake.restUrl,
      logger: silentLogger,
    });
    feeds.push(feed);
    const seen = new Observed();
    await feed.start(seen.apply);
    await until(() => seen.status(BTC) === 'live', 'BTC live');
    expect(seen.statuses(DOGE)).toEqual(['reconnecting', 'halted']);
    expect(feed.health()).toMatchObject({
      status: 'live',
      lastError: expect.stringMatching(/DOGE-USD is not a valid/),
    });
    expect(fake.requests.map((r) => r.product_ids)).toEqual([['BTC-USD', 'DOGE-USD'], ['BTC-USD']]);
  });

  it('resubscribes every product after a venue error that names none', async () => {
    const { fake, feed, seen, live, settled, booksEqual } = await setup();
    fake.updates(100);
    fake.sendError('Internal error', 'try again');
    await until(() => seen.statuses(DOGE).includes('stale'), 'a resync');
    await live(BTC, DOGE);
    fake.updates(100);
    await settled();
    booksEqual();
    expect(feed.health()).toMatchObject({ resyncs: 2, reconnects: 0, lastError: 'Internal error: try again' });
  });

  it('starts over on a new connection after a venue error while a product waits for its snapshot', async () => {
    const { fake, feed, seen, live } = await setup();
    fake.gap('BTC-USD');
    fake.heartbeat(); // BTC resubscribes...
    fake.sendError('Internal error'); // ...and the venue errs before answering
    await until(() => feed.health().reconnects === 1, 'a reconnect');
    await live(BTC, DOGE);
    fake.updates(200);
    // What the first connection was sent after the feed let go of it is lost, so counts cannot settle this one.
    await until(() => sameBooks(seen, fake), 'books equal');
    expect(fake.connections()).toBe(2);
  });

  it('sends nothing once stopped', async () => {
    const { fake, feed, seen } = await setup();
    await feed.stop();
    const count = seen.events.length;
    // Until the exchange has let go of the connection too, a heartbeat is written to it; once one is written to
    // no one, nothing the exchange sends can reach the feed.
    await until(() => {
      const before = fake.sent();
      fake.heartbeat();
      return fake.sent() === before;
    }, 'the exchange to have no subscriber left');
    const sent = fake.sent();
    fake.updates(50);
    fake.heartbeat();
    expect(fake.sent()).toBe(sent);
    expect(fake.connections()).toBe(1);
    expect(seen.events.length).toBe(count);
    expect(feed.health().status).toBe('halted');
  });

  it('fails at creation, naming it, when a product does not exist', async () => {
    const fake = await startFakeCoinbase();
    fakes.push(fake);
    const created = createCoinbaseFeed({ symbols: ['BTC-USD', 'NOPE-USD'], wsUrl: fake.wsUrl, restUrl: fake.restUrl });
    await expect(created).rejects.toThrow(/unknown product "NOPE-USD".*404 NotFound/);
  });
});

describe('Coinbase that cannot be reached', () => {
  it('fails at creation with one sentence naming what to check when the REST endpoint refuses connections', async () => {
    const port = await closedPort();
    const created = createCoinbaseFeed({
      symbols: ['BTC-USD'],
      restUrl: `http://127.0.0.1:${port}`,
      logger: silentLogger,
    });
    await expect(created).rejects.toThrow(
      `coinbase: cannot reach the REST API at http://127.0.0.1:${port}: the connection was refused (nothing listens ` +
        "there); check the network, the proxy (Node's fetch does not use HTTPS_PROXY: this server connects directly), " +
        'and --coinbase-rest-url (or COINBASE_REST_URL).',
    );
  });

  it('says what to check when the stream cannot be reached, and keeps trying', async () => {
    const fake = await startFakeCoinbase({ heartbeatMs: 0 });
    fakes.push(fake);
    const port = await closedPort();
    const warnings: string[] = [];
    const feed = await createCoinbaseFeed({
      symbols: ['BTC-USD'],
      wsUrl: `ws://127.0.0.1:${port}`,
      restUrl: fake.restUrl,
      backoff: { baseMs: 10, maxMs: 20 },
      logger: { ...silentLogger, warn: (line) => warnings.push(line) },
    });
    feeds.push(feed);
    await feed.start(() => {});
    await until(() => warnings.some((w) => w.startsWith('coinbase: cannot reach the stream')), 'an explained attempt');
    const line = warnings.find((w) => w.startsWith('coinbase: cannot reach the stream'));
    expect(line).toMatch(/the connection was refused .*--coinbase-ws-url \(or COINBASE_WS_URL\)\.$/);
    expect(feed.health().status).toBe('reconnecting');
  });
});

describe('the fake Coinbase exchange', () => {
  it('disconnects a client that never subscribes', async () => {
    const fake = await startFakeCoinbase({ subscribeTimeoutMs: 30 });
    fakes.push(fake);
    const ws = new WebSocket(fake.wsUrl);
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(1008);
  });
});
