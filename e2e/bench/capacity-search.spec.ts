// The capacity search, run against servers whose true limit is known: which rate is tried next, what counts as
// capacity, and that the reported capacity ends within the tolerance of the true limit.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextProbe, type Probe, type SearchPlan, searchOutcome } from './capacity-search.ts';

const LADDER = [500, 1000, 2000, 4000, 8000, 16_000, 32_000, 64_000];
const plan: SearchPlan = { ladder: LADDER, tolerance: 0.1, floor: 50 };

/** A server that passes below `limit` and still sustains (late, not lost) below `bends`. */
const server =
  (limit: number, bends = limit) =>
  (rate: number): Probe => ({ rate, passed: rate < limit, sustained: rate < bends });

/** Runs the whole search against `measure`; returns the probes in order. */
function search(measure: (rate: number) => Probe, p: SearchPlan = plan): Probe[] {
  const probes: Probe[] = [];
  for (let next = nextProbe(p, probes); next; next = nextProbe(p, probes)) {
    expect(probes.length).toBeLessThan(40); // the search always ends
    probes.push(measure(next.rate));
  }
  return probes;
}

describe('nextProbe', () => {
  it('climbs the ladder in order while every step is sustained', () => {
    expect(nextProbe(plan, [])).toEqual({ rate: 500, phase: 'capacity' });
    const probes = [server(3000)(500), server(3000)(1000)];
    expect(nextProbe(plan, probes)).toEqual({ rate: 2000, phase: 'capacity' });
  });

  it('keeps climbing past a failure that is still sustained, for the sustained figure', () => {
    const probes = [500, 1000, 2000].map(server(1500, 10_000));
    expect(nextProbe(plan, probes)).toEqual({ rate: 4000, phase: 'capacity' });
  });

  it('stops the ladder at its second failure even when that one is still sustained', () => {
    const probes = [500, 1000, 2000, 4000].map(server(1500, 1e9));
    expect(nextProbe(plan, probes)).toEqual({ rate: 1414, phase: 'refine' });
  });

  it('refines halfway (geometrically) between the last pass and the first failure once the ladder stops', () => {
    const probes = [500, 1000, 2000].map(server(1500));
    expect(nextProbe(plan, probes)).toEqual({ rate: 1414, phase: 'refine' });
  });

  it('halves below the first step when that fails, down to the floor', () => {
    expect(nextProbe(plan, [server(100)(500)])).toEqual({ rate: 250, phase: 'refine' });
    const probes = [500, 250, 125, 63].map(server(10));
    expect(nextProbe(plan, probes)).toBeUndefined(); // 31 is under the floor of 50
    expect(searchOutcome(plan, probes)).toMatchObject({ capacity: 0, firstFailure: 63, converged: false });
  });

  it('stops once the failure is within 10 % of the pass below it', () => {
    const probes = [server(1050)(1000), server(1050)(1090)];
    expect(nextProbe({ ...plan, ladder: [1000, 1090] }, probes)).toBeUndefined();
  });

  it('stops when nothing failed: capacity is then the top of the ladder, a lower bound', () => {
    const probes = LADDER.map(server(1e9));
    expect(nextProbe(plan, probes)).toBeUndefined();
    expect(searchOutcome(plan, probes)).toMatchObject({ capacity: 64_000, firstFailure: undefined, converged: false });
  });

  it('doubles past the top while every step passes, up to the ceiling, then refines as inside the ladder', () => {
    const open = { ...plan, ceiling: 256_000 };
    const probes = LADDER.map(server(100_000));
    expect(nextProbe(open, probes)).toEqual({ rate: 128_000, phase: 'capacity' });
    probes.push(server(100_000)(128_000));
    expect(nextProbe(open, probes)).toEqual({ rate: 90_510, phase: 'refine' });
  });

  it('does not go past the top once a step has failed, nor past the ceiling', () => {
    const open = { ...plan, ceiling: 256_000 };
    const noisy = [...LADDER.slice(0, -1).map(server(1e9)), { rate: 64_000, passed: false, sustained: true }];
    expect(nextProbe(open, noisy)).toEqual({ rate: 45_255, phase: 'refine' });
    const strong = [...LADDER, 128_000, 256_000].map(server(1e9));
    expect(nextProbe(open, strong)).toBeUndefined();
    expect(searchOutcome(open, strong)).toMatchObject({ capacity: 256_000, firstFailure: undefined });
  });
});

describe('searchOutcome', () => {
  it('takes as capacity the highest pass below the lowest failure, not a lucky pass above it', () => {
    const probes: Probe[] = [
      { rate: 1000, passed: true, sustained: true },
      { rate: 2000, passed: false, sustained: true },
      { rate: 4000, passed: true, sustained: true }, // noise
      { rate: 8000, passed: false, sustained: false },
    ];
    expect(searchOutcome(plan, probes)).toMatchObject({ capacity: 1000, firstFailure: 2000, sustainedCapacity: 4000 });
  });

  it('reports 0 when every rate tried failed', () => {
    expect(searchOutcome(plan, [500, 250].map(server(10)))).toMatchObject({ capacity: 0, firstFailure: 250 });
  });
});

describe('the whole search', () => {
  it('reports a capacity within 10 % of the true limit, below it, for any limit inside the ladder', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2 * plan.floor, max: 64_000 }), (limit) => {
        const probes = search(server(limit));
        const { capacity, firstFailure, converged } = searchOutcome(plan, probes);
        expect(capacity).toBeLessThan(limit);
        expect(firstFailure).toBeGreaterThanOrEqual(limit);
        // Converged, or the bracket is a few updates/s wide and rounding left nothing between its ends.
        if (converged) expect(capacity).toBeGreaterThanOrEqual(limit / 1.1);
        else expect(firstFailure! - capacity).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('finds a limit above the top of the ladder as closely as one inside it, when under the ceiling', () => {
    const open = { ...plan, ceiling: 512_000 };
    fc.assert(
      fc.property(fc.integer({ min: 64_001, max: 512_000 }), (limit) => {
        const { capacity, firstFailure, converged } = searchOutcome(open, search(server(limit), open));
        expect(converged).toBe(true);
        expect(capacity).toBeLessThan(limit);
        expect(capacity).toBeGreaterThanOrEqual(limit / 1.1);
        expect(firstFailure).toBeGreaterThanOrEqual(limit);
      }),
    );
  });

  it('costs three refinements after a doubling ladder (2 -> 1.41 -> 1.19 -> 1.09)', () => {
    const probes = search(server(5000));
    expect(probes.map((p) => p.rate)).toEqual([500, 1000, 2000, 4000, 8000, 5657, 4757, 5188]);
    expect(searchOutcome(plan, probes)).toMatchObject({ capacity: 4757, firstFailure: 5188, converged: true });
  });
});
