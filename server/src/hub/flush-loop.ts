// The sequencer's clock: every interval, each symbol that changed becomes one sequenced update, encoded to its wire
// form once, and the flush is handed on: to the fan-out in a single process, to the bus on a cluster's feed node.

import { encodeUpdate } from '@tickline/shared';
import type { PublishedUpdate } from './fan-out.ts';
import type { MarketHub } from './market-hub.ts';

export interface FlushLoop {
  /** Runs one flush now (tests, shutdown). */
  flushNow(): void;
  stop(): void;
}

/** Where a flush goes: its time (the batch time every update of it is encoded against) and its updates. */
export type FlushSink = (time: number, updates: readonly PublishedUpdate[]) => void;

export function startFlushLoop(hub: MarketHub, intervalMs: number, clock: () => number, publish: FlushSink): FlushLoop {
  const flushNow = (): void => {
    const time = clock();
    const updates = hub.flush(time);
    publish(time, updates.map((u): PublishedUpdate => [u.symbol, encodeUpdate(u, hub.sidOf(u.symbol)!)]));
  };
  const timer = setInterval(flushNow, intervalMs);
  return {
    flushNow,
    stop: () => clearInterval(timer),
  };
}
