import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BTC, candle, snapshot, T0, testMarket, ticker } from '../../test-support/fixtures.ts';
import { nextFrame, renderWithStore } from '../../test-support/render.tsx';
import { PriceChart } from './PriceChart.tsx';

const MINUTE = 60_000;

/** `count` candles a minute apart drifting up, so every indicator has values to draw. */
function chartMarket(count = 60) {
  const market = testMarket();
  const candles = Array.from({ length: count }, (_, i) => {
    const open = 6_425_000 + i * 50;
    return candle(T0 + i * MINUTE, open, open + 120, open - 80, open + 40, 10_000 + i);
  });
  market.store.applySnapshot(snapshot(BTC.symbol, { seq: 0, candles, ticker: ticker(6_428_000, 6_425_000) }));
  renderWithStore(<PriceChart width={800} height={400} />, market.store);
  nextFrame(market.frames);
  return market;
}

const pressed = (group: string) =>
  within(screen.getByRole('group', { name: group }))
    .getAllByRole('button')
    .filter((b) => b.getAttribute('aria-pressed') === 'true')
    .map((b) => b.textContent);

describe('ChartToolbar', () => {
  it('offers every candle interval and marks the selected one', () => {
    chartMarket();
    const buttons = within(screen.getByRole('group', { name: 'Candle interval' })).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['1s', '5s', '15s', '1m', '5m', '15m', '1h', '4h', '1D']);
    expect(pressed('Candle interval')).toEqual(['1m']);
  });

  it('selects an interval in the store and the chart follows it', () => {
    const { store, frames } = chartMarket();
    fireEvent.click(screen.getByRole('button', { name: '5m' }));
    nextFrame(frames);
    expect(store.getInterval()).toBe('5m');
    expect(pressed('Candle interval')).toEqual(['5m']);
    expect(screen.getByTestId('price-chart').dataset.interval).toBe('5m');
    expect(screen.getByText('5m candles')).toBeTruthy();
  });

  it('switches between candles, a line and an area of closes', () => {
    chartMarket();
    expect(pressed('Chart type')).toEqual(['Candles']);
    expect(document.querySelectorAll('path.candle').length).toBeGreaterThan(0);

    fireEvent.click(screen.getByRole('button', { name: 'Line' }));
    expect(pressed('Chart type')).toEqual(['Line']);
    expect(document.querySelectorAll('path.candle')).toHaveLength(0);
    expect(document.querySelectorAll('.candle-chart--line .chart-line')).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'Area' }));
    expect(document.querySelectorAll('.candle-chart--area .chart-area__fill')).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'Candles' }));
    expect(document.querySelectorAll('path.candle').length).toBeGreaterThan(0);
  });

  it('toggles each indicator overlay on and off', () => {
    chartMarket();
    for (const [label, name] of [
      ['SMA 20', 'sma'],
      ['EMA 50', 'ema'],
      ['VWAP', 'vwap'],
    ] as const) {
      expect(document.querySelector(`path.overlay--${name}`)).toBeNull();
      fireEvent.click(screen.getByRole('button', { name: label }));
      expect(screen.getByRole('button', { name: label }).getAttribute('aria-pressed')).toBe('true');
      expect(document.querySelector(`path.overlay--${name}`)?.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    }
    fireEvent.click(screen.getByRole('button', { name: 'SMA 20' }));
    expect(document.querySelector('path.overlay--sma')).toBeNull();
    expect(document.querySelectorAll('path.overlay')).toHaveLength(2);
  });
});
