// The chart's viewport as React state: back to live when the symbol or interval changes (keeping the zoom), and
// changed by steps that read the series as it is when they run.

import { useCallback, useEffect, useRef, useState } from 'react';
import { LIVE_VIEWPORT, type Viewport } from '../../chart/viewport.ts';

/** What a step reads about the series: see viewport.ts. */
export interface SeriesShape {
  count: number;
  time(index: number): number;
  hasLive: boolean;
}

export type ViewportChange = (viewport: Viewport, series: SeriesShape) => Viewport;

export function useChartViewport(
  key: string,
  series: SeriesShape,
): [viewport: Viewport, change: (step: ViewportChange) => void] {
  const [state, setState] = useState({ key, viewport: LIVE_VIEWPORT });
  const viewport = state.key === key ? state.viewport : live(state.viewport);
  // Steps run in a state updater, after this render: they read the series as last rendered.
  const latest = useRef(series);
  useEffect(() => {
    latest.current = series;
  });
  const change = useCallback(
    (step: ViewportChange) =>
      setState((current) => {
        const from = current.key === key ? current.viewport : live(current.viewport);
        const next = step(from, latest.current);
        return sameViewport(next, from) && current.key === key ? current : { key, viewport: next };
      }),
    [key],
  );
  return [viewport, change];
}

const live = (viewport: Viewport): Viewport => (viewport.end === null ? viewport : { ...viewport, end: null });

const sameViewport = (a: Viewport, b: Viewport): boolean => a.span === b.span && a.end === b.end;
