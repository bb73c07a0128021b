// A fake Coinbase Exchange on loopback: `GET /products/{id}` over http and the public websocket feed on the same
// port, speaking the venue's documented formats. Tests drive its market step by step and break it on purpose
// (gaps, replays, garbage, errors, dropped or silent connections); its books are the truth to compare against.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BookLevels } from '@tickline/shared';
import { WebSocket, WebSocketServer } from 'ws';
import { z } from 'zod';
import { Rng } from '../../src/exchange/rng.ts';
import { type CandleRequest, FakeCandles } from './fake-coinbase-candles.ts';
import { FakeMarket, type FakeProduct } from './fake-coinbase-market.ts';

export type { FakeProduct } from './fake-coinbase-market.ts';

export const FAKE_PRODUCTS: FakeProduct[] = [
  { id: 'BTC-USD', base: 'BTC', quote: 'USD', quoteIncrement: '0.01', baseIncrement: '0.00000001', mid: 64_250 },
  { id: 'DOGE-USD', base: 'DOGE', quote: 'USD', quoteIncrement: '0.00001', baseIncrement: '0.1', mid: 0.16 },
];

const CHANNELS = ['ticker', 'level2_batch', 'matches', 'heartbeat'];

const requestSchema = z.object({
  type: z.string(),
  product_ids: z.array(z.string()).default([]),
  channels: z.array(z.string()).default([]),
});

export interface FakeCoinbaseOptions {
  products?: FakeProduct[];
  seed?: number;
  /** Coinbase disconnects a client that has not subscribed within 5 s. */
  subscribeTimeoutMs?: number;
  /** Heartbeat interval, 1000 like the venue's; 0 = only when a test calls heartbeat(). */
  heartbeatMs?: number;
  /** Products the REST API describes but the websocket refuses, as if delisted in between. */
  refuse?: string[];
}

export interface SubscriptionLog {
  connection: number;
  type: string;
  product_ids: string[];
  channels: string[];
}

interface Connection {
  ws: WebSocket;
  number: number;
  products: Set<string>;
  muted: boolean;
}

export interface FakeCoinbase {
  restUrl: string;
  wsUrl: string;
  /** Every subscribe and unsubscribe received, in order. */
  readonly requests: SubscriptionLog[];
  /** Every candles request answered, in order. */
  readonly candleRequests: CandleRequest[];
  /** Rows that ride along with every later candles answer for a product (malformed ones, say). */
  addCandleRows(productId: string, rows: unknown[]): void;
  /** Connections accepted so far. */
  connections(): number;
  /** Messages written to clients so far. */
  sent(): number;
  /** The exchange's own full book of a product, in the product's ticks and lots. */
  book(productId: string): BookLevels;
  market(productId: string): FakeMarket;
  /** `n` random events (level batches and trades) over random products, or over one. */
  updates(n: number, productId?: string): void;
  /** Trades and level changes that happen but are never sent: the next heartbeat or match reveals the gap. */
  gap(productId: string, events?: number): void;
  /**
   * Sends a product's match, ticker and heartbeat again: the latest by default, or older ones a test kept from
   * `market(id).last`. Either way the client has seen them already and must ignore them.
   */
  replay(productId: string, old?: FakeMarket['last']): void;
  heartbeat(): void;
  sendRaw(text: string): void;
  sendError(message: string, reason?: string): void;
  /** Drops every connection without a close handshake, as a network failure would. */
  drop(): void;
  /** Current connections get nothing more (a silent, half-dead link); new ones are served normally. */
  mute(): void;
  close(): Promise<void>;
}

