import { describe, expect, it } from 'vitest';
import type { Ticks } from './instrument.ts';
import { change, changePercent, EMPTY_TICKER, type Ticker } from './ticker.ts';

const ticker = (last: number | null, open: number | null): Ticker => ({
  ...EMPTY_TICKER,
  last: last as Ticks | null,
  open: open as Ticks | null,
});

describe('ticker change', () => {
  it('is unknown before the first trade', () => {
    expect(change(EMPTY_TICKER)).toBeNull();
    expect(changePercent(EMPTY_TICKER)).toBeNull();
  });

  it('is unknown while either the last price or the open is missing', () => {
    expect(change(ticker(100, null))).toBeNull();
    expect(change(ticker(null, 100))).toBeNull();
    expect(changePercent(ticker(100, null))).toBeNull();
    expect(changePercent(ticker(null, 100))).toBeNull();
  });

  it('is last minus open in ticks, up or down', () => {
    expect(change(ticker(110, 100))).toBe(10);
    expect(change(ticker(95, 100))).toBe(-5);
    expect(change(ticker(100, 100))).toBe(0);
  });

  it('is a percentage of the open', () => {
    expect(changePercent(ticker(110, 100))).toBe(10);
    expect(changePercent(ticker(95, 100))).toBe(-5);
    expect(changePercent(ticker(100, 100))).toBe(0);
    expect(changePercent(ticker(300, 200))).toBe(50);
  });

  it('has no percentage against an open of zero', () => {
    expect(change(ticker(5, 0))).toBe(5);
    expect(changePercent(ticker(5, 0))).toBeNull();
  });

  it('starts from an empty ticker with no volume and no trades', () => {
    expect(EMPTY_TICKER).toEqual({ last: null, bid: null, ask: null, open: null, high: null, low: null, volume: 0, trades: 0 });
  });
});
