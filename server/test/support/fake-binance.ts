// A fake Binance spot exchange on loopback, speaking its documented formats: exchangeInfo and depth over http, the
// combined stream over ws. Its market is driven by a seeded generator, so a test sees the same market every run, and
// its controls make it misbehave the ways the real one can: stale snapshots, lost, repeated or malformed messages,
// failed requests, dropped connections.

import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AggressorCode,
  ASK,
  BID,
  type BookLevels,
  BUY,
  type Instrument,
  type Level,
  type Lots,
  OrderBook,
  SELL,
  type SideCode,
  type Ticks,
} from '@tickline/shared';
import { type WebSocket, WebSocketServer } from 'ws';
import { Rng } from '../../src/exchange/rng.ts';
import { decimalLevels, FAKE_LISTINGS, type Listing, listingInstrument, regrid } from './fake-binance-listings.ts';
import { eight, symbolInfo, tickerMessage } from './fake-binance-formats.ts';
import { FakeKlines } from './fake-binance-klines.ts';

export { FAKE_LISTINGS, type Listing } from './fake-binance-listings.ts';

export interface FakeTrade {
  symbol: string;
  time: number;
  price: Ticks;
  size: Lots;
  aggressor: AggressorCode;
}
export interface FakeTicker {
  symbol: string;
  time: number;
  open: Ticks;
  high: Ticks;
  low: Ticks;
  volume: Lots;
}

interface Market {
  listing: Listing;
  instrument: Instrument;
  book: OrderBook;
  mid: number;
  lastUpdateId: number;
  /** Book states by update id, oldest first: what a lagging snapshot is served from. */
  history: { id: number; levels: BookLevels }[];
  /** The last depthUpdate messages sent, for repeats. */
  sent: string[];
  tradeId: number;
  stats: { open: Ticks; high: Ticks; low: Ticks; volume: Lots } | undefined;
  last: Ticks;
}

interface Peer {
  ws: WebSocket;
  streams: Set<string>;
  firstSent: Map<string, number>;
}

const LEVELS = 25;

