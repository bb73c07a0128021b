// The depth chart: cumulative bids and asks as stepped areas either side of the mid, labelled in words as well as
// colour. Memoized on the book view, which the store keeps as the same object while the book is unchanged, so an
// unchanged book draws nothing; a changed one is drawn as plain SVG paths in one commit (see depth-paths.ts).

import type { Instrument, Ticks } from '@tickline/shared';
import { memo, useMemo } from 'react';
import { useElementSize } from '../../hooks/useElementSize.ts';
import type { BookView } from '../../market/book-view.ts';
import { DEPTH_TOP_MARGIN, depthPaths, type SidePaths } from './depth-paths.ts';
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

export const DepthChart = memo(function DepthChart({ view, instrument, width, height }: DepthChartProps) {
  const series = useMemo(() => depthSeries(view), [view]);
  const [plotRef, measured] = useElementSize<HTMLDivElement>();
  const plotWidth = width ?? measured.width;
  const plotHeight = height ?? measured.height;
  const paths = useMemo(
    () => (series && plotWidth > 0 && plotHeight > 0 ? depthPaths(series, plotWidth, plotHeight) : null),
    [series, plotWidth, plotHeight],
  );

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
        {paths ? (
          <svg className="depth-chart__svg" width={plotWidth} height={plotHeight}>
            <DepthSide className="depth-chart__bids" paths={paths.bids} />
            <DepthSide className="depth-chart__asks" paths={paths.asks} />
            <g className="depth-chart__mid-line">
              <line x1={paths.midX} x2={paths.midX} y1={DEPTH_TOP_MARGIN} y2={plotHeight} />
            </g>
          </svg>
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

function DepthSide({ className, paths }: { className: string; paths: SidePaths | null }) {
  if (!paths) return null;
  return (
    <g className={className}>
      <path className="depth-chart__area" d={paths.area} />
      <path className="depth-chart__edge" d={paths.edge} />
    </g>
  );
}

/** A price in ticks that may fall between ticks (a mid, a range edge): one more digit then. */
function formatMid(ticks: number, instrument: Instrument): string {
  if (Number.isInteger(ticks)) return formatPrice(instrument, ticks as Ticks);
  const half = (instrument.priceValue((ticks * 2) as Ticks) / 2).toFixed(instrument.spec.pricePrecision + 1);
  return formatDecimal(half, instrument.spec.pricePrecision + 1);
}
