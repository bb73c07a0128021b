// The plot itself: candlesticks (or a line or area of closes) over a volume pane, both recharts charts, both sized
// explicitly by the caller. recharts redraws every bar of a chart whenever anything in it changes, and the live candle
// changes on every trade, so the work is split: this memoized layer (axes, grid, tooltip, overlays) re-renders only
// when a candle closes, the view moves or an axis moves; the candles and volume bars are drawn by CandleLayers, the
// live candle, its volume bar and the last-price line by components that subscribe to it themselves.

import { INTERVAL_MS, type CandleInterval, type ChartMark, type Instrument } from '@tickline/shared';
import { memo, useCallback, useMemo, type ReactNode } from 'react';
import { Area, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { TooltipContentProps } from 'recharts';
import type { PlotGeometry } from '../../chart/plot-geometry.ts';
import { formatCompact, formatDecimal } from '../format.ts';
import { axisTimeFormat } from './chart-time.ts';
import { timeTicks, type Axis } from './chart-axes.ts';
import type { ChartPoint } from './chart-points.ts';
import { CandleTooltip } from './CandleTooltip.tsx';
import { useNextFrame } from './useNextFrame.ts';
import { ClosedCandles, ClosedVolumes, LiveCandle, LiveVolume, type BarLayout } from './CandleLayers.tsx';
import {
  ClosedLine,
  LastPrice,
  LiveLine,
  MarkLines,
  OverlayLines,
  PresenterHighlight,
  type OverlayLine,
} from './ChartLayers.tsx';

/** An <Area> that draws nothing: it gives a pane the series recharts needs to draw its axes. */
const AXIS_STAND_IN = {
  stroke: 'none',
  fill: 'none',
  dot: false,
  activeDot: false,
  legendType: 'none',
  isAnimationActive: false,
} as const;

export type ChartType = 'candles' | 'line' | 'area';

interface CandleChartProps {
  symbol: string;
  /** Candle length: a chart of seconds-long candles labels its time axis to the second. */
  interval: CandleInterval;
  /** The closed candles on screen, oldest first. */
  points: readonly ChartPoint[];
  /** Start of the live candle, which takes the slot after the closed ones; undefined when it is not on screen. */
  liveTime: number | undefined;
  priceAxis: Axis;
  volumeAxis: Axis;
  instrument: Instrument;
  type: ChartType;
  /** Indicator values for `points`, one per point. */
  overlays: readonly OverlayLine[];
  marks: readonly ChartMark[];
  width: number;
  height: number;
}

export const AXIS_WIDTH = 76;
// Theme colours through CSS variables (recharts copies the tick's fill into an inline style, where var() works).
const AXIS_STYLE = { fill: 'var(--text-muted)', fontSize: 11 };
const GRID = 'var(--border-faint)';
const AXIS_LINE = { stroke: GRID };
const CURSOR = { fill: 'var(--hover)', stroke: 'none' };
/** Space between candles, a share of each candle's slot on either side. */
const CATEGORY_GAP = 0.2;
const BAR_CATEGORY_GAP = `${CATEGORY_GAP * 100}%`;
/** Widest candle in pixels: a young series of a few candles should not draw slabs. */
const MAX_BAR = 14;
const LAYOUT: BarLayout = { categoryGap: CATEGORY_GAP, maxBarSize: MAX_BAR };
/** Room a time label needs, with space around it, in pixels. */
const TIME_LABEL_SPACING = { seconds: 100, minutes: 80 };
const MARGIN_LEFT = 8;
/** The volume pane's share of the height: enough to read, small enough not to crowd the prices. */
const VOLUME_SHARE = 0.2;

const PRICE_MARGIN = { top: 8, right: 0, bottom: 0, left: MARGIN_LEFT };
const VOLUME_MARGIN = { top: 4, right: 0, bottom: 0, left: MARGIN_LEFT };

const volumeHeightOf = (height: number): number => Math.round(height * VOLUME_SHARE);

/** Where the panes put things, for the pointer layer over them (see plot-geometry.ts). */
export function chartGeometry(width: number, height: number, slots: number, priceAxis: Axis): PlotGeometry {
  return {
    width,
    left: MARGIN_LEFT,
    axisWidth: AXIS_WIDTH,
    priceTop: PRICE_MARGIN.top,
    priceBottom: height - volumeHeightOf(height),
    slots,
    domain: priceAxis.domain,
  };
}

/** The live candle's slot on the time axis: only its time, so recharts draws no bar there. */
interface LiveSlot {
  time: number;
}

/** What both panes plot: the closed candles, and the same with the live candle's empty slot after them. */
interface Plot {
  points: readonly ChartPoint[];
  data: readonly (ChartPoint | LiveSlot)[];
}

export const CandleChart = memo(function CandleChart({
  symbol,
  interval,
  points,
  liveTime,
  priceAxis,
  volumeAxis,
  instrument,
  type,
  overlays,
  marks,
  width,
  height,
}: CandleChartProps) {
  const volumeHeight = volumeHeightOf(height);
  const plot = useMemo<Plot>(
    () => ({ points, data: liveTime === undefined ? points : [...points, { time: liveTime }] }),
    [points, liveTime],
  );
  // A candle close redraws both recharts charts; the volume pane follows a frame later, so the close costs two
  // tasks of about half the size instead of one long one. Its axis moves with it so the bars fit their axis.
  const volume = useNextFrame(useMemo(() => ({ plot, axis: volumeAxis }), [plot, volumeAxis]));

  return (
    <div className={`candle-chart candle-chart--${type}`} data-type={type} data-candles={plot.data.length}>
      <PricePane
        symbol={symbol}
        interval={interval}
        instrument={instrument}
        plot={plot}
        axis={priceAxis}
        type={type}
        overlays={overlays}
        marks={marks}
        width={width}
        height={height - volumeHeight}
      />
      <VolumePane
        symbol={symbol}
        interval={interval}
        instrument={instrument}
        plot={volume.plot}
        axis={volume.axis}
        width={width}
        height={volumeHeight}
      />
    </div>
  );
});

interface PaneProps {
  symbol: string;
  interval: CandleInterval;
  instrument: Instrument;
  plot: Plot;
  axis: Axis;
  width: number;
  height: number;
}

interface PricePaneProps extends PaneProps {
  type: ChartType;
  overlays: readonly OverlayLine[];
  marks: readonly ChartMark[];
}

const PricePane = memo(function PricePane({
  symbol,
  interval,
  instrument,
  plot,
  axis,
  type,
  overlays,
  marks,
  width,
  height,
}: PricePaneProps) {
  const precision = instrument.spec.pricePrecision;
  const { points, data } = plot;
  const live = data.length > points.length;
  const tooltip = useCallback(
    ({ active, activeIndex }: TooltipContentProps) => (
      <CandleTooltip
        active={active}
        index={activeIndex}
        points={points}
        symbol={symbol}
        interval={interval}
        instrument={instrument}
      />
    ),
    [points, symbol, interval, instrument],
  );
  const priceLabel = useCallback((v: number) => formatDecimal(v.toFixed(precision), precision), [precision]);

  return (
    <BarChart
      width={width}
      height={height}
      data={plot.data}
      syncId="price"
      barCategoryGap={BAR_CATEGORY_GAP}
      margin={PRICE_MARGIN}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={GRID} vertical={false} />
      {/* Every axis gets interval={0}: its ticks are chosen here, and recharts' own thinning measures text. */}
      <XAxis dataKey="time" hide interval={0} />
      <YAxis
        orientation="right"
        width={AXIS_WIDTH}
        domain={axis.domain}
        ticks={axis.ticks}
        interval={0}
        tick={AXIS_STYLE}
        axisLine={false}
        tickLine={false}
        tickFormatter={priceLabel}
      />
      {/* filterNull off: the live slot has no value for recharts (LiveCandle draws it), and a tooltip whose payload
          is all empty stays hidden. */}
      <Tooltip content={tooltip} cursor={CURSOR} filterNull={false} isAnimationActive={false} />
      {/* Candles are not a recharts <Bar> (see CandleLayers.tsx), but a chart with no series draws no axes: an
          invisible area of closes stands in, one <path> where a <Bar> costs components per candle. Not a <Line>,
          which measures its path (getTotalLength) on every render and so forces a layout. */}
      <Area dataKey="close" {...AXIS_STAND_IN} />
      {type === 'candles' ? (
        <ClosedCandles points={points} layout={LAYOUT} />
      ) : (
        <ClosedLine points={points} area={type === 'area'} baseline={axis.domain[0]} />
      )}
      {overlays.length > 0 ? <OverlayLines points={points} overlays={overlays} /> : null}
      {marks.length > 0 ? (
        <MarkLines marks={marks} slots={data} intervalMs={INTERVAL_MS[interval]} height={height} />
      ) : null}
      {live && type === 'candles' ? (
        <LiveCandle symbol={symbol} interval={interval} instrument={instrument} layout={LAYOUT} />
      ) : null}
      {live && type !== 'candles' ? (
        <LiveLine
          symbol={symbol}
          interval={interval}
          instrument={instrument}
          layout={LAYOUT}
          from={points.at(-1)}
          area={type === 'area'}
          baseline={axis.domain[0]}
        />
      ) : null}
      <LastPrice
        symbol={symbol}
        interval={interval}
        instrument={instrument}
        right={width - AXIS_WIDTH}
        axisWidth={AXIS_WIDTH}
        domain={axis.domain}
      />
      <PresenterHighlight symbol={symbol} right={width - AXIS_WIDTH} domain={axis.domain} />
    </BarChart>
  );
});

const VolumePane = memo(function VolumePane({ symbol, interval, instrument, plot, axis, width, height }: PaneProps) {
  const { points, data } = plot;
  const intervalMs = INTERVAL_MS[interval];
  const base = instrument.spec.base;
  // The unit rides on the top label only: "1.2K BTC" says what every bar counts without crowding the small pane.
  const volumeLabel = useCallback(
    (v: number) => (v === axis.domain[1] ? `${formatCompact(v)} ${base}` : formatCompact(v)),
    [axis, base],
  );
  const seconds = intervalMs < 60_000;
  const times = useMemo(
    () =>
      timeTicks(
        data.map((d) => d.time),
        intervalMs,
        width - AXIS_WIDTH - MARGIN_LEFT,
        seconds ? TIME_LABEL_SPACING.seconds : TIME_LABEL_SPACING.minutes,
      ),
    [data, intervalMs, width, seconds],
  );

  return (
    <BarChart
      width={width}
      height={height}
      data={data}
      syncId="price"
      barCategoryGap={BAR_CATEGORY_GAP}
      margin={VOLUME_MARGIN}
      accessibilityLayer={false}
    >
      <XAxis
        dataKey="time"
        height={20}
        tick={AXIS_STYLE}
        tickFormatter={axisTimeFormat(interval)}
        ticks={times}
        interval={0}
        axisLine={AXIS_LINE}
        tickLine={false}
      />
      <YAxis
        orientation="right"
        width={AXIS_WIDTH}
        domain={axis.domain}
        ticks={axis.ticks}
        interval={0}
        tick={AXIS_STYLE}
        axisLine={false}
        tickLine={false}
        tickFormatter={volumeLabel}
      />
      {/* The volume pane shares the price pane's cursor (syncId) but not its tooltip. */}
      <Tooltip content={noTooltip} cursor={CURSOR} isAnimationActive={false} />
      {/* As in the price pane, an invisible area stands in for the series a chart needs to draw its axes; the bars are
          ClosedVolumes, one component for them all where a <Bar> renders several per bar. */}
      <Area dataKey="volume" {...AXIS_STAND_IN} />
      <ClosedVolumes points={points} layout={LAYOUT} />
      {data.length > points.length ? (
        <LiveVolume symbol={symbol} interval={interval} instrument={instrument} layout={LAYOUT} />
      ) : null}
    </BarChart>
  );
});

const noTooltip = (): ReactNode => null;
