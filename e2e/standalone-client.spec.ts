// The standalone client of docs/PROTOCOL.md is real: the doc shows the file verbatim, its checksum port agrees with
// the shared reference, and it ends with exactly the server's books: after thousands of updates from a real server,
// across a restart of that server into a new epoch, and through a scripted server that refuses, skips, corrupts and
// changes epoch under an open connection.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Application } from '@tickline/server';
import {
  bookChecksum,
  type BookLevels,
  type ClientToServerEvents,
  EMPTY_TICKER,
  type ErrorCode,
  type Lots,
  makeInstrument,
  PROTOCOL_VERSION,
  type ResyncReason,
  type ServerToClientEvents,
  type SubscribeAck,
  type SymbolSnapshot,
  type SymbolSpec,
  type Ticks,
  type WireExtras,
  type WireUpdate,
} from '@tickline/shared';
import fc from 'fast-check';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { type FastMarketServer, startFastMarketServer } from './support/fast-market-server.ts';

const EXAMPLE = new URL('../docs/examples/standalone-client.mjs', import.meta.url);
const PROTOCOL = new URL('../docs/PROTOCOL.md', import.meta.url);

// The example is plain JavaScript: these are the shapes it documents in its comments.
type Levels = [price: number, size: number][];
interface ExampleBook {
  seq: number;
  status: string;
  bids: Map<number, number>;
  asks: Map<number, number>;
}
interface ExampleTrade {
  symbol: string;
  time: number;
  side: 'buy' | 'sell';
  price: string;
  size: string;
}
interface ExampleClient {
  books: Map<string, ExampleBook>;
  feed: { epoch: number | undefined; status: string | undefined };
  stats: { updates: number; snapshots: number; gaps: number; mismatches: number; retries: number };
  close(): void;
}
/** `connectTickline`'s options; any other key is a socket.io-client option. */
interface ExampleOptions extends Record<string, unknown> {
  timeoutMs?: number;
  onTrade?: (trade: ExampleTrade) => void;
  log?: (line: string) => void;
}
interface ExampleModule {
  connectTickline(url: string, options?: ExampleOptions): Promise<ExampleClient>;
  instrument(spec: SymbolSpec): {
    price(ticks: number): string;
    size(lots: number): string;
    checksum(book: { bids: Levels; asks: Levels }): number;
  };
  levels(book: ExampleBook): { bids: Levels; asks: Levels };
}
const example = (await import(EXAMPLE.href)) as ExampleModule;

