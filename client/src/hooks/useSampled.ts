// A value from the store that follows it at most once per interval: for views whose job is the shape of the data (a
// depth chart, a sparkline), where redrawing on every update costs frames and tells the eye nothing more.

import { useCallback, useContext, useSyncExternalStore } from 'react';
import { SampleClock } from '../market/sample-clock.ts';
import type { MarketStore } from '../market/store.ts';
import { useMarketStore } from './market-context.ts';
import { OutOfSight, subscribeOutOfSight } from './out-of-sight.ts';

const timers = {
  now: () => performance.now(),
  setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
  clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

// One clock per store and interval: every view sampling at that interval takes its sample at the same notification.
const clocks = new WeakMap<MarketStore, Map<number, SampleClock<MarketStore>>>();

function sampleClock(store: MarketStore, intervalMs: number): SampleClock<MarketStore> {
  let byInterval = clocks.get(store);
  if (byInterval === undefined) clocks.set(store, (byInterval = new Map()));
  let clock = byInterval.get(intervalMs);
  if (clock === undefined) byInterval.set(intervalMs, (clock = new SampleClock(store, intervalMs, timers)));
  return clock;
}

/**
 * `select(store)`, read again at most once per `intervalMs`, and then in the render a store notification causes
 * anyway (see market/sample-clock.ts). A timer or effect per view made a React commit of its own per view and
 * interval: fifty sparklines, some fifty commits a second at the busy market. A change shows at the next sample, at
 * most `intervalMs` + TRAILING_GRACE_MS after it once the store goes quiet. `select` must be stable (useCallback,
 * useMemo) and keep its result's identity while its part of the store is unchanged, as for useStoreValue.
 */
export function useSampled<T>(select: (store: MarketStore) => T, intervalMs: number): T {
  const store = useMarketStore();
  const outOfSight = useContext(OutOfSight);
  const clock = sampleClock(store, intervalMs);
  // Out of sight the view already reads the store only once a second, on its own round.
  const getSnapshot = useCallback(
    () => (outOfSight ? clock.read(select) : clock.sample(select)),
    [outOfSight, clock, select],
  );
  return useSyncExternalStore(outOfSight ? subscribeOutOfSight : clock.subscribe, getSnapshot);
}
