// The plot and what sits on it: the candles on screen for the viewport, the pointer layer over them, the history
// loading notice and the "Go to live" button. Re-rendered on each trade (it follows the live candle to know whether a
// new one opened), which costs a few comparisons: the recharts panes below re-render only when their props change.

import type { CandleInterval, ChartMark, Instrument } from '@tickline/shared';
import { useEffect, useMemo } from 'react';
import { visibleRange } from '../../chart/viewport.ts';
import { useLiveChartCandle, type ChartSeries } from '../../hooks/useChartSeries.ts';
import { CandleChart, chartGeometry } from './CandleChart.tsx';
import { toChartPoints } from './chart-points.ts';
import { crosshairTimeFormat } from './chart-time.ts';
import { intervalLabel, type ChartSettings } from './ChartToolbar.tsx';
import { PointerLayer } from './PointerLayer.tsx';
import { useChartViewport } from './useChartViewport.ts';
import { usePresenterZoom } from './usePresenterZoom.ts';
import { useOverlays } from './useOverlays.ts';
import { useSteadyAxes } from './useSteadyAxes.ts';

interface ChartPlotProps {
  symbol: string;
  interval: CandleInterval;
  instrument: Instrument;
  series: ChartSeries;
  settings: ChartSettings;
  marks: readonly ChartMark[];
  width: number;
  height: number;
}

export function ChartPlot({ symbol, interval, instrument, series, settings, marks, width, height }: ChartPlotProps) {
  const { closed, history, loadOlder } = series;
  const live = useLiveChartCandle(symbol, interval);
  const key = `${symbol}/${interval}`;
  const hasLive = live !== undefined;
  const shape = useMemo(
    () => ({ count: closed.length, time: (i: number) => closed[i]?.[0] ?? NaN, hasLive }),
    [closed, hasLive],
  );
  const [viewport, changeViewport] = useChartViewport(key, shape);
  usePresenterZoom(symbol, interval, viewport, changeViewport);
  const range = visibleRange(viewport, shape);
  const visible = useMemo(() => closed.slice(range.from, range.to), [closed, range.from, range.to]);
  const points = useMemo(() => toChartPoints(visible, instrument), [visible, instrument]);
  const axes = useSteadyAxes(key, points, instrument, range.live ? live : undefined);
  const overlays = useOverlays(closed, instrument, interval, settings.overlays, range.from, range.to);
  const liveTime = range.live ? live?.[0] : undefined;
  const geometry = useMemo(
    () => chartGeometry(width, height, range.slots, axes.price),
    [width, height, range.slots, axes.price],
  );
  const atOldest = range.from === 0;

  // At the oldest loaded candle (panned there, or a series too short to fill the screen), ask for older ones.
  useEffect(() => {
    if (atOldest && history === 'more') loadOlder();
  }, [atOldest, history, loadOlder, closed]);

  const timeAt = (slot: number): number | undefined => (slot < points.length ? points[slot]?.time : liveTime);
  const panned = viewport.end !== null;

  return (
    <>
      <PointerLayer
        symbol={symbol}
        instrument={instrument}
        geometry={geometry}
        timeAt={timeAt}
        formatTime={crosshairTimeFormat(interval)}
        viewport={viewport}
        onViewport={changeViewport}
        label={`${symbol} price chart, ${intervalLabel(interval)} candles. Arrow keys pan, plus and minus zoom, End returns to live.`}
      >
        <CandleChart
          symbol={symbol}
          interval={interval}
          points={points}
          liveTime={liveTime}
          priceAxis={axes.price}
          volumeAxis={axes.volume}
          instrument={instrument}
          type={settings.type}
          overlays={overlays}
          marks={marks}
          width={width}
          height={height}
        />
      </PointerLayer>
      {history === 'loading' ? (
        <p className="price-chart__loading" role="status" data-testid="chart-loading">
          Loading candles…
        </p>
      ) : null}
      {panned ? (
        <button
          type="button"
          className="price-chart__live"
          data-testid="chart-go-live"
          onClick={() => changeViewport((vp) => ({ span: vp.span, end: null }))}
        >
          Go to live <span aria-hidden="true">⇥</span>
        </button>
      ) : null}
      {closed.length === 0 && live === undefined && history !== 'loading' ? (
        <p className="price-chart__empty">Waiting for the first trade…</p>
      ) : null}
    </>
  );
}
