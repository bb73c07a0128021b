// The bench's order book traffic: one symbol's book, moved one level change at a time by a fixed hash, the way a
// venue's L2 stream moves it (sizes change near the touch, a level is pulled now and then, a new best price appears
// inside a wide spread). Pure and deterministic: the same hashes give the same changes on every server, and the book
// stays valid for Tickline's hub (never crossed, a few levels a side, all within a few ticks of the touch).

import {
  ASK,
  BID,
  type BookLevels,
  type Level,
  type LevelUpdate,
  type Lots,
  OrderBook,
  type SideCode,
  type Ticks,
} from '@tickline/shared';

/** Every symbol's price when a run starts, in ticks. */
export const BASE_PRICE = 100_000;

/** A side never falls below this many levels: a change that would thin it further re-sizes a level instead. */
export const MIN_LEVELS = 3;
/** A side holding more levels than this, or a level more than MAX_SPAN ticks behind the touch, gets one pulled. */
export const MAX_LEVELS = 10;
export const MAX_SPAN = 8;
/** Level changes land within this many ticks of the touch. */
const NEAR = 5;

/** The book every symbol starts from under book traffic: five levels a side around BASE_PRICE, spread 2 ticks. */
export function seedBook(): BookLevels {
  const side = (sign: 1 | -1): Level[] =>
    Array.from({ length: 5 }, (_, i) => [(BASE_PRICE + sign * (i + 1)) as Ticks, (10 * (i + 1)) as Lots] as const);
  return { bids: side(-1), asks: side(1) };
}

/** The book of the trades-only traffic: one level a side, never changed. */
export function flatBook(): BookLevels {
  return { bids: [[(BASE_PRICE - 1) as Ticks, 100 as Lots]], asks: [[(BASE_PRICE + 1) as Ticks, 100 as Lots]] };
}

export class SyntheticBook {
  readonly book = new OrderBook();

  constructor(seed: BookLevels = seedBook()) {
    this.book.applySnapshot(seed);
  }

  /** The level change that hash `h` makes, already applied to the book. */
  levelChange(h: number): LevelUpdate {
    const book = this.book;
    const side: SideCode = (h & 1) === 0 ? BID : ASK;
    const away = side === BID ? -1 : 1;
    const depth = book.depth(side);
    const best = book.priceAt(side, 0)!;
    const far = book.priceAt(side, depth - 1)!;
    const size = 1 + ((h >>> 12) % 99);
    const action = (h >>> 1) % 8;
    const d = (h >>> 4) % NEAR;
    let change: LevelUpdate;
    if (depth > MIN_LEVELS && (depth > MAX_LEVELS || Math.abs(far - best) > MAX_SPAN)) {
      // The touch moved away from it: orders that far back get cancelled.
      change = [side, far, 0 as Lots];
    } else if (action === 0 && depth > MIN_LEVELS) {
      // A level among the best few is pulled; when it is the best, the spread widens.
      change = [side, book.priceAt(side, d % depth)!, 0 as Lots];
    } else if (action === 1 && book.spread()! > 1) {
      // A new best price inside the spread: never crosses, since the spread is at least two ticks.
      change = [side, (best - away) as Ticks, size as Lots];
    } else {
      // A size change (or a new level in a hole) at or behind the touch: the common case.
      const price = (best + away * d) as Ticks;
      change = [side, price, (size === book.size(side, price) ? size + 1 : size) as Lots];
    }
    book.set(...change);
    return change;
  }

  /** The price a trade takes: the best ask for a buyer (side 0), the best bid for a seller. */
  tradePrice(side: SideCode): Ticks {
    return this.book.priceAt(side === BID ? ASK : BID, 0)!;
  }
}
