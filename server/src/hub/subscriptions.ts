// subscribe / unsubscribe: joining a symbol's room and answering with its snapshot.

import {
  MAX_SYMBOLS_PER_REQUEST,
  type SubscribeAck,
  type UnsubscribeAck,
  subscribeRequestSchema,
  unsubscribeRequestSchema,
} from '@tickline/shared';
import type { MarketHub } from './market-hub.ts';
import { handleRequest } from './request-handler.ts';
import { roomOf } from './rooms.ts';
import type { TicklineSocket } from './socket-types.ts';

export interface SubscriptionDeps {
  hub: MarketHub;
  clock: () => number;
  onError: (err: unknown) => void;
}

export function registerSubscriptionHandlers(socket: TicklineSocket, deps: SubscriptionDeps): void {
  const { hub, clock, onError } = deps;

  handleRequest(socket, 'subscribe', subscribeRequestSchema, ({ symbols }): SubscribeAck => {
    const problem = checkSymbols(hub, symbols);
    if (problem) return problem;
    const unique = [...new Set(symbols)];
    // Join before taking the snapshot: both happen in this one synchronous turn, before the next flush, so the
    // first update this socket receives for a symbol is exactly snapshot.seq + 1.
    socket.join(unique.map(roomOf));
    const now = clock();
    return { ok: true, snapshots: unique.map((s) => hub.snapshot(s, now)!) };
  }, onError);

  handleRequest(socket, 'unsubscribe', unsubscribeRequestSchema, ({ symbols }): UnsubscribeAck => {
    const problem = checkSymbols(hub, symbols);
    if (problem) return problem;
    const unique = [...new Set(symbols)];
    for (const symbol of unique) socket.leave(roomOf(symbol));
    return { ok: true, symbols: unique };
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
