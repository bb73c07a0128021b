import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatClock,
  formatCompact,
  formatDataAge,
  formatPercent,
  formatTime,
  formatTimeMs,
  trend,
} from './format.ts';

describe('display formats', () => {
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
});
