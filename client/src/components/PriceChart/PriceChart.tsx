// The selected symbol's chart panel: headline numbers, then candles and volume sized to the space it is given.

import { useCallback, useMemo } from 'react';
import { useClosedCandles } from '../../hooks/useCandles.ts';
import { useElementSize } from '../../hooks/useElementSize.ts';
import { useFreshness } from '../../hooks/useFreshness.ts';
import { useSelectedSymbol } from '../../hooks/useSelectedSymbol.ts';
import { useStoreValue } from '../../hooks/useStoreValue.ts';
import { useInstrument } from '../../hooks/useSymbols.ts';
import type { MarketStore } from '../../market/store.ts';
import { FreshnessBadge } from '../FreshnessBadge/FreshnessBadge.tsx';
import { Panel } from '../Panel/Panel.tsx';
import { CandleChart } from './CandleChart.tsx';
import { ChartHeader } from './ChartHeader.tsx';
import { toChartPoints } from './chart-points.ts';
import { useSteadyAxes } from './useSteadyAxes.ts';
import './PriceChart.css';

/** Candles on screen: a bounded window keeps every frame's chart work the same size. */
export const CHART_CANDLES = 120;

interface PriceChartProps {
  /** Plot size in pixels; measured from the panel when absent (tests and jsdom, which has no layout, pass it). */
  width?: number;
  height?: number;
  candles?: number;
}

export function PriceChart({ width, height, candles: count = CHART_CANDLES }: PriceChartProps) {
  const symbol = useSelectedSymbol();
  const instrument = useInstrument(symbol);
  // The closed candles and the live candle's start change once per candle; the live candle's prices never reach
  // this component (LiveCandle draws them), so a trade does not re-render it.
  const closed = useClosedCandles(symbol, count);
  const liveTime = useStoreValue(
    useCallback((store: MarketStore) => store.replica(symbol).candles.last()?.[0], [symbol]),
  );
  const intervalMs = useStoreValue(
    useCallback((store: MarketStore) => store.replica(symbol).candles.intervalMs, [symbol]),
  );
  const freshness = useFreshness(symbol);
  const points = useMemo(() => toChartPoints(closed, instrument), [closed, instrument]);
  const axes = useSteadyAxes(symbol, points, instrument);
  const [plotRef, measured] = useElementSize<HTMLDivElement>();
  const plotWidth = width ?? measured.width;
  const plotHeight = height ?? measured.height;

  return (
    <Panel
      title="Price"
      aside={
        <>
          <FreshnessBadge symbol={symbol} freshness={freshness} />
          {`${formatInterval(intervalMs)} candles`}
        </>
      }
      className="price-chart"
      data-testid="price-chart"
      data-symbol={symbol}
      data-stale={freshness !== 'live'}
    >
      <ChartHeader symbol={symbol} />
      <div className="price-chart__plot" ref={plotRef}>
        {plotWidth > 0 && plotHeight > 0 ? (
          <CandleChart
            symbol={symbol}
            points={points}
            liveTime={liveTime}
            priceAxis={axes.price}
            volumeAxis={axes.volume}
            instrument={instrument}
            intervalMs={intervalMs}
            width={plotWidth}
            height={plotHeight}
          />
        ) : null}
        {liveTime === undefined ? <p className="price-chart__empty">Waiting for the first trade…</p> : null}
      </div>
    </Panel>
  );
}

function formatInterval(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
