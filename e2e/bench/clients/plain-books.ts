// A JSON baseline client's book in real mode: what a simple dashboard keeps, per symbol a Map of price to size for
// each side, every level change applied as it arrives. One per client, as each browser holds its own.

import type { JsonUpdate } from '../json-update.ts';

interface PlainBook {
  bids: Map<number, number>;
  asks: Map<number, number>;
}

export class PlainBooks {
  private readonly books = new Map<string, PlainBook>();

  apply(change: JsonUpdate): void {
    let book = this.books.get(change.symbol);
    if (!book) this.books.set(change.symbol, (book = { bids: new Map(), asks: new Map() }));
    const side = change.side === 'bid' ? book.bids : book.asks;
    if (change.size === 0) side.delete(change.price);
    else side.set(change.price, change.size);
  }

  /** Levels held on a side of a symbol's book (for tests and checks). */
  depth(symbol: string, side: 'bids' | 'asks'): number {
    return this.books.get(symbol)?.[side].size ?? 0;
  }
}
