// Everything the pointer and keyboard do on the chart: the crosshair with its price and time labels, wheel and pinch
// zoom, drag and arrow-key pan, a click that picks the price under the pointer for the order ticket, and a
// right-click that asks for a price alert. It wraps the recharts panes (so their
// tooltip still sees the pointer) and only its own crosshair re-renders as the pointer moves.

import type { Instrument } from '@tickline/shared';
import {
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';
import { requestAlert } from '../../alerts/alert-requests.ts';
import {
  focusAt,
  plotRight,
  priceAt,
  slotAt,
  slotCenter,
  slotWidth,
  yOf,
  type PlotGeometry,
} from '../../chart/plot-geometry.ts';
import { LIVE_VIEWPORT, pan, zoom, type Viewport } from '../../chart/viewport.ts';
import { pickPrice } from '../../market/price-picks.ts';
import type { ViewportChange } from './useChartViewport.ts';
import './PointerLayer.css';
import { formatPrice as formatInstrumentPrice } from '../format.ts';
import { chartKeyAction } from '../../workspace/shortcuts.ts';

interface PointerLayerProps {
  symbol: string;
  instrument: Instrument;
  geometry: PlotGeometry;
  /** Start time of the candle in a slot. */
  timeAt(slot: number): number | undefined;
  formatTime(time: number): string;
  viewport: Viewport;
  onViewport(change: ViewportChange): void;
  label: string;
  children: ReactNode;
}

/** One wheel notch (100 px of deltaY) zooms by this factor. */
const WHEEL_ZOOM = 1.15;
const KEY_ZOOM = 1.25;
/** Arrow keys pan a tenth of the screen, at least one candle. */
const KEY_PAN_SHARE = 0.1;

interface Drag {
  x: number;
  y: number;
  start: Viewport;
  /** Moved far enough to be a drag: letting go then is not a click. */
  moved: boolean;
}

/** How far the pointer may move between press and release and still be a click. */
const CLICK_SLOP_PX = 3;

interface Pinch {
  distance: number;
  focus: number;
  start: Viewport;
}

export function PointerLayer({
  symbol,
  instrument,
  geometry,
  timeAt,
  formatTime,
  viewport,
  onViewport,
  label,
  children,
}: PointerLayerProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ x: number; y: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const drag = useRef<Drag | null>(null);
  const pinch = useRef<Pinch | null>(null);
  const latest = useRef({ geometry, onViewport, viewport });
  useEffect(() => {
    latest.current = { geometry, onViewport, viewport };
  });

  // React's wheel listener is passive, so it cannot keep the page from scrolling: a native one can. A trackpad sends
  // many small deltas, each too small to move a whole candle, so they add up until they do.
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let zoomBy = 1;
    let panBy = 0;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const { geometry: g, onViewport: change, viewport: shown } = latest.current;
      if (Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        const band = slotWidth(g);
        if (!(band > 0)) return;
        // Scrolling right moves towards newer candles.
        panBy -= event.deltaX / band;
        const whole = Math.trunc(panBy);
        if (whole === 0) return;
        panBy -= whole;
        change((vp, series) => pan(vp, whole, series));
        return;
      }
      zoomBy *= WHEEL_ZOOM ** (wheelPixels(event) / 100);
      if (Math.round(shown.span * zoomBy) === shown.span) return;
      const factor = zoomBy;
      zoomBy = 1;
      const focus = focusAt(g, localPoint(element, event).x);
      change((vp, series) => zoom(vp, factor, focus, series));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    const at = localPoint(event.currentTarget, event);
    pointers.current.set(event.pointerId, at);
    event.currentTarget.setPointerCapture?.(event.pointerId);
    if (pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()] as [Point, Point];
      pinch.current = { distance: distance(a, b), focus: focusAt(geometry, (a.x + b.x) / 2), start: viewport };
      drag.current = null;
    } else if (pointers.current.size === 1) {
      drag.current = { x: at.x, y: at.y, start: viewport, moved: false };
    }
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const at = localPoint(event.currentTarget, event);
    setHover(at);
    if (!pointers.current.has(event.pointerId)) return;
    pointers.current.set(event.pointerId, at);
    const band = slotWidth(geometry);
    if (pinch.current && pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()] as [Point, Point];
      const { distance: from, focus, start } = pinch.current;
      const now = distance(a, b);
      if (now > 0) onViewport((_, series) => zoom(start, from / now, focus, series));
    } else if (drag.current && band > 0) {
      const { x, y, start } = drag.current;
      const moved = at.x - x;
      if (Math.abs(moved) >= CLICK_SLOP_PX) {
        drag.current.moved = true;
        setDragging(true);
      } else if (Math.abs(at.y - y) >= CLICK_SLOP_PX) {
        drag.current.moved = true;
      }
      // Dragging right brings older candles in from the left.
      onViewport((_, series) => pan(start, Math.round(moved / band), series));
    }
  };

  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    // A mouse click that did not drag picks the price under it for the order ticket. Not a tap: on a touch screen a
    // tap is how the crosshair is read, and the ticket sits on another tab there.
    const click = event.type === 'pointerup' && event.pointerType === 'mouse' && drag.current?.moved === false;
    if (click) {
      const price = priceAt(geometry, localPoint(event.currentTarget, event).y);
      if (price !== undefined) pickPrice({ symbol, priceTicks: instrument.toTicks(price) });
    }
    pointers.current.delete(event.pointerId);
    pinch.current = null;
    drag.current = null;
    setDragging(false);
    if (event.pointerType !== 'mouse') setHover(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = Math.max(1, Math.round(viewport.span * KEY_PAN_SHARE));
    let change: ViewportChange | undefined;
    const action = chartKeyAction(event.key);
    if (action === 'panOlder') change = (vp, series) => pan(vp, step, series);
    else if (action === 'panNewer') change = (vp, series) => pan(vp, -step, series);
    else if (action === 'zoomIn') change = (vp, series) => zoom(vp, 1 / KEY_ZOOM, 1, series);
    else if (action === 'zoomOut') change = (vp, series) => zoom(vp, KEY_ZOOM, 1, series);
    else if (action === 'live') change = (vp) => ({ ...LIVE_VIEWPORT, span: vp.span });
    if (!change) return;
    event.preventDefault();
    onViewport(change);
  };

  // Right-click at a price: an alert at that price (the form opens wherever the page shows it).
  const onContextMenu = (event: MouseEvent<HTMLDivElement>) => {
    const price = priceAt(geometry, localPoint(event.currentTarget, event).y);
    if (price === undefined) return;
    event.preventDefault();
    requestAlert({ symbol, priceTicks: instrument.toTicks(price) });
  };

  return (
    <div
      ref={ref}
      className={dragging ? 'chart-pointer is-dragging' : 'chart-pointer'}
      tabIndex={0}
      role="application"
      aria-roledescription="chart"
      aria-label={label}
      data-testid="chart-plot"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onPointerLeave={() => setHover(null)}
      onKeyDown={onKeyDown}
      onContextMenu={onContextMenu}
    >
      {children}
      {hover ? (
        <Crosshair
          at={hover}
          geometry={geometry}
          timeAt={timeAt}
          formatTime={formatTime}
          formatPrice={(price) => formatInstrumentPrice(instrument, instrument.toTicks(price))}
        />
      ) : null}
    </div>
  );
}

