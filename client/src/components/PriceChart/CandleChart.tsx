// The plot itself: candlesticks over a volume pane, both recharts charts, both sized explicitly by the caller.
// recharts redraws every bar of a chart whenever anything in it changes, and the live candle changes on every trade,
// so the work is split: this memoized layer (axes, grid, tooltip, volume bars) re-renders only when a candle closes or
// an axis moves; the candles are drawn by CandleLayers, the live candle and its volume bar by components that
// subscribe to it themselves.

import type { Instrument } from '@tickline/shared';
import { memo, useCallback, useMemo, type ReactNode } from 'react';
import { Area, Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { TooltipContentProps } from 'recharts';
import { formatClock, formatCompact, formatTime } from '../format.ts';
import { volumeShape } from './candle-shapes.tsx';
import { timeTicks, type Axis } from './chart-axes.ts';
import type { ChartPoint } from './chart-points.ts';
import { CandleTooltip } from './CandleTooltip.tsx';
import { useNextFrame } from './useNextFrame.ts';
import { ClosedCandles, LiveCandle, LiveVolume, type BarLayout } from './CandleLayers.tsx';

interface CandleChartProps {
  symbol: string;
  /** The closed candles, oldest first. */
  points: readonly ChartPoint[];
  /** Start of the live candle, which takes the slot after the closed ones; undefined before the first trade. */
  liveTime: number | undefined;
  priceAxis: Axis;
  volumeAxis: Axis;
  instrument: Instrument;
  /** Candle length: a chart of seconds-long candles labels its time axis to the second. */
  intervalMs: number;
  width: number;
  height: number;
}

const AXIS_WIDTH = 76;
const AXIS_STYLE = { fill: '#6b7785', fontSize: 11 };
const GRID = '#1c222b';
const AXIS_LINE = { stroke: GRID };
const CURSOR = { fill: 'rgba(255,255,255,0.04)', stroke: 'none' };
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
  points,
  liveTime,
  priceAxis,
  volumeAxis,
  instrument,
  intervalMs,
  width,
  height,
}: CandleChartProps) {
  const volumeHeight = Math.round(height * VOLUME_SHARE);
  const plot = useMemo<Plot>(
    () => ({ points, data: liveTime === undefined ? points : [...points, { time: liveTime }] }),
    [points, liveTime],
  );
  // A candle close redraws both recharts charts; the volume pane follows a frame later, so the close costs two
  // tasks of about half the size instead of one long one. Its axis moves with it so the bars fit their axis.
  const volume = useNextFrame(useMemo(() => ({ plot, axis: volumeAxis }), [plot, volumeAxis]));

  return (
    <div className="candle-chart">
      <PricePane
        symbol={symbol}
        instrument={instrument}
        plot={plot}
        axis={priceAxis}
        width={width}
        height={height - volumeHeight}
      />
      <VolumePane
        symbol={symbol}
        instrument={instrument}
        plot={volume.plot}
        axis={volume.axis}
        intervalMs={intervalMs}
        width={width}
        height={volumeHeight}
      />
    </div>
  );
});

interface PaneProps {
  symbol: string;
  instrument: Instrument;
  plot: Plot;
  axis: Axis;
  width: number;
  height: number;
}

const PRICE_MARGIN = { top: 8, right: 0, bottom: 0, left: MARGIN_LEFT };
const VOLUME_MARGIN = { top: 4, right: 0, bottom: 0, left: MARGIN_LEFT };

const PricePane = memo(function PricePane({ symbol, instrument, plot, axis, width, height }: PaneProps) {
  const precision = instrument.spec.pricePrecision;
  const { points } = plot;
  const tooltip = useCallback(
    ({ active, activeIndex }: TooltipContentProps) => (
      <CandleTooltip active={active} index={activeIndex} points={points} symbol={symbol} instrument={instrument} />
    ),
    [points, symbol, instrument],
  );
  const priceLabel = useCallback((v: number) => v.toFixed(precision), [precision]);

  return (
    <BarChart
      width={width}
      height={height}
      data={plot.data}
      syncId="price"
      barCategoryGap={BAR_CATEGORY_GAP}
      margin={PRICE_MARGIN}
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
      <Area
        dataKey="close"
        stroke="none"
        fill="none"
        dot={false}
        activeDot={false}
        legendType="none"
        isAnimationActive={false}
      />
      <ClosedCandles points={points} layout={LAYOUT} />
      <LiveCandle symbol={symbol} instrument={instrument} layout={LAYOUT} />
    </BarChart>
  );
});

const VolumePane = memo(function VolumePane({
  symbol,
  instrument,
  plot,
  axis,
  intervalMs,
  width,
  height,
}: PaneProps & { intervalMs: number }) {
  const { points, data } = plot;
  // The volume shape reads its candle by index from `points`, so it never touches recharts' untyped payload; the live
  // slot's index is past the end, so it draws nothing there.
  const volume = useCallback((props: BarShapeProps) => closedVolume(props, points[props.index]), [points]);
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
    >
      <XAxis
        dataKey="time"
        height={20}
        tick={AXIS_STYLE}
        tickFormatter={seconds ? formatTime : formatClock}
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
        tickFormatter={formatCompact}
      />
      {/* The volume pane shares the price pane's cursor (syncId) but not its tooltip. */}
      <Tooltip content={noTooltip} cursor={CURSOR} isAnimationActive={false} />
      <Bar dataKey="volume" shape={volume} maxBarSize={MAX_BAR} isAnimationActive={false} />
      <LiveVolume symbol={symbol} instrument={instrument} layout={LAYOUT} />
    </BarChart>
  );
});

const noTooltip = (): ReactNode => null;

function closedVolume(props: BarShapeProps, point: ChartPoint | undefined): ReactNode {
  return point ? volumeShape(props, point.up) : null;
}
