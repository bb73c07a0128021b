import { screen } from '@testing-library/react';
import { makeInstrument } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { BTC, candle, snapshot, T0, testMarket, update } from '../../test-support/fixtures.ts';
import { nextFrame, renderWithStore } from '../../test-support/render.tsx';
import { CandleTooltip } from './CandleTooltip.tsx';
import { toChartPoints } from './chart-points.ts';

const btc = makeInstrument(BTC);
const MINUTE = 60_000;
const first = candle(T0, 6_425_000, 6_425_100, 6_424_900, 6_424_950, 12_500);
const closed = toChartPoints([first], btc);

function tooltipMarket(index: number) {
  const market = testMarket();
  market.store.applySnapshot(
    snapshot(BTC.symbol, {
      seq: 0,
      candles: [first, candle(T0 + MINUTE, 6_424_950, 6_425_000, 6_424_900, 6_425_000, 100)],
    }),
  );
  renderWithStore(
    <CandleTooltip active index={index} points={closed} symbol={BTC.symbol} interval="1m" instrument={btc} />,
    market.store,
  );
  return market;
}

const row = (label: string) => screen.getByText(label).nextElementSibling?.textContent;

describe('CandleTooltip', () => {
  it('shows the hovered closed candle', () => {
    tooltipMarket(0);
    expect(row('Open')).toBe('64,250.00');
    expect(row('Close')).toBe('64,249.50');
  });

  it('follows the live candle while it is hovered', () => {
    const { store, frames } = tooltipMarket(1);
    expect(row('Close')).toBe('64,250.00');
    store.applyUpdate(
      update(BTC.symbol, 1, { candles: [candle(T0 + MINUTE, 6_424_950, 6_426_000, 6_424_900, 6_426_000, 300)] }),
    );
    nextFrame(frames);
    expect(row('High')).toBe('64,260.00');
    expect(row('Close')).toBe('64,260.00');
  });

  it('shows nothing when inactive', () => {
    const market = testMarket();
    const { container } = renderWithStore(
      <CandleTooltip active={false} index={0} points={closed} symbol={BTC.symbol} interval="1m" instrument={btc} />,
      market.store,
    );
    expect(container.textContent).toBe('');
  });
});
