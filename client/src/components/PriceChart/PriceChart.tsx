// The selected symbol's chart panel: headline numbers, the chart's controls, then the plot sized to the space left.

import type { ChartMark } from '@tickline/shared';
import { memo, useState } from 'react';
import { MAX_SPAN } from '../../chart/viewport.ts';
import { useChartSeries, useSelectedInterval, useSelectInterval } from '../../hooks/useChartSeries.ts';
import { useElementSize } from '../../hooks/useElementSize.ts';
import { useFreshness } from '../../hooks/useFreshness.ts';
import { useSelectedSymbol } from '../../hooks/useSelectedSymbol.ts';
import { useInstrument } from '../../hooks/useSymbols.ts';
import { FreshnessBadge } from '../FreshnessBadge/FreshnessBadge.tsx';
import { Panel } from '../Panel/Panel.tsx';
import { ChartHeader } from './ChartHeader.tsx';
import { ChartPlot } from './ChartPlot.tsx';
import {
  ChartToolbar,
  DEFAULT_SETTINGS,
  EMA_PERIOD,
  intervalLabel,
  SMA_PERIOD,
  type ChartSettings,
} from './ChartToolbar.tsx';
import { useChartMarks } from './useChartMarks.ts';
import './PriceChart.css';

interface PriceChartProps {
  /** Plot size in pixels; measured from the panel when absent (tests and jsdom, which has no layout, pass it). */
  width?: number;
  height?: number;
  /** Chart marks to draw; read from the symbol's replica when absent. */
  marks?: readonly ChartMark[];
}

const Header = memo(ChartHeader);

/**
 * The candles the chart keeps of its series while at live: its widest zoom-out and, before its left edge, four EMA
 * periods, after which the EMA (run over every candle loaded) weighs where the series starts at under 0.04 %; the
 * SMA's period fits many times over. Paging back keeps more (see IntervalSeries.keep).
 */
const CHART_CANDLES = MAX_SPAN + 4 * Math.max(EMA_PERIOD, SMA_PERIOD);

export function PriceChart({ width, height, marks: givenMarks }: PriceChartProps) {
  const symbol = useSelectedSymbol();
  const instrument = useInstrument(symbol);
  const interval = useSelectedInterval();
  const selectInterval = useSelectInterval();
  const series = useChartSeries(symbol, interval, CHART_CANDLES);
  const marks = useChartMarks(symbol, givenMarks);
  const [settings, setSettings] = useState<ChartSettings>(DEFAULT_SETTINGS);
  const freshness = useFreshness(symbol);
  const [plotRef, measured] = useElementSize<HTMLDivElement>();
  const plotWidth = width ?? measured.width;
  const plotHeight = height ?? measured.height;

  return (
    <Panel
      title="Price"
      aside={
        <>
          <FreshnessBadge symbol={symbol} freshness={freshness} />
          {`${intervalLabel(interval)} candles`}
        </>
      }
      className="price-chart"
      data-testid="price-chart"
      data-symbol={symbol}
      data-interval={interval}
      data-history={series.history}
      data-loaded={series.closed.length}
      data-oldest={series.closed[0]?.[0]}
      data-stale={freshness !== 'live'}
    >
      <Header symbol={symbol} />
      <ChartToolbar interval={interval} onInterval={selectInterval} settings={settings} onSettings={setSettings} />
      <div className="price-chart__plot" ref={plotRef}>
        {plotWidth > 0 && plotHeight > 0 ? (
          <ChartPlot
            symbol={symbol}
            interval={interval}
            instrument={instrument}
            series={series}
            settings={settings}
            marks={marks}
            width={plotWidth}
            height={plotHeight}
          />
        ) : null}
      </div>
    </Panel>
  );
}
