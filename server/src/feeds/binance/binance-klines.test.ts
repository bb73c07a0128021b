import { makeInstrument } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { specFromIncrements } from '../kit/venue-numbers.ts';
import { candlesFromKlines } from './binance-klines.ts';

const btc = makeInstrument(
  specFromIncrements({
    symbol: 'binance:BTCUSDT',
    name: 'BTC/USDT',
    assetClass: 'crypto',
    base: 'BTC',
    quote: 'USDT',
    tickSize: '0.01000000',
    lotSize: '0.00001000',
  }),
);
const M = 60_000;
const T = 1_800_000_000_000 - (1_800_000_000_000 % M);
const row = (time: number, o: string, h: string, l: string, c: string, v: string) => [
  time,
  o,
  h,
  l,
  c,
  v,
  time + M - 1,
  '1234.5',
  42,
  '1.0',
  '2.0',
  '0',
];

describe('candlesFromKlines', () => {
  it('reads rows into ticks and lots, oldest first, dropping the kline still open', () => {
    const rows = [
      row(T, '64250.01000000', '64260.00000000', '64240.00000000', '64255.50000000', '1.23456000'),
      row(T + M, '64255.50000000', '64258.00000000', '64250.00000000', '64251.00000000', '0.50000000'),
      row(T + 2 * M, '64251.00000000', '64251.00000000', '64251.00000000', '64251.00000000', '0.00000000'),
    ];
    const { candles, malformed } = candlesFromKlines(btc, '1m', rows, T + 2 * M + 10_000);
    expect(malformed).toEqual([]);
    expect(candles).toEqual([
      [T, 6425001, 6426000, 6424000, 6425550, 123456],
      [T + M, 6425550, 6425800, 6425000, 6425100, 50000],
    ]);
  });

  it('skips and names rows it cannot read, keeping the others', () => {
    const rows = [
      row(T, '1.00000000', '2.00000000', '0.50000000', '1.50000000', '1.00000000'),
      ['nonsense'],
      row(T + M, '1.001', '2.00000000', '0.50000000', '1.50000000', '1.00000000'),
      row(T + 2 * M, '1.00000000', '0.90000000', '0.50000000', '1.50000000', '1.00000000'),
      null,
    ];
    const { candles, malformed } = candlesFromKlines(btc, '1m', rows, T + 10 * M);
    expect(candles.map((c) => c[0])).toEqual([T]);
    expect(malformed).toHaveLength(4);
    expect(malformed[0]).toMatch(/^kline row 1: /);
    expect(malformed[1]).toMatch(/kline row 2: .*not a multiple/);
    expect(malformed[2]).toMatch(/kline row 3: .*do not bound/);
  });

  it('reads a volume off the lot grid as the nearest lot: it is a statistic of past trades', () => {
    const rows = [row(T, '1.00000000', '1.00000000', '1.00000000', '1.00000000', '0.123456789')];
    expect(candlesFromKlines(btc, '1m', rows, T + M).candles[0]![5]).toBe(12346);
  });
});
