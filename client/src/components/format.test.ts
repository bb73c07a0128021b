import { makeInstrument, type Lots, type Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { BTC, EURUSD } from '../test-support/fixtures.ts';
import {
  formatAge,
  formatClock,
  formatCompact,
  formatDataAge,
  formatDecimal,
  formatMoneyAmount,
  formatPercent,
  formatPnl,
  formatPriceText,
  formatPrice,
  formatSize,
  formatTime,
  formatTimeMs,
  decimalTrend,
  trend,
} from './format.ts';

describe('display formats', () => {
  it('prints prices and sizes at the symbol precision with the locale separators', () => {
    const btc = makeInstrument(BTC);
    expect(formatPrice(btc, 6_425_050 as Ticks, 'en-US')).toBe('64,250.50');
    expect(formatPrice(btc, 6_425_050 as Ticks, 'de-DE')).toBe('64.250,50');
    expect(formatSize(btc, 2_500 as Lots, 'en-US')).toBe('0.2500');
    const eur = makeInstrument(EURUSD);
    expect(formatPrice(eur, 108_215 as Ticks, 'en-US')).toBe('1.08215');
    expect(formatSize(eur, 1_250 as Lots, 'en-US')).toBe('1,250,000');
  });

  it('uses the browser locale when none is given', () => {
    // jsdom's navigator says en-US.
    expect(formatPrice(makeInstrument(BTC), 12_345 as Ticks)).toBe('123.45');
    expect(formatDecimal('1234567.5', 1)).toBe('1,234,567.5');
  });

  it('keeps every digit of a decimal too long for a float', () => {
    expect(formatDecimal('12345678901234567.89', 2, 'en-US')).toBe('12,345,678,901,234,567.89');
    expect(formatDecimal('0.000000012345', 12, 'en-US')).toBe('0.000000012345');
    expect(formatDecimal('-0.10', 2, 'en-US')).toBe('-0.10');
    expect(() => formatDecimal('1e5', 0, 'en-US')).toThrow(RangeError);
  });

  it('prints local times to the millisecond, the second and the minute', () => {
    const time = new Date(2025, 0, 2, 3, 4, 5, 6).getTime();
    expect(formatTimeMs(time)).toBe('03:04:05.006');
    expect(formatTime(time)).toBe('03:04:05');
    expect(formatClock(time)).toBe('03:04');
  });

  it('signs percentages and shows an unknown one as a dash', () => {
    expect(formatPercent(1.234)).toBe('+1.23%');
    expect(formatPercent(-0.4)).toBe('-0.40%');
    expect(formatPercent(-0.001)).toBe('0.00%');
    expect(formatPercent(null)).toBe('—');
  });

  it('shortens large volumes', () => {
    expect(formatCompact(1250)).toBe('1.25K');
    expect(formatCompact(3_400_000)).toBe('3.4M');
  });

  it('names the trend of a signed value', () => {
    expect([trend(2), trend(-1), trend(0), trend(null)]).toEqual(['up', 'down', 'flat', 'flat']);
  });

  it('prints ages in whole seconds, then minutes and hours, never below zero', () => {
    expect([999, 4_000, 59_999, 65_000, 3_600_000 + 20 * 60_000, -500].map(formatAge)).toEqual([
      '0s',
      '4s',
      '59s',
      '1m 05s',
      '1h 20m',
      '0s',
    ]);
  });

  it('prints the age of live data in milliseconds, then tenths of a second, then whole seconds', () => {
    const ages = [0, 340.4, 1_000, 9_990, 12_000, -20].map(formatDataAge);
    expect(ages).toEqual(['0 ms', '340 ms', '1.0s', '9.9s', '12s', '0 ms']);
  });

  it('prints paper money to the cent, P&L signed, and a mark with every digit it has', () => {
    expect(formatMoneyAmount('100000', 'en-US')).toBe('100,000.00');
    expect(formatMoneyAmount('6.4000005', 'en-US')).toBe('6.40');
    expect(['50.05', '-12.5', '0.004', '-0.004'].map((d) => formatPnl(d, 'en-US'))).toEqual([
      '+50.05',
      '-12.50',
      '0.00',
      '0.00',
    ]);
    expect(['50.05', '-0.01', '0.00', null].map(decimalTrend)).toEqual(['up', 'down', 'flat', 'flat']);
    const btc = makeInstrument(BTC);
    expect(formatPriceText(btc, '64000.5', 'en-US')).toBe('64,000.50');
    expect(formatPriceText(btc, '64000.005', 'en-US')).toBe('64,000.005');
  });
});
