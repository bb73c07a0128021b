// The market stream's wire format. Each client gets one `md` message per flush carrying every update of that
// flush for the symbols it follows, as compact arrays: a number per symbol instead of its name, trades as flat runs
// of small deltas, and nothing a client can work out for itself (trade ids, the ticker and candles that its trades
// and book imply). At one trade per symbol per flush that is under 30 bytes an update, where a JSON object per
// trade is about 72. docs/PROTOCOL.md describes the same for people writing clients.
//
// Encoding and decoding are pure and stateless: a decoded update holds everything `MarketUpdate` says, and the
// replica does the deriving (see symbol-replica.ts).

import type { Candle } from '../market/candles.ts';
import type { Lots, Ticks } from '../market/instrument.ts';
import { ASK, BID, type LevelUpdate } from '../market/order-book.ts';
import { BUY, SELL, tradeId, type Trade } from '../market/trade.ts';
import type { TickerPatch } from '../market/ticker.ts';
import type { ChartMark, MarketUpdate, SymbolStatus } from './payloads.ts';

/** The parts of an update that are not trades, under short keys; present only when the update has them. */
export interface WireExtras {
  /** Changed bid levels, flat: price, size, price, size... Each price after the first is a delta from the previous. */
  b?: number[];
  /** Changed ask levels, the same way. */
  a?: number[];
  /** The book checksum after the change (with `b` or `a`). */
  c?: number;
  /** The symbol's new status. */
  s?: SymbolStatus;
  /** Ticker fields that differ from what the trades and the book imply. */
  t?: TickerPatch;
  /** Candles, sent only when this update's trades do not account for them (trades were left out). */
  k?: Candle[];
  /** Chart marks of this update (`{ time, label }`, oldest first). */
  m?: ChartMark[];
}

/**
 * One symbol's update: `[sid, seq, extras?, ...trades]`. Trades are flat triples `dt, dp, q`: time in ms after the
 * previous trade (the first: after the batch time), price in ticks from the previous trade (the first: absolute),
 * and size in lots, negative when the aggressor sold.
 */
export type WireUpdate = [sid: number, seq: number, ...rest: (number | WireExtras)[]];

/** The `md` payload: the flush's server time (ms since epoch), then the updates. */
export type WireBatch = [time: number, ...updates: WireUpdate[]];

/** Encodes one update; `time` must be its batch's time (the flush's, which every update of a flush shares). */
export function encodeUpdate(update: MarketUpdate, sid: number): WireUpdate {
  const wire: WireUpdate = [sid, update.seq];
  const extras = encodeExtras(update);
  if (extras) wire.push(extras);
  const trades = update.trades;
  if (trades) {
    let time = update.time;
    let price = 0;
    for (const [, p, size, aggressor, t] of trades) {
      wire.push(t - time, p - price, aggressor === SELL ? -size : size);
      time = t;
      price = p;
    }
  }
  return wire;
}

function encodeExtras(u: MarketUpdate): WireExtras | undefined {
  if (!u.book && u.status === undefined && !u.ticker && !u.candles && !u.marks) return undefined;
  const extras: WireExtras = {};
  if (u.book) {
    const bids: number[] = [];
    const asks: number[] = [];
    const last = [0, 0];
    for (const [side, price, size] of u.book) {
      const out = side === BID ? bids : asks;
      out.push(price - last[side]!, size);
      last[side] = price;
    }
    if (bids.length > 0) extras.b = bids;
    if (asks.length > 0) extras.a = asks;
    extras.c = u.checksum ?? 0;
  }
  if (u.status !== undefined) extras.s = u.status;
  if (u.ticker) extras.t = u.ticker;
  if (u.candles) extras.k = u.candles;
  if (u.marks) extras.m = u.marks;
  return extras;
}

/** A batch for `updates`, all from one flush at `time`. */
export function encodeBatch(time: number, updates: readonly WireUpdate[]): WireBatch {
  return [time, ...updates];
}

/**
 * Decodes a batch. `symbolOf` maps a stream id to its symbol (snapshots carry both); updates for ids it does not
 * know are left out, as are malformed ones (counted in `skipped`).
 */
export function decodeBatch(
  batch: unknown,
  symbolOf: (sid: number) => string | undefined,
): { updates: MarketUpdate[]; skipped: number } {
  const updates: MarketUpdate[] = [];
  let skipped = 0;
  if (!Array.isArray(batch) || typeof batch[0] !== 'number') return { updates, skipped: 1 };
  const time = batch[0];
  for (let i = 1; i < batch.length; i++) {
    const wire: unknown = batch[i];
    const symbol = Array.isArray(wire) && typeof wire[0] === 'number' ? symbolOf(wire[0]) : undefined;
    const update = symbol === undefined ? undefined : decodeUpdate(wire as unknown[], symbol, time);
    if (update) updates.push(update);
    else skipped++;
  }
  return { updates, skipped };
}

