import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeInstrument, type Lots, type SymbolSpec, type Ticks } from '../market/instrument.ts';
import { averagePrice, divRound, feeOn, formatMoney, parseMoney, share, tradeValue } from './money.ts';

const spec = (pricePrecision: number, sizePrecision: number, tickSize: string, lotSize: string): SymbolSpec => ({
  symbol: 'X',
  name: 'X',
  assetClass: 'crypto',
  base: 'X',
  quote: 'USD',
  tickSize,
  lotSize,
  pricePrecision,
  sizePrecision,
});
const btc = makeInstrument(spec(2, 4, '0.01', '0.0001'));
const eurusd = makeInstrument(spec(5, 0, '0.00001', '1000'));

describe('money', () => {
  it('values a trade exactly: price × size at the symbol precision', () => {
    // 64250.50 × 0.0500 = 3212.525
    expect(formatMoney(tradeValue(btc, 6_425_050 as Ticks, 500 as Lots))).toBe('3212.525');
    // 1.08123 × 3 lots of 1000 = 3243.69
    expect(formatMoney(tradeValue(eurusd, 108_123 as Ticks, 3 as Lots))).toBe('3243.69');
  });

  it('rounds half away from zero only past 8 digits', () => {
    const fine = makeInstrument(spec(6, 4, '0.000001', '0.0001'));
    // 0.000001 × 0.0005 = 5e-10 → 0.00000000 (below half a unit), 0.000003 × 0.0005 = 1.5e-9 → 0.00000000
    expect(tradeValue(fine, 1 as Ticks, 5 as Lots)).toBe(0n);
    // 0.000010 × 0.0005 = 5e-9 → half a unit of 1e-8 → rounds up to 1
    expect(tradeValue(fine, 10 as Ticks, 5 as Lots)).toBe(1n);
    expect(divRound(-5n, 10n)).toBe(-1n);
    expect(divRound(-4n, 10n)).toBe(0n);
  });

  it('formats with at least two decimals and parses back', () => {
    expect(formatMoney(0n)).toBe('0.00');
    expect(formatMoney(-50_000_000n)).toBe('-0.50');
    expect(formatMoney(10_000_000_000_000n)).toBe('100000.00');
    expect(formatMoney(123n)).toBe('0.00000123');
    expect(parseMoney('100000')).toBe(10_000_000_000_000n);
    expect(parseMoney('-0.5')).toBe(-50_000_000n);
    expect(parseMoney('1.123456789')).toBeUndefined();
    expect(parseMoney('1e5')).toBeUndefined();
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (m) => parseMoney(formatMoney(m)) === m));
  });

  it('charges fees rounded up, and none at 0 bps', () => {
    expect(feeOn(100_000_000n, 0)).toBe(0n);
    expect(feeOn(100_000_000n, 10)).toBe(100_000n); // 10 bps of 1.00 = 0.001
    expect(feeOn(1n, 7.5)).toBe(1n);
  });

  it('shares a cost in proportion, whole when all of it', () => {
    expect(share(1000n, 1, 3)).toBe(333n);
    expect(share(1000n, 2, 3)).toBe(667n);
    expect(share(1001n, 3, 3)).toBe(1001n);
  });

  it('gives the average price of a cost, to the tick', () => {
    const cost = tradeValue(btc, 6_425_050 as Ticks, 500 as Lots) + tradeValue(btc, 6_425_150 as Ticks, 500 as Lots);
    expect(btc.formatPrice(averagePrice(btc, cost, 1000 as Lots))).toBe('64251.00');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e6 }), (p, q) => {
        return averagePrice(btc, tradeValue(btc, p as Ticks, q as Lots), q as Lots) === p;
      }),
    );
  });
});
