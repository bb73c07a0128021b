// Which candles the chart shows: how many, and where its right edge is (the live candle unless the reader panned).

/**
 * The chart's window onto its series. Slots are numbered oldest first: the closed candles 0..n-1, then the live
 * candle at n. Anchored to live, the right edge follows new candles; panned, it stays on the candle at `end` (a time,
 * not an index, so candles arriving on the right or older pages arriving on the left do not move the view).
 */
export interface Viewport {
  /** Slots across the plot. */
  span: number;
  /** Start time of the newest closed candle on screen; null while anchored to live. */
  end: number | null;
}

/** Fewer candles than this cannot be read as a series; more than this costs more per frame than a screen can show. */
export const MIN_SPAN = 10;
export const MAX_SPAN = 480;
export const DEFAULT_SPAN = 120;

export const LIVE_VIEWPORT: Viewport = { span: DEFAULT_SPAN, end: null };

/** What a viewport puts on screen: closed candles [from, to), plus the live one when `live`. */
export interface VisibleRange {
  from: number;
  to: number;
  live: boolean;
  /** Slots the plot is divided into (the candles shown, or the span when the series is shorter). */
  slots: number;
}

/** The times of the closed candles, oldest first: what the viewport is measured against. */
export type SlotTimes = (index: number) => number;

interface Series {
  /** Closed candles loaded. */
  count: number;
  time: SlotTimes;
  /** Whether a live candle follows the closed ones. */
  hasLive: boolean;
}

export function visibleRange(viewport: Viewport, series: Series): VisibleRange {
  const right = rightSlot(viewport, series);
  const from = Math.max(0, right - viewport.span + 1);
  const live = series.hasLive && right === series.count;
  const to = Math.min(right + 1, series.count);
  return { from, to, live, slots: to - from + (live ? 1 : 0) };
}

/** Moves the view `candles` slots towards older candles (negative: towards live, which it snaps to when reached). */
export function pan(viewport: Viewport, candles: number, series: Series): Viewport {
  const last = lastSlot(series);
  const oldestRight = Math.min(last, viewport.span - 1);
  const right = clamp(rightSlot(viewport, series) - Math.round(candles), oldestRight, last);
  return atRight(viewport.span, right, series);
}

/**
 * Scales the span by `factor` (below 1 zooms in) keeping the candle at `focus` (0 = left edge, 1 = right edge of
 * the plot) under the same point, so a wheel zooms around the cursor. A view anchored to live stays anchored.
 */
export function zoom(viewport: Viewport, factor: number, focus: number, series: Series): Viewport {
  const span = clamp(Math.round(viewport.span * factor), MIN_SPAN, MAX_SPAN);
  if (span === viewport.span) return viewport;
  if (viewport.end === null) return { span, end: null };
  const f = clamp(focus, 0, 1);
  const right = rightSlot(viewport, series);
  const focused = right - (1 - f) * (viewport.span - 1);
  const next = Math.round(focused + (1 - f) * (span - 1));
  return atRight(span, clamp(next, Math.min(lastSlot(series), span - 1), lastSlot(series)), series);
}

/** The newest slot on screen. */
function rightSlot({ end }: Viewport, series: Series): number {
  if (end === null) return lastSlot(series);
  return Math.min(indexAtOrBefore(end, series), lastSlot(series));
}

function lastSlot({ count, hasLive }: Series): number {
  return hasLive ? count : count - 1;
}

function atRight(span: number, right: number, series: Series): Viewport {
  if (right >= lastSlot(series) || right < 0) return { span, end: null };
  return { span, end: series.time(right) };
}

/** The last closed candle starting at or before `time` (0 when all start after it): a binary search. */
function indexAtOrBefore(time: number, { count, time: at }: Series): number {
  let lo = 0;
  let hi = count - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (at(mid) <= time) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const clamp = (n: number, low: number, high: number): number => Math.min(high, Math.max(low, n));
