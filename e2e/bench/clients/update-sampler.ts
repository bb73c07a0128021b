// Where Tickline's bytes go: one update in `every` is re-encoded field by field, to break bytes per update
// down into the envelope, the fixed fields and each optional part.

import type { MarketUpdate } from '@tickline/shared';

export interface UpdateBreakdown {
  sampledUpdates: number;
  tradesPerUpdate: number;
  /** Average bytes per update message, by part; `framing` is the WebSocket header + Engine.IO/Socket.IO envelope. */
  bytesPerMessage: Record<'framing' | 'header' | 'trades' | 'ticker' | 'candles' | 'book' | 'total', number>;
}

const ENVELOPE = '42["market:update",]'.length;

export class UpdateSampler {
  private n = 0;
  private sampled = 0;
  private trades = 0;
  private readonly sums = { framing: 0, header: 0, trades: 0, ticker: 0, candles: 0, book: 0, total: 0 };

  constructor(private readonly every = 997) {}

  reset(): void {
    this.n = 0;
    this.sampled = 0;
    this.trades = 0;
    for (const key of Object.keys(this.sums) as (keyof typeof this.sums)[]) this.sums[key] = 0;
  }

  offer(u: MarketUpdate): void {
    if (++this.n % this.every !== 0) return;
    const json = JSON.stringify(u).length;
    const payload = ENVELOPE + json;
    const part = (v: unknown, key: string) => (v === undefined ? 0 : JSON.stringify(v).length + key.length + 4);
    const trades = part(u.trades, 'trades');
    const ticker = part(u.ticker, 'ticker');
    const candles = part(u.candles, 'candles');
    const book = part(u.book, 'book') + part(u.checksum, 'checksum');
    this.sampled++;
    this.trades += u.trades?.length ?? 0;
    this.sums.framing += ENVELOPE + 1 + (payload + 1 < 126 ? 2 : 4); // "4" is Engine.IO's message type
    this.sums.trades += trades;
    this.sums.ticker += ticker;
    this.sums.candles += candles;
    this.sums.book += book;
    this.sums.header += json - trades - ticker - candles - book;
    this.sums.total += payload + 1 + (payload + 1 < 126 ? 2 : 4);
  }

  result(): UpdateBreakdown {
    const avg = (v: number) => (this.sampled ? Math.round((v / this.sampled) * 10) / 10 : 0);
    return {
      sampledUpdates: this.sampled,
      tradesPerUpdate: this.sampled ? Math.round((this.trades / this.sampled) * 100) / 100 : 0,
      bytesPerMessage: {
        framing: avg(this.sums.framing),
        header: avg(this.sums.header),
        trades: avg(this.sums.trades),
        ticker: avg(this.sums.ticker),
        candles: avg(this.sums.candles),
        book: avg(this.sums.book),
        total: avg(this.sums.total),
      },
    };
  }
}
