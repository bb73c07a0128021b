// The chart's candles at any interval: what the client holds at once, then older ones from the server's history.

import type { Candle, CandleInterval } from '@tickline/shared';
import type { MarketStore } from '../market/store.ts';
import { useMarketStore } from './market-context.ts';
import { useClosedCandles, useLiveCandle } from './useCandles.ts';
import { useStoreValue } from './useStoreValue.ts';

/**
 * - loading: the first history request for this symbol and interval is out;
 * - more: the server holds older candles (`loadOlder` fetches the next page);
 * - complete: everything the server holds is loaded;
 * - failed: the last request failed (`loadOlder` tries again).
 */
export type HistoryState = 'loading' | 'more' | 'complete' | 'failed';

export interface ChartSeries {
  /** Every closed candle loaded, oldest first: the same array until a candle closes or a page of history arrives. */
  readonly closed: readonly Candle[];
  readonly history: HistoryState;
  /** Asks for the page of candles before the oldest loaded one (nothing while one is out or all are loaded). */
  loadOlder(): void;
}

const NO_OLDER = (): void => {};

/** Closed candles of `symbol` at `interval` (see ChartSeries). */
export function useChartSeries(symbol: string, interval: CandleInterval): ChartSeries {
  // Until the history layer lands: the stream's own candles, whatever the interval.
  void interval;
  const closed = useClosedCandles(symbol, 300);
  return { closed, history: 'complete', loadOlder: NO_OLDER };
}

/** The newest candle of `symbol` at `interval`, still open; undefined before the first trade. */
export function useLiveChartCandle(symbol: string, interval: CandleInterval): Candle | undefined {
  void interval;
  return useLiveCandle(symbol);
}

const interval = (store: MarketStore): CandleInterval => store.getInterval();

/** The chart's selected interval. */
export function useSelectedInterval(): CandleInterval {
  return useStoreValue(interval);
}

/** Changes the chart's interval. */
export function useSelectInterval(): (interval: CandleInterval) => void {
  return useMarketStore().selectInterval;
}
