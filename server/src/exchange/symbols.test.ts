import { makeInstrument, specProblem } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { selectSimSymbols, SIM_SYMBOLS } from './symbols.ts';

describe('the default catalogue', () => {
  it('has eight valid, uniquely named symbols across crypto, equities and FX', () => {
    expect(SIM_SYMBOLS).toHaveLength(8);
    for (const s of SIM_SYMBOLS) expect(specProblem(s.spec)).toBeUndefined();
    expect(new Set(SIM_SYMBOLS.map((s) => s.spec.symbol)).size).toBe(8);
    expect(new Set(SIM_SYMBOLS.map((s) => s.spec.assetClass))).toEqual(new Set(['crypto', 'equity', 'fx']));
  });

  it('gives each symbol a start price and a typical size that its grid can express', () => {
    for (const s of SIM_SYMBOLS) {
      const instrument = makeInstrument(s.spec);
      expect(instrument.toTicks(s.startPrice)).toBeGreaterThan(100);
      expect(instrument.toLots(s.typicalSize)).toBeGreaterThanOrEqual(1);
      expect(s.volatility).toBeGreaterThan(0);
    }
  });

  it('selects symbols by name, all of them by default', () => {
    expect(selectSimSymbols().map((s) => s.spec.symbol)).toEqual(SIM_SYMBOLS.map((s) => s.spec.symbol));
    expect(selectSimSymbols(['EUR/USD', 'AAPL']).map((s) => s.spec.symbol)).toEqual(['EUR/USD', 'AAPL']);
  });

  it('names an unknown symbol and lists the known ones', () => {
    expect(() => selectSimSymbols(['AAPL', 'DOGE-USD'])).toThrow(/"DOGE-USD".*BTC-USD, ETH-USD.*USD\/JPY/);
  });
});