// Quick reconnects keep the restart short; everything else is the example's own behaviour.
const FAST_RECONNECT = { reconnectionDelay: 20, reconnectionDelayMax: 100 };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Resolves when `check` holds, polling; rejects naming `what` after `ms`. */
async function until(check: () => boolean, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Plain numbers as the shared code's branded ticks and lots: on the wire they are the same. */
const branded = (book: { bids: Levels; asks: Levels }): BookLevels => book as unknown as BookLevels;

const spec = (over: Partial<SymbolSpec> & Pick<SymbolSpec, 'symbol'>): SymbolSpec => ({
  name: over.symbol,
  assetClass: 'crypto',
  base: 'X',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '0.0001',
  pricePrecision: 2,
  sizePrecision: 4,
  ...over,
});

describe('the standalone client example', () => {
  it('is shown in docs/PROTOCOL.md exactly as it is in the repository', () => {
    const doc = readFileSync(PROTOCOL, 'utf8');
    const section = doc.slice(doc.indexOf('\n## A complete client'));
    const block = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(readFileSync(EXAMPLE, 'utf8'));
  });

  it('computes the checksum of the documented vectors', () => {
    const btc = example.instrument(spec({ symbol: 'BTC-USD' }));
    const book: { bids: Levels; asks: Levels } = {
      asks: [
        [6425100, 2500],
        [6425300, 10000],
      ],
      bids: [
        [6425000, 1],
        [6424900, 123456],
      ],
    };
    expect(btc.checksum(book)).toBe(2210946412);
    const eurusd = example.instrument(
      spec({ symbol: 'EUR/USD', tickSize: '0.00001', pricePrecision: 5, lotSize: '1000', sizePrecision: 0 }),
    );
    expect(eurusd.checksum({ asks: [[108003, 5]], bids: [[108001, 12]] })).toBe(4231000117);
    expect(example.instrument(spec({ symbol: 'P', tickSize: '0.05' })).price(1234567)).toBe('61728.35');
  });

  it('agrees with bookChecksum and the exact formatting of @tickline/shared on random books and specs', () => {
    // Tick and lot sizes as venues write them, at their own precision or more ("0.05" shown at 2 or 4 decimals).
    const steps = fc.constantFrom<[string, number]>(
      ['0.01', 2],
      ['0.05', 2],
      ['0.25', 2],
      ['0.00001', 5],
      ['0.001', 3],
      ['1', 0],
      ['5', 0],
      ['0.0001', 4],
      ['0.5', 1],
      ['1000', 0],
      ['100', 0],
    );
    const extra = fc.integer({ min: 0, max: 2 });
    const specs = fc
      .record({ tick: steps, lot: steps, morePrice: extra, moreSize: extra })
      .map(({ tick: [tickSize, pp], lot: [lotSize, sp], morePrice, moreSize }) =>
        spec({ symbol: 'R', tickSize, pricePrecision: pp + morePrice, lotSize, sizePrecision: sp + moreSize }),
      );
    const level = fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 5_000_000 }));
    const side = (descending: boolean) =>
      fc
        .uniqueArray(level, { selector: (l) => l[0], maxLength: 25 })
        .map((levels) => levels.sort((a, b) => (descending ? b[0] - a[0] : a[0] - b[0])));
    fc.assert(
      fc.property(specs, side(true), side(false), (s, bids, asks) => {
        const reference = makeInstrument(s);
        const port = example.instrument(s);
        expect(port.checksum({ bids, asks })).toBe(bookChecksum(branded({ bids, asks }), reference));
        for (const [price, size] of [...bids, ...asks]) {
          expect(port.price(price)).toBe(reference.formatPrice(price as Ticks));
          expect(port.size(size)).toBe(reference.formatSize(size as Lots));
        }
      }),
      { numRuns: 500 },
    );
  });
});

// --- Against a real single-process server (sim feed, 10 ms flushes) -------------------------------------------------

const SYMBOLS = ['BTC-USD', 'ETH-USD', 'AAPL', 'EUR/USD', 'USD/JPY'];

type RunningServer = FastMarketServer;

const startServer = (seed: number, port = 0): Promise<RunningServer> =>
  startFastMarketServer({ seed, symbols: SYMBOLS, port });

async function connect(url: string, options: ExampleOptions = {}): Promise<ExampleClient> {
  const client = await example.connectTickline(url, { forceNew: true, ...FAST_RECONNECT, ...options });
  cleanups.push(() => client.close());
  return client;
}

/** Every symbol where the example's book is not the server's published one, with what differs. */
function differences(client: ExampleClient, app: Application): string[] {
  const found: string[] = [];
  if (client.feed.epoch !== app.hub.epoch) found.push(`epoch ${client.feed.epoch} vs ${app.hub.epoch}`);
  for (const symbol of SYMBOLS) {
    const server = app.hub.snapshot(symbol, Date.now())!;
    const book = client.books.get(symbol);
    if (!book) {
      found.push(`${symbol}: not synced`);
      continue;
    }
    const levels = example.levels(book);
    const checksum = example.instrument(app.hub.specs().find((s) => s.symbol === symbol)!).checksum(levels);
    const what: string[] = [];
    if (book.seq !== server.seq) what.push(`seq ${book.seq} vs ${server.seq}`);
    if (JSON.stringify(levels) !== JSON.stringify(server.book)) what.push('book differs');
    if (checksum !== server.checksum) what.push(`checksum ${checksum} vs ${server.checksum}`);
    if (book.status !== server.status) what.push(`status ${book.status} vs ${server.status}`);
    if (what.length > 0) found.push(`${symbol}: ${what.join(', ')}`);
  }
  return found;
}

