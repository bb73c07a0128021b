// The client's requests: subscribe / unsubscribe (following a symbol, answered with its snapshot), resync
// (fresh snapshots for symbols whose state is in doubt) and ping (round-trip time and clock offset). Each passes the
// connection's gate first (request-gate.ts), and a snapshot answer its byte budget and queue cap before it is built.

import {
  type AckError,
  type PingAck,
  PROTOCOL_VERSION,
  type ResyncAck,
  type ResyncReason,
  type SubscribeAck,
  type SymbolSnapshot,
  type UnsubscribeAck,
} from '@tickline/shared';
import type { MarketView } from './market-view.ts';
import type { ClientState } from './client-state.ts';
import type { RequestHandlers } from './request-handler.ts';
import type { SnapshotCache } from './snapshot-cache.ts';
import type { TicklineSocket } from './socket-types.ts';
import type { StreamStats } from './stream-stats.ts';
import type { SubscriberRegistry } from './subscriber-registry.ts';

/** How long a request may wait for a symbol this server has no state of yet (an edge loading it). */
export const DEFAULT_READY_TIMEOUT_MS = 3000;

/** Whether `bytes` of snapshots may go out to this connection now: undefined, or the refusal. */
export type AnswerCheck = (client: ClientState, bytes: number) => AckError | undefined;

export interface SubscriptionDeps {
  view: MarketView;
  snapshots: SnapshotCache;
  stats: StreamStats;
  subscribers: SubscriberRegistry<TicklineSocket>;
  clock: () => number;
  readyTimeoutMs?: number | undefined;
  /** None in tests of the handlers alone. */
  checkAnswer?: AnswerCheck | undefined;
  /** Most symbols a connection may follow at once. */
  maxSymbolsPerSocket?: number | undefined;
}

type SnapshotAck = SubscribeAck & ResyncAck;

/** The subscription requests, shared by every connection (a connection's own state is their first argument). */
export function subscriptionHandlers(
  deps: SubscriptionDeps,
): Pick<RequestHandlers<ClientState>, 'subscribe' | 'resync' | 'unsubscribe' | 'ping'> {
  const { view, snapshots, stats, subscribers, clock } = deps;
  const readyTimeoutMs = deps.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const maxSymbols = deps.maxSymbolsPerSocket ?? Infinity;

  // Follow before taking the snapshot: both happen in one synchronous turn, before the next update is delivered, so
  // the first update this socket receives for a symbol is exactly snapshot.seq + 1.
  const joinWithSnapshots = (client: ClientState, unique: string[], reason: ResyncReason | undefined): SnapshotAck => {
    const now = clock();
    const cached = unique.map((symbol) => snapshots.get(symbol, now)!);
    const refusal = deps.checkAnswer?.(
      client,
      cached.reduce((sum, c) => sum + c.bytes, 0),
    );
    if (refusal) return refusal;
    subscribers.add(client.socket, unique);
    // The state each symbol was last served to this connection in: a resync is counted once per state, so a client
    // asking again and again cannot inflate the counters of /api/stats.
    const served = (client.served ??= new Map());
    const out = cached.map(({ snapshot }): SymbolSnapshot => {
      const state = `${snapshot.epoch}:${snapshot.seq}`;
      if (reason && served.get(snapshot.symbol) !== state) stats.resync(snapshot.symbol, reason);
      served.set(snapshot.symbol, state);
      stats.snapshotSent(snapshot.symbol);
      return snapshot;
    });
    return { ok: true, version: PROTOCOL_VERSION, epoch: view.epoch, snapshots: out };
  };

  // An edge may not hold a symbol yet (it is loading it from the bus): the answer waits for it, briefly.
  const answerWithSnapshots = (
    client: ClientState,
    symbols: string[],
    reason?: ResyncReason,
  ): SnapshotAck | Promise<SnapshotAck> => {
    const { socket } = client;
    const unique = [...new Set(symbols)];
    const fresh = unique.filter((s) => !subscribers.follows(socket, s)).length;
    if (subscribers.countOf(socket) + fresh > maxSymbols) {
      stats.refused('too_many_symbols');
      return {
        ok: false,
        error: {
          code: 'too_many_symbols',
          message: `a connection may follow at most ${maxSymbols} symbols; unsubscribe some first`,
        },
      };
    }
    if (view.ready(unique)) return joinWithSnapshots(client, unique, reason);
    return view.whenReady(unique, readyTimeoutMs).then((ready): SnapshotAck => {
      if (!socket.connected) return unavailable('the connection closed');
      // Ready then, but checked again now: an epoch change may have voided the state in between.
      if (!ready || !view.ready(unique)) return unavailable(`no state of ${unique.join(', ')} yet; retry shortly`);
      return joinWithSnapshots(client, unique, reason);
    });
  };

  return {
    subscribe: (client, { symbols }) => checkSymbols(view, symbols) ?? answerWithSnapshots(client, symbols),
    resync: (client, { symbols, reason }) =>
      checkSymbols(view, symbols) ?? answerWithSnapshots(client, symbols, reason),
    unsubscribe: (client, { symbols }): UnsubscribeAck => {
      const problem = checkSymbols(view, symbols);
      if (problem) return problem;
      const unique = [...new Set(symbols)];
      subscribers.remove(client.socket, unique);
      for (const symbol of unique) client.served?.delete(symbol);
      return { ok: true, symbols: unique };
    },
    ping: (_client, { clientTime }): PingAck => ({ ok: true, clientTime, serverTime: clock() }),
  };
}

const unavailable = (message: string): AckError => ({ ok: false, error: { code: 'unavailable', message } });

// (The schema already bounds a request to MAX_SYMBOLS_PER_REQUEST names.)
function checkSymbols(view: MarketView, symbols: string[]): AckError | undefined {
  const unknown = symbols.filter((s) => !view.has(s));
  if (unknown.length > 0) {
    return { ok: false, error: { code: 'unknown_symbol', message: `unknown symbol(s): ${unknown.join(', ')}` } };
  }
  return undefined;
}
