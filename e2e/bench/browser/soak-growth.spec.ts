// The browser soak's verdict (pure): growth from minute 1 to the last sample, and the fitted slope beside it.

import { describe, expect, it } from 'vitest';
import { growthAfterFirstMinute, MAX_GROWTH_PERCENT } from './soak-growth.ts';

describe('growth after the first minute', () => {
  it('ignores minute 0, when the page is still loading, and compares minute 1 with the last sample', () => {
    const g = growthAfterFirstMinute([
      [0, 5],
      [1, 10],
      [2, 10.4],
      [3, 10.5],
    ]);
    expect(g).toMatchObject({ first: 10, last: 10.5, growthPercent: 5, passed: true });
    expect(g?.slopePerMinute).toBeCloseTo(0.25, 3);
    expect(g?.fittedGrowthPercent).toBeCloseTo(5, 1);
  });

  it('fails a series that grew by the limit or more', () => {
    const leak = Array.from({ length: 31 }, (_, m): [number, number] => [m, 10 + 0.05 * m]);
    const g = growthAfterFirstMinute(leak);
    expect(g?.growthPercent).toBeGreaterThanOrEqual(MAX_GROWTH_PERCENT);
    expect(g?.passed).toBe(false);
    expect(
      growthAfterFirstMinute([
        [1, 10],
        [2, 11],
      ])?.passed,
    ).toBe(false);
  });

  it('reports a swing that returns as no growth, with the slope showing the trend in between', () => {
    const g = growthAfterFirstMinute([
      [1, 10],
      [2, 14],
      [3, 10],
    ]);
    expect(g).toMatchObject({ growthPercent: 0, slopePerMinute: 0, passed: true });
  });

  it('has no verdict without a sample after the baseline', () => {
    expect(growthAfterFirstMinute([])).toBeUndefined();
    expect(
      growthAfterFirstMinute([
        [0, 8],
        [1, 10],
      ]),
    ).toBeUndefined();
  });
});
