// A test oracle for the matching engine: the same rules written as plainly as possible, sharing none of its code.
//
// Resting orders are one array in the order they came to rest; nothing is indexed, linked or aggregated. To match,
// the orders a taker may trade with are filtered out and sorted by price alone: Array.prototype.sort is stable, so
// within a price they keep their arrival order, which is all that price-time priority says. It is slow on purpose.

import { ASK, BID, BUY, SELL, type AggressorCode, type SideCode } from '@tickline/shared';

export interface ReferenceOrder {
  readonly id: number;
  readonly side: SideCode;
  readonly price: number;
  remaining: number;
}

export interface ReferenceFill {
  readonly makerId: number;
  readonly takerId: number;
  readonly price: number;
  readonly size: number;
  readonly aggressor: AggressorCode;
}

export interface ReferenceResult {
  readonly fills: ReferenceFill[];
  readonly filled: number;
  readonly resting: number;
  readonly cancelled: number;
}

/** Best price first: highest for bids, lowest for asks. */
function byBestPrice(side: SideCode): (a: ReferenceOrder, b: ReferenceOrder) => number {
  return side === BID ? (a, b) => b.price - a.price : (a, b) => a.price - b.price;
}

export class ReferenceBook {
  /** Every resting order of both sides, oldest first. */
  private resting: ReferenceOrder[] = [];

  /** A limit order with the id the engine gave it; `ioc` drops what does not fill instead of resting it. */
  limit(id: number, side: SideCode, price: number, size: number, ioc: boolean): ReferenceResult {
    const fills = this.take(id, side, size, (makerPrice) => (side === BID ? makerPrice <= price : makerPrice >= price));
    const left = size - sum(fills);
    if (left > 0 && !ioc) {
      this.resting.push({ id, side, price, remaining: left });
      return { fills, filled: size - left, resting: left, cancelled: 0 };
    }
    return { fills, filled: size - left, resting: 0, cancelled: left };
  }

  /** A market order: any price will do, and nothing rests. */
  market(id: number, side: SideCode, size: number): ReferenceResult {
    const fills = this.take(id, side, size, () => true);
    const left = size - sum(fills);
    return { fills, filled: size - left, resting: 0, cancelled: left };
  }

  /** Lots removed: the order's remainder if it is resting, else 0. */
  cancel(id: number): number {
    const order = this.resting.find((o) => o.id === id);
    if (order === undefined) return 0;
    this.resting = this.resting.filter((o) => o !== order);
    return order.remaining;
  }

  /** Trades `size` for taker `id` against the other side's orders whose price `acceptable` allows. */
  private take(id: number, side: SideCode, size: number, acceptable: (price: number) => boolean): ReferenceFill[] {
    const makerSide = side === BID ? ASK : BID;
    const aggressor = side === BID ? BUY : SELL;
    const makers = this.resting.filter((o) => o.side === makerSide && acceptable(o.price)).sort(byBestPrice(makerSide));
    const fills: ReferenceFill[] = [];
    let left = size;
    for (const maker of makers) {
      if (left === 0) break;
      const traded = Math.min(left, maker.remaining);
      fills.push({ makerId: maker.id, takerId: id, price: maker.price, size: traded, aggressor });
      maker.remaining -= traded;
      left -= traded;
    }
    this.resting = this.resting.filter((o) => o.remaining > 0);
    return fills;
  }

  /** Resting orders of one side, in priority order: best price first, oldest first within a price. */
  orders(side: SideCode): ReferenceOrder[] {
    return this.resting.filter((o) => o.side === side).sort(byBestPrice(side));
  }

  /** [price, total size] per price of one side, best first. */
  levels(side: SideCode): [number, number][] {
    const out: [number, number][] = [];
    for (const o of this.orders(side)) {
      const last = out[out.length - 1];
      if (last !== undefined && last[0] === o.price) last[1] += o.remaining;
      else out.push([o.price, o.remaining]);
    }
    return out;
  }

  /** Lots resting for an order; 0 when it is not in the book. */
  remaining(id: number): number {
    return this.resting.find((o) => o.id === id)?.remaining ?? 0;
  }
}

function sum(fills: readonly ReferenceFill[]): number {
  return fills.reduce((total, f) => total + f.size, 0);
}
