import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('lets a burst through, then refuses with the wait until the cost fits', () => {
    const bucket = new TokenBucket({ rate: 10, burst: 3 }, 0);
    expect([bucket.take(1, 0), bucket.take(1, 0), bucket.take(1, 0)]).toEqual([0, 0, 0]);
    expect(bucket.take(1, 0)).toBe(100); // one token at 10/s
    expect(bucket.take(1, 99)).toBe(1);
    expect(bucket.take(1, 100)).toBe(0);
  });

  it('refills up to the burst and no further', () => {
    const bucket = new TokenBucket({ rate: 1000, burst: 5 }, 0);
    bucket.take(5, 0);
    expect(bucket.level(60_000)).toBe(5);
  });

  it('takes nothing when it refuses', () => {
    const bucket = new TokenBucket({ rate: 1, burst: 10 }, 0);
    bucket.take(8, 0);
    expect(bucket.take(5, 0)).toBeGreaterThan(0);
    expect(bucket.level(0)).toBe(2);
  });

  it('answers a cost above the burst with the wait for a full bucket, not forever', () => {
    const bucket = new TokenBucket({ rate: 100, burst: 10 }, 0);
    bucket.take(10, 0);
    expect(bucket.take(1000, 0)).toBe(100);
  });

  it('charges past empty, and the debt is repaid before anything passes', () => {
    const bucket = new TokenBucket({ rate: 10, burst: 10 }, 0);
    bucket.charge(30, 0);
    expect(bucket.level(0)).toBe(-20);
    expect(bucket.take(1, 2000)).toBe(100);
    expect(bucket.take(1, 2100)).toBe(0);
  });

  it('never lets more through than burst + rate × time (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 500 }), cost: fc.integer({ min: 1, max: 20 }) }), {
          maxLength: 200,
        }),
        (rate, burst, steps) => {
          const bucket = new TokenBucket({ rate, burst }, 0);
          let now = 0;
          let passed = 0;
          for (const { dt, cost } of steps) {
            now += dt;
            if (bucket.take(cost, now) === 0) passed += cost;
          }
          expect(passed).toBeLessThanOrEqual(burst + (rate * now) / 1000 + 1e-9);
        },
      ),
    );
  });
});
