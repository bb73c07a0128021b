// An in-memory stand-in for the Socket.IO client socket: tests play the server by calling its driver methods.
// Like the real one, a request's ack fails with an Error after its timeout, and a disconnect fails every ack still
// pending (unless a test turns that off to deliver an answer late, across a reconnect).

import {
  encodeUpdate,
  type FeedState,
  type MarketUpdate,
  type PingAck,
  type PingRequest,
  type ResyncAck,
  type ResyncReason,
  type ShutdownNotice,
  type SubscribeAck,
  type WireBatch,
} from '@tickline/shared';
import { sidOf } from './fixtures.ts';
import type { MarketSocketPort, TimedAck, TimedEmitter } from '../market/market-socket.ts';

/** A request the client sent; `ack` answers it as the server would (no effect once answered or timed out). */
export interface SentRequest<A> {
  readonly ack: (response: A) => void;
  readonly answered: boolean;
}

export interface SentSubscribe extends SentRequest<SubscribeAck> {
  symbols: string[];
}

export interface SentResync extends SentRequest<ResyncAck> {
  symbols: string[];
  reason: ResyncReason;
}

export interface SentPing extends SentRequest<PingAck> {
  clientTime: number;
}

interface Listeners {
  connect: (() => void)[];
  disconnect: ((reason: string) => void)[];
  connect_error: ((error: Error) => void)[];
  md: ((batch: WireBatch) => void)[];
  'feed:status': ((state: FeedState) => void)[];
  'server:shutdown': ((notice: ShutdownNotice) => void)[];
}

export class FakeSocket implements MarketSocketPort {
  connected = false;
  active = true;
  readonly io = { engine: { transport: { name: 'websocket' } } };
  /** Every request the client sent, oldest first; answer one with its `ack`. */
  readonly subscribes: SentSubscribe[] = [];
  readonly resyncs: SentResync[] = [];
  readonly pings: SentPing[] = [];
  /** Real Socket.IO fails pending acks on disconnect; false lets a test deliver one after a reconnect. */
  failAcksOnDisconnect = true;
  /** Pings are answered at once (server clock = client clock) unless a test wants to answer them itself. */
  autoAnswerPings = true;
  /** Times the client asked to connect again (`connect()`); a test then accepts or refuses the connection. */
  connectCalls = 0;
  private readonly pending = new Set<(err: Error) => void>();
  private readonly listeners: Listeners = {
    connect: [],
    disconnect: [],
    connect_error: [],
    md: [],
    'feed:status': [],
    'server:shutdown': [],
  };

  on(event: 'connect', listener: () => void): this;
  on(event: 'disconnect', listener: (reason: string) => void): this;
  on(event: 'connect_error', listener: (error: Error) => void): this;
  on(event: 'md', listener: (batch: WireBatch) => void): this;
  on(event: 'feed:status', listener: (state: FeedState) => void): this;
  on(event: 'server:shutdown', listener: (notice: ShutdownNotice) => void): this;
  on(event: keyof Listeners, listener: (arg: never) => void): this {
    (this.listeners[event] as ((arg: never) => void)[]).push(listener);
    return this;
  }

  timeout(ms: number): TimedEmitter {
    const record = <A, R extends object>(list: (R & SentRequest<A>)[], fields: R, callback: TimedAck<A>) => {
      let answered = false;
      const finish = (err: Error | null, response?: A) => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        this.pending.delete(fail);
        callback(err, response as A);
      };
      const fail = (err: Error) => finish(err);
      const timer = setTimeout(() => fail(new Error('operation has timed out')), ms);
      this.pending.add(fail);
      list.push({
        ...fields,
        ack: (response: A) => finish(null, response),
        get answered() {
          return answered;
        },
      });
    };
    const emitter = {
      emit: (event: string, request: never, ack: TimedAck<never>) => {
        if (event === 'subscribe') {
          record(this.subscribes, { symbols: (request as { symbols: string[] }).symbols }, ack);
        } else if (event === 'resync') {
          const { symbols, reason } = request as { symbols: string[]; reason: ResyncReason };
          record(this.resyncs, { symbols, reason }, ack);
        } else if (event === 'ping') {
          const { clientTime } = request as PingRequest;
          record(this.pings, { clientTime }, ack);
          if (this.autoAnswerPings) this.lastPing().ack({ ok: true, clientTime, serverTime: clientTime });
        }
        return emitter;
      },
    };
    return emitter as TimedEmitter;
  }

  disconnect(): this {
    const wasConnected = this.connected;
    this.connected = false;
    this.active = false;
    if (wasConnected) this.closed('io client disconnect');
    return this;
  }

  /** Like the real one: the socket becomes active again and tries to connect; it is connected once accepted. */
  connect(): this {
    this.connectCalls++;
    this.active = true;
    return this;
  }

  // --- the server's side ---

  acceptConnection(): void {
    this.connected = true;
    this.active = true;
    for (const l of this.listeners.connect) l();
  }

  /** The transport dropped; a real socket would now try to reconnect. */
  dropConnection(): void {
    this.connected = false;
    this.closed('transport close');
  }

  /**
   * The server disconnects us (after `server:shutdown` when it is shutting down); a real socket then stays
   * disconnected until told to connect.
   */
  sendAway({ notice = true } = {}): void {
    if (notice) this.sendShutdownNotice();
    this.connected = false;
    this.active = false;
    this.closed('io server disconnect');
  }

  sendShutdownNotice(): void {
    for (const l of this.listeners['server:shutdown']) l({ reason: 'server shutting down' });
  }

  refuseConnection(giveUp = false): void {
    if (giveUp) this.active = false;
    for (const l of this.listeners.connect_error) l(new Error('refused'));
  }

  /**
   * Sends `update` as the server would: alone in an `md` batch of its time, its symbol named by `sid` (by default
   * the `sidOf` that the fixtures' snapshots give it).
   */
  send(update: MarketUpdate, sid = sidOf(update.symbol)): void {
    const batch: WireBatch = [update.time, encodeUpdate(update, sid)];
    for (const l of this.listeners.md) l(batch);
  }

  /** Says where the server's data comes from; a real server does so first on every connection, then on changes. */
  sendFeed(state: FeedState): void {
    for (const l of this.listeners['feed:status']) l(state);
  }

  /** The newest subscribe request, which a test answers; throws when there is none. */
  lastSubscribe(): SentSubscribe {
    return newest(this.subscribes, 'subscribe');
  }

  lastResync(): SentResync {
    return newest(this.resyncs, 'resync');
  }

  lastPing(): SentPing {
    return newest(this.pings, 'ping');
  }

  // Socket.IO's order: the disconnect event first, then the pending acks fail.
  private closed(reason: string): void {
    for (const l of this.listeners.disconnect) l(reason);
    if (this.failAcksOnDisconnect) {
      for (const fail of Array.from(this.pending)) fail(new Error('socket has been disconnected'));
    }
  }
}

function newest<T>(list: readonly T[], what: string): T {
  const last = list.at(-1);
  if (!last) throw new Error(`no ${what} was sent`);
  return last;
}
