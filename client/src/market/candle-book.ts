// Every interval series the page uses, and the history requests that fill them. A series exists while a view
// retains it (and a few more, least recently used first out, so switching back is instant); it is fed by the
// stream's updates in order and repaired from the server's history when trades went missing. It holds what its
// views need, not all it was ever fed: a tab stays open all day.

import {
  backoffDelay,
  type BackoffPolicy,
  type Candle,
  type CandleInterval,
  type ErrorCode,
  type HistoryAck,
  type HistoryRequest,
  type MarketUpdate,
} from '@tickline/shared';
import { IntervalSeries, type JoinResult, type StreamPosition } from './interval-series.ts';

/** Sends a history request; rejects when no answer came in time. */
export type HistorySource = (request: HistoryRequest) => Promise<HistoryAck>;

/** What the book reads of a symbol's stream: its replica's position and candles. */
export interface StreamView {
  /** The epoch of the symbol's replica (-1 before its first snapshot): cheap, read on every update. */
  epoch(symbol: string): number;
  position(symbol: string): StreamPosition;
  /** The interval of the stream's own candles (what a capped update carries). */
  streamIntervalMs(symbol: string): number;
  /** The stream's own candles (its base interval), oldest first, to draw something before history arrives. */
  streamCandles(symbol: string): { candles: readonly Candle[]; intervalMs: number };
}

/**
 * - loading: the first page for this symbol and interval is out;
 * - more: the server holds older candles (`loadOlder` fetches the next page);
 * - complete: everything the server holds is loaded, or as many as the series keeps;
 * - failed: the last request failed (`loadOlder` tries again).
 */
export type HistoryState = 'loading' | 'more' | 'complete' | 'failed';

export interface CandleBookOptions {
  /** Candles fetched per page (500). */
  pageSize?: number;
  /** Most candles one series keeps (5000). */
  capacity?: number;
  /** Series kept when no view uses them, so switching back is instant (16). */
  idleSeries?: number;
  /**
   * Candles a series keeps at least, and all an idle one keeps (240, twice the chart's default span): enough to draw
   * at once on a return, while sixteen idle series of several 500-candle pages each grew a tab's heap by ~0.1 MB per
   * market visited.
   */
  idleCandles?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
}

/** Refusals worth asking again after a pause; anything else (an unknown symbol, a bad request) is final. */
const RETRIED: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['internal', 'unavailable', 'rate_limited']);

interface Entry {
  readonly symbol: string;
  readonly series: IntervalSeries;
  /** What each view retaining the series needs (newest candles), one entry per retain. */
  readonly needs: number[];
  /** Which request for the newest candles is current; answers to older ones are dropped. */
  generation: number;
  latest: 'idle' | 'out' | 'failed';
  older: 'idle' | 'out' | 'failed';
  attempts: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const key = (symbol: string, interval: CandleInterval) => `${interval} ${symbol}`;

const NO_ENTRIES: readonly Entry[] = [];

export class CandleBook {
  private readonly entries = new Map<string, Entry>();
  /** The same series by symbol (most recently used order does not matter here). */
  private readonly bySymbol = new Map<string, Entry[]>();
  private source: HistorySource | undefined;
  private readonly pageSize: number;
  private readonly capacity: number;
  private readonly idleSeries: number;
  private readonly idleCandles: number;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;

  constructor(
    private readonly stream: StreamView,
    private readonly changed: () => void,
    options: CandleBookOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 500;
    this.capacity = options.capacity ?? 5000;
    this.idleSeries = options.idleSeries ?? 16;
    this.idleCandles = options.idleCandles ?? 240;
    this.backoff = options.backoff ?? { baseMs: 500, maxMs: 15_000 };
    this.random = options.random ?? Math.random;
  }

  /** Where history requests go (the connection); series waiting for their first page ask now. */
  attach(source: HistorySource | undefined): void {
    this.source = source;
    if (!source) return;
    for (const entry of this.entries.values()) if (!entry.series.fromHistory) this.fetchLatest(entry);
  }

