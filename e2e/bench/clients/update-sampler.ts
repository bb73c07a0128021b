// Where Tickline's bytes go: one `md` batch in `every` is re-encoded part by part, to break the bytes per update
// down into the message envelope (shared by the batch's updates), each update's ids, and its trades and extras.

import type { WireBatch, WireExtras, WireUpdate } from '@tickline/shared';

type Part = 'envelope' | 'ids' | 'trades' | 'book' | 'ticker' | 'candles' | 'status' | 'total';

export interface UpdateBreakdown {
  sampledMessages: number;
  updatesPerMessage: number;
  tradesPerUpdate: number;
  /** Book level changes per update (book traffic), each a price delta and a size in `b` or `a`. */
  levelChangesPerUpdate: number;
  /**
   * Average bytes per update, by part. `envelope` is the message's WebSocket header, Engine.IO/Socket.IO prefix,
   * event name and batch time, divided among its updates; `ids` is each update's stream id, seq and brackets.
   */
  bytesPerUpdate: Record<Part, number>;
}

/** The message is `42["md",` + the batch's JSON + `]`: Engine.IO's message type, Socket.IO's event type, the name. */
const ENVELOPE = '42["md",]'.length;

export class UpdateSampler {
  private n = 0;
  private messages = 0;
  private updates = 0;
  private trades = 0;
  private levels = 0;
  private readonly sums: Record<Part, number> = {
    envelope: 0,
    ids: 0,
    trades: 0,
    book: 0,
    ticker: 0,
    candles: 0,
    status: 0,
    total: 0,
  };

  constructor(private readonly every = 97) {}

  reset(): void {
    this.n = 0;
    this.messages = 0;
    this.updates = 0;
    this.trades = 0;
    this.levels = 0;
    for (const key of Object.keys(this.sums) as Part[]) this.sums[key] = 0;
  }

  offer(batch: WireBatch): void {
    if (++this.n % this.every !== 0 || batch.length < 2) return;
    const payload = ENVELOPE + JSON.stringify(batch).length;
    const frame = payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);
    let body = 0;
    for (let i = 1; i < batch.length; i++) {
      const u = batch[i] as WireUpdate;
      const json = JSON.stringify(u).length;
      body += json + 1; // its comma
      const extras = typeof u[2] === 'object' ? (u[2] as WireExtras) : undefined;
      const field = (v: unknown, key: string) => (v === undefined ? 0 : JSON.stringify(v).length + key.length + 4);
      const book = extras ? field(extras.b, 'b') + field(extras.a, 'a') + field(extras.c, 'c') : 0;
      const ticker = extras ? field(extras.t, 't') : 0;
      const candles = extras ? field(extras.k, 'k') : 0;
      const status = extras ? field(extras.s, 's') : 0;
      const tradeNumbers = u.length - (extras ? 3 : 2);
      const trades = tradeNumbers > 0 ? JSON.stringify(u.slice(u.length - tradeNumbers)).length - 1 : 0;
      this.sums.book += book;
      this.sums.ticker += ticker;
      this.sums.candles += candles;
      this.sums.status += status;
      this.sums.trades += trades;
      this.sums.ids += json + 1 - book - ticker - candles - status - trades;
      this.trades += tradeNumbers / 3;
      this.levels += ((extras?.b?.length ?? 0) + (extras?.a?.length ?? 0)) / 2;
    }
    this.messages++;
    this.updates += batch.length - 1;
    this.sums.envelope += frame - body;
    this.sums.total += frame;
  }

  result(): UpdateBreakdown {
    const per = (v: number) => (this.updates ? Math.round((v / this.updates) * 10) / 10 : 0);
    return {
      sampledMessages: this.messages,
      updatesPerMessage: this.messages ? Math.round((this.updates / this.messages) * 100) / 100 : 0,
      tradesPerUpdate: this.updates ? Math.round((this.trades / this.updates) * 100) / 100 : 0,
      levelChangesPerUpdate: this.updates ? Math.round((this.levels / this.updates) * 100) / 100 : 0,
      bytesPerUpdate: Object.fromEntries(Object.entries(this.sums).map(([k, v]) => [k, per(v)])) as Record<
        Part,
        number
      >,
    };
  }
}
