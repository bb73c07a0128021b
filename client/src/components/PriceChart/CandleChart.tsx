// The plot itself: candlesticks over a volume pane, both recharts, both sized explicitly by the caller.

import type { Instrument, Ticks } from '@tickline/shared';
import { useCallback, useMemo, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { TooltipContentProps } from 'recharts';
import { formatClock, formatCompact, formatTime } from '../format.ts';
import { priceAxis, type ChartPoint } from './chart-points.ts';

interface CandleChartProps {
  points: readonly ChartPoint[];
  instrument: Instrument;
  /** Candle length: a chart of seconds-long candles labels its time axis to the second. */
  intervalMs: number;
  width: number;
  height: number;
}

const AXIS_WIDTH = 76;
const AXIS_STYLE = { fill: '#6b7785', fontSize: 11 };
const GRID = '#1c222b';
const CURSOR = { fill: 'rgba(255,255,255,0.04)', stroke: 'none' };
/** Widest candle in pixels: a young series of a few candles should not draw slabs. */
const MAX_BAR = 14;
/** The volume pane's share of the height: enough to read, small enough not to crowd the prices. */
const VOLUME_SHARE = 0.2;

export function CandleChart({ points, instrument, intervalMs, width, height }: CandleChartProps) {
  const precision = instrument.spec.pricePrecision;
  const tick = instrument.priceValue(1 as Ticks);
  const axis = useMemo(() => priceAxis(points, tick), [points, tick]);
  const volumeHeight = Math.round(height * VOLUME_SHARE);
  const priceHeight = height - volumeHeight;

  // Shapes read their candle by index from `points`, so they never touch recharts' untyped payload.
  const candle = useMemo(() => (props: BarShapeProps) => candleShape(props, points[props.index]), [points]);
  const volume = useMemo(() => (props: BarShapeProps) => volumeShape(props, points[props.index]), [points]);
  const tooltip = useMemo(
    () => (props: TooltipContentProps) => tooltipContent(props, points, precision),
    [points, precision],
  );

  const priceLabel = useCallback((v: number) => v.toFixed(precision), [precision]);
  const timeLabel = intervalMs < 60_000 ? formatTime : formatClock;

  return (
    <div className="candle-chart">
      <BarChart
        width={width}
        height={priceHeight}
        data={points}
        syncId="price"
        barCategoryGap="20%"
        margin={{ top: 8, right: 0, bottom: 0, left: 8 }}
      >
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="time" hide />
        <YAxis
          orientation="right"
          width={AXIS_WIDTH}
          domain={axis.domain}
          ticks={axis.ticks}
          tick={AXIS_STYLE}
          axisLine={false}
          tickLine={false}
          tickFormatter={priceLabel}
        />
        <Tooltip content={tooltip} cursor={CURSOR} isAnimationActive={false} />
        <Bar dataKey="range" shape={candle} maxBarSize={MAX_BAR} isAnimationActive={false} />
      </BarChart>
      <BarChart
        width={width}
        height={volumeHeight}
        data={points}
        syncId="price"
        barCategoryGap="20%"
        margin={{ top: 4, right: 0, bottom: 0, left: 8 }}
      >
        <XAxis
          dataKey="time"
          height={20}
          tick={AXIS_STYLE}
          tickFormatter={timeLabel}
          minTickGap={48}
          axisLine={{ stroke: GRID }}
          tickLine={false}
        />
        <YAxis
          orientation="right"
          width={AXIS_WIDTH}
          tick={AXIS_STYLE}
          tickCount={3}
          axisLine={false}
          tickLine={false}
          tickFormatter={formatCompact}
        />
        {/* The volume pane shares the price pane's cursor (syncId) but not its tooltip. */}
        <Tooltip content={noTooltip} cursor={CURSOR} isAnimationActive={false} />
        <Bar dataKey="volume" shape={volume} maxBarSize={MAX_BAR} isAnimationActive={false} />
      </BarChart>
    </div>
  );
}

const noTooltip = (): ReactNode => null;

function candleShape({ x, y, width, height }: BarShapeProps, point: ChartPoint | undefined): ReactNode {
  if (!point) return null;
  // The range bar spans low..high in pixels; open and close are placed inside it by proportion.
  const top = Math.min(y, y + height);
  const bottom = top + Math.abs(height);
  const range = point.high - point.low;
  const at = (value: number) => (range > 0 ? top + ((point.high - value) / range) * (bottom - top) : top);
  const bodyTop = Math.min(at(point.open), at(point.close));
  const bodyHeight = Math.max(1, Math.abs(at(point.open) - at(point.close)));
  const center = round(x + width / 2);
  const bodyWidth = Math.max(1, round(width));
  const left = round(center - bodyWidth / 2);
  // One path per candle: wick above, body (filled), wick below; the open wick segments take no fill.
  const d =
    `M${center},${round(top)}V${round(bodyTop)}` +
    `M${left},${round(bodyTop)}h${bodyWidth}v${round(bodyHeight)}h${-bodyWidth}Z` +
    `M${center},${round(bodyTop + bodyHeight)}V${round(bottom)}`;
  return <path className={point.up ? 'candle candle--up' : 'candle candle--down'} d={d} />;
}

const round = (n: number): number => Math.round(n * 10) / 10;

function volumeShape({ x, y, width, height }: BarShapeProps, point: ChartPoint | undefined): ReactNode {
  if (!point || !(Math.abs(height) > 0)) return null;
  return (
    <rect className={point.up ? 'volume-bar volume-bar--up' : 'volume-bar volume-bar--down'}
      x={x} y={Math.min(y, y + height)} width={Math.max(1, width)} height={Math.abs(height)} />
  );
}

function tooltipContent(
  { active, activeIndex }: TooltipContentProps,
  points: readonly ChartPoint[],
  precision: number,
): ReactNode {
  const point = active && activeIndex != null ? points[Number(activeIndex)] : undefined;
  if (!point) return null;
  const rows: [string, string][] = [
    ['Open', point.open.toFixed(precision)],
    ['High', point.high.toFixed(precision)],
    ['Low', point.low.toFixed(precision)],
    ['Close', point.close.toFixed(precision)],
    ['Volume', formatCompact(point.volume)],
  ];
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__time num">{formatTime(point.time)}</div>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className="num">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
