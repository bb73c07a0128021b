// Whether a symbol's prices may be shown as live, its status from the server, and how old its data is.

import type { SymbolStatus } from '@tickline/shared';
import { useCallback } from 'react';
import type { MarketStore, SymbolFreshness } from '../market/store.ts';
import { useStoreValue } from './useStoreValue.ts';

export function useFreshness(symbol: string): SymbolFreshness {
  return useStoreValue(useCallback((store: MarketStore) => store.freshness(symbol), [symbol]));
}

export function useSymbolStatus(symbol: string): SymbolStatus {
  return useStoreValue(useCallback((store: MarketStore) => store.replica(symbol).status, [symbol]));
}

/** Server time of the symbol's last applied snapshot or update; 0 before the first. */
export function useSymbolTime(symbol: string): number {
  return useStoreValue(useCallback((store: MarketStore) => store.replica(symbol).time, [symbol]));
}

const clockOffset = (store: MarketStore): number => store.connection.clockOffset;

/** Server clock minus ours (ms), 0 until a ping has measured it: `Date.now() + offset` is the server's now. */
export function useClockOffset(): number {
  return useStoreValue(clockOffset);
}
