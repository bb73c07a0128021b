// The client's requests: subscribe / unsubscribe (following a symbol, answered with its snapshot), resync
// (fresh snapshots for symbols whose state is in doubt) and ping (round-trip time and clock offset).

import {
  type AckError,
  MAX_SYMBOLS_PER_REQUEST,
  type PingAck,
  PROTOCOL_VERSION,
  type ResyncAck,
  type SubscribeAck,
  type SymbolSnapshot,
  type UnsubscribeAck,
} from '@tickline/shared';
import type { MarketView } from './market-view.ts';
import { handleRequest } from './request-handler.ts';
import type { TicklineSocket } from './socket-types.ts';
import type { StreamStats } from './stream-stats.ts';
import type { SubscriberRegistry } from './subscriber-registry.ts';

/** How long a request may wait for a symbol this server has no state of yet (an edge loading it). */
export const DEFAULT_READY_TIMEOUT_MS = 3000;

export interface SubscriptionDeps {
  view: MarketView;
  stats: StreamStats;
  subscribers: SubscriberRegistry<TicklineSocket>;
  clock: () => number;
  onError: (err: unknown) => void;
  readyTimeoutMs?: number;
}

type SnapshotAck = SubscribeAck & ResyncAck;

export function registerSubscriptionHandlers(socket: TicklineSocket, deps: SubscriptionDeps): void {
  const { view, stats, subscribers, clock, onError } = deps;
  const readyTimeoutMs = deps.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  socket.on('disconnect', () => subscribers.removeAll(socket));

  // Follow before taking the snapshot: both happen in one synchronous turn, before the next update is delivered, so
  // the first update this socket receives for a symbol is exactly snapshot.seq + 1.
  const joinWithSnapshots = (unique: string[]): SnapshotAck => {
    subscribers.add(socket, unique);
    const now = clock();
    const snapshots = unique.map((symbol): SymbolSnapshot => {
      stats.snapshotSent(symbol);
      return view.snapshot(symbol, now)!;
    });
    return { ok: true, version: PROTOCOL_VERSION, epoch: view.epoch, snapshots };
  };

  // An edge may not hold a symbol yet (it is loading it from the bus): the answer waits for it, briefly.
  const answerWithSnapshots = (symbols: string[]): SnapshotAck | Promise<SnapshotAck> => {
    const unique = [...new Set(symbols)];
    if (view.ready(unique)) return joinWithSnapshots(unique);
    return view.whenReady(unique, readyTimeoutMs).then((ready): SnapshotAck => {
      if (!socket.connected) return unavailable('the connection closed');
      // Ready then, but checked again now: an epoch change may have voided the state in between.
      if (!ready || !view.ready(unique)) return unavailable(`no state of ${unique.join(', ')} yet; retry shortly`);
      return joinWithSnapshots(unique);
    });
  };

  handleRequest(socket, 'subscribe', ({ symbols }) => checkSymbols(view, symbols) ?? answerWithSnapshots(symbols), onError);

  handleRequest(socket, 'resync', ({ symbols, reason }) => {
    const problem = checkSymbols(view, symbols);
    if (problem) return problem;
    for (const symbol of new Set(symbols)) stats.resync(symbol, reason);
    return answerWithSnapshots(symbols);
  }, onError);

  handleRequest(socket, 'unsubscribe', ({ symbols }): UnsubscribeAck => {
    const problem = checkSymbols(view, symbols);
    if (problem) return problem;
    const unique = [...new Set(symbols)];
    subscribers.remove(socket, unique);
    return { ok: true, symbols: unique };
  }, onError);

  handleRequest(socket, 'ping', ({ clientTime }): PingAck => {
    return { ok: true, clientTime, serverTime: clock() };
  }, onError);
}

const unavailable = (message: string): AckError => ({ ok: false, error: { code: 'unavailable', message } });

function checkSymbols(view: MarketView, symbols: string[]): AckError | undefined {
  if (symbols.length > MAX_SYMBOLS_PER_REQUEST) {
    return {
      ok: false,
      error: { code: 'too_many_symbols', message: `at most ${MAX_SYMBOLS_PER_REQUEST} symbols per request, got ${symbols.length}` },
    };
  }
  const unknown = symbols.filter((s) => !view.has(s));
  if (unknown.length > 0) {
    return { ok: false, error: { code: 'unknown_symbol', message: `unknown symbol(s): ${unknown.join(', ')}` } };
  }
  return undefined;
}