interface CrosshairProps {
  at: Point;
  geometry: PlotGeometry;
  timeAt(slot: number): number | undefined;
  formatTime(time: number): string;
  formatPrice(price: number): string;
}

/** Lines through the pointer (snapped to the candle it is over), its price on the price axis and time on the time axis. */
function Crosshair({ at, geometry, timeAt, formatTime, formatPrice }: CrosshairProps) {
  const slot = slotAt(geometry, at.x);
  const time = slot === undefined ? undefined : timeAt(slot);
  const price = priceAt(geometry, at.y);
  if (slot === undefined && price === undefined) return null;
  const x = slot === undefined ? undefined : slotCenter(geometry, slot);
  return (
    <div className="crosshair" aria-hidden="true">
      {x === undefined ? null : <div className="crosshair__v" style={{ left: x }} />}
      {price === undefined ? null : (
        <>
          <div className="crosshair__h" style={{ top: yOf(geometry, price), width: plotRight(geometry) }} />
          <div
            className="crosshair__label crosshair__label--price num"
            data-testid="crosshair-price"
            style={{ top: yOf(geometry, price), left: plotRight(geometry), width: geometry.axisWidth }}
          >
            {formatPrice(price)}
          </div>
        </>
      )}
      {x === undefined || time === undefined ? null : (
        <div className="crosshair__label crosshair__label--time num" data-testid="crosshair-time" style={{ left: x }}>
          {formatTime(time)}
        </div>
      )}
    </div>
  );
}

interface Point {
  x: number;
  y: number;
}

function localPoint(element: Element, event: { clientX: number; clientY: number }): Point {
  const rect = element.getBoundingClientRect();
  return { x: event.clientX - rect.left, y: event.clientY - rect.top };
}

const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

/** deltaY in pixels whatever the wheel reports in (lines or pages on some mice). */
function wheelPixels(event: WheelEvent): number {
  if (event.deltaMode === 1) return event.deltaY * 40;
  if (event.deltaMode === 2) return event.deltaY * 800;
  return event.deltaY;
}
