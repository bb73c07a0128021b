import { makeInstrument } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { specFromIncrements } from '../kit/venue-numbers.ts';
import { candlesFromRows, decimalOf } from './coinbase-candles.ts';

const doge = makeInstrument(
  specFromIncrements({
    symbol: 'coinbase:DOGE-USD',
    name: 'DOGE-USD',
    assetClass: 'crypto',
    base: 'DOGE',
    quote: 'USD',
    tickSize: '0.00001',
    lotSize: '0.1',
  }),
);
const S = 1_800_000_000 - (1_800_000_000 % 60);

describe('candlesFromRows', () => {
  it('turns newest-first rows of numbers into closed candles oldest first, in ticks and lots', () => {
    const rows = [
      [S + 120, 0.16, 0.16, 0.16, 0.16, 0], // still open at `now`
      [S + 60, 0.15998, 0.16004, 0.16001, 0.16002, 1234.5],
      [S, 0.15, 0.17, 0.16, 0.16001, 10],
    ];
    const { candles, malformed } = candlesFromRows(doge, '1m', rows, (S + 150) * 1000);
    expect(malformed).toEqual([]);
    expect(candles).toEqual([
      [S * 1000, 16_000, 17_000, 15_000, 16_001, 100],
      [(S + 60) * 1000, 16_001, 16_004, 15_998, 16_002, 12_345],
    ]);
  });

  it('skips and names unreadable rows, keeping the rest', () => {
    const rows = [[S, 0.15, 0.17, 0.16, 0.16, 1], 'nope', [S + 60, 0.150001, 0.17, 0.16, 0.16, 1], [S + 120]];
    const { candles, malformed } = candlesFromRows(doge, '1m', rows, (S + 600) * 1000);
    expect(candles).toHaveLength(1);
    expect(malformed).toHaveLength(3);
    expect(malformed[1]).toMatch(/candle row 2: .*not a multiple/);
  });

  it('reads numbers JavaScript prints in exponent form', () => {
    expect(decimalOf(1e-7, 8)).toBe('0.00000010');
    expect(decimalOf(0.16, 5)).toBe('0.16');
    expect(decimalOf('0.16', 5)).toBe('0.16');
  });
});
