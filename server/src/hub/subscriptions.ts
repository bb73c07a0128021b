// The client's requests: subscribe / unsubscribe (following a symbol, answered with its snapshot), resync
// (fresh snapshots for symbols whose state is in doubt) and ping (round-trip time and clock offset).

import {
  MAX_SYMBOLS_PER_REQUEST,
  type PingAck,
  type ResyncAck,
  type SubscribeAck,
  type SymbolSnapshot,
  type UnsubscribeAck,
} from '@tickline/shared';
import type { MarketHub } from './market-hub.ts';
import { handleRequest } from './request-handler.ts';
import type { TicklineSocket } from './socket-types.ts';
import type { StreamStats } from './stream-stats.ts';
import type { SubscriberRegistry } from './subscriber-registry.ts';

export interface SubscriptionDeps {
  hub: MarketHub;
  stats: StreamStats;
  subscribers: SubscriberRegistry<TicklineSocket>;
  clock: () => number;
  onError: (err: unknown) => void;
}

export function registerSubscriptionHandlers(socket: TicklineSocket, deps: SubscriptionDeps): void {
  const { hub, stats, subscribers, clock, onError } = deps;
  socket.on('disconnect', () => subscribers.removeAll(socket));

  // Follow before taking the snapshot: both happen in this one synchronous turn, before the next flush, so the
  // first update this socket receives for a symbol is exactly snapshot.seq + 1.
  const joinWithSnapshots = (symbols: string[]): SymbolSnapshot[] => {
    const unique = [...new Set(symbols)];
    subscribers.add(socket, unique);
    const now = clock();
    return unique.map((symbol) => {
      stats.snapshotSent(symbol);
      return hub.snapshot(symbol, now)!;
    });
  };

  handleRequest(socket, 'subscribe', ({ symbols }): SubscribeAck => {
    return checkSymbols(hub, symbols) ?? { ok: true, snapshots: joinWithSnapshots(symbols) };
  }, onError);

  handleRequest(socket, 'resync', ({ symbols, reason }): ResyncAck => {
    const problem = checkSymbols(hub, symbols);
    if (problem) return problem;
    for (const symbol of new Set(symbols)) stats.resync(symbol, reason);
    return { ok: true, snapshots: joinWithSnapshots(symbols) };
  }, onError);

  handleRequest(socket, 'unsubscribe', ({ symbols }): UnsubscribeAck => {
    const problem = checkSymbols(hub, symbols);
    if (problem) return problem;
    const unique = [...new Set(symbols)];
    subscribers.remove(socket, unique);
    return { ok: true, symbols: unique };
  }, onError);

  handleRequest(socket, 'ping', ({ clientTime }): PingAck => {
    return { ok: true, clientTime, serverTime: clock() };
  }, onError);
}

function checkSymbols(hub: MarketHub, symbols: string[]) {
  if (symbols.length > MAX_SYMBOLS_PER_REQUEST) {
    return {
      ok: false as const,
      error: {
        code: 'too_many_symbols' as const,
        message: `at most ${MAX_SYMBOLS_PER_REQUEST} symbols per request, got ${symbols.length}`,
      },
    };
  }
  const unknown = symbols.filter((s) => !hub.has(s));
  if (unknown.length > 0) {
    return {
      ok: false as const,
      error: { code: 'unknown_symbol' as const, message: `unknown symbol(s): ${unknown.join(', ')}` },
    };
  }
  return undefined;
}
