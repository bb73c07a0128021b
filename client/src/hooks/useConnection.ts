// The connection's health for the status bar: status, the feed behind the server, time of the last update, round
// trip, and updates per second.

import type { ConnectionStatus, FeedView, MarketStore } from '../market/store.ts';
import { useMarketStore } from './market-context.ts';
import { useNow } from './useNow.ts';
import { useStoreValue } from './useStoreValue.ts';

const status = (store: MarketStore): ConnectionStatus => store.getStatus();
const lastUpdateTime = (store: MarketStore): number => store.getLastUpdateTime();
const rtt = (store: MarketStore): number | null => store.connection.rtt;
const feed = (store: MarketStore): FeedView => store.getFeed();

export function useConnection(): ConnectionStatus {
  return useStoreValue(status);
}

/** The feed's epoch and whether the server hears it, from its last `feed:status`. */
export function useFeed(): FeedView {
  return useStoreValue(feed);
}

/** Server time (ms since epoch) of the newest message; 0 before the first. */
export function useLastUpdateTime(): number {
  return useStoreValue(lastUpdateTime);
}

/** The newest ping round trip (ms); null before the first. */
export function useRoundTrip(): number | null {
  return useStoreValue(rtt);
}

/** Market updates received per second, over the second before the shared clock's latest tick (useNow). */
export function useUpdateRate(): number {
  const store = useMarketStore();
  // Worked out in the render the clock's tick causes, beside the data age's: a timer of its own setting state made a
  // second React commit every second.
  return updateRate(store, useNow());
}

interface RateMeter {
  /** The tick (useNow's clock, ms) the rate was last worked out at, and the update count then. */
  at: number;
  count: number;
  rate: number;
}

const meters = new WeakMap<MarketStore, RateMeter>();

/** The rate as of tick `now`: the same number for every render at one tick, a fresh one at the next. */
function updateRate(store: MarketStore, now: number): number {
  const meter = meters.get(store);
  if (meter === undefined) {
    meters.set(store, { at: now, count: store.getUpdateCount(), rate: 0 });
    return 0;
  }
  if (now === meter.at) return meter.rate;
  const count = store.getUpdateCount();
  meter.rate = now > meter.at ? ((count - meter.count) * 1000) / (now - meter.at) : 0;
  meter.at = now;
  meter.count = count;
  return meter.rate;
}
