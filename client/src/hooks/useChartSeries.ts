// The chart's candles at any interval: drawn at once from what the client holds, then from the server's history,
// joined with the live stream (market/candle-book.ts).

import { useCallback, useEffect } from 'react';
import type { Candle, CandleInterval } from '@tickline/shared';
import type { HistoryState } from '../market/candle-book.ts';
import type { MarketStore } from '../market/store.ts';
import { useMarketStore } from './market-context.ts';
import { useStoreValue } from './useStoreValue.ts';

export type { HistoryState } from '../market/candle-book.ts';

export interface ChartSeries {
  /** Every closed candle loaded, oldest first: the same array until a candle closes or a page of history arrives. */
  readonly closed: readonly Candle[];
  readonly history: HistoryState;
  /** Asks for the page of candles before the oldest loaded one (nothing while one is out or all are loaded). */
  loadOlder(): void;
}

/**
 * Keeps the series alive (and its history loading) while the calling component is mounted, holding at least its
 * newest `need` candles.
 */
function useRetained(store: MarketStore, symbol: string, interval: CandleInterval, need: number): void {
  useEffect(() => store.candleBook.retain(symbol, interval, need), [store, symbol, interval, need]);
}

/**
 * Closed candles of `symbol` at `interval` (see ChartSeries). `need`: how many of the newest the view reads at most
 * (its widest span and any warm-up); the series keeps no more than its views need, unless the reader pages back.
 */
export function useChartSeries(symbol: string, interval: CandleInterval, need: number): ChartSeries {
  const store = useMarketStore();
  useRetained(store, symbol, interval, need);
  const closed = useStoreValue(
    useCallback((s: MarketStore) => s.candleBook.ensure(symbol, interval).closed(), [symbol, interval]),
  );
  const history = useStoreValue(
    useCallback((s: MarketStore) => s.candleBook.state(symbol, interval), [symbol, interval]),
  );
  const loadOlder = useCallback(() => store.candleBook.loadOlder(symbol, interval), [store, symbol, interval]);
  return { closed, history, loadOlder };
}

/** The newest candle of `symbol` at `interval`, still open; undefined before the first trade. */
export function useLiveChartCandle(symbol: string, interval: CandleInterval): Candle | undefined {
  const store = useMarketStore();
  useRetained(store, symbol, interval, 1);
  return useStoreValue(useCallback((s: MarketStore) => liveChartCandle(s, symbol, interval), [symbol, interval]));
}

/** The candle still open for `symbol` at `interval`, read from the store: what useLiveChartCandle follows. */
export function liveChartCandle(store: MarketStore, symbol: string, interval: CandleInterval): Candle | undefined {
  return store.candleBook.ensure(symbol, interval).live();
}

const selectedInterval = (store: MarketStore): CandleInterval => store.getInterval();

/** The chart's selected interval. */
export function useSelectedInterval(): CandleInterval {
  return useStoreValue(selectedInterval);
}

/** Changes the chart's interval. */
export function useSelectInterval(): (interval: CandleInterval) => void {
  return useMarketStore().selectInterval;
}
