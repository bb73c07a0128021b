import { describe, expect, it } from 'vitest';
import { LIVE_VIEWPORT, MAX_SPAN, MIN_SPAN, pan, visibleRange, zoom, type Viewport } from './viewport.ts';

/** `count` closed candles a minute apart from t=0, and a live one after them. */
const series = (count: number, hasLive = true) => ({ count, time: (i: number) => i * 60_000, hasLive });

describe('visibleRange', () => {
  it('anchored to live, shows the newest closed candles and the live one', () => {
    expect(visibleRange({ span: 10, end: null }, series(100))).toEqual({ from: 91, to: 100, live: true, slots: 10 });
  });

  it('shows the whole series when it is shorter than the span', () => {
    expect(visibleRange({ span: 10, end: null }, series(4))).toEqual({ from: 0, to: 4, live: true, slots: 5 });
    expect(visibleRange({ span: 10, end: null }, series(0, false))).toEqual({ from: 0, to: 0, live: false, slots: 0 });
  });

  it('panned, ends at the candle it was left on even when candles arrive on either side', () => {
    const view: Viewport = { span: 10, end: 50 * 60_000 };
    expect(visibleRange(view, series(100))).toEqual({ from: 41, to: 51, live: false, slots: 10 });
    expect(visibleRange(view, series(200))).toEqual({ from: 41, to: 51, live: false, slots: 10 });
    // Twenty older candles prepended: the same times sit twenty places further on.
    const prepended = { count: 120, time: (i: number) => (i - 20) * 60_000, hasLive: true };
    expect(visibleRange(view, prepended)).toEqual({ from: 61, to: 71, live: false, slots: 10 });
  });
});

describe('pan', () => {
  it('moves towards older candles and remembers the candle at the right edge', () => {
    expect(pan({ span: 10, end: null }, 5, series(100))).toEqual({ span: 10, end: 95 * 60_000 });
  });

  it('stops with the oldest candle at the left edge', () => {
    expect(pan({ span: 10, end: null }, 500, series(100))).toEqual({ span: 10, end: 9 * 60_000 });
  });

  it('snaps back to live when panned to the newest slot or past it', () => {
    expect(pan({ span: 10, end: 95 * 60_000 }, -5, series(100))).toEqual({ span: 10, end: null });
    expect(pan({ span: 10, end: 95 * 60_000 }, -50, series(100))).toEqual({ span: 10, end: null });
  });

  it('stays live when the whole series fits on screen', () => {
    expect(pan({ span: 10, end: null }, 3, series(5))).toEqual({ span: 10, end: null });
  });
});

describe('zoom', () => {
  it('keeps a live view anchored to live and bounds the span', () => {
    expect(zoom(LIVE_VIEWPORT, 0.5, 0.3, series(500))).toEqual({ span: LIVE_VIEWPORT.span / 2, end: null });
    expect(zoom({ span: 12, end: null }, 0.1, 1, series(500)).span).toBe(MIN_SPAN);
    expect(zoom({ span: 400, end: null }, 10, 1, series(500)).span).toBe(MAX_SPAN);
  });

  it('keeps the candle under the cursor in place', () => {
    // Slots 81..100 on screen; the cursor in the middle is over slot 90.5; half the span keeps it in the middle.
    const view = { span: 20, end: 100 * 60_000 };
    const zoomed = zoom(view, 0.5, 0.5, series(500));
    expect(zoomed.span).toBe(10);
    const range = visibleRange(zoomed, series(500));
    expect((range.from + range.to - 1) / 2).toBeCloseTo(90.5, 0);
  });

  it('zooming around the right edge keeps the right edge', () => {
    const view = { span: 20, end: 100 * 60_000 };
    expect(zoom(view, 2, 1, series(500))).toEqual({ span: 40, end: 100 * 60_000 });
  });

  it('returns the same viewport when the span cannot change', () => {
    const view = { span: MIN_SPAN, end: null };
    expect(zoom(view, 0.5, 0.5, series(100))).toBe(view);
  });
});