  /**
   * A view uses this series and reads up to its newest `need` candles: it is created (and its history asked for) if
   * new, and keeps what its views need (`idleCandles` at least; see IntervalSeries.keep); returns the release.
   */
  retain(symbol: string, interval: CandleInterval, need = 1): () => void {
    const entry = this.entry(symbol, interval);
    entry.needs.push(need);
    this.keepNeeded(entry);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      entry.needs.splice(entry.needs.indexOf(need), 1);
      this.keepNeeded(entry);
      this.evictIdle();
    };
  }

  /** The series if some view retained it; reading never creates one. */
  peek(symbol: string, interval: CandleInterval): IntervalSeries | undefined {
    return this.entries.get(key(symbol, interval))?.series;
  }

  /**
   * The series, created (and its history asked for) if new, without telling listeners: for a view's first render,
   * so it draws what the client holds at once instead of one notification later. The view retains it after.
   */
  ensure(symbol: string, interval: CandleInterval): IntervalSeries {
    return this.entry(symbol, interval, false).series;
  }

  state(symbol: string, interval: CandleInterval): HistoryState {
    const entry = this.entries.get(key(symbol, interval));
    if (!entry) return 'loading';
    if (!entry.series.fromHistory) return entry.latest === 'failed' ? 'failed' : 'loading';
    if (entry.older === 'failed') return 'failed';
    if (entry.older === 'out') return 'loading';
    return entry.series.more && entry.series.size < this.capacity ? 'more' : 'complete';
  }

  /** Fetches the page before the oldest candle held (nothing while one is out or everything is loaded). */
  loadOlder(symbol: string, interval: CandleInterval): void {
    const entry = this.entries.get(key(symbol, interval));
    if (!entry) return;
    if (!entry.series.fromHistory) {
      // The first page failed for good: asking for older candles is asking for it again.
      if (entry.latest === 'failed' && entry.timer === undefined) {
        entry.attempts = 0;
        this.fetchLatest(entry);
      }
      return;
    }
    if (entry.older === 'out') return;
    if (!entry.series.more || entry.series.size >= this.capacity) return;
    const before = entry.series.oldestTime();
    const source = this.source;
    if (before === undefined || !source) return;
    entry.older = 'out';
    this.changed();
    const generation = entry.generation;
    source({ symbol, interval, before, limit: this.pageSize }).then(
      (ack) => {
        if (generation !== entry.generation) return;
        if (ack.ok && ack.epoch === entry.series.epoch) {
          entry.series.applyOlder(ack);
          entry.older = 'idle';
        } else {
          entry.older = 'failed';
        }
        this.changed();
      },
      () => {
        if (generation !== entry.generation) return;
        entry.older = 'failed';
        this.changed();
      },
    );
  }

  /** An update the symbol's replica applied (in stream order). */
  onUpdate(symbol: string, update: MarketUpdate): void {
    if (this.entries.size === 0) return;
    const epoch = this.stream.epoch(symbol);
    const streamMs = this.stream.streamIntervalMs(symbol);
    for (const entry of this.entriesOf(symbol)) this.settle(entry, entry.series.applyUpdate(update, epoch, streamMs));
  }

  /** The symbol's replica was replaced by a snapshot. */
  onSnapshot(symbol: string): void {
    const position = this.stream.position(symbol);
    for (const entry of this.entriesOf(symbol)) {
      if (!entry.series.fromHistory) this.showProvisional(entry);
      else this.settle(entry, entry.series.onSnapshot(position));
    }
  }

  // --- internals -----------------------------------------------------------------------------------------

  private keepNeeded(entry: Entry): void {
    entry.series.keep(Math.max(this.idleCandles, ...entry.needs));
  }

