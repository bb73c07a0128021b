import { makeInstrument } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { decimalPlaces, parseLevels, parseLevelUpdates, specFromIncrements, trimDecimal } from './venue-numbers.ts';

const spec = specFromIncrements({
  symbol: 'binance:BTCUSDT',
  name: 'BTC/USDT',
  assetClass: 'crypto',
  base: 'BTC',
  quote: 'USDT',
  tickSize: '0.01000000',
  lotSize: '0.00001000',
});

describe('venue numbers', () => {
  it('trims venue increments to a spec with matching precision', () => {
    expect(trimDecimal('0.01000000')).toBe('0.01');
    expect(trimDecimal('1.00000000')).toBe('1');
    expect(trimDecimal('100')).toBe('100');
    expect(decimalPlaces('0.00001000')).toBe(5);
    expect(spec).toMatchObject({ tickSize: '0.01', lotSize: '0.00001', pricePrecision: 2, sizePrecision: 5 });
  });

  it('parses decimal levels exactly, whatever trailing zeros the venue sends', () => {
    const btc = makeInstrument(spec);
    expect(parseLevels(btc, [['64250.01000000', '0.50000000']])).toEqual([[6425001, 50000]]);
    expect(parseLevelUpdates(btc, 1, [['64250.02', '0.00000000']])).toEqual([[1, 6425002, 0]]);
  });

  it('rejects a price that is off the tick grid', () => {
    const btc = makeInstrument(spec);
    expect(() => parseLevels(btc, [['64250.015', '1']])).toThrow(RangeError);
  });
});