export async function startFakeCoinbase(options: FakeCoinbaseOptions = {}): Promise<FakeCoinbase> {
  const rng = new Rng(options.seed ?? 11);
  const markets = new Map<string, FakeMarket>();
  for (const p of options.products ?? FAKE_PRODUCTS) markets.set(p.id, new FakeMarket(p, rng.child(p.id)));
  const refused = new Set(options.refuse ?? []);
  const live = new Set<Connection>();
  const requests: SubscriptionLog[] = [];
  let accepted = 0;
  let sent = 0;

  const candles = new FakeCandles(options.seed ?? 11);
  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const candleMatch = /^\/products\/([^/?]+)\/candles$/.exec(url.pathname);
    const candleMarket = candleMatch ? markets.get(decodeURIComponent(candleMatch[1] as string)) : undefined;
    if (candleMarket) {
      const { product, instrument } = candleMarket;
      const granularity = Number(url.searchParams.get('granularity') ?? 60);
      const rows = candles.rows(product.id, instrument, candleMarket.midTicks, granularity);
      res.setHeader('content-type', 'application/json');
      res.statusCode = rows ? 200 : 400;
      return void res.end(JSON.stringify(rows ?? { message: 'Unsupported granularity' }));
    }
    const match = /^\/products\/([^/?]+)$/.exec(req.url ?? '');
    const market = match ? markets.get(decodeURIComponent(match[1] as string)) : undefined;
    res.setHeader('content-type', 'application/json');
    res.statusCode = market ? 200 : 404;
    res.end(JSON.stringify(market ? market.restProduct() : { message: 'NotFound' }));
  });
  const wss = new WebSocketServer({ server: http });

  const write = (c: Connection, text: string) => {
    if (c.muted || c.ws.readyState !== WebSocket.OPEN) return;
    c.ws.send(text);
    sent++;
  };
  const publish = (productId: string, messages: string[]) => {
    for (const c of live) if (c.products.has(productId)) for (const m of messages) write(c, m);
  };
  const subscriptions = (c: Connection) =>
    JSON.stringify({
      type: 'subscriptions',
      channels: CHANNELS.map((name) => ({ name, product_ids: [...c.products] })),
    });

  wss.on('connection', (ws) => {
    const c: Connection = { ws, number: ++accepted, products: new Set(), muted: false };
    live.add(c);
    let subscribed = false;
    const timeoutMs = options.subscribeTimeoutMs ?? 5000;
    const deadline = setTimeout(() => subscribed || ws.close(1008, 'subscribe timeout'), timeoutMs);
    ws.on('close', () => {
      clearTimeout(deadline);
      live.delete(c);
    });
    ws.on('message', (data) => {
      let raw: unknown;
      try {
        raw = JSON.parse(data.toString());
      } catch {
        return write(c, JSON.stringify({ type: 'error', message: 'Malformed JSON' }));
      }
      const parsed = requestSchema.safeParse(raw);
      if (!parsed.success) return write(c, JSON.stringify({ type: 'error', message: 'Invalid request' }));
      const request: SubscriptionLog = { connection: c.number, ...parsed.data };
      requests.push(request);
      if (request.type === 'unsubscribe') {
        for (const id of request.product_ids) c.products.delete(id);
        return write(c, subscriptions(c));
      }
      if (request.type !== 'subscribe') return write(c, JSON.stringify({ type: 'error', message: 'Invalid type' }));
      subscribed = true;
      const bad = request.product_ids.find((id) => !markets.has(id) || refused.has(id));
      // The venue refuses the whole request when one product is not valid.
      if (bad) {
        return write(
          c,
          JSON.stringify({ type: 'error', message: 'Failed to subscribe', reason: `${bad} is not a valid product` }),
        );
      }
      for (const id of request.product_ids) c.products.add(id);
      write(c, subscriptions(c));
      for (const id of request.product_ids) for (const m of (markets.get(id) as FakeMarket).onSubscribe()) write(c, m);
    });
  });

  const heartbeat = () => {
    for (const [id, market] of markets) publish(id, [market.heartbeat()]);
  };
  const beatMs = options.heartbeatMs ?? 1000;
  const beat = beatMs > 0 ? setInterval(heartbeat, beatMs) : undefined;

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const marketOf = (id: string) => {
    const market = markets.get(id);
    if (!market) throw new Error(`the fake has no product ${id}`);
    return market;
  };

  return {
    restUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    requests,
    candleRequests: candles.requests,
    addCandleRows: (productId, rows) => candles.addRows(productId, rows),
    connections: () => accepted,
    sent: () => sent,
    book: (id) => marketOf(id).levels(),
    market: marketOf,
    updates(n, productId) {
      const ids = productId ? [productId] : [...markets.keys()];
      for (let i = 0; i < n; i++) {
        const id = rng.pick(ids);
        publish(id, marketOf(id).step());
      }
    },
    gap(productId, events = 5) {
      const market = marketOf(productId);
      const tradeId = market.tradeId;
      while (market.tradeId === tradeId) for (let i = 0; i < events; i++) market.step();
    },
    replay(productId, old = marketOf(productId).last) {
      const again = [old.match && JSON.stringify(old.match), old.ticker, old.heartbeat];
      publish(
        productId,
        again.filter((m): m is string => m !== undefined),
      );
    },
    heartbeat,
    sendRaw: (text) => {
      for (const c of live) if (c.products.size > 0) write(c, text);
    },
    sendError: (message, reason) => {
      for (const c of live) write(c, JSON.stringify({ type: 'error', message, ...(reason ? { reason } : {}) }));
    },
    drop: () => {
      for (const c of live) c.ws.terminate();
    },
    mute: () => {
      for (const c of live) c.muted = true;
    },
    async close() {
      clearInterval(beat);
      for (const c of live) c.ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
