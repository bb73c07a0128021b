import { describe, expect, it } from 'vitest';
import { BTC, candle, snapshot, T0, testMarket, update } from '../test-support/fixtures.ts';
import { closedCandlesSelector } from './useCandles.ts';

const MINUTE = 60_000;

function market() {
  const { store } = testMarket();
  store.applySnapshot(
    snapshot(BTC.symbol, {
      seq: 0,
      candles: [candle(T0, 100, 110, 90, 105, 1), candle(T0 + MINUTE, 105, 106, 104, 105, 1)],
    }),
  );
  return store;
}

describe('closed candles', () => {
  it('stay the same array while only the live candle changes', () => {
    const store = market();
    const select = closedCandlesSelector(BTC.symbol, 10);
    const before = select(store);
    expect(before).toHaveLength(1);
    store.applyUpdate(update(BTC.symbol, 1, { candles: [candle(T0 + MINUTE, 105, 120, 104, 119, 5)] }));
    expect(select(store)).toBe(before);
  });

  it('change when a candle closes or a snapshot replaces them', () => {
    const store = market();
    const select = closedCandlesSelector(BTC.symbol, 10);
    const before = select(store);
    store.applyUpdate(update(BTC.symbol, 1, { candles: [candle(T0 + 2 * MINUTE, 105, 105, 105, 105, 1)] }));
    const closed = select(store);
    expect(closed).not.toBe(before);
    expect(closed.map((c) => c[0])).toEqual([T0, T0 + MINUTE]);

    store.applySnapshot(
      snapshot(BTC.symbol, { seq: 5, candles: [candle(T0, 100, 111, 90, 105, 1), candle(T0 + MINUTE, 1, 1, 1, 1, 1)] }),
    );
    expect(select(store)).not.toBe(closed);
    expect(select(store)[0]?.[2]).toBe(111);
  });

  it('leave out the newest candle of the window', () => {
    const store = market();
    expect(closedCandlesSelector(BTC.symbol, 1)(store)).toHaveLength(0);
    expect(closedCandlesSelector(BTC.symbol, 2)(store)).toHaveLength(1);
  });
});
