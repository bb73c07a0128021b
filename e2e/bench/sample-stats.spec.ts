// The cluster bench's statistics: medians, ranges, a fitted line and paired differences (pure, no timing).

import { describe, expect, it } from 'vitest';
import { linearFit, median, pairedDifferences, roundSpread, spread } from './sample-stats.ts';

describe('median and spread', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('reports the range and count beside the median, without reordering the input', () => {
    const values = [61.2, 58.9, 63.4];
    expect(spread(values)).toEqual({ median: 61.2, min: 58.9, max: 63.4, n: 3 });
    expect(values).toEqual([61.2, 58.9, 63.4]);
  });

  it('says NaN rather than inventing a figure when there was no measurement', () => {
    expect(spread([])).toEqual({ median: NaN, min: NaN, max: NaN, n: 0 });
  });

  it('rounds every figure of a spread but keeps its count', () => {
    expect(roundSpread({ median: 1.234, min: 1.06, max: 1.95, n: 4 })).toEqual({ median: 1.2, min: 1.1, max: 2, n: 4 });
  });
});

describe('linearFit', () => {
  it('recovers the line through exact points', () => {
    const fit = linearFit([
      [500, 0.25],
      [1000, 0.45],
      [1500, 0.65],
    ]);
    expect(fit?.slope).toBeCloseTo(0.0004, 10);
    expect(fit?.intercept).toBeCloseTo(0.05, 10);
  });

  it('fits noisy repeated points at two counts through their means', () => {
    const fit = linearFit([
      [500, 0.2],
      [500, 0.3],
      [1000, 0.4],
      [1000, 0.5],
    ]);
    expect(fit?.slope).toBeCloseTo(0.0004, 10);
    expect(fit?.intercept).toBeCloseTo(0.05, 10);
  });

  it('has no answer when every point has the same x', () => {
    expect(
      linearFit([
        [1000, 0.4],
        [1000, 0.5],
      ]),
    ).toBeUndefined();
    expect(linearFit([[1000, 0.4]])).toBeUndefined();
  });
});

describe('pairedDifferences', () => {
  it('subtracts pair by pair, up to the shorter list', () => {
    expect(pairedDifferences([60, 61, 62], [62, 61.5, 65, 99])).toEqual([2, 0.5, 3]);
  });
});
