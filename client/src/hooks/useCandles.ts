// The newest candles of one symbol, split into the closed ones and the live one, so the chart redraws its history
// once per candle and only the live candle on every trade.

import { useCallback, useMemo } from 'react';
import type { Candle } from '@tickline/shared';
import { selectCandles } from '../market/selectors.ts';
import type { MarketStore } from '../market/store.ts';
import { useStoreValue } from './useStoreValue.ts';

const NONE: readonly Candle[] = [];

/**
 * A selector for the newest `count` candles but the last: the same array until a candle closes or a snapshot replaces
 * them. The stream only ever replaces the newest candle or appends one (CandleSeries.upsert), so what a component
 * draws from this changes about once per candle interval, not on every trade.
 */
export function closedCandlesSelector(symbol: string, count: number): (store: MarketStore) => readonly Candle[] {
  let held = NONE;
  return (store) => {
    const all = selectCandles(store, symbol, count);
    const closed = all.length > 1 ? all.slice(0, -1) : NONE;
    // A closed candle is never changed in place, so the same tuples in the same places are the same candles.
    if (closed.length !== held.length || closed.some((c, i) => c !== held[i])) held = closed;
    return held;
  };
}

/** The newest `count` candles but the last (see closedCandlesSelector). */
export function useClosedCandles(symbol: string, count: number): readonly Candle[] {
  return useStoreValue(useMemo(() => closedCandlesSelector(symbol, count), [symbol, count]));
}

/** The newest candle, which the stream keeps changing until the next one opens; undefined before the first trade. */
export function useLiveCandle(symbol: string): Candle | undefined {
  return useStoreValue(useCallback((store: MarketStore) => store.replica(symbol).candles.last(), [symbol]));
}