/**
 * Decodes one update of a batch whose time is `time`, for `symbol` (its stream id already looked up); undefined
 * when it is malformed. A cluster edge decodes what its bus carries with this before it forwards it.
 */
export function decodeUpdate(wire: readonly unknown[], symbol: string, time: number): MarketUpdate | undefined {
  const seq = wire[1];
  if (typeof seq !== 'number') return undefined;
  const update: MarketUpdate = { symbol, seq, time };
  let i = 2;
  const extras = wire[2];
  if (typeof extras === 'object' && extras !== null) {
    if (!decodeExtras(extras as WireExtras, update)) return undefined;
    i = 3;
  }
  if ((wire.length - i) % 3 !== 0) return undefined;
  if (i < wire.length) {
    const trades: Trade[] = [];
    let t = time;
    let price = 0;
    for (let n = 0; i < wire.length; i += 3, n++) {
      const dt = wire[i];
      const dp = wire[i + 1];
      const q = wire[i + 2];
      if (typeof dt !== 'number' || typeof dp !== 'number' || typeof q !== 'number' || q === 0) return undefined;
      t += dt;
      price += dp;
      trades.push([tradeId(seq, n), price as Ticks, Math.abs(q) as Lots, q < 0 ? SELL : BUY, t]);
    }
    update.trades = trades;
  }
  return update;
}

function decodeExtras(extras: WireExtras, update: MarketUpdate): boolean {
  if (extras.b || extras.a) {
    const book: LevelUpdate[] = [];
    if (!decodeLevels(extras.b, BID, book) || !decodeLevels(extras.a, ASK, book)) return false;
    if (typeof extras.c !== 'number') return false;
    update.book = book;
    update.checksum = extras.c;
  }
  if (extras.s !== undefined) update.status = extras.s;
  if (extras.t) update.ticker = extras.t;
  if (extras.k) update.candles = extras.k;
  if (extras.m !== undefined) {
    if (!Array.isArray(extras.m) || !extras.m.every(isChartMark)) return false;
    update.marks = extras.m;
  }
  return true;
}

function isChartMark(value: unknown): value is ChartMark {
  const mark = value as Partial<ChartMark> | null;
  return typeof mark === 'object' && mark !== null && typeof mark.time === 'number' && typeof mark.label === 'string';
}

function decodeLevels(flat: unknown, side: typeof BID | typeof ASK, out: LevelUpdate[]): boolean {
  if (flat === undefined) return true;
  if (!Array.isArray(flat) || flat.length % 2 !== 0) return false;
  let price = 0;
  for (let i = 0; i < flat.length; i += 2) {
    const dp: unknown = flat[i];
    const size: unknown = flat[i + 1];
    if (typeof dp !== 'number' || typeof size !== 'number') return false;
    price += dp;
    out.push([side, price as Ticks, size as Lots]);
  }
  return true;
}

/**
 * Calls `visit` with each trade's time in a wire update, without building objects: for clients that only count
 * trades (the benchmark's load generator).
 */
export function forEachTradeTime(batchTime: number, wire: readonly unknown[], visit: (time: number) => void): void {
  let i = typeof wire[2] === 'object' ? 3 : 2;
  let t = batchTime;
  for (; i < wire.length; i += 3) {
    t += wire[i] as number;
    visit(t);
  }
}

/**
 * A client's side of the stream ids: it learns each symbol's id from that symbol's snapshots and decodes batches
 * with them. Updates for a symbol it has no snapshot of are left out (counted in `skipped`).
 */
export class StreamDecoder {
  private readonly symbols = new Map<number, string>();
  /** Updates left out so far: unknown stream ids or malformed updates. */
  skipped = 0;

  learn(snapshot: { readonly sid: number; readonly symbol: string }): void {
    this.symbols.set(snapshot.sid, snapshot.symbol);
  }

  /**
   * Forgets every stream id: for when the ids may have been given out anew (a reconnect, a new epoch), so that no
   * update is decoded under the name an id had before; each symbol's next snapshot teaches its id again.
   */
  forget(): void {
    this.symbols.clear();
  }

  decode(batch: unknown): MarketUpdate[] {
    const { updates, skipped } = decodeBatch(batch, (sid) => this.symbols.get(sid));
    this.skipped += skipped;
    return updates;
  }
}