/** Resolves once the example holds exactly the server's published state. */
async function equalTo(client: ExampleClient, app: Application): Promise<void> {
  await until(
    () => differences(client, app).length === 0,
    10_000,
    () => differences(client, app).join('; '),
  );
}

/** Stops the market and lets the last flush reach the client: then its books must be the server's, exactly. */
async function settle(client: ExampleClient, server: RunningServer): Promise<void> {
  await server.feed.stop();
  server.app.flushLoop.flushNow();
  await equalTo(client, server.app);
}

async function resyncCounts(url: string): Promise<Record<ResyncReason, number>> {
  const stats = (await (await fetch(`${url}/api/stats`)).json()) as {
    totals: { resyncs: Record<ResyncReason, number> };
  };
  return stats.totals.resyncs;
}

describe('the example against a real server', () => {
  it('holds exactly the server books after thousands of updates, every checksum matching', async () => {
    const server = await startServer(11);
    cleanups.push(() => server.app.close());
    const trades: ExampleTrade[] = [];
    const client = await connect(server.url, { onTrade: (t) => trades.push(t) });

    await until(
      () => client.stats.updates >= 2_500,
      30_000,
      () => `2,500 updates (have ${client.stats.updates})`,
    );
    await settle(client, server);

    expect(client.stats.mismatches).toBe(0);
    expect(client.stats.gaps).toBe(0);
    expect(client.stats.snapshots).toBe(SYMBOLS.length);
    expect(trades.length).toBeGreaterThan(0);
    expect(trades[0]!.price).toMatch(/^\d+\.\d+$/);
    const none = { gap: 0, checksum: 0, reconnect: 0, timeout: 0, manual: 0, epoch: 0 };
    expect(await resyncCounts(server.url)).toEqual(none);
  });

  it('follows a restarted server into its new epoch, where sequence numbers start again from 0', async () => {
    const first = await startServer(21);
    let firstOpen = true;
    cleanups.push(() => (firstOpen ? first.app.close() : undefined));
    const lines: string[] = [];
    const client = await connect(first.url, { log: (line) => lines.push(line) });
    // Long enough that the old epoch's numbers are well above what the new one reaches.
    await until(
      () => client.stats.updates >= 1_500,
      30_000,
      () => `1,500 updates (have ${client.stats.updates})`,
    );
    const before = new Map(SYMBOLS.map((s) => [s, client.books.get(s)?.seq ?? -1]));
    const oldEpoch = first.app.hub.epoch;
    firstOpen = false;
    await first.app.close();

    const second = await startServer(22, first.port);
    cleanups.push(() => second.app.close());
    expect(second.app.hub.epoch).not.toBe(oldEpoch);
    await equalTo(client, second.app);
    const afterRestart = client.stats.updates;
    await until(
      () => client.stats.updates >= afterRestart + 300,
      10_000,
      () => '300 updates in the new epoch',
    );
    await settle(client, second);

    // The new epoch's numbers are below the old ones: a client comparing them would have dropped every update.
    for (const symbol of SYMBOLS) expect(client.books.get(symbol)!.seq).toBeLessThan(before.get(symbol)!);
    expect(client.stats.mismatches).toBe(0);
    expect(lines).toContain(`feed live, epoch ${second.app.hub.epoch}`);
    // One resync per symbol on reconnecting; the epoch it met there needed no second request.
    expect(await resyncCounts(second.url)).toMatchObject({ reconnect: SYMBOLS.length, epoch: 0, gap: 0, checksum: 0 });
  });
});

