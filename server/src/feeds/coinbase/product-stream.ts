// One Coinbase product's stream, without I/O: each message in, the MarketEvents it means out, and whether the book
// must be rebuilt. Status changes are events too, so a product's whole life can be tested as values.

import { makeInstrument, type Instrument, type SymbolSpec } from '@tickline/shared';
import type { FeedStatus, MarketEvent } from '../feed.ts';
import { deltaEvent, snapshotEvent, tickerEvent, tradeEvent } from './coinbase-mapping.ts';
import type { CoinbaseMessage } from './coinbase-messages.ts';
import { GapTracker } from './gap-tracker.ts';

/** The messages that belong to one product. */
export type ProductMessage = Exclude<CoinbaseMessage, { type: 'error' | 'subscriptions' }>;

export class ProductStream {
  readonly symbol: string;
  readonly instrument: Instrument;
  private readonly gaps = new GapTracker();
  private status: FeedStatus | undefined;
  /** A snapshot arrived on the current subscription, so deltas apply. */
  private hasBook = false;
  /** The venue refused the product; it is not asked for again. */
  private refused = false;

  constructor(
    readonly id: string,
    spec: SymbolSpec,
  ) {
    this.symbol = spec.symbol;
    this.instrument = makeInstrument(spec);
  }

  get live(): boolean {
    return this.hasBook;
  }

  get halted(): boolean {
    return this.refused;
  }

  /** The status last announced, `reconnecting` before any. */
  get currentStatus(): FeedStatus {
    return this.status ?? 'reconnecting';
  }

  /** A fresh subscription is on its way: deltas wait for its snapshot, and a trade-id jump is not a gap. */
  subscribing(): void {
    this.hasBook = false;
    this.gaps.rebase();
  }

  disconnected(now: number, out: MarketEvent[]): void {
    this.hasBook = false;
    this.announce('reconnecting', now, out);
  }

  refuse(now: number, out: MarketEvent[]): void {
    this.refused = true;
    this.hasBook = false;
    this.announce('halted', now, out);
  }

  /** The book is known to be wrong: stale until a new subscription's snapshot. False if already rebuilding. */
  beginResync(now: number, out: MarketEvent[]): boolean {
    if (!this.hasBook) return false;
    this.subscribing();
    this.announce('stale', now, out);
    return true;
  }

  announce(status: FeedStatus, now: number, out: MarketEvent[]): void {
    if (this.status === status) return;
    this.status = status;
    out.push({ type: 'status', symbol: this.symbol, time: now, status });
  }

  /**
   * One message of this product: pushes its events onto `out` and returns why the book must be rebuilt, if it
   * must. A value off the grid throws a RangeError before anything is pushed or remembered.
   */
  receive(m: ProductMessage, now: number, out: MarketEvent[]): string | undefined {
    if (this.refused) return undefined;
    switch (m.type) {
      case 'snapshot':
        out.push(snapshotEvent(this.instrument, this.symbol, m, now));
        this.hasBook = true;
        this.announce('live', now, out);
        return undefined;
      case 'l2update':
        // Before its snapshot a delta has no book to apply to, or belongs to the subscription being replaced.
        if (this.hasBook) out.push(deltaEvent(this.instrument, this.symbol, m, now));
        return undefined;
      case 'match':
      case 'last_match': {
        const trade = tradeEvent(this.instrument, this.symbol, m, now);
        if (!this.gaps.inOrder('match', m.sequence)) return undefined;
        const verdict = this.gaps.match(m.trade_id, m.type === 'last_match');
        if (verdict !== 'duplicate') out.push(trade);
        return verdict === 'gap' ? `trade ${m.trade_id} arrived but earlier trades did not` : undefined;
      }
      case 'ticker': {
        const ticker = tickerEvent(this.instrument, this.symbol, m, now);
        if (this.gaps.inOrder('ticker', m.sequence)) out.push(ticker);
        return undefined;
      }
      case 'heartbeat': {
        const gap = this.gaps.inOrder('heartbeat', m.sequence) && this.gaps.heartbeat(m.last_trade_id) === 'gap';
        return gap ? `heartbeat names trade ${m.last_trade_id}, which never arrived` : undefined;
      }
    }
  }
}
