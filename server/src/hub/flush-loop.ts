// The sequencer's clock: every interval, each symbol that changed becomes one sequenced update, encoded to its wire
// form once, and the flush is handed on: to the fan-out in a single process, to the bus on a cluster's feed node.

import { performance } from 'node:perf_hooks';
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

/** Told how long each flush took and of any that threw (metrics and a throttled log line). */
export interface FlushObserver {
  duration(seconds: number): void;
  failed(err: unknown): void;
}

export function startFlushLoop(
  hub: Pick<MarketHub, 'flush' | 'sidOf'>,
  intervalMs: number,
  clock: () => number,
  publish: FlushSink,
  observer?: FlushObserver,
): FlushLoop {
  const flushNow = (): void => {
    const started = performance.now();
    // A bug in one flush must not end the process or the loop: it is counted and logged, and the next flush runs
    // (the symbols it left dirty go out then; a client that missed a sequence number resyncs).
    try {
      const time = clock();
      const updates = hub.flush(time);
      publish(
        time,
        updates.map((u): PublishedUpdate => [u.symbol, encodeUpdate(u, hub.sidOf(u.symbol)!)]),
      );
    } catch (err) {
      observer?.failed(err);
    }
    observer?.duration((performance.now() - started) / 1000);
  };
  const timer = setInterval(flushNow, intervalMs);
  return {
    flushNow,
    stop: () => clearInterval(timer),
  };
}
