import { describe, expect, it } from 'vitest';
import type { Lots, Ticks } from './instrument.ts';
import {
  change,
  changePercent,
  EMPTY_TICKER,
  impliedTicker,
  type Ticker,
  tickerAfterTrade,
  tickerPatch,
} from './ticker.ts';
import type { Trade } from './trade.ts';

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
    expect(EMPTY_TICKER).toEqual({
      last: null,
      bid: null,
      ask: null,
      open: null,
      high: null,
      low: null,
      volume: 0,
      trades: 0,
    });
  });
});

describe('impliedTicker and tickerPatch', () => {
  const t0: Ticker = { ...EMPTY_TICKER, bid: 99 as Ticks, ask: 101 as Ticks };
  const tr = (price: number, size: number): Trade => [0, price as Ticks, size as Lots, 0, 0];

  it('folds trades into last, open, high, low, volume and count, then takes the book best bid and ask', () => {
    const t = impliedTicker(t0, [tr(100, 2), tr(103, 1), tr(98, 4)], 97 as Ticks, null);
    expect(t).toEqual({ last: 98, open: 100, high: 103, low: 98, volume: 7, trades: 3, bid: 97, ask: null });
  });

  it('returns the same object when nothing changed (so views can skip work)', () => {
    expect(impliedTicker(t0, undefined, 99 as Ticks, 101 as Ticks)).toBe(t0);
    expect(impliedTicker(t0, [], 99 as Ticks, 101 as Ticks)).toBe(t0);
  });

  it('patches only the fields that differ', () => {
    const implied = impliedTicker(t0, [tr(100, 2)], 99 as Ticks, 101 as Ticks);
    expect(tickerPatch(implied, implied)).toBeUndefined();
    expect(tickerPatch(implied, { ...implied, volume: 5_000 as Lots, high: null })).toEqual({
      volume: 5_000,
      high: null,
    });
    expect(tickerAfterTrade(EMPTY_TICKER, 5 as Ticks, 1 as Lots)).toMatchObject({ last: 5, open: 5, high: 5, low: 5 });
  });
});