export async function startFakeBinance(options: { seed?: number } = {}) {
  const rng = new Rng(options.seed ?? 1);
  const markets = new Map<string, Market>();
  const peers = new Set<Peer>();
  const trades: FakeTrade[] = [];
  const tickers: FakeTicker[] = [];
  let time = 1_700_000_000_000;
  let depthRequests = 0;
  let connectionsEver = 0;
  const lagged = new Map<string, number>();
  let failing = 0;
  let framesSent = 0;
  const infoRequests = new Map<string, number>();
  /** Answers to exchangeInfo requests held back until released; undefined when answering at once. */
  let heldInfo: (() => void)[] | undefined;
  const klines = new FakeKlines(options.seed ?? 1);
  let failingKlines = 0;

  const send = (m: Market, kind: string, data: object) => {
    const stream = `${m.listing.symbol.toLowerCase()}@${kind}`;
    const text = JSON.stringify({ stream, data });
    for (const peer of peers) {
      if (!peer.streams.has(stream)) continue;
      peer.ws.send(text);
      framesSent++;
    }
    return text;
  };
  const rows = (m: Market, levels: readonly Level[]) =>
    levels.map(([p, s]) => [eight(m.instrument.formatPrice(p)), eight(m.instrument.formatSize(s))]);

  /** Applies one change set to the book, as update ids U..u; sends it unless it is to be lost. */
  function depthUpdate(m: Market, updates: [SideCode, number, number][], deliver = true): void {
    const U = m.lastUpdateId + 1;
    m.lastUpdateId += rng.int(1, 3); // Binance folds several changes into one 100 ms event
    for (const [side, price, size] of updates) m.book.set(side, price as Ticks, size as Lots);
    m.history.push({ id: m.lastUpdateId, levels: m.book.top(1000) });
    if (m.history.length > 1000) m.history.shift();
    if (!deliver) return;
    const side = (s: SideCode) =>
      rows(
        m,
        updates.filter((u) => u[0] === s).map(([, p, q]) => [p as Ticks, q as Lots]),
      );
    const data = { e: 'depthUpdate', E: time, s: m.listing.symbol, U, u: m.lastUpdateId, b: side(BID), a: side(ASK) };
    for (const peer of peers) if (!peer.firstSent.has(m.listing.symbol)) peer.firstSent.set(m.listing.symbol, U);
    m.sent.push(send(m, 'depth@100ms', data));
    if (m.sent.length > 50) m.sent.shift();
  }

  function randomDepth(m: Market, deliver = true): void {
    const changes: [SideCode, number, number][] = [];
    for (let n = rng.int(1, 4); n > 0; n--) {
      const side = rng.chance(0.5) ? BID : ASK;
      const price = m.mid + (side === BID ? -1 : 1) * rng.int(1, LEVELS);
      changes.push([side, price, rng.chance(0.25) ? 0 : rng.int(1, 200_000)]);
    }
    depthUpdate(m, changes, deliver);
  }

  function trade(m: Market): void {
    const aggressor = rng.chance(0.5) ? BUY : SELL;
    const level = aggressor === BUY ? m.book.bestAsk() : m.book.bestBid();
    if (!level) return;
    const [price, resting] = level;
    const size = rng.int(1, resting) as Lots;
    const s = m.stats ?? { open: price, high: price, low: price, volume: 0 as Lots };
    const [high, low] = [Math.max(s.high, price) as Ticks, Math.min(s.low, price) as Ticks];
    m.stats = { open: s.open, high, low, volume: (s.volume + size) as Lots };
    m.last = price;
    trades.push({ symbol: m.listing.symbol, time, price, size, aggressor });
    const [p, q] = rows(m, [[price, size]])[0] as string[];
    // m: the buyer was the maker, i.e. a sell order took the bid. E (event) and T (trade) times differ, as on Binance.
    const buyerIsMaker = aggressor === SELL;
    send(m, 'trade', {
      e: 'trade',
      E: time + 2,
      s: m.listing.symbol,
      t: ++m.tradeId,
      p,
      q,
      T: time,
      m: buyerIsMaker,
      M: true,
    });
    depthUpdate(m, [[aggressor === BUY ? ASK : BID, price, resting - size]]);
  }

  function ticker(m: Market): void {
    const s = m.stats ?? { open: m.mid as Ticks, high: m.mid as Ticks, low: m.mid as Ticks, volume: 0 as Lots };
    tickers.push({ symbol: m.listing.symbol, time, ...s });
    const state = { symbol: m.listing.symbol, time, stats: s, last: m.last, tradeId: m.tradeId };
    send(m, 'ticker', tickerMessage(m.instrument, state));
  }

  for (const listing of FAKE_LISTINGS) {
    const instrument = listingInstrument(listing);
    const mid = instrument.parsePrice(listing.mid);
    const m: Market = {
      listing,
      instrument,
      book: new OrderBook(),
      mid,
      lastUpdateId: rng.int(1_000_000, 9_000_000),
      history: [],
      sent: [],
      tradeId: 0,
      stats: undefined,
      last: mid,
    };
    const seed: [SideCode, number, number][] = [];
    for (let i = 1; i <= LEVELS; i++) {
      seed.push([BID, mid - i, rng.int(1, 200_000)], [ASK, mid + i, rng.int(1, 200_000)]);
    }
    depthUpdate(m, seed, false);
    for (let i = 0; i < 5; i++) randomDepth(m, false); // history from before anyone connected
    markets.set(listing.symbol, m);
  }

  /** The newest state older than the first diff sent to a current connection: a snapshot the stream has outrun. */
  function staleState(m: Market): { id: number; levels: BookLevels } {
    const firsts = [...peers].map((p) => p.firstSent.get(m.listing.symbol)).filter((u) => u !== undefined);
    const first = Math.min(...firsts, m.lastUpdateId + 1);
    const older = m.history.filter((h) => h.id < first - 1);
    return older[older.length - 1] ?? (m.history[0] as { id: number; levels: BookLevels });
  }

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };
  const invalidSymbol = { code: -1121, msg: 'Invalid symbol.' };

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const param = (name: string) => url.searchParams.get(name);
    if (url.pathname === '/api/v3/exchangeInfo') {
      let names: unknown;
      try {
        names = param('symbols') !== null ? JSON.parse(param('symbols') as string) : [param('symbol')];
      } catch {
        return json(res, 400, { code: -1100, msg: "Illegal characters found in parameter 'symbols'." });
      }
      if (!Array.isArray(names) || names.some((n) => !markets.has(String(n)))) return json(res, 400, invalidSymbol);
      for (const n of names) infoRequests.set(String(n), (infoRequests.get(String(n)) ?? 0) + 1);
      // Filters are read when the answer goes out, so a held request sees a change made while it waited.
      const answer = () =>
        json(res, 200, {
          timezone: 'UTC',
          serverTime: time,
          rateLimits: [],
          exchangeFilters: [],
          symbols: names.map((n) => symbolInfo((markets.get(String(n)) as Market).listing)),
        });
      if (heldInfo) heldInfo.push(answer);
      else answer();
      return;
    }
    if (url.pathname === '/api/v3/depth') {
      const m = markets.get(param('symbol') ?? '');
      if (!m) return json(res, 400, invalidSymbol);
      depthRequests++;
      if (failing > 0) {
        failing--;
        return json(res, 429, { code: -1003, msg: 'Too many requests.' }, { 'retry-after': '0' });
      }
      const lag = lagged.get(m.listing.symbol) ?? 0;
      if (lag > 0) lagged.set(m.listing.symbol, lag - 1);
      const state = lag > 0 ? staleState(m) : { id: m.lastUpdateId, levels: m.book.top(1000) };
      const limit = Number(param('limit') ?? 100);
      const { bids, asks } = state.levels;
      return json(res, 200, {
        lastUpdateId: state.id,
        bids: rows(m, bids.slice(0, limit)),
        asks: rows(m, asks.slice(0, limit)),
      });
    }
    if (url.pathname === '/api/v3/klines') {
      const m = markets.get(param('symbol') ?? '');
      if (!m) return json(res, 400, invalidSymbol);
      if (failingKlines > 0) {
        failingKlines--;
        return json(res, 429, { code: -1003, msg: 'Too many requests.' }, { 'retry-after': '0' });
      }
      const interval = param('interval') ?? '';
      const rows = klines.rows(m.listing.symbol, m.instrument, m.last, interval, Number(param('limit') ?? 500));
      return rows ? json(res, 200, rows) : json(res, 400, { code: -1120, msg: 'Invalid interval.' });
    }
    json(res, 404, { code: -1000, msg: 'Unknown path.' });
  });
  const wss = new WebSocketServer({ server: http, path: '/stream' });
  wss.on('connection', (ws, req) => {
    const streams = new URL(req.url ?? '/', 'http://fake').searchParams.get('streams') ?? '';
    const peer: Peer = { ws, streams: new Set(streams.split('/')), firstSent: new Map() };
    connectionsEver++;
    peers.add(peer);
    ws.on('close', () => peers.delete(peer));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const market = (symbol: string) =>
    markets.get(symbol) ??
    (() => {
      throw new Error(`no fake market ${symbol}`);
    })();

  return {
    restUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    trades,
    tickers,
    get connections() {
      return peers.size;
    },
    get connectionsEver() {
      return connectionsEver;
    },
    get depthRequests() {
      return depthRequests;
    },
    /** `n` random market steps across the symbols: mostly book changes, some trades, now and then a ticker. */
    emit(n: number): void {
      for (let i = 0; i < n; i++) {
        time += rng.int(1, 100);
        const m = [...markets.values()][rng.int(0, markets.size - 1)] as Market;
        const r = rng.next();
        if (r < 0.7) randomDepth(m);
        else if (r < 0.93) trade(m);
        else ticker(m);
      }
    },
    /** The exchange's own full book, best first. */
    book: (symbol: string): BookLevels => market(symbol).book.top(10_000),
    /** The next `count` depth snapshots of `symbol` predate what the stream has already sent. */
    lagSnapshots(symbol: string, count = 1): void {
      lagged.set(symbol, count);
    },
    /** Every klines request answered so far, oldest first. */
    klineRequests: klines.requests,
    /** Rows that ride along with every later klines answer for `symbol` (malformed ones, say). */
    addKlineRows: (symbol: string, rows: unknown[]) => klines.addRows(symbol, rows),
    /** The next `count` klines requests are refused with 429. */
    failKlines(count = 1): void {
      failingKlines = count;
    },
    /** The next `count` depth requests are refused with 429 (rate limited). */
    failSnapshots(count = 1): void {
      failing = count;
    },
    /** `n` book changes happen but their messages are lost: a sequence gap. */
    lose(symbol: string, n = 1): void {
      for (let i = 0; i < n; i++) randomDepth(market(symbol), false);
    },
    /** The last `n` depthUpdate messages of `symbol` again, oldest first: duplicates, all u <= lastUpdateId. */
    repeat(symbol: string, n = 1): void {
      for (const text of market(symbol).sent.slice(-n)) for (const peer of peers) peer.ws.send(text);
    },
    /** Anything at all, to every connection. */
    sendRaw(text: string): void {
      for (const peer of peers) peer.ws.send(text);
    },
    /** Stream frames sent since start, over every connection. */
    get framesSent() {
      return framesSent;
    },
    /** exchangeInfo requests that named `symbol`, since start (the feed's own start asks once). */
    exchangeInfoRequests: (symbol: string): number => infoRequests.get(symbol) ?? 0,
    /** exchangeInfo requests wait unanswered until the returned function is called. */
    holdExchangeInfo(): () => void {
      heldInfo ??= [];
      return () => {
        const waiting = heldInfo ?? [];
        heldInfo = undefined;
        for (const answer of waiting) answer();
      };
    },
    /**
     * The venue changes `symbol`'s PRICE_FILTER tickSize and/or LOT_SIZE stepSize while running, as Binance can:
     * the book is re-expressed on the new grid, and levels that do not fit it are gone (an unannounced change, so a
     * feed following the stream sees a gap). Prices and sizes sent from now on are on the new grid.
     */
    setFilters(symbol: string, filters: { tickSize?: string; stepSize?: string }): void {
      const m = market(symbol);
      m.listing = { ...m.listing, ...filters };
      const old = m.instrument;
      const next = listingInstrument(m.listing);
      const book = regrid(m.book, old, next);
      const ticks = (t: Ticks) => next.toTicks(old.priceValue(t));
      m.instrument = next;
      m.book = book;
      m.mid = ticks(m.mid as Ticks);
      m.last = ticks(m.last);
      m.stats = undefined;
      m.sent = [];
      m.lastUpdateId++; // the change itself, announced on no stream
      m.history = [{ id: m.lastUpdateId, levels: m.book.top(1000) }];
    },
    /** The exchange's book as trimmed decimals, comparable whatever grid each side counts on. */
    levels: (symbol: string) => decimalLevels(market(symbol).instrument, market(symbol).book.top(10_000)),
    /** Every connection is cut without a close handshake, as when the network goes. */
    drop(): void {
      for (const peer of peers) peer.ws.terminate();
    },
    async close(): Promise<void> {
      for (const peer of peers) peer.ws.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

export type FakeBinance = Awaited<ReturnType<typeof startFakeBinance>>;

export { decimalLevels } from './fake-binance-listings.ts';
