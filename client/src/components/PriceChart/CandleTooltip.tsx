// The price pane's tooltip: open, high, low, close and volume of the hovered candle, live while it is the newest.

import type { CandleInterval, Instrument } from '@tickline/shared';
import type { ReactNode } from 'react';
import { useLiveChartCandle } from '../../hooks/useChartSeries.ts';
import { formatCompact, formatDecimal, formatTime } from '../format.ts';
import { toChartPoint, type ChartPoint } from './chart-points.ts';

interface CandleTooltipProps {
  active: boolean | undefined;
  /** recharts' index of the hovered slot; one past the closed candles is the live one. */
  index: unknown;
  points: readonly ChartPoint[];
  symbol: string;
  interval: CandleInterval;
  instrument: Instrument;
}

export function CandleTooltip({ active, index, points, symbol, interval, instrument }: CandleTooltipProps): ReactNode {
  if (!active || index == null) return null;
  const at = Number(index);
  const precision = instrument.spec.pricePrecision;
  if (at === points.length) return <LiveTooltip symbol={symbol} interval={interval} instrument={instrument} />;
  const point = points[at];
  return point ? <TooltipBody point={point} precision={precision} /> : null;
}

/** Subscribes to the live candle only while it is hovered, so the tooltip follows its trades. */
function LiveTooltip({ symbol, interval, instrument }: Omit<CandleTooltipProps, 'active' | 'index' | 'points'>) {
  const candle = useLiveChartCandle(symbol, interval);
  return candle ? (
    <TooltipBody point={toChartPoint(candle, instrument)} precision={instrument.spec.pricePrecision} />
  ) : null;
}

function TooltipBody({ point, precision }: { point: ChartPoint; precision: number }): ReactNode {
  const rows: [string, string][] = [
    ['Open', formatDecimal(point.open.toFixed(precision), precision)],
    ['High', formatDecimal(point.high.toFixed(precision), precision)],
    ['Low', formatDecimal(point.low.toFixed(precision), precision)],
    ['Close', formatDecimal(point.close.toFixed(precision), precision)],
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
