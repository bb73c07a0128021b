// The depth chart: cumulative bids and asks as stepped areas either side of the mid, labelled in words as well as
// colour. Memoized on the book view, which the store keeps as the same object while the book is unchanged, so an
// unchanged book draws nothing.

import type { Instrument, Ticks } from '@tickline/shared';
import { memo, useMemo } from 'react';
import { Area, AreaChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import { useElementSize } from '../../hooks/useElementSize.ts';
import type { BookView } from '../../market/book-view.ts';
import { depthSeries } from './depth-series.ts';
import './DepthChart.css';
import { formatDecimal, formatPrice } from '../format.ts';

interface DepthChartProps {
  view: BookView;
  instrument: Instrument;
  /** Plot size in pixels; measured from the space given when absent (tests and jsdom, which has no layout, pass it). */
  width?: number;
  height?: number;
}

const MARGIN = { top: 4, right: 0, bottom: 0, left: 0 };

export const DepthChart = memo(function DepthChart({ view, instrument, width, height }: DepthChartProps) {
  const series = useMemo(() => depthSeries(view), [view]);
  const [plotRef, measured] = useElementSize<HTMLDivElement>();
  const plotWidth = width ?? measured.width;
  const plotHeight = height ?? measured.height;
  const xDomain = useMemo(() => (series ? [series.domain[0], series.domain[1]] : [0, 1]), [series]);
  const yDomain = useMemo(() => [0, Math.max(1, series?.maxDepth ?? 1)], [series]);

  return (
    <div
      className="depth-chart"
      data-testid="depth-chart"
      data-bid-levels={view.bids.length}
      data-ask-levels={view.asks.length}
    >
      <div className="depth-chart__legend">
        <span className="depth-chart__key depth-chart__key--bid">
          Bids <span className="num">{series ? instrument.formatSize(series.bidDepth) : '—'}</span>
        </span>
        <span className="depth-chart__mid" data-testid="depth-mid">
          Mid <span className="num">{view.mid === null ? '—' : formatMid(view.mid, instrument)}</span>
        </span>
        <span className="depth-chart__key depth-chart__key--ask">
          <span className="num">{series ? instrument.formatSize(series.askDepth) : '—'}</span> Asks
        </span>
      </div>
      <div className="depth-chart__plot" ref={plotRef} aria-hidden="true">
        {series && plotWidth > 0 && plotHeight > 0 ? (
          <AreaChart
            width={plotWidth}
            height={plotHeight}
            data={series.points as object[]}
            margin={MARGIN}
            // The text above says what the picture shows; a keyboard stop inside a hidden picture would be a trap.
            accessibilityLayer={false}
          >
            <XAxis dataKey="price" type="number" domain={xDomain} allowDataOverflow hide />
            <YAxis type="number" domain={yDomain} allowDataOverflow hide />
            {/* Bids step down towards the mid (the size at a price is all bids at or above it); asks step up. */}
            <Area
              className="depth-chart__bids"
              dataKey="bids"
              type="stepBefore"
              isAnimationActive={false}
              dot={false}
              activeDot={false}
              legendType="none"
            />
            <Area
              className="depth-chart__asks"
              dataKey="asks"
              type="stepAfter"
              isAnimationActive={false}
              dot={false}
              activeDot={false}
              legendType="none"
            />
            <ReferenceLine x={series.centre} className="depth-chart__mid-line" ifOverflow="hidden" />
          </AreaChart>
        ) : null}
        {series ? null : <p className="depth-chart__empty">No depth yet</p>}
      </div>
      {series ? (
        <div className="depth-chart__range num" aria-hidden="true">
          <span>{formatMid(series.domain[0], instrument)}</span>
          <span>{formatMid(series.domain[1], instrument)}</span>
        </div>
      ) : null}
    </div>
  );
});

/** A price in ticks that may fall between ticks (a mid, a range edge): one more digit then. */
function formatMid(ticks: number, instrument: Instrument): string {
  if (Number.isInteger(ticks)) return formatPrice(instrument, ticks as Ticks);
  const half = (instrument.priceValue((ticks * 2) as Ticks) / 2).toFixed(instrument.spec.pricePrecision + 1);
  return formatDecimal(half, instrument.spec.pricePrecision + 1);
}
