import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AAPL, BTC, candle, EURUSD, snapshot, T0, testMarket, ticker, update } from '../../test-support/fixtures.ts';
import { nextFrame, renderWithStore } from '../../test-support/render.tsx';
import { PriceChart } from './PriceChart.tsx';

const MINUTE = 60_000;

/** Alternating up and down candles around `base`, one a minute. */
function series(count: number, base: number, step: number) {
  return Array.from({ length: count }, (_, i) => {
    const open = base + i * step;
    const close = i % 2 === 0 ? open + step / 2 : open - step / 2;
    return candle(T0 + i * MINUTE, open, open + step, open - step, close, 10_000);
  });
}

function chartMarket(props: { marks?: { time: number; label: string }[] } = {}) {
  const market = testMarket();
  market.store.applySnapshot(
    snapshot(BTC.symbol, { seq: 0, candles: series(5, 6_425_000, 100), ticker: ticker(6_425_480, 6_400_000) }),
  );
  market.store.applySnapshot(
    snapshot(EURUSD.symbol, { seq: 0, candles: series(4, 108_200, 10), ticker: ticker(108_215) }),
  );
  renderWithStore(<PriceChart width={640} height={320} {...props} />, market.store);
  nextFrame(market.frames);
  return market;
}

const priceAxisLabels = () =>
  Array.from(
    document.querySelectorAll('.candle-chart .recharts-wrapper:first-child .recharts-yAxis-tick-labels text'),
    (t) => t.textContent,
  );

