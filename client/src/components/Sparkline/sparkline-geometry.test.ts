import { describe, expect, it } from 'vitest';
import { closedPoints, rangeOf, slotX, sparklineTrend, valueY, type SparklineBox } from './sparkline-geometry.ts';

const BOX: SparklineBox = { slots: 5, width: 40, height: 12, pad: 1 };

describe('sparkline geometry', () => {
  it('finds the range of the values and the live value', () => {
    expect(rangeOf([3, 1, 2])).toEqual({ lo: 1, hi: 3 });
    expect(rangeOf([3, 1, 2], 7)).toEqual({ lo: 1, hi: 7 });
    expect(rangeOf([], 4)).toEqual({ lo: 4, hi: 4 });
    expect(rangeOf([])).toBeNull();
  });

  it('puts the highest value at the top and the lowest at the bottom, inside the padding', () => {
    const range = { lo: 10, hi: 20 };
    expect(valueY(20, range, BOX)).toBe(1);
    expect(valueY(10, range, BOX)).toBe(11);
    expect(valueY(15, range, BOX)).toBe(6);
    expect(valueY(5, { lo: 5, hi: 5 }, BOX)).toBe(6);
  });

  it('right-aligns the closed values, leaving the last slot to the live value', () => {
    expect(slotX(4, BOX)).toBe(40);
    expect(closedPoints([10, 20], { lo: 10, hi: 20 }, BOX)).toBe('20,11 30,1');
  });

  it('draws only the newest values that fit', () => {
    const points = closedPoints([1, 2, 3, 4, 5, 6], { lo: 1, hi: 6 }, BOX).split(' ');
    expect(points).toHaveLength(4);
    expect(points[0]).toBe('0,7');
  });

  it('trends from the oldest value to the live one', () => {
    expect(sparklineTrend([1, 2], 3)).toBe('up');
    expect(sparklineTrend([3, 2], null)).toBe('down');
    expect(sparklineTrend([2], 2)).toBe('flat');
    expect(sparklineTrend([], null)).toBe('flat');
  });
});
