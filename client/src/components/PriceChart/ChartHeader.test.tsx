import { screen } from '@testing-library/react';
import type { SymbolSpec } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { BTC, snapshot, testMarket, ticker } from '../../test-support/fixtures.ts';
import { nextFrame, renderWithStore } from '../../test-support/render.tsx';
import { ChartHeader } from './ChartHeader.tsx';

function header(spec: SymbolSpec, last: number, open: number) {
  const market = testMarket([spec]);
  market.store.applySnapshot(snapshot(spec.symbol, { seq: 0, ticker: ticker(last, open) }));
  renderWithStore(<ChartHeader symbol={spec.symbol} />, market.store);
  nextFrame(market.frames);
  return screen.getByTestId('chart-change');
}

describe('ChartHeader', () => {
  it('says the change is over 24 hours for a venue ticker with a rolling day', () => {
    const change = header({ ...BTC, statsWindow: '24h' }, 6_500_000, 6_400_000);
    expect(screen.getByTestId('chart-change-window').textContent).toBe('24h');
    expect(change.title).toBe('Change over the last 24 hours');
  });

  it('says the change is over the session when the ticker covers the session, or does not say', () => {
    header({ ...BTC, statsWindow: 'session' }, 6_500_000, 6_400_000);
    expect(screen.getByTestId('chart-change-window').textContent).toBe('session');
  });

  it('treats a missing window as the session', () => {
    const change = header(BTC, 6_500_000, 6_400_000);
    expect(screen.getByTestId('chart-change-window').textContent).toBe('session');
    expect(change.title).toBe('Change since the session started');
  });

  it('marks a rise and a fall with an arrow and a sign as well as a colour', () => {
    const change = header(BTC, 6_500_000, 6_400_000);
    expect(change.dataset.trend).toBe('up');
    expect(change.className).toContain('trend-up');
    expect(change.textContent).toMatch(/^▲ \+1,000\.00 \+1\.56%/);
  });

  it('marks a fall with a down arrow', () => {
    const change = header(BTC, 6_300_000, 6_400_000);
    expect(change.dataset.trend).toBe('down');
    expect(change.textContent).toMatch(/^▼ -1,000\.00 -1\.56%/);
  });

  it('draws a change that rounds to 0.00% in the neutral colour, without an arrow', () => {
    // +0.10 on 64000.00 is +0.0002%.
    const change = header(BTC, 6_400_010, 6_400_000);
    expect(change.dataset.trend).toBe('flat');
    expect(change.className).toContain('trend-flat');
    expect(change.textContent).not.toMatch(/[▲▼]/);
    expect(change.textContent).toContain('0.00%');
  });
});
