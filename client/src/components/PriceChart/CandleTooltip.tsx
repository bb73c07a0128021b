// The price pane's tooltip: open, high, low, close and volume of the hovered candle, live while it is the newest.

import type { Instrument } from '@tickline/shared';
import type { ReactNode } from 'react';
import { useLiveCandle } from '../../hooks/useCandles.ts';
import { formatCompact, formatTime } from '../format.ts';
import { toChartPoint, type ChartPoint } from './chart-points.ts';

interface CandleTooltipProps {
  active: boolean | undefined;
  /** recharts' index of the hovered slot; one past the closed candles is the live one. */
  index: unknown;
  points: readonly ChartPoint[];
  symbol: string;
  instrument: Instrument;
}

export function CandleTooltip({ active, index, points, symbol, instrument }: CandleTooltipProps): ReactNode {
  if (!active || index == null) return null;
  const at = Number(index);
  const precision = instrument.spec.pricePrecision;
  if (at === points.length) return <LiveTooltip symbol={symbol} instrument={instrument} />;
  const point = points[at];
  return point ? <TooltipBody point={point} precision={precision} /> : null;
}

/** Subscribes to the live candle only while it is hovered, so the tooltip follows its trades. */
function LiveTooltip({ symbol, instrument }: { symbol: string; instrument: Instrument }): ReactNode {
  const candle = useLiveCandle(symbol);
  return candle ? (
    <TooltipBody point={toChartPoint(candle, instrument)} precision={instrument.spec.pricePrecision} />
  ) : null;
}

function TooltipBody({ point, precision }: { point: ChartPoint; precision: number }): ReactNode {
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
