// One product of the fake Coinbase exchange: a seeded random market over its own order book, written out in
// Coinbase's documented message formats, with the per-product sequence counter and trade ids the venue keeps.

import {
  ASK,
  BID,
  type BookLevels,
  type Instrument,
  type Level,
  type Lots,
  makeInstrument,
  OrderBook,
  type SideCode,
  type Ticks,
} from '@tickline/shared';
import { Rng } from '../../src/exchange/rng.ts';

export interface FakeProduct {
  id: string;
  base: string;
  quote: string;
  /** Coinbase's `quote_increment` and `base_increment`. */
  quoteIncrement: string;
  baseIncrement: string;
  /** Price the book is built around, in quote units. */
  mid: number;
}

const decimals = (d: string) => (d.includes('.') ? d.length - d.indexOf('.') - 1 : 0);

export class FakeMarket {
  readonly book = new OrderBook();
  readonly instrument: Instrument;
  sequence: number;
  tradeId: number;
  /** The latest message of each sequenced kind, kept so a test can send them again once they are old. */
  readonly last: { match?: Record<string, unknown>; ticker?: string; heartbeat?: string } = {};
  private readonly mid: number;
  private open: Ticks | undefined;
  private high = 0;
  private low = Number.MAX_SAFE_INTEGER;
  private volume = 0;

  constructor(
    readonly product: FakeProduct,
    private readonly rng: Rng,
    private readonly clock: () => number = Date.now,
  ) {
    this.instrument = makeInstrument({
      symbol: product.id,
      name: product.id,
      assetClass: 'crypto',
      base: product.base,
      quote: product.quote,
      tickSize: product.quoteIncrement,
      lotSize: product.baseIncrement,
      pricePrecision: decimals(product.quoteIncrement),
      sizePrecision: decimals(product.baseIncrement),
    });
    this.mid = this.instrument.toTicks(product.mid);
    this.sequence = rng.int(1_000_000, 9_000_000);
    this.tradeId = rng.int(10_000, 90_000);
    for (let i = 1; i <= 10; i++) {
      this.book.set(BID, (this.mid - i) as Ticks, this.randomSize());
      this.book.set(ASK, (this.mid + i) as Ticks, this.randomSize());
    }
    this.trade(); // so that a subscriber gets a last_match
  }

  /** The REST `/products/{id}` body. */
  /** The price the book is built around, in ticks. */
  get midTicks(): Ticks {
    return this.mid as Ticks;
  }

  restProduct(): Record<string, unknown> {
    const p = this.product;
    return {
      id: p.id,
      base_currency: p.base,
      quote_currency: p.quote,
      quote_increment: p.quoteIncrement,
      base_increment: p.baseIncrement,
      display_name: `${p.base}-${p.quote}`,
      min_market_funds: '1',
      margin_enabled: false,
      post_only: false,
      limit_only: false,
      cancel_only: false,
      status: 'online',
      status_message: '',
      trading_disabled: false,
    };
  }

  /** What a new subscriber is sent for this product: the level2 snapshot, last_match and the current ticker. */
  onSubscribe(): string[] {
    const level = ([price, size]: Level) => [this.instrument.formatPrice(price), this.instrument.formatSize(size)];
    const { bids, asks } = this.levels();
    const snapshot = { type: 'snapshot', product_id: this.product.id, bids: bids.map(level), asks: asks.map(level) };
    const out = [JSON.stringify(snapshot)];
    if (this.last.match) out.push(JSON.stringify({ ...this.last.match, type: 'last_match' }));
    if (this.last.ticker) out.push(this.last.ticker);
    return out;
  }

  /** One random event as the venue would stream it: a batch of level changes, or a match with its consequences. */
  step(): string[] {
    if (this.rng.chance(0.25) && this.book.bestBid() && this.book.bestAsk()) return this.trade();
    const changes: [string, string, string][] = [];
    for (let n = this.rng.int(1, 4); n > 0; n--) {
      const side: SideCode = this.rng.chance(0.5) ? BID : ASK;
      const offset = this.rng.int(1, 25);
      const price = (side === BID ? this.mid - offset : this.mid + offset) as Ticks;
      const size = this.rng.chance(0.25) ? (0 as Lots) : this.randomSize();
      changes.push(this.setLevel(side, price, size));
    }
    return [this.l2update(changes)];
  }

  heartbeat(): string {
    this.last.heartbeat = JSON.stringify({
      type: 'heartbeat',
      sequence: this.sequence,
      last_trade_id: this.tradeId,
      product_id: this.product.id,
      time: this.time(),
    });
    return this.last.heartbeat;
  }

  levels(): BookLevels {
    return this.book.top(Number.MAX_SAFE_INTEGER);
  }

  /** A taker takes part of the best level on one side: the match, the level's new size, and the new ticker. */
  private trade(): string[] {
    const takerBuys = this.rng.chance(0.5);
    const [price, size] = (takerBuys ? this.book.bestAsk() : this.book.bestBid()) as Level;
    const taken = this.rng.int(1, size) as Lots;
    const change = this.setLevel(takerBuys ? ASK : BID, price, (size - taken) as Lots);
    this.tradeId++;
    this.open ??= price;
    this.high = Math.max(this.high, price);
    this.low = Math.min(this.low, price);
    this.volume += taken;
    const f = this.instrument;
    const time = this.time();
    const match = {
      type: 'match',
      trade_id: this.tradeId,
      sequence: this.sequence,
      maker_order_id: `maker-${this.tradeId}`,
      taker_order_id: `taker-${this.tradeId}`,
      time,
      product_id: this.product.id,
      size: f.formatSize(taken),
      price: f.formatPrice(price),
      side: takerBuys ? 'sell' : 'buy', // the maker's side
    };
    this.last.match = match;
    const bid = this.book.bestBid();
    const ask = this.book.bestAsk();
    this.last.ticker = JSON.stringify({
      type: 'ticker',
      sequence: this.sequence,
      product_id: this.product.id,
      price: f.formatPrice(price),
      open_24h: f.formatPrice(this.open),
      volume_24h: f.formatSize(this.volume as Lots),
      low_24h: f.formatPrice(this.low as Ticks),
      high_24h: f.formatPrice(this.high as Ticks),
      volume_30d: f.formatSize(this.volume as Lots),
      best_bid: bid ? f.formatPrice(bid[0]) : '0',
      best_bid_size: bid ? f.formatSize(bid[1]) : '0',
      best_ask: ask ? f.formatPrice(ask[0]) : '0',
      best_ask_size: ask ? f.formatSize(ask[1]) : '0',
      side: takerBuys ? 'buy' : 'sell', // the ticker channel, unlike matches, names the taker's side
      time,
      trade_id: this.tradeId,
      last_size: f.formatSize(taken),
    });
    return [JSON.stringify(match), this.l2update([change]), this.last.ticker];
  }

  private setLevel(side: SideCode, price: Ticks, size: Lots): [string, string, string] {
    this.book.set(side, price, size);
    this.sequence++;
    return [side === BID ? 'buy' : 'sell', this.instrument.formatPrice(price), this.instrument.formatSize(size)];
  }

  private l2update(changes: [string, string, string][]): string {
    return JSON.stringify({ type: 'l2update', product_id: this.product.id, time: this.time(), changes });
  }

  private randomSize(): Lots {
    return this.rng.int(1, 5_000_000) as Lots;
  }

  // Coinbase stamps times with microseconds.
  private time(): string {
    return new Date(this.clock()).toISOString().replace('Z', '417Z');
  }
}
