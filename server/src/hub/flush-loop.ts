// The hot path: every interval, one message per changed symbol, broadcast to that symbol's room.
// Socket.IO encodes a room broadcast once and writes the same frame to every member, so the cost per flush is
// one encode per changed symbol, never one per socket.

import type { MarketHub } from './market-hub.ts';
import { roomOf } from './rooms.ts';
import type { TicklineServer } from './socket-types.ts';
import type { StreamStats } from './stream-stats.ts';

export interface FlushLoop {
  /** Runs one flush now (tests, shutdown). */
  flushNow(): void;
  stop(): void;
}

export function startFlushLoop(
  io: TicklineServer,
  hub: MarketHub,
  stats: StreamStats,
  intervalMs: number,
  clock: () => number,
  /** Runs after each flush's broadcasts (the slow-consumer check). */
  afterFlush: () => void = () => {},
): FlushLoop {
  const flushNow = (): void => {
    for (const update of hub.flush(clock())) {
      io.to(roomOf(update.symbol)).emit('market:update', update);
      stats.updateSent(update.symbol);
    }
    afterFlush();
  };
  const timer = setInterval(flushNow, intervalMs);
  return {
    flushNow,
    stop: () => clearInterval(timer),
  };
}
