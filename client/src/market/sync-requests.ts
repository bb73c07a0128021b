// Requests for snapshots: the subscribe on a first connect, and resyncs (gap, checksum, reconnect, timeout, manual,
// epoch). At most one is in flight per symbol; requests made in the same tick go out together; an unanswered one is
// retried with reason 'timeout' after a capped, jittered backoff (a refusal that may pass next time, too); and an
// answer from an earlier connection or another epoch is dropped, so it can never overwrite the newer state that
// connection's own snapshots brought.

import {
  backoffDelay,
  type BackoffPolicy,
  type ErrorCode,
  MAX_SYMBOLS_PER_REQUEST,
  type ResyncReason,
  type SubscribeAck,
} from '@tickline/shared';
import type { MarketSocketPort } from './market-socket.ts';
import type { MarketStore } from './store.ts';

/** What a request asks for: a plain subscribe, or a resync with its reason. */
export type SyncKind = 'subscribe' | ResyncReason;

/**
 * Refusals that had no effect and may go another way next time: the server failed, could not answer yet, or
 * this connection was over its budget (retried no sooner than the server's `retryAfterMs`).
 */
const RETRIED: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['internal', 'unavailable', 'rate_limited']);

export interface SyncRequestOptions {
  ackTimeoutMs: number;
  backoff: BackoffPolicy;
  random: () => number;
  report: (message: string) => void;
  /** A request for `symbols` was answered well on the current connection and its snapshots are applied. */
  onAnswered: (symbols: readonly string[]) => void;
}

export class SyncRequests {
  /** Moves on with every connect and disconnect; an answer or timer from another generation is ignored. */
  private generation = 0;
  private open = false;
  /** Symbols queued, in flight or waiting to retry: no second request goes out for them. */
  private readonly busy = new Set<string>();
  private readonly queued = new Map<ResyncReason, string[]>();
  /** Requests sent per symbol since its last good snapshot: the exponent of the backoff. */
  private readonly attempts = new Map<string, number>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly socket: MarketSocketPort,
    private readonly store: MarketStore,
    private readonly options: SyncRequestOptions,
  ) {}

  /** A new connection: forget everything pending and ask for every symbol. */
  begin(kind: 'subscribe' | 'reconnect'): void {
    this.reset();
    this.open = true;
    this.send(this.store.symbols, kind);
  }

  /** The connection is gone: pending answers and retries are dropped (the next connect resyncs everything). */
  end(): void {
    this.reset();
    this.open = false;
  }

  /** Asks for a fresh snapshot of `symbol`, unless one is already on its way. */
  request(symbol: string, reason: ResyncReason): void {
    if (!this.open || this.busy.has(symbol)) return;
    this.busy.add(symbol);
    const attempts = this.attempts.get(symbol) ?? 0;
    // A symbol whose last snapshot also failed waits before asking again, so a bad server is not hammered.
    if (attempts === 0) this.enqueue(symbol, reason);
    else this.later(this.delay(attempts), () => this.enqueue(symbol, reason));
  }

  private enqueue(symbol: string, reason: ResyncReason): void {
    const list = this.queued.get(reason);
    if (list) {
      list.push(symbol);
      return;
    }
    this.queued.set(reason, [symbol]);
    // Everything asked for in this tick (a burst of gaps, say) goes out as one request per reason.
    const generation = this.generation;
    queueMicrotask(() => {
      if (generation !== this.generation) return;
      const symbols = this.queued.get(reason) ?? [];
      this.queued.delete(reason);
      this.send(symbols, reason);
    });
  }

  private send(symbols: readonly string[], kind: SyncKind): void {
    for (let i = 0; i < symbols.length; i += MAX_SYMBOLS_PER_REQUEST) {
      this.sendChunk(symbols.slice(i, i + MAX_SYMBOLS_PER_REQUEST), kind);
    }
  }

  private sendChunk(symbols: string[], kind: SyncKind): void {
    const generation = this.generation;
    for (const symbol of symbols) {
      this.busy.add(symbol);
      this.attempts.set(symbol, (this.attempts.get(symbol) ?? 0) + 1);
    }
    const answer = (err: Error | null, ack: SubscribeAck): void => {
      if (generation !== this.generation) return;
      if (err) {
        this.retry(symbols, 'timeout');
      } else if (!ack.ok) {
        const what = kind === 'subscribe' ? 'subscribe' : `resync (${kind})`;
        this.options.report(`${what} ${symbols.join(', ')} refused: ${ack.error.code}: ${ack.error.message}`);
        // A server that failed or was not ready may answer next time; any other refusal would be refused again.
        if (RETRIED.has(ack.error.code)) this.retry(symbols, kind, ack.error.retryAfterMs);
        else for (const symbol of symbols) this.busy.delete(symbol);
      } else if (this.otherEpoch(ack.epoch)) {
        // Snapshots numbered in another epoch than the one the server announced last would meet updates they
        // cannot be compared with (a late answer across a feed restart, say): ask again, in the current one.
        this.retry(symbols, 'epoch');
      } else {
        // Free the symbols first: a snapshot failing its checksum asks for another through `request`.
        for (const symbol of symbols) this.busy.delete(symbol);
        for (const snapshot of ack.snapshots) {
          if (this.store.applySnapshot(snapshot) === 'applied') this.attempts.delete(snapshot.symbol);
        }
        this.options.onAnswered(symbols);
      }
    };
    const emitter = this.socket.timeout(this.options.ackTimeoutMs);
    if (kind === 'subscribe') {
      emitter.emit('subscribe', { symbols }, answer);
    } else {
      this.store.recordResync(symbols, kind);
      emitter.emit('resync', { symbols, reason: kind }, answer);
    }
  }

  /** Before the server's first `feed:status` there is no epoch to hold an answer to. */
  private otherEpoch(epoch: number): boolean {
    const known = this.store.getFeed().epoch;
    return known !== null && epoch !== known;
  }

  /** Sends the same symbols again after the backoff of the most-tried among them, and no sooner than `atLeastMs`. */
  private retry(symbols: string[], kind: SyncKind, atLeastMs = 0): void {
    const attempts = Math.max(...symbols.map((s) => this.attempts.get(s) ?? 1));
    this.later(Math.max(atLeastMs, this.delay(attempts)), () => this.send(symbols, kind));
  }

  private delay(attempts: number): number {
    return backoffDelay(attempts - 1, this.options.backoff, this.options.random);
  }

  private later(ms: number, run: () => void): void {
    const generation = this.generation;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (generation === this.generation) run();
    }, ms);
    this.timers.add(timer);
  }

  private reset(): void {
    this.generation++;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.busy.clear();
    this.queued.clear();
    this.attempts.clear();
  }
}