describe('PriceChart', () => {
  it('draws one candlestick per candle of the selected symbol, coloured by direction', () => {
    chartMarket();
    expect(screen.getByTestId('price-chart').dataset.symbol).toBe(BTC.symbol);
    expect(document.querySelectorAll('svg path.candle')).toHaveLength(5);
    expect(document.querySelectorAll('.candle--up')).toHaveLength(3);
    expect(document.querySelectorAll('.candle--down')).toHaveLength(2);
    expect(document.querySelectorAll('.volume-bar')).toHaveLength(5);
  });

  it('draws a chart mark as a labelled line through the candle that holds it', () => {
    chartMarket({ marks: [{ time: T0 + 2 * MINUTE + 5_000, label: 'Replay restarted' }] });
    const mark = screen.getByTestId('chart-mark');
    expect(mark.textContent).toBe('Replay restarted');
    const x = Number(mark.querySelector('line')?.getAttribute('x1'));
    const third = document.querySelectorAll('path.candle')[2]?.getAttribute('d') ?? '';
    expect(x).toBeCloseTo(Number(/^M([\d.]+),/.exec(third)?.[1]), 0);
  });

  it('draws the last price as a line labelled on the price axis', () => {
    chartMarket();
    expect(screen.getByTestId('last-price-line').textContent).toBe('64,254.50');
  });

  it('labels the price axis at the symbol precision', () => {
    const { store, frames } = chartMarket();
    expect(priceAxisLabels().length).toBeGreaterThan(1);
    for (const label of priceAxisLabels()) expect(label).toMatch(/^[\d,]+\.\d{2}$/);

    store.select(EURUSD.symbol);
    nextFrame(frames);
    for (const label of priceAxisLabels()) expect(label).toMatch(/^\d+\.\d{5}$/);
  });

  it('heads the chart with the last price, the change since the open and the session range', () => {
    chartMarket();
    expect(screen.getByTestId('chart-last-price').textContent).toBe('64,254.80');
    expect(screen.getByText('+254.80')).toBeTruthy();
    expect(screen.getByText('+0.40%')).toBeTruthy();
    expect(screen.getByText('High').nextElementSibling?.textContent).toBe('64,254.80');
    expect(screen.getByText('Low').nextElementSibling?.textContent).toBe('64,000.00');
  });

  it('redraws the open candle when an update changes it', () => {
    const { store, frames } = chartMarket();
    const last = () => Array.from(document.querySelectorAll('.candle')).at(-1);
    expect(last()?.classList.contains('candle--up')).toBe(true);

    const open = 6_425_400;
    store.applyUpdate(
      update(BTC.symbol, 1, { candles: [candle(T0 + 4 * MINUTE, open, open + 100, open - 300, open - 250, 20_000)] }),
    );
    nextFrame(frames);
    expect(last()?.classList.contains('candle--down')).toBe(true);
    expect(document.querySelectorAll('.candle')).toHaveLength(5);
  });

  it('draws the live candle in the slot after the closed ones, as wide as they are, over its volume bar', () => {
    chartMarket();
    // Each path starts `M<center>,<top>` and its body is `h<width>`.
    const geometry = Array.from(document.querySelectorAll('path.candle'), (p) => {
      const d = p.getAttribute('d') ?? '';
      return { center: Number(/^M([\d.]+),/.exec(d)?.[1]), width: Number(/h([\d.]+)/.exec(d)?.[1]) };
    });
    expect(geometry).toHaveLength(5);
    const [first, second] = geometry;
    const live = geometry.at(-1);
    const beforeLive = geometry.at(-2);
    expect(live?.width).toBe(first?.width);
    const spacing = (second?.center ?? 0) - (first?.center ?? 0);
    expect(spacing).toBeGreaterThan(0);
    expect((live?.center ?? 0) - (beforeLive?.center ?? 0)).toBeCloseTo(spacing, 0);
    // The volume bars, in a pane of their own, line up with the candles above them.
    const volumeCenters = Array.from(
      document.querySelectorAll('.volume-bar'),
      (r) => Number(r.getAttribute('x')) + Number(r.getAttribute('width')) / 2,
    );
    expect(volumeCenters).toHaveLength(5);
    volumeCenters.forEach((center, i) => expect(center).toBeCloseTo(geometry[i]?.center ?? NaN, 0));
  });

  it('keeps the price axis still while the live candle moves inside it, and moves it when a price leaves it', () => {
    const { store, frames } = chartMarket();
    const labels = priceAxisLabels();
    const open = 6_425_400;
    store.applyUpdate(
      update(BTC.symbol, 1, { candles: [candle(T0 + 4 * MINUTE, open, open + 150, open - 150, open + 10, 20_000)] }),
    );
    nextFrame(frames);
    expect(priceAxisLabels()).toEqual(labels);

    store.applyUpdate(
      update(BTC.symbol, 2, {
        candles: [candle(T0 + 4 * MINUTE, open, open + 5_000, open - 150, open + 4_900, 30_000)],
      }),
    );
    nextFrame(frames);
    expect(priceAxisLabels()).not.toEqual(labels);
    const top = Math.max(...priceAxisLabels().map((l) => Number(l?.replaceAll(',', ''))));
    expect(top).toBeGreaterThanOrEqual((open + 5_000) / 100);
  });

  it('follows the selected symbol and says its candles are loading while it has none', () => {
    const { store, frames } = chartMarket();
    store.select(AAPL.symbol);
    nextFrame(frames);
    expect(screen.getByTestId('price-chart').dataset.symbol).toBe(AAPL.symbol);
    expect(document.querySelectorAll('.candle')).toHaveLength(0);
    // No snapshot and no history yet (this store has no connection to ask).
    expect(screen.getByText('Loading candles…')).toBeTruthy();
  });

  it('badges and fades the headline of a symbol that is not live', () => {
    const { store, frames } = chartMarket();
    store.setStatus('live');
    nextFrame(frames);
    expect(screen.getByTestId('chart-last-price').dataset.stale).toBe('false');
    expect(screen.queryByTestId('freshness-badge')).toBeNull();

    store.applyUpdate(update(BTC.symbol, 1, { status: 'halted' }));
    nextFrame(frames);
    expect(screen.getByTestId('chart-last-price').dataset.stale).toBe('true');
    expect(screen.getByTestId('freshness-badge').textContent).toBe('Halted');
    expect(document.querySelector('.chart-header.is-stale')).not.toBeNull();
    expect(screen.getByTestId('price-chart').dataset.stale).toBe('true');
  });
});
