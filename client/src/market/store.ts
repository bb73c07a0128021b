// The dashboard's market state, kept outside React: one replica per symbol, the connection status, the selection.
//
// The socket writes here as fast as messages arrive; React hears about it at most once per frame, because
// listeners are notified from the injected frame scheduler however many changes happened in between.

import {
  makeInstrument,
  SymbolReplica,
  type ApplyResult,
  type Instrument,
  type MarketUpdate,
  type SymbolSnapshot,
  type SymbolSpec,
  type Ticks,
} from '@tickline/shared';
import { nextAnimationFrame, type FrameScheduler } from './frame-scheduler.ts';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** The direction of a symbol's last price change; `seq` counts changes so a flash can be keyed to re-trigger. */
export interface PriceMove {
  readonly direction: 'up' | 'down' | null;
  readonly seq: number;
}

/** Per-symbol change counters, one per part, so a view derived from the book is not rebuilt by a trade. */
export interface SymbolVersions {
  readonly book: number;
  readonly trades: number;
  readonly candles: number;
  readonly ticker: number;
}

export interface MarketStoreOptions {
  schedule?: FrameScheduler;
  /** Trades kept per symbol (the tape shows fewer). */
  tradeCapacity?: number;
  /** Candles kept per symbol (the chart shows fewer). */
  candleCapacity?: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface SymbolState {
  readonly instrument: Instrument;
  readonly replica: SymbolReplica;
  readonly versions: Mutable<SymbolVersions>;
  move: PriceMove;
  resyncing: boolean;
}

const NO_MOVE: PriceMove = { direction: null, seq: 0 };

export class MarketStore {
  readonly specs: readonly SymbolSpec[];
  readonly symbols: readonly string[];
  private readonly states = new Map<string, SymbolState>();
  private readonly listeners = new Set<() => void>();
  private readonly resyncHandlers = new Set<(symbol: string) => void>();
  private readonly schedule: FrameScheduler;
  private notifyScheduled = false;
  private version = 0;
  private status: ConnectionStatus = 'connecting';
  private selected: string;
  private updates = 0;
  private lastTime = 0;

  constructor(specs: readonly SymbolSpec[], options: MarketStoreOptions = {}) {
    const first = specs[0];
    if (!first) throw new RangeError('a market store needs at least one symbol');
    this.specs = specs;
    this.symbols = specs.map((s) => s.symbol);
    this.selected = first.symbol;
    this.schedule = options.schedule ?? nextAnimationFrame;
    const replicaOptions = { tradeCapacity: options.tradeCapacity ?? 100, candleCapacity: options.candleCapacity ?? 300 };
    for (const spec of specs) {
      this.states.set(spec.symbol, {
        instrument: makeInstrument(spec),
        replica: new SymbolReplica(spec.symbol, replicaOptions),
        versions: { book: 0, trades: 0, candles: 0, ticker: 0 },
        move: NO_MOVE,
        resyncing: false,
      });
    }
  }

  // --- reading -------------------------------------------------------------------------------------------

  /** Registers a listener called (from the frame scheduler) after changes; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Grows on every change; equal versions mean equal state. */
  getVersion = (): number => this.version;

  getStatus = (): ConnectionStatus => this.status;
  getSelected = (): string => this.selected;
  /** Market updates received since start, applied or not (the status bar turns it into a rate). */
  getUpdateCount = (): number => this.updates;
  /** Server time of the newest snapshot or update received; 0 before the first. */
  getLastUpdateTime = (): number => this.lastTime;

  has(symbol: string): boolean {
    return this.states.has(symbol);
  }

  instrument(symbol: string): Instrument {
    return this.state(symbol).instrument;
  }

  replica(symbol: string): SymbolReplica {
    return this.state(symbol).replica;
  }

  versions(symbol: string): SymbolVersions {
    return this.state(symbol).versions;
  }

  priceMove(symbol: string): PriceMove {
    return this.state(symbol).move;
  }

  /** True between a sequence gap and the snapshot that repairs it. */
  isResyncing(symbol: string): boolean {
    return this.state(symbol).resyncing;
  }

  /** Called with a symbol whose stream has a gap and needs a fresh snapshot; returns the unregister. */
  onResync(handler: (symbol: string) => void): () => void {
    this.resyncHandlers.add(handler);
    return () => {
      this.resyncHandlers.delete(handler);
    };
  }

  // --- writing -------------------------------------------------------------------------------------------

  /** Replaces a symbol's state; snapshots of symbols this store does not know are ignored. */
  applySnapshot(snapshot: SymbolSnapshot): void {
    const state = this.states.get(snapshot.symbol);
    if (!state) return;
    const before = state.replica.ticker.last;
    state.replica.applySnapshot(snapshot);
    state.resyncing = false;
    const v = state.versions;
    v.book++;
    v.trades++;
    v.candles++;
    v.ticker++;
    this.trackMove(state, before, snapshot.ticker.last);
    this.lastTime = Math.max(this.lastTime, snapshot.time);
    this.changed();
  }

  applyUpdate(update: MarketUpdate): ApplyResult {
    this.updates++;
    const state = this.states.get(update.symbol);
    if (!state) return 'unsynced';
    const before = state.replica.ticker.last;
    const result = state.replica.applyUpdate(update);
    if (result === 'applied') {
      const v = state.versions;
      if (update.book) v.book++;
      if (update.trades) v.trades++;
      if (update.candles) v.candles++;
      if (update.ticker) {
        v.ticker++;
        this.trackMove(state, before, update.ticker.last);
      }
      this.lastTime = Math.max(this.lastTime, update.time);
      this.changed();
    } else if (result === 'gap') {
      // The replica stops at the gap and ignores updates until a snapshot; one request per gap is enough.
      state.resyncing = true;
      this.changed();
      for (const handler of this.resyncHandlers) handler(update.symbol);
    }
    return result;
  }

  setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.changed();
  }

  select = (symbol: string): void => {
    this.state(symbol);
    if (symbol === this.selected) return;
    this.selected = symbol;
    this.changed();
  };

  // --- internals -----------------------------------------------------------------------------------------

  private state(symbol: string): SymbolState {
    const state = this.states.get(symbol);
    if (!state) throw new RangeError(`unknown symbol ${symbol}`);
    return state;
  }

  private trackMove(state: SymbolState, before: Ticks | null, after: Ticks | null): void {
    if (before === null || after === null || before === after) return;
    state.move = { direction: after > before ? 'up' : 'down', seq: state.move.seq + 1 };
  }

  private changed(): void {
    this.version++;
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    this.schedule(this.notify);
  }

  private readonly notify = (): void => {
    this.notifyScheduled = false;
    for (const listener of Array.from(this.listeners)) listener();
  };
}
