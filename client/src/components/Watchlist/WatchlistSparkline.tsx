// A row's last hour: up to 60 closed one-minute candles and the one still open, as a sparkline of closes.

import { memo, useCallback, useDeferredValue, useMemo } from 'react';
import { liveChartCandle, useChartSeries } from '../../hooks/useChartSeries.ts';
import { useSampled } from '../../hooks/useSampled.ts';
import type { MarketStore } from '../../market/store.ts';
import { Sparkline } from '../Sparkline/Sparkline.tsx';

const HOUR_OF_MINUTES = 60;
/** How often a sparkline's live end follows the price. */
const SPARKLINE_REFRESH_MS = 1000;

export const WatchlistSparkline = memo(function WatchlistSparkline({ symbol }: { symbol: string }) {
  const { closed } = useChartSeries(symbol, '1m', HOUR_OF_MINUTES + 1);
  // `closed` is the same array until a candle closes, so this runs about once a minute, not on every trade.
  const closes = useMemo(() => closed.slice(-HOUR_OF_MINUTES).map((c) => c[4] as number), [closed]);
  // A line of the last hour moves by a pixel now and then: its live end once a second is plenty, and fifty rows
  // redrawn on every trade cost the page frames. Sampled, this row does not even render between samples.
  const last = useDeferredValue(
    useSampled(
      useCallback(
        (store: MarketStore) => (liveChartCandle(store, symbol, '1m')?.[4] as number | undefined) ?? null,
        [symbol],
      ),
      SPARKLINE_REFRESH_MS,
    ),
  );
  return <Sparkline values={closes} live={last} label={`${symbol}, last hour`} slots={HOUR_OF_MINUTES + 1} />;
});