  private entry(symbol: string, interval: CandleInterval, notify = true): Entry {
    const k = key(symbol, interval);
    let entry = this.entries.get(k);
    if (entry) {
      // Most recently used last: idle series are evicted from the front.
      if (notify) {
        this.entries.delete(k);
        this.entries.set(k, entry);
      }
      return entry;
    }
    entry = {
      symbol,
      series: new IntervalSeries(interval, this.capacity),
      needs: [],
      generation: 0,
      latest: 'idle',
      older: 'idle',
      attempts: 0,
      timer: undefined,
    };
    this.keepNeeded(entry);
    this.entries.set(k, entry);
    const ofSymbol = this.bySymbol.get(symbol);
    if (ofSymbol) ofSymbol.push(entry);
    else this.bySymbol.set(symbol, [entry]);
    this.showProvisional(entry, notify);
    this.fetchLatest(entry);
    return entry;
  }

  /** A symbol's series, found without scanning all of them: the stream calls this about a thousand times a second. */
  private entriesOf(symbol: string): readonly Entry[] {
    return this.bySymbol.get(symbol) ?? NO_ENTRIES;
  }

  private showProvisional(entry: Entry, notify = true): void {
    const position = this.stream.position(entry.symbol);
    if (!position.synced) return;
    const { candles, intervalMs } = this.stream.streamCandles(entry.symbol);
    entry.series.showProvisional(candles, intervalMs, position);
    if (notify) this.changed();
  }

  private settle(entry: Entry, result: JoinResult): void {
    this.changed();
    if (result === 'refetch' && entry.latest !== 'out') this.fetchLatest(entry);
  }

  private fetchLatest(entry: Entry): void {
    const source = this.source;
    if (!source) return;
    clearTimeout(entry.timer);
    entry.timer = undefined;
    const generation = ++entry.generation;
    entry.latest = 'out';
    entry.attempts++;
    // The first page fills the chart; a repair reaches back to the first candle that may be wrong.
    const limit = entry.series.fromHistory ? entry.series.repairLimit(this.pageSize) : this.pageSize;
    source({ symbol: entry.symbol, interval: entry.series.interval, limit }).then(
      (ack) => {
        if (generation !== entry.generation) return;
        if (!ack.ok) return this.failed(entry, RETRIED.has(ack.error.code), ack.error.retryAfterMs);
        const result = entry.series.applyLatest(ack, this.stream.position(entry.symbol));
        entry.latest = 'idle';
        this.changed();
        if (result === 'refetch') this.retry(entry, 0);
        else entry.attempts = 0;
      },
      () => {
        if (generation === entry.generation) this.failed(entry, true, 0);
      },
    );
  }

  private failed(entry: Entry, retry: boolean, retryAfterMs = 0): void {
    entry.latest = 'failed';
    this.changed();
    if (retry) this.retry(entry, retryAfterMs);
  }

  // A series that cannot be shown exactly keeps asking, ever more slowly (capped): a chart must not stay wrong. A
  // fresh page is always at or past the client's stream, so one answer settles it.
  private retry(entry: Entry, atLeastMs: number): void {
    const delay = Math.max(atLeastMs, backoffDelay(entry.attempts - 1, this.backoff, this.random));
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.entries.get(key(entry.symbol, entry.series.interval)) === entry) this.fetchLatest(entry);
    }, delay);
  }

  private evictIdle(): void {
    let idle = 0;
    for (const entry of this.entries.values()) if (entry.needs.length === 0) idle++;
    for (const [k, entry] of this.entries) {
      if (idle <= this.idleSeries) return;
      if (entry.needs.length > 0) continue;
      clearTimeout(entry.timer);
      entry.generation++;
      this.entries.delete(k);
      // A new array: an update being folded may be walking the old one.
      const rest = (this.bySymbol.get(entry.symbol) ?? []).filter((e) => e !== entry);
      if (rest.length > 0) this.bySymbol.set(entry.symbol, rest);
      else this.bySymbol.delete(entry.symbol);
      idle--;
    }
  }
}
