// Paper orders on a real exchange's symbols: they cannot reach the exchange, so they trade against the live book
// as the hub holds it, without changing it. A market order (and the marketable part of a limit) walks the levels
// on the other side at their prices; what rests fills, whole, at its limit when the market trades through it (a
// trade at a strictly better price shows that every order at the limit, ours included, was taken).

import { type Level, type Lots, markPrice, type OrderSide, type SymbolStatus, type Ticks } from '@tickline/shared';
import type { MarketEvent } from '../feeds/feed.ts';
import {
  type PaperVenue,
  postOnlyCrosses,
  type SweptLevel,
  sweepLevels,
  type VenueFill,
  type VenueFillListener,
  type VenueOrder,
  type VenuePlacement,
} from './venue.ts';

/** A symbol's book as the hub publishes it (its top levels), best first. */
export interface LiveBook {
  bids: readonly Level[];
  asks: readonly Level[];
  last: Ticks | null;
  status: SymbolStatus;
}

interface Resting {
  id: number;
  side: OrderSide;
  price: Ticks;
  size: Lots;
}

export interface ShadowVenue extends PaperVenue {
  /** Every feed event passes here (the sequencer's tap): trades fill resting orders they trade through. */
  observe(event: MarketEvent): void;
}

export function createShadowVenue(book: (symbol: string) => LiveBook | undefined): ShadowVenue {
  const resting = new Map<string, Resting[]>();
  let nextId = 1;
  let listener: VenueFillListener = () => {};

  const sweep = (symbol: string, side: OrderSide, size: Lots, limit?: Ticks): SweptLevel[] => {
    const live = book(symbol);
    return live ? sweepLevels(side === 'buy' ? live.asks : live.bids, side, size, limit) : [];
  };

  return {
    halted: (symbol) => book(symbol)?.status === 'halted',
    sweep,
    mark(symbol) {
      const live = book(symbol);
      if (!live) return undefined;
      return markPrice(live.bids[0]?.[0], live.asks[0]?.[0], live.last);
    },
    place(order: VenueOrder): VenuePlacement {
      const live = book(order.symbol);
      if (!live) return { ok: false, code: 'market_halted', message: `${order.symbol} has no book yet` };
      if (live.status === 'halted') return { ok: false, code: 'market_halted', message: `${order.symbol} is halted` };
      if (order.tif === 'post_only' && order.price !== undefined) {
        const crosses = postOnlyCrosses(
          order.side,
          order.price,
          (order.side === 'buy' ? live.asks : live.bids)[0]?.[0],
        );
        if (crosses) return crosses;
      }
      const fills: VenueFill[] = sweep(order.symbol, order.side, order.size, order.price).map((l) => ({
        ...l,
        liquidity: 'taker',
        printed: false,
      }));
      const left = order.size - fills.reduce((n, f) => n + f.size, 0);
      const id = nextId++;
      if (left > 0 && order.price !== undefined && order.tif !== 'ioc') {
        const list = resting.get(order.symbol) ?? [];
        list.push({ id, side: order.side, price: order.price, size: left as Lots });
        resting.set(order.symbol, list);
        return { ok: true, id, fills, resting: left as Lots };
      }
      return { ok: true, id, fills, resting: 0 as Lots };
    },
    cancel(symbol, id) {
      const list = resting.get(symbol);
      const i = list?.findIndex((r) => r.id === id) ?? -1;
      if (!list || i < 0) return 0 as Lots;
      const [gone] = list.splice(i, 1);
      return gone?.size ?? (0 as Lots);
    },
    onFill(l) {
      listener = l;
    },
    observe(event) {
      if (event.type !== 'trade') return;
      const list = resting.get(event.symbol);
      if (!list || list.length === 0) return;
      const through = list.filter((r) => (r.side === 'buy' ? event.price < r.price : event.price > r.price));
      if (through.length === 0) return;
      resting.set(
        event.symbol,
        list.filter((r) => !through.includes(r)),
      );
      for (const r of through)
        listener(event.symbol, r.id, { price: r.price, size: r.size, liquidity: 'maker', printed: false });
    },
  };
}
