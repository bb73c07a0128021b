// The chart's side of following a presenter's zoom: a presenter's chart reports its zoom and pan to the room (the
// link sends it with the view), and a follower's chart takes the presenter's each time a view carrying one arrives;
// the follower may zoom on their own in between.

import { useEffect } from 'react';
import type { Viewport } from '../../chart/viewport.ts';
import { usePresenterLink, usePresenterState } from '../../presenter/presenter-context.ts';
import { followedZoom } from '../../presenter/presenter-link.ts';
import type { ViewportChange } from './useChartViewport.ts';

export function usePresenterZoom(
  symbol: string,
  interval: string,
  viewport: Viewport,
  change: (step: ViewportChange) => void,
): void {
  const link = usePresenterLink();
  const presenter = usePresenterState();
  const { broadcasting } = presenter;
  const { span, end } = viewport;

  useEffect(() => {
    if (broadcasting) link?.setZoom({ span, end });
  }, [link, broadcasting, span, end]);

  const zoom = followedZoom(presenter, symbol, interval);
  useEffect(() => {
    if (zoom) change(() => ({ span: zoom.span, end: zoom.end }));
  }, [zoom, change]);
}
