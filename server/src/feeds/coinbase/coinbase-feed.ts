// The Coinbase Exchange adapter: products described over REST at creation, then one websocket carrying every
// product's batched L2 book, trades, venue stats and heartbeats. The socket kit keeps the connection up, each
// ProductStream decides what a message means (pure); this shell routes messages, subscribes and keeps time.

import type { VenueFeedOptions } from '../kit/venue-feed-options.ts';
import type { SymbolSpec } from '@tickline/shared';
import { consoleLogger, type Logger } from '../../logger.ts';
import type { FeedAdapter, FeedHealth, MarketEvent, MarketEventSink } from '../feed.ts';
import { HealthTracker } from '../kit/feed-health.ts';
import { ReconnectingSocket } from '../kit/reconnecting-socket.ts';
import { type ErrorMessage, parseCoinbaseMessage, productsNamed, subscriptionRequest } from './coinbase-messages.ts';
import { fetchProduct, type FetchLike, specFromProduct } from './coinbase-products.ts';
import { CANDLE_PAGES, candlesFromRows } from './coinbase-candles.ts';
import { fetchCandleRows } from './coinbase-candle-rest.ts';
import { LogThrottle } from '../kit/log-throttle.ts';
import { MalformedLog } from '../kit/malformed-log.ts';
import { explainUnreachable, type VenueEndpoint } from '../kit/unreachable.ts';
import { ProductStream } from './product-stream.ts';
import { worstStatus } from './worst-status.ts';

export const COINBASE_WS_URL = 'wss://ws-feed.exchange.coinbase.com';
export const COINBASE_REST_URL = 'https://api.exchange.coinbase.com';
/** A connection lost for longer than this left a hole in the minute candles: they are fetched again. */
export const BACKFILL_AFTER_GAP_MS = 60_000;

/** The stream endpoint as an operator sets it, for messages that say what to check when it cannot be reached. */
export const streamEndpoint = (url: string): VenueEndpoint => ({
  venue: 'coinbase',
  kind: 'stream',
  url,
  flag: '--coinbase-ws-url',
  env: 'COINBASE_WS_URL',
});

/**
 * Symbols are Coinbase product ids such as `BTC-USD`; namespace defaults to `coinbase`. Heartbeats arrive every
 * second per product, so the idle timeout defaults to 5000 ms.
 */
export interface CoinbaseFeedOptions extends VenueFeedOptions<FetchLike> {
  /** A subscribed product whose snapshot has not come after this long gets a new connection. Default 10000. */
  snapshotTimeoutMs?: number;
}

export async function createCoinbaseFeed(options: CoinbaseFeedOptions): Promise<FeedAdapter> {
  const ids = [...new Set(options.symbols)];
  if (ids.length === 0) throw new Error('coinbase: name at least one product');
  const logger = options.logger ?? consoleLogger;
  const restUrl = options.restUrl ?? COINBASE_REST_URL;
  // Described before anything listens, so a typo in --symbols is an error at startup, not a silent empty book.
  const described = await Promise.all(ids.map((id) => fetchProduct(options.fetch ?? fetch, restUrl, id)));
  for (const p of described) if (p.status && p.status !== 'online') logger.warn(`coinbase: ${p.id} is ${p.status}`);
  const namespace = options.namespace ?? 'coinbase';
  const products = described.map((p) => new ProductStream(p.id, specFromProduct(p, namespace)));
  return new CoinbaseFeed(options, logger, products);
}

class CoinbaseFeed implements FeedAdapter {
  readonly id = 'coinbase';
  readonly symbols: readonly SymbolSpec[];
  private readonly products = new Map<string, ProductStream>();
  private readonly snapshotDeadlines = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly clock: () => number;
  private readonly tracker: HealthTracker;
  private readonly warnings: LogThrottle;
  private readonly malformedLog: MalformedLog;
  /** Events of the message being handled, emitted together; reused, since messages come at line rate. */
  private readonly out: MarketEvent[] = [];
  private sink: MarketEventSink | undefined;
  private socket: ReconnectingSocket | undefined;
  /** When an open connection was lost, until the next one opens. */
  private lostAt: number | undefined;
  private connected = false;
  private readonly stopping = new AbortController();

