import { fireEvent, screen } from '@testing-library/react';
import { makeInstrument, type Candle, type Ticks } from '@tickline/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onAlertRequest, type AlertRequest } from '../../alerts/alert-requests.ts';
import { onPricePick, type PricePick } from '../../market/price-picks.ts';
import type { HistoryState } from '../../hooks/useChartSeries.ts';
import { BTC, candle, snapshot, T0, testMarket } from '../../test-support/fixtures.ts';
import { nextFrame, renderWithStore } from '../../test-support/render.tsx';
import { ChartPlot } from './ChartPlot.tsx';
import { DEFAULT_SETTINGS } from './ChartToolbar.tsx';

const MINUTE = 60_000;
const btc = makeInstrument(BTC);

/** `count` one-minute candles, the last of them live, drawn at 800 x 400 with the history in state `history`. */
function plot(count: number, history: HistoryState = 'complete') {
  const market = testMarket();
  const candles: Candle[] = Array.from({ length: count }, (_, i) => {
    const open = 6_425_000 + (i % 7) * 100;
    return candle(T0 + i * MINUTE, open, open + 150, open - 150, open + (i % 2 ? 60 : -60), 10_000);
  });
  market.store.applySnapshot(snapshot(BTC.symbol, { seq: 0, candles }));
  const loadOlder = vi.fn();
  renderWithStore(
    <ChartPlot
      symbol={BTC.symbol}
      interval="1m"
      instrument={btc}
      series={{ closed: candles.slice(0, -1), history, loadOlder }}
      settings={DEFAULT_SETTINGS}
      marks={[]}
      width={800}
      height={400}
    />,
    market.store,
  );
  nextFrame(market.frames);
  return { ...market, loadOlder, plot: screen.getByTestId('chart-plot') };
}

const drawn = () => Number(document.querySelector('.candle-chart')?.getAttribute('data-candles'));
const liveDrawn = () => document.querySelector('.candles--live path.candle') !== null;

let unsubscribe: (() => void) | undefined;
afterEach(() => unsubscribe?.());

describe('ChartPlot', () => {
  it('draws the newest candles that fit the default span, live candle last', () => {
    plot(300);
    expect(drawn()).toBe(120);
    expect(document.querySelectorAll('path.candle')).toHaveLength(120);
    expect(liveDrawn()).toBe(true);
  });

  it('zooms in and out with + and -, keeping the live candle on the right', () => {
    const { plot: chart } = plot(300);
    fireEvent.keyDown(chart, { key: '+' });
    expect(drawn()).toBe(96);
    expect(liveDrawn()).toBe(true);
    fireEvent.keyDown(chart, { key: '-' });
    fireEvent.keyDown(chart, { key: '-' });
    expect(drawn()).toBe(150);
  });

  it('adds up small wheel steps, as a trackpad sends them, until they zoom', () => {
    const { plot: chart } = plot(300);
    const wheel = (deltaY: number) =>
      fireEvent(chart, new WheelEvent('wheel', { deltaY, bubbles: true, cancelable: true }));
    wheel(-2);
    expect(drawn()).toBe(120);
    for (let i = 0; i < 30; i++) wheel(-2);
    expect(drawn()).toBeLessThan(120);
    const event = new WheelEvent('wheel', { deltaY: 100, bubbles: true, cancelable: true });
    fireEvent(chart, event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('pans back with the arrow keys, then "Go to live" returns to the live candle', () => {
    const { plot: chart } = plot(300);
    expect(screen.queryByTestId('chart-go-live')).toBeNull();
    fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    expect(liveDrawn()).toBe(false);
    expect(drawn()).toBe(120);
    fireEvent.click(screen.getByTestId('chart-go-live'));
    expect(liveDrawn()).toBe(true);
    expect(screen.queryByTestId('chart-go-live')).toBeNull();
  });

  it('snaps back to live when panned forward past the newest candle', () => {
    const { plot: chart } = plot(300);
    fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    fireEvent.keyDown(chart, { key: 'ArrowRight' });
    expect(liveDrawn()).toBe(true);
    expect(screen.queryByTestId('chart-go-live')).toBeNull();
  });

  it('asks for older candles when panned to the oldest loaded one, not before', () => {
    const { plot: chart, loadOlder } = plot(300, 'more');
    expect(loadOlder).not.toHaveBeenCalled();
    for (let i = 0; i < 20; i++) fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    expect(loadOlder).toHaveBeenCalled();
  });

  it('asks for older candles at once when the loaded ones do not fill the screen', () => {
    const { loadOlder } = plot(30, 'more');
    expect(loadOlder).toHaveBeenCalled();
  });

  it('does not ask again once everything is loaded', () => {
    const { loadOlder } = plot(30, 'complete');
    expect(loadOlder).not.toHaveBeenCalled();
  });

  it('shows that history is loading', () => {
    plot(30, 'loading');
    expect(screen.getByTestId('chart-loading').textContent).toBe('Loading candles…');
  });

  it('asks for an alert at the price under a right-click instead of opening the browser menu', () => {
    const { plot: chart } = plot(300);
    const requests: AlertRequest[] = [];
    unsubscribe = onAlertRequest((request) => requests.push(request));
    // jsdom lays nothing out, so client coordinates are the chart's own.
    const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: 300, clientY: 100 });
    fireEvent(chart, event);
    expect(event.defaultPrevented).toBe(true);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.symbol).toBe(BTC.symbol);
    // The price pane's axis (the first chart) is labelled at round steps up to its top; y=100 is in its upper half.
    const labels = Array.from(
      document.querySelectorAll('.recharts-wrapper:first-child .recharts-yAxis-tick-labels text'),
      (t) => Number(t.textContent?.replaceAll(',', '')),
    );
    const [low = NaN, high = NaN] = [Math.min(...labels), Math.max(...labels)];
    const price = btc.priceValue((requests[0]?.priceTicks ?? NaN) as Ticks);
    expect(price).toBeGreaterThan((low + high) / 2);
    expect(price).toBeLessThan(high);
  });

  it('follows the pointer with a crosshair labelled with its price and the candle time', () => {
    const { plot: chart } = plot(300);
    fireEvent.pointerMove(chart, { clientX: 400, clientY: 150, pointerId: 1 });
    expect(screen.getByTestId('crosshair-price').textContent).toMatch(/^\d{2},\d{3}\.\d{2}$/);
    expect(screen.getByTestId('crosshair-time').textContent).toMatch(/^\d{2}:\d{2}$/);
    fireEvent.pointerLeave(chart);
    expect(screen.queryByTestId('crosshair-price')).toBeNull();
  });

  it('hands the price under a mouse click to the order ticket, but not at the end of a drag or a tap', () => {
    const { plot: chart } = plot(300);
    const picks: PricePick[] = [];
    unsubscribe = onPricePick((pick) => picks.push(pick));
    const press = (type: 'pointerDown' | 'pointerMove' | 'pointerUp', x: number, pointerType = 'mouse') =>
      fireEvent[type](chart, { clientX: x, clientY: 100, pointerId: 1, pointerType, button: 0 });
    press('pointerDown', 300);
    press('pointerUp', 301);
    expect(picks).toHaveLength(1);
    expect(picks[0]?.symbol).toBe(BTC.symbol);
    expect(Number.isInteger(picks[0]?.priceTicks)).toBe(true);
    press('pointerDown', 300);
    press('pointerMove', 340);
    press('pointerUp', 340);
    press('pointerDown', 300, 'touch');
    press('pointerUp', 300, 'touch');
    expect(picks).toHaveLength(1);
  });
});
