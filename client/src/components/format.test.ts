import { describe, expect, it } from 'vitest';
import { formatClock, formatCompact, formatPercent, formatTime, formatTimeMs, trend } from './format.ts';

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
});
