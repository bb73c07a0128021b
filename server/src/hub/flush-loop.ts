// The hot path: every interval, each symbol that changed becomes one sequenced update, encoded to its wire form
// once; then every client that follows any of them gets one `md` message with its share. The per-client work is
// one emit whose encoding joins already-serialized updates (batch-encoder.ts): never a serialization per client.

import { encodeUpdate, type WireUpdate } from '@tickline/shared';
import type { MarketHub } from './market-hub.ts';
import type { TicklineSocket } from './socket-types.ts';
import type { StreamStats } from './stream-stats.ts';
import type { SubscriberRegistry } from './subscriber-registry.ts';

export interface FlushLoop {
  /** Runs one flush now (tests, shutdown). */
  flushNow(): void;
  stop(): void;
}

export function startFlushLoop(
  subscribers: SubscriberRegistry<TicklineSocket>,
  hub: MarketHub,
  stats: StreamStats,
  intervalMs: number,
  clock: () => number,
  /** Runs after each flush's messages are written (the slow-consumer check). */
  afterFlush: () => void = () => {},
): FlushLoop {
  const flushNow = (): void => {
    const time = clock();
    const updates = hub.flush(time);
    if (updates.length > 0) {
      const wires: [string, WireUpdate][] = updates.map((u) => {
        stats.updateSent(u.symbol);
        return [u.symbol, encodeUpdate(u, hub.sidOf(u.symbol)!)];
      });
      for (const [socket, mine] of subscribers.group(wires)) socket.emit('md', [time, ...mine]);
    }
    afterFlush();
  };
  const timer = setInterval(flushNow, intervalMs);
  return {
    flushNow,
    stop: () => clearInterval(timer),
  };
}
