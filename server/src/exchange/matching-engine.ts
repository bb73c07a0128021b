// The matching engine for one symbol: price-time priority over a LimitOrderBook; trades happen only here.
//
// Every operation appends what it did to an Execution the caller owns (fills, then L2 level changes), so a caller
// can gather a whole simulation step into one buffer and reuse it; nothing is allocated per level touched beyond
// the fill and change records themselves.

import {
  ASK,
  BID,
  BUY,
  SELL,
  type AggressorCode,
  type Level,
  type LevelUpdate,
  type Lots,
  type SideCode,
  type Ticks,
} from '@tickline/shared';
import { LimitOrderBook, type OrderId, type RestingOrder } from './limit-order-book.ts';

/** One match: the taker traded `size` at the maker's resting price. */
export interface Fill {
  readonly makerId: OrderId;
  readonly takerId: OrderId;
  readonly price: Ticks;
  readonly size: Lots;
  /** The taker's side: BUY lifted an offer, SELL hit a bid. */
  readonly aggressor: AggressorCode;
}

/** What operations did, in order; appended to, never cleared by the engine. */
export interface Execution {
  readonly fills: Fill[];
  /** New aggregate size per touched level (0 = level gone), at most one per level per operation. */
  readonly changes: LevelUpdate[];
}

export function createExecution(): Execution {
  return { fills: [], changes: [] };
}

/** Empties a buffer for reuse. */
export function clearExecution(out: Execution): void {
  out.fills.length = 0;
  out.changes.length = 0;
}

/** How an order ended up: every lot of `size` is exactly one of filled, resting or cancelled. */
export interface OrderResult {
  readonly id: OrderId;
  readonly filled: Lots;
  readonly resting: Lots;
  /** Lots dropped without trading: the unfilled part of a market or IOC order. */
  readonly cancelled: Lots;
}

/** GTC rests whatever it cannot fill; IOC drops it. */
export type TimeInForce = 'gtc' | 'ioc';

function checkSide(side: SideCode): void {
  if (side !== BID && side !== ASK) throw new RangeError(`side must be 0 (bid) or 1 (ask), got ${String(side)}`);
}

function checkPositive(what: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new RangeError(`${what} must be a positive integer, got ${value}`);
}

export class MatchingEngine {
  private readonly book = new LimitOrderBook();
  private nextId: OrderId = 1;

  /** A limit order: trades against better-or-equal prices, then rests (GTC) or is dropped (IOC). */
  limit(side: SideCode, price: Ticks, size: Lots, out: Execution, tif: TimeInForce = 'gtc'): OrderResult {
    checkSide(side);
    checkPositive('price', price);
    checkPositive('size', size);
    const id = this.nextId++;
    const left = this.match(id, side, price, size, out);
    if (left > 0 && tif === 'gtc') {
      const level = this.book.add(id, side, price, left as Lots).level;
      out.changes.push([side, price, level.total as Lots]);
      return { id, filled: (size - left) as Lots, resting: left as Lots, cancelled: 0 as Lots };
    }
    return { id, filled: (size - left) as Lots, resting: 0 as Lots, cancelled: left as Lots };
  }

  /** A market order: sweeps the other side until filled; what the book cannot fill is cancelled, never rested. */
  market(side: SideCode, size: Lots, out: Execution): OrderResult {
    checkSide(side);
    checkPositive('size', size);
    const id = this.nextId++;
    const left = this.match(id, side, side === BID ? Infinity : -Infinity, size, out);
    return { id, filled: (size - left) as Lots, resting: 0 as Lots, cancelled: left as Lots };
  }

  /** Removes a resting order; returns the lots cancelled, 0 when the id is unknown or already done. */
  cancel(id: OrderId, out: Execution): Lots {
    const node = this.book.get(id);
    if (node === undefined) return 0 as Lots;
    const size = node.remaining;
    const total = this.book.remove(node);
    out.changes.push([node.side, node.price, total as Lots]);
    return size;
  }

  /** Fills taker `id` against the opposite side up to `limit`; returns the lots left unfilled. */
  private match(id: OrderId, side: SideCode, limit: number, size: number, out: Execution): number {
    const book = this.book;
    const makerSide: SideCode = side === BID ? ASK : BID;
    const aggressor: AggressorCode = side === BID ? BUY : SELL;
    let left = size;
    while (left > 0) {
      const level = book.best(makerSide);
      if (level === undefined) break;
      if (side === BID ? level.price > limit : level.price < limit) break;
      let total = level.total;
      // Oldest first: that is the time in price-time priority.
      for (let maker = level.head; maker !== null && left > 0; maker = level.head) {
        const qty = maker.remaining < left ? maker.remaining : left;
        out.fills.push({ makerId: maker.id, takerId: id, price: level.price, size: qty as Lots, aggressor });
        left -= qty;
        total = book.reduce(maker, qty);
      }
      out.changes.push([makerSide, level.price, total as Lots]);
    }
    return left;
  }

  /** Lots still resting for an order; 0 once it is filled, cancelled or unknown. */
  remaining(id: OrderId): Lots {
    return this.book.remaining(id);
  }

  order(id: OrderId): RestingOrder | undefined {
    return this.book.get(id);
  }

  bestBid(): Ticks | undefined {
    return this.book.bestPrice(BID);
  }

  bestAsk(): Ticks | undefined {
    return this.book.bestPrice(ASK);
  }

  levelSize(side: SideCode, price: Ticks): Lots {
    return this.book.levelSize(side, price);
  }

  /** Number of price levels on a side. */
  depth(side: SideCode): number {
    return this.book.depth(side);
  }

  /** Aggregated levels of a side, best first. */
  levels(side: SideCode, limit?: number): Level[] {
    return this.book.levels(side, limit);
  }

  /** Resting orders of one level, oldest first. */
  queue(side: SideCode, price: Ticks): RestingOrder[] {
    return this.book.queue(side, price);
  }

  get orderCount(): number {
    return this.book.orderCount;
  }
}
