// One symbol's candles at one interval as the chart holds them: pages of the server's history joined with the
// trades of the stream. The series always knows the stream position (epoch, seq) its newest candle reflects, so a
// page that arrives while updates flow is joined exactly: the trades after the page's `seq` are folded in once, and
// none before it twice.

import {
  aggregateCandles,
  type Candle,
  type CandleInterval,
  foldTrade,
  INTERVAL_MS,
  MAX_TRADES_PER_UPDATE,
  type MarketUpdate,
  type Trade,
} from '@tickline/shared';

/** A page of the server's history, as the ack carries it. */
export interface HistoryPage {
  epoch: number;
  seq: number;
  candles: readonly Candle[];
  more: boolean;
}

/** Where the client's own stream is for the symbol: its replica's position and its recent trades (oldest first). */
export interface StreamPosition {
  epoch: number;
  seq: number;
  synced: boolean;
  trades: readonly Trade[];
}

/**
 * - exact: the series is exactly the server's candles as of the stream position it records;
 * - refetch: some trades are unaccounted for (a gap, a capped update, a page whose later trades the client no longer
 *   holds): the newest candles must be fetched again.
 */
export type JoinResult = 'exact' | 'refetch';

const NO_CANDLES: readonly Candle[] = [];

/** The update a trade travelled in (trade ids are `seq * MAX_TRADES_PER_UPDATE + index`). */
export function tradeSeq(trade: Trade): number {
  return Math.floor(trade[0] / MAX_TRADES_PER_UPDATE);
}

export class IntervalSeries {
  readonly intervalMs: number;
  private candles: Candle[] = [];
  private closedView: readonly Candle[] | undefined;
  /** The stream position the newest candle reflects; -1 while the series holds nothing from the stream. */
  epoch = -1;
  seq = -1;
  /** Whether the server holds candles older than the oldest here (true until a page says otherwise). */
  more = true;
  /** False until the first page of history arrived: what is shown until then is built from finer candles. */
  fromHistory = false;
  /**
   * Set when trades went missing: the start of the newest candle at that moment, from which on the candles may be
   * wrong (-Infinity: all of them, a new epoch). The repair must reach back to it.
   */
  private dirtyFrom: number | undefined;
  /** How many of the newest candles the views on this series need (see `keep`). */
  private need: number;
  /** Whether the reader paged back (older pages loaded) since `need` last dropped: then all loaded is kept. */
  private pagedBack = false;

  constructor(
    readonly interval: CandleInterval,
    /** The most candles ever kept, however far the reader pages back. */
    readonly capacity: number,
  ) {
    this.intervalMs = INTERVAL_MS[interval];
    this.need = capacity;
  }

  get size(): number {
    return this.candles.length;
  }

  /** Every candle but the newest, oldest first: the same array until one closes or a page arrives. */
  closed(): readonly Candle[] {
    this.closedView ??= this.candles.length > 1 ? this.candles.slice(0, -1) : NO_CANDLES;
    return this.closedView;
  }

  /** The newest candle, which may still be open. */
  live(): Candle | undefined {
    return this.candles[this.candles.length - 1];
  }

  oldestTime(): number | undefined {
    return this.candles[0]?.[0];
  }

  /**
   * Shows `finer` candles (the stream's own, say) aggregated to this interval until history arrives, so switching
   * interval draws at once. Only when this interval is a whole multiple of theirs.
   */
  showProvisional(finer: readonly Candle[], finerMs: number, at: StreamPosition): void {
    if (this.fromHistory || finerMs > this.intervalMs || this.intervalMs % finerMs !== 0) return;
    const candles = finerMs === this.intervalMs ? [...finer] : aggregateCandles(finer, this.intervalMs);
    this.replaceAll(candles.slice(-this.bound()));
    this.epoch = at.epoch;
    this.seq = at.seq;
  }

  /**
   * The newest page (the first one, or a refetch of the newest candles): it replaces every candle from its first
   * one on, then the stream's trades after the page's `seq` are folded in.
   */
  applyLatest(page: HistoryPage, stream: StreamPosition): JoinResult {
    const first = page.candles[0];
    const sameEpoch = this.fromHistory && this.epoch === page.epoch;
    // The page repairs what went wrong if it reaches back to it, or if the server has nothing older.
    const repaired = !sameEpoch || this.dirtyFrom === undefined || !first || first[0] <= this.dirtyFrom || !page.more;
    const kept = sameEpoch && first ? this.candles.filter((c) => c[0] < first[0]) : [];
    if (!this.fromHistory || kept.length === 0) this.more = page.more;
    this.replaceAll(kept.concat(page.candles));
    this.trimToBound();
    this.fromHistory = true;
    this.epoch = page.epoch;
    this.seq = page.seq;
    if (repaired) this.dirtyFrom = undefined;
    const joined = this.catchUp(stream);
    return repaired ? joined : 'refetch';
  }

  /**
   * How many of the newest candles a repair must fetch (at most `max`): from the first that may be wrong to the
   * live one, plus one either side. Damage older than `max` candles is given up on (the page reaches as far back as
   * one page does).
   */
  repairLimit(max: number): number {
    const dirty = this.dirtyFrom;
    const live = this.live()?.[0];
    if (dirty === undefined) return Math.min(max, 3);
    if (live === undefined || dirty === Number.NEGATIVE_INFINITY) return max;
    const span = Math.floor((live - dirty) / this.intervalMs) + 2;
    if (span <= max) return Math.max(3, span);
    this.dirtyFrom = live - (max - 2) * this.intervalMs;
    return max;
  }