// --- Against a scripted server: what a real one does rarely, on cue ------------------------------------------------

const PENNY = spec({ symbol: 'X:PENNY', assetClass: 'fx', tickSize: '0.05', lotSize: '1000', sizePrecision: 0 });
const COIN = spec({ symbol: 'X:COIN' });
const SCRIPTED = [PENNY, COIN];

interface Asked {
  event: 'subscribe' | 'resync';
  symbols: string[];
  reason: ResyncReason | undefined;
  answered: boolean;
  answer(ack: SubscribeAck): void;
}

/** A server that answers nothing by itself: the test answers each request, and says every feed:status and md. */
async function startScriptedServer() {
  const http = createServer((req, res) => {
    if (req.url === '/api/symbols') res.setHeader('content-type', 'application/json').end(JSON.stringify(SCRIPTED));
    else res.writeHead(404).end();
  });
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, { serveClient: false });
  const asked: Asked[] = [];
  let epoch = 1;
  io.on('connection', (socket) => {
    socket.emit('feed:status', { version: PROTOCOL_VERSION, epoch, status: 'live' });
    type Ack = (response: SubscribeAck) => void;
    const record = (event: Asked['event'], symbols: string[], reason: ResyncReason | undefined, ack: Ack) => {
      const entry: Asked = {
        event,
        symbols,
        reason,
        answered: false,
        answer(response) {
          entry.answered = true;
          ack(response);
        },
      };
      asked.push(entry);
    };
    socket.on('subscribe', ({ symbols }, ack) => record('subscribe', symbols, undefined, ack));
    socket.on('resync', ({ symbols, reason }, ack) => record('resync', symbols, reason, ack));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => io.close());

  // The market as the script has it: each symbol's book, sequenced by hand.
  const empty = () => ({ bids: new Map<number, number>(), asks: new Map<number, number>() });
  const books = new Map(SCRIPTED.map((s) => [s.symbol, empty()]));
  const levelsOf = (symbol: string): BookLevels => {
    const book = books.get(symbol)!;
    return branded({
      bids: [...book.bids].sort((a, b) => b[0] - a[0]),
      asks: [...book.asks].sort((a, b) => a[0] - b[0]),
    });
  };
  const instruments = new Map(SCRIPTED.map((s) => [s.symbol, makeInstrument(s)]));
  const checksumOf = (symbol: string) => bookChecksum(levelsOf(symbol), instruments.get(symbol)!);

  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    asked,
    levelsOf,
    /** The first unanswered request that `matches`, once it has arrived. */
    async request(matches: (a: Asked) => boolean): Promise<Asked> {
      let found: Asked | undefined;
      const seen = () => JSON.stringify(asked.map(({ answer: _, ...request }) => request));
      const find = () => (found = asked.find((a) => !a.answered && matches(a))) !== undefined;
      await until(find, 5_000, () => `a request; have ${seen()}`);
      return found!;
    },
    setEpoch(next: number): void {
      epoch = next;
      io.emit('feed:status', { version: PROTOCOL_VERSION, epoch, status: 'live' });
    },
    snapshot(symbol: string, sid: number, seq: number, snapshotEpoch = epoch): SymbolSnapshot {
      return {
        symbol,
        epoch: snapshotEpoch,
        sid,
        seq,
        time: Date.now(),
        depth: 10,
        book: levelsOf(symbol),
        checksum: checksumOf(symbol),
        status: 'live',
        trades: [],
        candleIntervalMs: 60_000,
        candles: [],
        ticker: EMPTY_TICKER,
      };
    },
    ok(snapshots: SymbolSnapshot[], ackEpoch = epoch): SubscribeAck {
      return { ok: true, version: PROTOCOL_VERSION, epoch: ackEpoch, snapshots };
    },
    /** Changes the book (size 0 removes a level) and returns the update saying so; `corrupt` sends a wrong checksum. */
    update(
      symbol: string,
      sid: number,
      seq: number,
      change: { b?: Levels; a?: Levels },
      options: { trades?: number[]; corrupt?: boolean } = {},
    ): WireUpdate {
      const book = books.get(symbol)!;
      const extras: WireExtras = {};
      for (const key of ['b', 'a'] as const) {
        const levels = change[key];
        if (!levels) continue;
        const side = key === 'b' ? book.bids : book.asks;
        let previous = 0;
        extras[key] = levels.flatMap(([price, size]) => {
          if (size === 0) side.delete(price);
          else side.set(price, size);
          const delta = price - previous;
          previous = price;
          return [delta, size];
        });
      }
      if (extras.b || extras.a) extras.c = checksumOf(symbol) + (options.corrupt ? 1 : 0);
      return [sid, seq, ...(extras.c === undefined ? [] : [extras]), ...(options.trades ?? [])];
    },
    md(...updates: WireUpdate[]): void {
      io.emit('md', [Date.now(), ...updates]);
    },
  };
}

