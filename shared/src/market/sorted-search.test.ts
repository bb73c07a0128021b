import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerBound } from './sorted-search.ts';

/** The obvious search, for the property to compare against: the first index not before `value`, scanning. */
function linear(sorted: readonly number[], value: number, descending: boolean): number {
  const before = (p: number) => (descending ? p > value : p < value);
  let i = 0;
  while (i < sorted.length && before(sorted[i] as number)) i++;
  return i;
}

describe('lowerBound', () => {
  it('finds a present price in ascending order, and where a missing one goes', () => {
    const prices = [100, 101, 103, 107];
    expect(lowerBound(prices, 100)).toBe(0);
    expect(lowerBound(prices, 103)).toBe(2);
    expect(lowerBound(prices, 102)).toBe(2);
    expect(lowerBound(prices, 99)).toBe(0);
    expect(lowerBound(prices, 108)).toBe(4);
  });

  it('does the same in descending order', () => {
    const prices = [107, 103, 101, 100];
    expect(lowerBound(prices, 107, true)).toBe(0);
    expect(lowerBound(prices, 101, true)).toBe(2);
    expect(lowerBound(prices, 102, true)).toBe(2);
    expect(lowerBound(prices, 108, true)).toBe(0);
    expect(lowerBound(prices, 99, true)).toBe(4);
  });

  it('answers 0 for an empty list', () => {
    expect(lowerBound([], 5)).toBe(0);
    expect(lowerBound([], 5, true)).toBe(0);
  });

  it('points at the first of equal prices', () => {
    expect(lowerBound([1, 2, 2, 2, 3], 2)).toBe(1);
    expect(lowerBound([3, 2, 2, 2, 1], 2, true)).toBe(1);
  });

  it('agrees with a linear scan for any sorted list, value and direction', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 60 }),
        fc.integer({ min: -1100, max: 1100 }),
        fc.boolean(),
        (values, value, descending) => {
          const sorted = [...values].sort((a, b) => (descending ? b - a : a - b));
          // Values drawn from the list itself too, so hits are as common as misses.
          for (const probe of [value, ...sorted.slice(0, 5)]) {
            expect(lowerBound(sorted, probe, descending)).toBe(linear(sorted, probe, descending));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps a list sorted when used to insert', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.boolean(), (values, descending) => {
        const sorted: number[] = [];
        for (const v of values) sorted.splice(lowerBound(sorted, v, descending), 0, v);
        expect(sorted).toEqual([...values].sort((a, b) => (descending ? b - a : a - b)));
      }),
    );
  });
});