  constructor(
    private readonly options: CoinbaseFeedOptions,
    private readonly logger: Logger,
    products: readonly ProductStream[],
  ) {
    for (const p of products) this.products.set(p.id, p);
    this.symbols = products.map((p) => p.instrument.spec);
    this.clock = options.clock ?? Date.now;
    this.tracker = new HealthTracker(this.clock);
    this.warnings = new LogThrottle((line) => logger.warn(line), this.clock);
    this.malformedLog = new MalformedLog('coinbase', logger, this.tracker, this.clock);
  }

  async start(sink: MarketEventSink): Promise<void> {
    if (this.socket) throw new Error('the coinbase feed is already started');
    this.sink = sink;
    for (const p of this.active()) p.disconnected(this.clock(), this.out);
    this.flush();
    this.socket = new ReconnectingSocket({
      url: this.options.wsUrl ?? COINBASE_WS_URL,
      idleTimeoutMs: this.options.idleTimeoutMs ?? 5000,
      backoff: this.options.backoff,
      onOpen: (send) => this.onOpen(send),
      onMessage: (text) => this.onMessage(text),
      onState: (state, detail, error) => {
        if (state !== 'reconnecting') return;
        if (this.connected) this.lostAt = this.clock();
        this.connected = false;
        if (detail) {
          const unreachable = error && explainUnreachable(streamEndpoint(this.options.wsUrl ?? COINBASE_WS_URL), error);
          this.tracker.error(unreachable ?? detail);
          this.warnings.log(unreachable ?? `coinbase: ${detail}`);
        }
        for (const p of this.active()) {
          clearTimeout(this.snapshotDeadlines.get(p.id));
          p.disconnected(this.clock(), this.out);
        }
        this.flush();
      },
    });
    this.socket.start();
    for (const p of this.active()) void this.backfill(p, CANDLE_PAGES);
  }

  async stop(): Promise<void> {
    this.sink = undefined; // the gate: nothing reaches the hub from here on, even from a message being handled
    this.stopping.abort();
    for (const timer of this.snapshotDeadlines.values()) clearTimeout(timer);
    const socket = this.socket;
    this.socket = undefined;
    await socket?.stop();
    this.tracker.status('halted');
  }

  health(): FeedHealth {
    return this.tracker.snapshot();
  }

  private active(): ProductStream[] {
    return [...this.products.values()].filter((p) => !p.halted);
  }

  // Coinbase drops a connection that has not subscribed within 5 s: ask at once, for every product.
  private onOpen(send: (data: string) => void): void {
    if ((this.socket?.openCount ?? 0) > 1) this.tracker.reconnected();
    this.connected = true;
    if (this.lostAt !== undefined && this.clock() - this.lostAt > BACKFILL_AFTER_GAP_MS) {
      for (const p of this.active()) void this.backfill(p, CANDLE_PAGES.slice(0, 1));
    }
    this.lostAt = undefined;
    const waiting = this.active();
    for (const p of waiting) this.awaitSnapshot(p);
    if (waiting.length > 0)
      send(
        subscriptionRequest(
          'subscribe',
          waiting.map((p) => p.id),
        ),
      );
  }

  // History is a courtesy: a failed page is logged and the chart fills from live trades instead, with no retry.
  private async backfill(p: ProductStream, pages: typeof CANDLE_PAGES): Promise<void> {
    const restUrl = this.options.restUrl ?? COINBASE_REST_URL;
    const symbol = p.instrument.spec.symbol;
    for (const { interval, granularity } of pages) {
      let rows: unknown[];
      try {
        rows = await fetchCandleRows(this.options.fetch ?? fetch, restUrl, p.id, granularity, this.stopping.signal);
      } catch (err) {
        if (!this.sink) return;
        this.tracker.error(String(err));
        this.warnings.log(`coinbase: ${p.id} ${interval} candles failed: ${(err as Error).message}`);
        continue;
      }
      if (!this.sink) return;
      const now = this.clock();
      const { candles, malformed } = candlesFromRows(p.instrument, interval, rows, now);
      for (const detail of malformed) this.malformedLog.report('candle', `${p.id} ${interval}: ${detail}`);
      if (candles.length > 0) this.out.push({ type: 'history', symbol, time: now, interval, candles });
      this.flush();
    }
  }