describe('the example against a scripted server', () => {
  it('retries refusals and timeouts, repairs gaps and mismatches, never mixes epochs or their stream ids', async () => {
    const server = await startScriptedServer();
    const trades: ExampleTrade[] = [];
    // Long enough that no request waits out its timeout while the script attends to another (except on purpose).
    const client = await connect(server.url, { timeoutMs: 1_500, onTrade: (t) => trades.push(t) });
    const [P, C] = [PENNY.symbol, COIN.symbol];
    const is = (event: Asked['event'], symbols: string[], reason?: ResyncReason) => (a: Asked) =>
      a.event === event && a.reason === reason && JSON.stringify(a.symbols) === JSON.stringify(symbols);
    const answer = async (matches: (a: Asked) => boolean, ack: SubscribeAck) =>
      (await server.request(matches)).answer(ack);
    const refusal = (code: ErrorCode): SubscribeAck => ({ ok: false, error: { code, message: `${code} (scripted)` } });
    const seqOf = (symbol: string) => client.books.get(symbol)?.seq;
    const expectBook = (symbol: string, seq: number) => {
      expect(seqOf(symbol)).toBe(seq);
      expect(example.levels(client.books.get(symbol)!)).toEqual(server.levelsOf(symbol));
    };

    // Epoch 1: PENNY is stream 0, COIN stream 1. The first answer is 'unavailable' (an edge still loading): asked
    // again.
    server.update(P, 0, 0, {
      b: [
        [1234560, 4],
        [1234550, 7],
      ],
      a: [[1234570, 2]],
    }); // the books to start from
    server.update(C, 1, 0, {
      b: [[6425000, 1]],
      a: [
        [6425100, 2500],
        [6425300, 10000],
      ],
    });
    await answer(is('subscribe', [P, C]), refusal('unavailable'));
    await answer(is('subscribe', [P, C]), server.ok([server.snapshot(P, 0, 10), server.snapshot(C, 1, 20)]));
    await until(
      () => client.books.size === 2,
      5_000,
      () => 'both snapshots',
    );

    // Updates in sequence apply; a duplicate is ignored; trades come out as exact decimals (tick 0.05, lot 1000).
    const next = server.update(
      P,
      0,
      11,
      {
        b: [
          [1234565, 1],
          [1234550, 0],
        ],
      },
      { trades: [-5, 1234567, 3, -1, 0, -2] },
    );
    server.md(next, server.update(C, 1, 21, { a: [[6425200, 5]] }), next);
    await until(
      () => seqOf(C) === 21,
      5_000,
      () => 'COIN at 21',
    );
    expectBook(P, 11);
    expectBook(C, 21);
    const printed = trades.map(({ side, price, size }) => `${side} ${size} @ ${price}`);
    expect(printed).toEqual(['buy 3000 @ 61728.35', 'sell 2000 @ 61728.35']);

    // A gap: COIN alone is resynced. That request goes unanswered, so it is asked again with reason 'timeout'; the
    // first one's late answer (an older snapshot) finds nobody waiting for it.
    server.md(server.update(C, 1, 23, { b: [[6424900, 123456]] }));
    const unanswered = await server.request(is('resync', [C], 'gap'));
    await answer(is('resync', [C], 'timeout'), server.ok([server.snapshot(C, 1, 23)]));
    await until(
      () => seqOf(C) === 23,
      5_000,
      () => 'COIN at 23',
    );
    unanswered.answer(server.ok([server.snapshot(C, 1, 22)]));
    // The next update, sent after that answer on the same connection, applies only if the old snapshot was ignored
    // (applied, it would have put COIN back at 22, and 24 would be a gap nobody answers).
    server.md(server.update(C, 1, 24, {}));
    await until(
      () => seqOf(C) === 24,
      5_000,
      () => 'COIN at 24, the late answer ignored',
    );

    // A wrong checksum: PENNY alone is resynced.
    server.md(server.update(P, 0, 12, { a: [[1234575, 9]] }, { corrupt: true }));
    await answer(is('resync', [P], 'checksum'), server.ok([server.snapshot(P, 0, 12)]));
    await until(
      () => seqOf(P) === 12,
      5_000,
      () => 'PENNY at 12',
    );
    expect(client.stats.mismatches).toBe(1);

    // Another gap in COIN, refused as 'unavailable'. While it waits to be retried the feed restarts (epoch 2) and
    // gives the stream ids out the other way round: every book is void, and PENNY (not already being asked for) is
    // asked for with reason 'epoch'. A late answer numbered in epoch 1 is of no use: it is asked for again.
    server.md(server.update(C, 1, 26, {}));
    await answer(is('resync', [C], 'gap'), refusal('unavailable'));
    server.setEpoch(2);
    await until(
      () => client.books.size === 0,
      5_000,
      () => 'every book voided',
    );
    await answer(is('resync', [P], 'epoch'), server.ok([server.snapshot(P, 0, 12, 1)], 1));
    await answer(is('resync', [P], 'epoch'), server.ok([server.snapshot(P, 1, 5)]));
    await until(
      () => seqOf(P) === 5,
      5_000,
      () => 'PENNY in epoch 2',
    );

    // Stream 0 is COIN's now. This update for it would fit PENNY's sequence and checksum exactly: a client that still
    // knew epoch 1's ids would take it as PENNY's. This one has forgotten them.
    const penny = server.levelsOf(P);
    server.md(server.update(P, 0, 6, { b: [[1234540, 1]] }));
    server.update(P, 0, 6, { b: [[1234540, 0]] }); // undone: the script's PENNY never had it
    await answer(is('resync', [C], 'gap'), server.ok([server.snapshot(C, 0, 6)]));
    await until(
      () => seqOf(C) === 6,
      5_000,
      () => 'COIN in epoch 2',
    );
    expect(example.levels(client.books.get(P)!)).toEqual(penny);

    server.md(server.update(C, 0, 7, { a: [[6425100, 0]] }), server.update(P, 1, 6, { a: [[1234580, 3]] }));
    await until(
      () => seqOf(P) === 6 && seqOf(C) === 7,
      5_000,
      () => 'both applied',
    );
    expectBook(P, 6);
    expectBook(C, 7);
    expect(client.feed).toEqual({ epoch: 2, status: 'live' });
    expect(client.stats).toMatchObject({ mismatches: 1, gaps: 2 });
    const reasons = server.asked.map((a) => a.reason ?? a.event);
    expect(reasons.slice(0, 7)).toEqual(['subscribe', 'subscribe', 'gap', 'timeout', 'checksum', 'gap', 'epoch']);
    // The second epoch request and COIN's retry each wait out a random backoff: either may come first.
    expect(reasons.slice(7).sort()).toEqual(['epoch', 'gap']);
  });
});
