// One symbol's sequenced stream built the way Tickline's hub builds it (server/src/hub/symbol-state.ts), for the
// batched raw-ws baseline: the full book kept with the shared OrderBook, a flush publishing the top `depth` levels as
// the difference from the last published view with the shared checksum of the new view, the flush's trades with
// their ids. Encoded with the shared encoder, its updates are the ones Tickline sends for the same events
// (symbol-stream.spec.ts checks it against the real hub), so the baseline carries Tickline's own messages.
// Left out because the bench's feed never needs them: status, venue ticker, marks, and the cap on trades per update.

import {
  type AggressorCode,
  bookChecksum,
  type BookLevels,
  diffLevels,
  type Instrument,
  type Lots,
  type MarketUpdate,
  OrderBook,
  type SideCode,
  type Ticks,
  type Trade,
  tradeId,
} from '@tickline/shared';

interface PendingTrade {
  price: Ticks;
  size: Lots;
  aggressor: AggressorCode;
  time: number;
}

export class SymbolStream {
  private readonly book = new OrderBook();
  private published: BookLevels = { bids: [], asks: [] };
  private checksum = 0;
  private bookDirty = false;
  private pending: PendingTrade[] = [];
  private seq = 0;

  constructor(
    readonly symbol: string,
    private readonly instrument: Instrument,
    private readonly depth: number,
  ) {}

  /** Replaces the book, as a feed's `book:snapshot` does; published at the next flush. */
  snapshot(levels: BookLevels): void {
    this.book.applySnapshot(levels);
    this.bookDirty = true;
  }

  /** One level's new absolute size (0 removes it), as a `book:delta` carries it. */
  level(side: SideCode, price: Ticks, size: Lots): void {
    this.book.set(side, price, size);
    this.bookDirty = true;
  }

  trade(price: Ticks, size: Lots, aggressor: AggressorCode, time: number): void {
    // Whole ms, as the hub keeps them: trade times travel as integer deltas.
    this.pending.push({ price, size, aggressor, time: Math.floor(time) });
  }

  /** The update with the next seq for what changed since the last flush, or undefined if nothing did. */
  flush(time: number): MarketUpdate | undefined {
    const book = this.bookDirty ? this.publishBook() : undefined;
    const pending = this.pending;
    if (!book && pending.length === 0) return undefined;
    const seq = ++this.seq;
    const update: MarketUpdate = { symbol: this.symbol, seq, time };
    if (book) {
      update.book = book;
      update.checksum = this.checksum;
    }
    if (pending.length > 0) {
      this.pending = [];
      update.trades = pending.map((p, i): Trade => [tradeId(seq, i), p.price, p.size, p.aggressor, p.time]);
    }
    return update;
  }

  /** What a subscriber starts from: the published book as of `seq`, and its checksum. */
  state(): { seq: number; book: BookLevels; checksum: number } {
    return { seq: this.seq, book: this.published, checksum: this.checksum };
  }

  private publishBook(): MarketUpdate['book'] {
    this.bookDirty = false;
    const view = this.book.top(this.depth);
    const changes = diffLevels(this.published, view);
    this.published = view;
    if (changes.length === 0) return undefined;
    this.checksum = bookChecksum(view, this.instrument);
    return changes;
  }
}
