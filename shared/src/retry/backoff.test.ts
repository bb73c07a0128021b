import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

const POLICY = { baseMs: 500, maxMs: 5000 };

describe('backoffDelay', () => {
  it('doubles the nominal delay per attempt up to the cap', () => {
    const nominal = (attempt: number) => backoffDelay(attempt, POLICY, () => 1);
    expect([0, 1, 2, 3, 4, 10, 10_000].map(nominal)).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('draws the wait from the upper half of the nominal delay', () => {
    expect(backoffDelay(1, POLICY, () => 0)).toBe(500);
    expect(backoffDelay(1, POLICY, () => 0.5)).toBe(750);
    expect(backoffDelay(1, POLICY, () => 0.999)).toBeLessThan(1000);
  });
});
