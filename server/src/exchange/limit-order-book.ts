// The simulator's L3 book for one symbol: every resting order, queued FIFO per price level, found by id in O(1).
//
// It only stores; the matching engine decides what rests and what trades. Each level is an intrusive doubly linked
// list (cancel anywhere is O(1)) with its aggregate size kept current, so L2 views never have to sum orders.

import { ASK, BID, type Level, lowerBound, type Lots, type SideCode, type Ticks } from '@tickline/shared';

export type OrderId = number;

/** What callers may read about a resting order. */
export interface RestingOrder {
  readonly id: OrderId;
  readonly side: SideCode;
  readonly price: Ticks;
  /** Size still resting, in lots; always > 0 while the order is in the book. */
  readonly remaining: Lots;
}

/** A resting order inside its level's queue. */
export class OrderNode implements RestingOrder {
  prev: OrderNode | null = null;
  next: OrderNode | null = null;
  constructor(
    readonly id: OrderId,
    readonly side: SideCode,
    readonly price: Ticks,
    public remaining: Lots,
    readonly level: PriceLevel,
  ) {}
}

/** One price on one side: its FIFO queue (head = oldest = first to fill) and the sum of its orders. */
export class PriceLevel {
  head: OrderNode | null = null;
  tail: OrderNode | null = null;
  total = 0;
  count = 0;
  constructor(
    readonly side: SideCode,
    readonly price: Ticks,
  ) {}
}

/**
 * The levels of one side. Prices are kept sorted worst-first so the best level is the last element: fills and
 * requotes happen at the touch, where push/pop are O(1). A side holds tens of levels, so splice beats a tree.
 */
class SideBook {
  readonly levels = new Map<number, PriceLevel>();
  /** Worst first, best last. */
  readonly prices: number[] = [];
  constructor(readonly side: SideCode) {}

  /** True when price `a` is better than price `b` for this side. */
  private better(a: number, b: number): boolean {
    return this.side === BID ? a > b : a < b;
  }

  /** Index of the first stored price that is not worse than `price`: worst first is ascending for bids. */
  private search(price: number): number {
    return lowerBound(this.prices, price, this.side === ASK);
  }

  levelFor(price: Ticks): PriceLevel {
    let level = this.levels.get(price);
    if (level === undefined) {
      level = new PriceLevel(this.side, price);
      this.levels.set(price, level);
      const last = this.prices[this.prices.length - 1];
      if (last === undefined || this.better(price, last)) this.prices.push(price);
      else this.prices.splice(this.search(price), 0, price);
    }
    return level;
  }

  dropLevel(level: PriceLevel): void {
    this.levels.delete(level.price);
    const last = this.prices.length - 1;
    if (this.prices[last] === level.price) this.prices.pop();
    else this.prices.splice(this.search(level.price), 1);
  }

  best(): PriceLevel | undefined {
    const price = this.prices[this.prices.length - 1];
    return price === undefined ? undefined : this.levels.get(price);
  }
}

export class LimitOrderBook {
  private readonly sides: readonly [SideBook, SideBook] = [new SideBook(BID), new SideBook(ASK)];
  private readonly orders = new Map<OrderId, OrderNode>();

  /** Queues an order at the back of its price level. The caller guarantees it does not cross. */
  add(id: OrderId, side: SideCode, price: Ticks, size: Lots): OrderNode {
    if (this.orders.has(id)) throw new RangeError(`order ${id} is already in the book`);
    const level = this.sides[side].levelFor(price);
    const node = new OrderNode(id, side, price, size, level);
    if (level.tail === null) level.head = node;
    else {
      level.tail.next = node;
      node.prev = level.tail;
    }
    level.tail = node;
    level.total += size;
    level.count++;
    this.orders.set(id, node);
    return node;
  }

  /** Takes `size` off an order (a fill); removes the order when nothing is left. Returns the level's new total. */
  reduce(node: OrderNode, size: number): number {
    const level = node.level;
    node.remaining = (node.remaining - size) as Lots;
    level.total -= size;
    if (node.remaining === 0) this.unlink(node);
    return level.total;
  }

  /** Removes an order with whatever it has left; returns the level's new total (0 = the level is gone). */
  remove(node: OrderNode): number {
    node.level.total -= node.remaining;
    this.unlink(node);
    return node.level.total;
  }

  private unlink(node: OrderNode): void {
    const level = node.level;
    if (node.prev === null) level.head = node.next;
    else node.prev.next = node.next;
    if (node.next === null) level.tail = node.prev;
    else node.next.prev = node.prev;
    node.prev = node.next = null;
    level.count--;
    this.orders.delete(node.id);
    if (level.count === 0) this.sides[level.side].dropLevel(level);
  }

  get(id: OrderId): OrderNode | undefined {
    return this.orders.get(id);
  }

  /** Lots still resting for an order; 0 once it is filled, cancelled or unknown. */
  remaining(id: OrderId): Lots {
    return (this.orders.get(id)?.remaining ?? 0) as Lots;
  }

  best(side: SideCode): PriceLevel | undefined {
    return this.sides[side].best();
  }

  bestPrice(side: SideCode): Ticks | undefined {
    const prices = this.sides[side].prices;
    return prices[prices.length - 1] as Ticks | undefined;
  }

  levelSize(side: SideCode, price: Ticks): Lots {
    return (this.sides[side].levels.get(price)?.total ?? 0) as Lots;
  }

  /** Number of price levels on a side. */
  depth(side: SideCode): number {
    return this.sides[side].prices.length;
  }

  /** Number of resting orders. */
  get orderCount(): number {
    return this.orders.size;
  }

  /** Aggregated levels of a side, best first, at most `limit` of them. */
  levels(side: SideCode, limit = Infinity): Level[] {
    const book = this.sides[side];
    const prices = book.prices;
    const take = Math.min(limit, prices.length);
    const out = new Array<Level>(take);
    for (let i = 0; i < take; i++) {
      const level = book.levels.get(prices[prices.length - 1 - i] as number) as PriceLevel;
      out[i] = [level.price, level.total as Lots];
    }
    return out;
  }

  /** Every resting order of a level, oldest first (for tests and debugging, not the hot path). */
  queue(side: SideCode, price: Ticks): RestingOrder[] {
    const out: RestingOrder[] = [];
    for (let n = this.sides[side].levels.get(price)?.head ?? null; n !== null; n = n.next) out.push(n);
    return out;
  }
}
