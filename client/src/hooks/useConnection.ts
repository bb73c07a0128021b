// The connection's health for the status bar: status, the feed behind the server, time of the last update, round
// trip, and updates per second.

import { useEffect, useState } from 'react';
import type { ConnectionStatus, FeedView, MarketStore } from '../market/store.ts';
import { useMarketStore } from './market-context.ts';
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

/** Market updates received per second, measured over each `intervalMs`. */
export function useUpdateRate(intervalMs = 1000): number {
  const store = useMarketStore();
  const [rate, setRate] = useState(0);
  useEffect(() => {
    let count = store.getUpdateCount();
    let at = performance.now();
    const id = setInterval(() => {
      const nextCount = store.getUpdateCount();
      const now = performance.now();
      setRate(now > at ? ((nextCount - count) * 1000) / (now - at) : 0);
      count = nextCount;
      at = now;
    }, intervalMs);
    return () => clearInterval(id);
  }, [store, intervalMs]);
  return rate;
}