  private onMessage(text: string): void {
    if (!this.sink) return;
    this.tracker.message();
    const parsed = parseCoinbaseMessage(text);
    if (parsed.kind === 'malformed') return this.malformed(parsed.error);
    if (parsed.kind === 'ignored') return;
    const message = parsed.message;
    try {
      if (message.type === 'error') return this.venueError(message);
      if (message.type === 'subscriptions') return;
      const product = this.products.get(message.product_id);
      if (!product) return;
      const resync = product.receive(message, this.clock(), this.out);
      if (message.type === 'snapshot') clearTimeout(this.snapshotDeadlines.get(product.id));
      if (resync) this.resync(product, resync);
    } catch (err) {
      this.out.length = 0;
      // A value off the product's grid is the venue's problem; anything else is ours, but must not kill the socket.
      if (err instanceof RangeError) return this.malformed(`${message.type}: ${err.message}`);
      this.tracker.error(String(err));
      this.logger.error(`coinbase: failed to handle a ${message.type} message`, err);
    } finally {
      this.flush();
    }
  }

  /** Messages were lost: the book is wrong, so it is rebuilt from a fresh snapshot of a fresh subscription. */
  private resync(p: ProductStream, reason: string): void {
    if (!p.beginResync(this.clock(), this.out)) return; // already rebuilding
    this.tracker.resynced();
    this.warnings.log(`coinbase: ${p.id}: ${reason}; resubscribing for a fresh snapshot`);
    this.awaitSnapshot(p);
    this.socket?.send(subscriptionRequest('unsubscribe', [p.id]));
    this.socket?.send(subscriptionRequest('subscribe', [p.id]));
  }

  private venueError(m: ErrorMessage): void {
    const text = m.reason ? `${m.message}: ${m.reason}` : m.message;
    this.tracker.error(text);
    const refused = this.active().filter((p) => productsNamed(m, [p.id]).length > 0);
    for (const p of refused) {
      clearTimeout(this.snapshotDeadlines.get(p.id));
      p.refuse(this.clock(), this.out);
      this.logger.error(`coinbase: the venue refused ${p.id} (${text}); it stays halted until restart`);
    }
    const waiting = this.active().filter((p) => !p.live);
    if (refused.length > 0) {
      // A refused product can void the whole subscribe; ask again for the others still without a book.
      for (const p of waiting) this.awaitSnapshot(p);
      if (waiting.length > 0)
        this.socket?.send(
          subscriptionRequest(
            'subscribe',
            waiting.map((p) => p.id),
          ),
        );
      return;
    }
    this.warnings.log(`coinbase: venue error: ${text}`);
    // An error during a subscribe we cannot pin on a product: start over on a new connection (with backoff), so a
    // venue that keeps refusing is not asked again in a tight loop. An error while live: resubscribe in place.
    if (waiting.length > 0) this.socket?.reconnect(`venue error while subscribing: ${text}`);
    else for (const p of this.active()) this.resync(p, `venue error: ${text}`);
  }

  private awaitSnapshot(p: ProductStream): void {
    p.subscribing();
    clearTimeout(this.snapshotDeadlines.get(p.id));
    const ms = this.options.snapshotTimeoutMs ?? 10_000;
    const timer = setTimeout(() => {
      if (!p.live && this.sink) this.socket?.reconnect(`no snapshot of ${p.id} within ${ms} ms of subscribing`);
    }, ms);
    timer.unref();
    this.snapshotDeadlines.set(p.id, timer);
  }

  private malformed(error: string): void {
    this.malformedLog.report(error.split(':')[0] ?? 'message', error);
  }

  /** Emits the events gathered, and keeps the feed's status the worst of its products'. */
  private flush(): void {
    const out = this.out;
    try {
      for (let i = 0; i < out.length; i++) {
        const event = out[i] as MarketEvent;
        if (event.type === 'status') this.tracker.status(worstStatus(this.active().map((p) => p.currentStatus)));
        this.sink?.(event);
      }
    } catch (err) {
      this.tracker.error(String(err));
      this.logger.error('coinbase: the event sink failed', err);
    } finally {
      out.length = 0;
    }
  }
}
