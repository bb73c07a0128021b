import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  const options = { baseMs: 100, maxMs: 5000 };

  it('grows exponentially up to the ceiling', () => {
    const top = () => 1;
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelay(a, options, top))).toEqual([
      100, 200, 400, 800, 1600, 3200, 5000, 5000,
    ]);
    expect(backoffDelay(10_000, options, top)).toBe(5000);
  });

  it('jitters uniformly below the ceiling, down to zero', () => {
    expect(backoffDelay(3, options, () => 0)).toBe(0);
    expect(backoffDelay(3, options, () => 0.5)).toBe(400);
  });
});