  /**
   * Holds the newest `need` candles from now on: live candles push the oldest out past it, and it trims at once. A
   * tab open all day otherwise grew every series a view kept by a candle per interval, to `capacity`. Once the
   * reader pages back, everything loaded is kept (up to `capacity`) until `need` drops, i.e. until the view that
   * wanted the most candles lets go. The server still has what is trimmed: `more`, so panning left fetches it again.
   */
  keep(need: number): void {
    if (need < this.need) this.pagedBack = false;
    this.need = Math.max(1, need);
    this.trimToBound();
  }

  /** A page of older candles, from before the oldest held; nothing past the capacity is kept. */
  applyOlder(page: HistoryPage): void {
    const oldest = this.oldestTime();
    const older = oldest === undefined ? page.candles : page.candles.filter((c) => c[0] < oldest);
    const room = this.capacity - this.candles.length;
    const taken = room >= older.length ? older : older.slice(older.length - Math.max(0, room));
    this.more = page.more && taken.length === older.length;
    if (taken.length === 0) return;
    this.replaceAll(taken.concat(this.candles));
    this.pagedBack = true;
  }

  /**
   * After the client's replica was replaced by a snapshot (a connect, a resync): catches up from its trades, or asks
   * for the newest candles again when they do not reach back to this series' position.
   */
  onSnapshot(stream: StreamPosition): JoinResult {
    if (stream.epoch !== this.epoch) {
      this.dirtyFrom = Number.NEGATIVE_INFINITY;
      return 'refetch';
    }
    return this.catchUp(stream);
  }

  /**
   * An update the client's replica applied, in stream order; `streamIntervalMs` is the interval of the candles an
   * update may carry.
   */
  applyUpdate(update: MarketUpdate, epoch: number, streamIntervalMs: number): JoinResult {
    if (epoch !== this.epoch || this.seq < 0) return 'exact';
    if (update.seq <= this.seq) return 'exact';
    const missed = update.seq !== this.seq + 1;
    this.seq = update.seq;
    // A capped update left trades out and carries the stream's candles instead: exact at the stream's own interval,
    // not derivable at any other.
    const exactCandles = update.candles !== undefined && streamIntervalMs === this.intervalMs;
    if (missed || (update.candles && !exactCandles)) this.markDirty();
    if (exactCandles) for (const c of update.candles ?? []) this.upsert(c);
    else if (update.trades) this.foldTrades(update.trades);
    return this.dirtyFrom === undefined ? 'exact' : 'refetch';
  }

  private upsert(candle: Candle): void {
    const last = this.live();
    if (last && last[0] === candle[0]) {
      this.candles[this.candles.length - 1] = candle;
    } else if (!last || candle[0] > last[0]) {
      this.candles.push(candle);
      this.closedView = undefined;
      this.trimToBound();
    }
  }

  // The page reflects `seq`; the stream may be past it (fold the trades in between) or behind it (skip updates up
  // to it, which `applyUpdate` does by comparing seqs).
  private catchUp(stream: StreamPosition): JoinResult {
    if (!stream.synced || stream.epoch !== this.epoch || stream.seq <= this.seq) {
      return this.dirtyFrom === undefined ? 'exact' : 'refetch';
    }
    const from = this.seq;
    const trades = stream.trades;
    const oldest = trades[0];
    // The replica's trades are its newest, contiguous: they hold every trade after `from` only if they reach back
    // to it. If they do not, some may have been dropped.
    const complete = oldest !== undefined && tradeSeq(oldest) <= from;
    if (!complete) this.markDirty();
    this.foldTrades(trades.filter((t) => tradeSeq(t) > from));
    this.seq = stream.seq;
    return this.dirtyFrom === undefined ? 'exact' : 'refetch';
  }

  // Trades after this series' position went missing: they belong to the newest candle or later ones.
  private markDirty(): void {
    const newest = this.live()?.[0] ?? Number.NEGATIVE_INFINITY;
    this.dirtyFrom = Math.min(this.dirtyFrom ?? Number.POSITIVE_INFINITY, newest);
  }

  private foldTrades(trades: readonly Trade[]): void {
    for (const [, price, size, , time] of trades) {
      const last = this.live();
      const changed = foldTrade(last, time, price, size, this.intervalMs, this.bound() - 1);
      const head = changed[0];
      if (last && head && head[0] === last[0]) {
        this.candles[this.candles.length - 1] = head;
        changed.shift();
      }
      if (changed.length === 0) continue;
      for (const c of changed) this.candles.push(c);
      this.closedView = undefined;
      this.trimToBound();
    }
  }

  /** The most candles held now: what the views need, or all the reader paged back to, within `capacity`. */
  private bound(): number {
    return this.pagedBack ? this.capacity : Math.min(this.capacity, this.need);
  }

  private trimToBound(): void {
    const over = this.candles.length - this.bound();
    if (over <= 0) return;
    // In place: the closed view is a copy, so nothing a view holds changes under it.
    this.candles.splice(0, over);
    this.closedView = undefined;
    this.more = true;
  }

  private replaceAll(candles: Candle[]): void {
    this.candles = candles;
    this.closedView = undefined;
  }
}
